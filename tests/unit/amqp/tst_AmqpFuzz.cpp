#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"
#include "core/amqp/AmqpMessage.h"
#include "tests/unit/amqp/AmqpTestUtil.h"

#include <QTest>

using namespace busbar;
using busbar::test::RandomAmqpValues;
using busbar::test::sameAmqpValue;

namespace {

// Structure-aware damage: flips, inserted and deleted bytes, truncation, and splices of
// two encodings, which keep enough shape to get deep into the decoder.
QByteArray mutate(QRandomGenerator& rng, QByteArray bytes, const QByteArray& other) {
    const int edits = rng.bounded(1, 5);
    for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
        const int at = rng.bounded(int(bytes.size()));
        switch (rng.bounded(6)) {
        case 0:
            bytes[at] = char(bytes[at] ^ (1 << rng.bounded(8)));
            break;
        case 1:
            bytes[at] = char(rng.bounded(256));
            break;
        case 2:
            bytes.insert(at, char(rng.bounded(256)));
            break;
        case 3:
            bytes.remove(at, 1 + rng.bounded(4));
            break;
        case 4:
            bytes.truncate(at);
            break;
        default:
            if (!other.isEmpty())
                bytes = bytes.left(at) + other.mid(rng.bounded(int(other.size())));
            break;
        }
    }
    return bytes;
}

} // namespace

// A bounded, seeded fuzz smoke run of the decoders: the input shapes a peer could send, far
// more of them than the unit tests try. A crash, a hang or an ASan report here is a bug.
class tst_AmqpFuzz : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valueDecoder();
    void messageDecoder();
};

void tst_AmqpFuzz::valueDecoder() {
    RandomAmqpValues random(1);
    QRandomGenerator& rng = random.rng();
    QByteArray previous;
    int accepted = 0;
    for (int i = 0; i < 200000; ++i) {
        const QByteArray valid = AmqpEncoder::encode(random.value()).value_or(QByteArray());
        QVERIFY(!valid.isEmpty());
        const QByteArray input = mutate(rng, valid, previous);
        previous = valid;

        auto decoded = AmqpDecoder::decode(input);
        AmqpDecoder skipper(input);
        const bool skipped = skipper.skipValue().has_value() && skipper.atEnd();
        QCOMPARE(skipped, decoded.has_value());
        if (!decoded)
            continue;
        ++accepted;
        auto again = AmqpEncoder::encode(*decoded);
        QVERIFY(again.has_value());
        auto twice = AmqpDecoder::decode(*again);
        QVERIFY(twice.has_value());
        QVERIFY(sameAmqpValue(*twice, *decoded));
    }
    QVERIFY(accepted > 0);
}

void tst_AmqpFuzz::messageDecoder() {
    RandomAmqpValues random(2);
    QRandomGenerator& rng = random.rng();
    QByteArray previous;
    for (int i = 0; i < 50000; ++i) {
        AmqpMessage m;
        m.header.durable = rng.bounded(2) == 1;
        m.setAnnotation("x-opt-sequence-number", qint64(i));
        m.setAnnotation("x-opt-random", random.value(1));
        m.properties.messageId = QStringLiteral("m%1").arg(i);
        m.properties.groupId = QStringLiteral("g");
        m.setApplicationProperty(QStringLiteral("p"), random.value(2));
        if (rng.bounded(3) == 0) {
            // A batch envelope: data sections that each hold a message.
            AmqpMessage inner;
            inner.setDataBody(QByteArray(rng.bounded(50), 'x'));
            AmqpMessage wrapper;
            wrapper.setDataBody(inner.encode());
            m.bodyKind = AmqpMessage::BodyKind::Data;
            m.bodyBytes = wrapper.bodyBytes + wrapper.bodyBytes;
        } else {
            m.setValueBody(random.value());
        }
        const QByteArray valid = m.encode(true);
        const QByteArray input = mutate(rng, valid, previous);
        previous = valid;

        auto decoded = AmqpMessage::decode(input);
        if (decoded)
            QVERIFY(AmqpMessage::decode(decoded->encode()).has_value());
        if (AmqpMessage::looksLikeBatch(input)) {
            auto batch = AmqpMessage::decodeBatch(input);
            if (batch) {
                for (const AmqpMessage& inner : *batch)
                    QVERIFY(AmqpMessage::decode(inner.encode()).has_value());
            }
        }
    }
}

QTEST_GUILESS_MAIN(tst_AmqpFuzz)
#include "tst_AmqpFuzz.moc"
