#include "core/amqp/PnDataCodec.h"
#include "tests/unit/amqp/AmqpTestUtil.h"

#include <QTest>
#include <QUuid>

#include <proton/codec.h>

#include <cstring>

using namespace busbar;
using busbar::test::errorOf;
using busbar::test::sameAmqpValue;
using busbar::test::sym;

namespace {

// Owns a pn_data_t for the length of a test.
struct PnData {
    pn_data_t* data = pn_data(16);
    PnData() = default;
    PnData(const PnData&) = delete;
    PnData& operator=(const PnData&) = delete;
    ~PnData() { pn_data_free(data); }
};

pn_bytes_t pnBytes(const char* text) {
    return pn_bytes(std::strlen(text), text);
}

} // namespace

class tst_PnDataCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsWhatProtonPut();
    void writesWhatProtonReads();
    void roundTripsThroughProton();
    void emptyAndNull();
    void readMapRejectsOtherTypes();
    void readAllReadsEveryTopLevelValue();
};

// A session-filter map as Proton builds it for a source.
void tst_PnDataCodec::readsWhatProtonPut() {
    PnData d;
    pn_data_put_map(d.data);
    pn_data_enter(d.data);
    pn_data_put_symbol(d.data, pnBytes("com.microsoft:session-filter"));
    pn_data_put_string(d.data, pnBytes("session-1"));
    pn_data_put_symbol(d.data, pnBytes("com.microsoft:locked-until-utc"));
    pn_data_put_long(d.data, 638396640000000000LL);
    pn_data_put_symbol(d.data, pnBytes("described"));
    pn_data_put_described(d.data);
    pn_data_enter(d.data);
    pn_data_put_symbol(d.data, pnBytes("apache.org:selector-filter:string"));
    pn_data_put_string(d.data, pnBytes("color = 'red'"));
    pn_data_exit(d.data);
    pn_data_exit(d.data);

    auto map = PnDataCodec::readMap(d.data);
    QVERIFY2(map.has_value(), errorOf(map).constData());
    QCOMPARE(map->entries.size(), 3);
    QVERIFY(sameAmqpValue(map->entries.at(0).first, sym("com.microsoft:session-filter")));
    QVERIFY(sameAmqpValue(map->entries.at(0).second, QStringLiteral("session-1")));
    QVERIFY(sameAmqpValue(map->entries.at(1).second, qint64(638396640000000000LL)));
    QVERIFY(sameAmqpValue(map->entries.at(2).second, QVariant::fromValue(AmqpDescribed{
                                                         sym("apache.org:selector-filter:string"),
                                                         QStringLiteral("color = 'red'")})));
}

void tst_PnDataCodec::writesWhatProtonReads() {
    PnData d;
    pn_data_put_int(d.data, 99); // replaced, not appended to
    const AmqpMap map{{{sym("com.microsoft:timeout"), QVariant::fromValue(quint32(60000))}}};
    QVERIFY(PnDataCodec::write(d.data, QVariant::fromValue(map)).has_value());

    pn_data_rewind(d.data);
    QVERIFY(pn_data_next(d.data));
    QCOMPARE(pn_data_type(d.data), PN_MAP);
    QCOMPARE(pn_data_get_map(d.data), size_t(2));
    pn_data_enter(d.data);
    QVERIFY(pn_data_next(d.data));
    QCOMPARE(pn_data_type(d.data), PN_SYMBOL);
    const pn_bytes_t key = pn_data_get_symbol(d.data);
    QCOMPARE(QByteArray(key.start, qsizetype(key.size)), QByteArray("com.microsoft:timeout"));
    QVERIFY(pn_data_next(d.data));
    QCOMPARE(pn_data_type(d.data), PN_UINT);
    QCOMPARE(pn_data_get_uint(d.data), 60000u);
    pn_data_exit(d.data);
    QVERIFY(!pn_data_next(d.data));
}

void tst_PnDataCodec::roundTripsThroughProton() {
    const QVariant value = QVariantList{
        QUuid::createUuid(),
        QVariant::fromValue(AmqpDecimal{64, QByteArray(8, '\x01')}),
        QVariant::fromValue(AmqpArray{QMetaType::Int, {qint32(1), qint32(2)}}),
        QVariant::fromValue(AmqpChar{U'\u00e9'}),
        QDateTime::fromMSecsSinceEpoch(1704067200000, Qt::UTC),
        QVariant::fromValue(quint8(1)),
        QByteArray(300, 'b'),
    };
    PnData d;
    QVERIFY(PnDataCodec::write(d.data, value).has_value());
    auto back = PnDataCodec::read(d.data);
    QVERIFY2(back.has_value(), errorOf(back).constData());
    QVERIFY(sameAmqpValue(*back, value));
}

void tst_PnDataCodec::emptyAndNull() {
    PnData d;
    auto empty = PnDataCodec::read(d.data);
    QVERIFY(empty.has_value());
    QVERIFY(!empty->isValid());
    auto emptyMap = PnDataCodec::readMap(d.data);
    QVERIFY(emptyMap.has_value());
    QVERIFY(emptyMap->entries.isEmpty());
    QVERIFY(PnDataCodec::readAll(nullptr)->isEmpty());

    pn_data_put_int(d.data, 1);
    QVERIFY(PnDataCodec::write(d.data, QVariant()).has_value());
    QCOMPARE(pn_data_size(d.data), size_t(0));
    QVERIFY(!PnDataCodec::write(nullptr, QVariant()).has_value());
    // Unsupported types never reach Proton.
    QVERIFY(!PnDataCodec::write(d.data, QVariant::fromValue(QTime(1, 0))).has_value());
}

void tst_PnDataCodec::readMapRejectsOtherTypes() {
    PnData d;
    pn_data_put_list(d.data);
    auto map = PnDataCodec::readMap(d.data);
    QVERIFY(!map.has_value());
    QCOMPARE(map.error().code, ErrorCode::Protocol);
}

void tst_PnDataCodec::readAllReadsEveryTopLevelValue() {
    PnData d;
    pn_data_put_int(d.data, 1);
    pn_data_put_string(d.data, pnBytes("two"));
    auto all = PnDataCodec::readAll(d.data);
    QVERIFY(all.has_value());
    QCOMPARE(all->size(), 2);
    QVERIFY(sameAmqpValue(all->at(0), qint32(1)));
    QVERIFY(sameAmqpValue(all->at(1), QStringLiteral("two")));
}

QTEST_GUILESS_MAIN(tst_PnDataCodec)
#include "tst_PnDataCodec.moc"
