#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"
#include "tests/unit/amqp/AmqpTestUtil.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>
#include <QTime>
#include <QUuid>

#include <proton/codec.h>

#include <cstring>
#include <limits>

using namespace busbar;
using busbar::test::errorOf;
using busbar::test::hex;
using busbar::test::sameAmqpValue;
using busbar::test::sym;

namespace {

QVariant described(const QVariant& descriptor, const QVariant& value) {
    return QVariant::fromValue(AmqpDescribed{descriptor, value});
}

QVariant array(int type, const QVariantList& elements) {
    return QVariant::fromValue(AmqpArray{type, elements});
}

QVariant amqpMap(const QList<QPair<QVariant, QVariant>>& entries) {
    return QVariant::fromValue(AmqpMap{entries});
}

QByteArray repeated(char c, int n) {
    return QByteArray(n, c);
}

// A value with every compound kind nested, used by the truncation and mutation tests.
QVariant nestedSample() {
    return QVariantList{
        amqpMap({{QStringLiteral("k"), array(QMetaType::LongLong, {qint64(1), qint64(-1)})},
                 {sym("s"), QVariantList{QVariant(), true, quint32(300)}},
                 {quint64(7), QString(300, QLatin1Char('z'))}}),
        described(quint64(0x70), QVariantList{QVariant(), quint8(9)}),
        QUuid::createUuidV5(QUuid(), QStringLiteral("x")),
        QDateTime::fromMSecsSinceEpoch(1704067200000, Qt::UTC),
        array(qMetaTypeId<AmqpSymbol>(), {sym("a"), sym("bc")}),
        QByteArray(70, 'b'),
        QVariant::fromValue(AmqpChar{U'\U0001F600'}),
    };
}

// Proton-C is the reference decoder: it must accept our encoding whole, and what it
// re-encodes (in its own choice of forms) must decode back to the same value.
QByteArray throughProton(const QByteArray& bytes) {
    pn_data_t* data = pn_data(16);
    const ssize_t used = pn_data_decode(data, bytes.constData(), size_t(bytes.size()));
    QByteArray out;
    if (used == ssize_t(bytes.size())) {
        out.resize(qsizetype(pn_data_encoded_size(data)));
        if (pn_data_encode(data, out.data(), size_t(out.size())) != ssize_t(out.size()))
            out.clear();
    }
    pn_data_free(data);
    return out;
}

bool hasDescribedInDescribed(const QVariant& v) {
    const int type = v.typeId();
    if (type == qMetaTypeId<AmqpDescribed>()) {
        const auto d = v.value<AmqpDescribed>();
        return d.value.typeId() == qMetaTypeId<AmqpDescribed>() ||
               d.descriptor.typeId() == qMetaTypeId<AmqpDescribed>() ||
               hasDescribedInDescribed(d.value);
    }
    if (type == QMetaType::QVariantList) {
        const QVariantList list = v.toList();
        return std::any_of(list.begin(), list.end(), hasDescribedInDescribed);
    }
    if (type == qMetaTypeId<AmqpMap>()) {
        for (const auto& [key, value] : v.value<AmqpMap>().entries)
            if (hasDescribedInDescribed(key) || hasDescribedInDescribed(value))
                return true;
        return false;
    }
    if (type == qMetaTypeId<AmqpArray>()) {
        const QVariantList elements = v.value<AmqpArray>().elements;
        return std::any_of(elements.begin(), elements.end(), hasDescribedInDescribed);
    }
    return false;
}

pn_bytes_t pnBytes(const char* text) {
    return pn_bytes(std::strlen(text), text);
}

} // namespace

class tst_AmqpCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void protonEncodingsDecode();
    void protonAcceptsNestedSample();
    void randomValuesRoundTrip();
    void decodesNonCompactForms_data();
    void decodesNonCompactForms();
    void variantMapEncodesStringKeys();
    void stringListEncodesAsList();
    void arraysOfCompoundsRoundTrip();
    void unsupportedTypeIsAnError();
    void badDecimalIsAnError();
    void mixedArrayIsAnError();
    void conveniences();
    void malformedInput_data();
    void malformedInput();
    void everyTruncationFails();
    void deepNestingIsRejected();
    void trailingBytesRejectedByDecode();
    void readDescriptorAndSkip();
    void randomGarbageNeverCrashes();
    void mutatedEncodingsNeverCrash();
    void metaTypesRegisteredByName();
};

void tst_AmqpCodec::roundTrip_data() {
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("null") << QVariant() << hex("40");
    QTest::newRow("true") << QVariant(true) << hex("41");
    QTest::newRow("false") << QVariant(false) << hex("42");
    QTest::newRow("ubyte 0") << QVariant::fromValue(quint8(0)) << hex("50 00");
    QTest::newRow("ubyte max") << QVariant::fromValue(quint8(255)) << hex("50 ff");
    QTest::newRow("ushort 0") << QVariant::fromValue(quint16(0)) << hex("60 0000");
    QTest::newRow("ushort max") << QVariant::fromValue(quint16(65535)) << hex("60 ffff");
    QTest::newRow("uint0") << QVariant::fromValue(quint32(0)) << hex("43");
    QTest::newRow("smalluint 1") << QVariant::fromValue(quint32(1)) << hex("52 01");
    QTest::newRow("smalluint 255") << QVariant::fromValue(quint32(255)) << hex("52 ff");
    QTest::newRow("uint 256") << QVariant::fromValue(quint32(256)) << hex("70 00000100");
    QTest::newRow("uint max") << QVariant::fromValue(std::numeric_limits<quint32>::max())
                              << hex("70 ffffffff");
    QTest::newRow("ulong0") << QVariant::fromValue(quint64(0)) << hex("44");
    QTest::newRow("smallulong 255") << QVariant::fromValue(quint64(255)) << hex("53 ff");
    QTest::newRow("ulong 256") << QVariant::fromValue(quint64(256)) << hex("80 0000000000000100");
    QTest::newRow("ulong max") << QVariant::fromValue(std::numeric_limits<quint64>::max())
                               << hex("80 ffffffffffffffff");
    QTest::newRow("byte min") << QVariant::fromValue(qint8(-128)) << hex("51 80");
    QTest::newRow("byte max") << QVariant::fromValue(qint8(127)) << hex("51 7f");
    QTest::newRow("short min") << QVariant::fromValue(qint16(-32768)) << hex("61 8000");
    QTest::newRow("short -2") << QVariant::fromValue(qint16(-2)) << hex("61 fffe");
    QTest::newRow("smallint 0") << QVariant::fromValue(qint32(0)) << hex("54 00");
    QTest::newRow("smallint -1") << QVariant::fromValue(qint32(-1)) << hex("54 ff");
    QTest::newRow("smallint -128") << QVariant::fromValue(qint32(-128)) << hex("54 80");
    QTest::newRow("smallint 127") << QVariant::fromValue(qint32(127)) << hex("54 7f");
    QTest::newRow("int 128") << QVariant::fromValue(qint32(128)) << hex("71 00000080");
    QTest::newRow("int -129") << QVariant::fromValue(qint32(-129)) << hex("71 ffffff7f");
    QTest::newRow("int min") << QVariant::fromValue(std::numeric_limits<qint32>::min())
                             << hex("71 80000000");
    QTest::newRow("int max") << QVariant::fromValue(std::numeric_limits<qint32>::max())
                             << hex("71 7fffffff");
    QTest::newRow("smalllong 0") << QVariant::fromValue(qint64(0)) << hex("55 00");
    QTest::newRow("smalllong -1") << QVariant::fromValue(qint64(-1)) << hex("55 ff");
    QTest::newRow("long 128") << QVariant::fromValue(qint64(128)) << hex("81 0000000000000080");
    QTest::newRow("long min") << QVariant::fromValue(std::numeric_limits<qint64>::min())
                              << hex("81 8000000000000000");
    QTest::newRow("long max") << QVariant::fromValue(std::numeric_limits<qint64>::max())
                              << hex("81 7fffffffffffffff");
    QTest::newRow("float 1.5") << QVariant::fromValue(1.5f) << hex("72 3fc00000");
    QTest::newRow("float -0") << QVariant::fromValue(-0.0f) << hex("72 80000000");
    QTest::newRow("double 1.5") << QVariant::fromValue(1.5) << hex("82 3ff8000000000000");
    QTest::newRow("double -inf") << QVariant::fromValue(-std::numeric_limits<double>::infinity())
                                 << hex("82 fff0000000000000");
    QTest::newRow("double nan") << QVariant::fromValue(std::numeric_limits<double>::quiet_NaN())
                                << hex("82 7ff8000000000000");
    QTest::newRow("char a") << QVariant::fromValue(AmqpChar{U'a'}) << hex("73 00000061");
    QTest::newRow("char emoji") << QVariant::fromValue(AmqpChar{U'\U0001F600'})
                                << hex("73 0001f600");
    QTest::newRow("decimal32") << QVariant::fromValue(AmqpDecimal{32, hex("01020304")})
                               << hex("74 01020304");
    QTest::newRow("decimal64") << QVariant::fromValue(AmqpDecimal{64, hex("0102030405060708")})
                               << hex("84 0102030405060708");
    QTest::newRow("decimal128") << QVariant::fromValue(
                                       AmqpDecimal{128, hex("000102030405060708090a0b0c0d0e0f")})
                                << hex("94 000102030405060708090a0b0c0d0e0f");
    QTest::newRow("timestamp epoch")
        << QVariant(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)) << hex("83 0000000000000000");
    QTest::newRow("timestamp 2024")
        << QVariant(QDateTime::fromMSecsSinceEpoch(1704067200000, Qt::UTC))
        << hex("83 0000018cc251f400");
    QTest::newRow("timestamp before epoch")
        << QVariant(QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC)) << hex("83 ffffffffffffffff");
    QTest::newRow("uuid") << QVariant(QUuid(QStringLiteral("01020304-0506-0708-090a-0b0c0d0e0f10")))
                          << hex("98 0102030405060708090a0b0c0d0e0f10");
    QTest::newRow("binary empty") << QVariant(QByteArray("")) << hex("a0 00");
    QTest::newRow("binary 255") << QVariant(repeated('b', 255))
                                << hex("a0 ff") + repeated('b', 255);
    QTest::newRow("binary 256") << QVariant(repeated('b', 256))
                                << hex("b0 00000100") + repeated('b', 256);
    QTest::newRow("string empty") << QVariant(QStringLiteral("")) << hex("a1 00");
    QTest::newRow("string abc") << QVariant(QStringLiteral("abc")) << hex("a1 03 616263");
    QTest::newRow("string utf8") << QVariant(QStringLiteral("\u00e9")) << hex("a1 02 c3a9");
    QTest::newRow("string 300") << QVariant(QString(300, QLatin1Char('x')))
                                << hex("b1 0000012c") + repeated('x', 300);
    QTest::newRow("string 255 bytes of utf8")
        << QVariant(QString(127, QChar(0x00e9)) + QLatin1Char('x'))
        << hex("a1 ff") + QString(127, QChar(0x00e9)).toUtf8() + "x";
    QTest::newRow("symbol") << sym("x-opt-sequence-number")
                            << hex("a3 15") + QByteArray("x-opt-sequence-number");
    QTest::newRow("symbol 256") << QVariant::fromValue(AmqpSymbol{repeated('s', 256)})
                                << hex("b3 00000100") + repeated('s', 256);
    QTest::newRow("list0") << QVariant(QVariantList{}) << hex("45");
    QTest::newRow("list8") << QVariant(QVariantList{quint32(1), QStringLiteral("a")})
                           << hex("c0 06 02 52 01 a1 01 61");
    QTest::newRow("list32 by count") << QVariant(QVariantList(256, QVariant()))
                                     << hex("d0 00000104 00000100") + repeated('\x40', 256);
    QTest::newRow("list32 by size") << QVariant(QVariantList{repeated('b', 300)})
                                    << hex("d0 00000135 00000001 b0 0000012c") + repeated('b', 300);
    QTest::newRow("map empty") << amqpMap({}) << hex("c1 01 00");
    QTest::newRow("map8") << amqpMap({{sym("a"), qint32(1)}}) << hex("c1 06 02 a3 01 61 54 01");
    QTest::newRow("map typed keys")
        << amqpMap({{quint64(1), QVariant()}, {QStringLiteral("s"), sym("v")}})
        << hex("c1 0a 04 53 01 40 a1 01 73 a3 01 76");
    QTest::newRow("map32") << amqpMap({{QStringLiteral("k"), repeated('b', 300)}})
                           << hex("d1 00000138 00000002 a1 01 6b b0 0000012c") + repeated('b', 300);
    QTest::newRow("array int") << array(QMetaType::Int, {qint32(1), qint32(2)})
                               << hex("e0 0a 02 71 00000001 00000002");
    QTest::newRow("array empty uint") << array(QMetaType::UInt, {}) << hex("e0 02 00 70");
    QTest::newRow("array symbols") << array(qMetaTypeId<AmqpSymbol>(), {sym("a"), sym("bc")})
                                   << hex("e0 07 02 a3 01 61 02 62 63");
    QTest::newRow("array bool") << array(QMetaType::Bool, {true, false})
                                << hex("e0 04 02 56 01 00");
    QTest::newRow("array of lists")
        << array(QMetaType::QVariantList, {QVariantList{quint32(1)}, QVariantList{}})
        << hex("e0 14 02 d0 00000006 00000001 5201 00000004 00000000");
    QTest::newRow("array described")
        << array(qMetaTypeId<AmqpDescribed>(), {described(sym("x"), QStringLiteral("a")),
                                                described(sym("x"), QStringLiteral("b"))})
        << hex("e0 0a 02 00 a3 01 78 a1 01 61 01 62");
    QTest::newRow("array32 ubytes")
        << array(QMetaType::UChar, QVariantList(300, QVariant::fromValue(quint8(0x11))))
        << hex("f0 00000131 0000012c 50") + repeated('\x11', 300);
    QTest::newRow("array long strings")
        << array(QMetaType::QString, {QString(300, QLatin1Char('q'))})
        << hex("f0 00000135 00000001 b1 0000012c") + repeated('q', 300);
    QTest::newRow("described ulong")
        << described(quint64(0x70), QVariantList{}) << hex("00 53 70 45");
    QTest::newRow("described symbol")
        << described(sym("amqp:header:list"), QVariantList{true})
        << hex("00 a3 10") + QByteArray("amqp:header:list") + hex("c0 02 01 41");
    QTest::newRow("nested")
        << QVariant(QVariantList{amqpMap({{QStringLiteral("k"),
                                           array(QMetaType::LongLong, {qint64(1), qint64(-1)})}}),
                                 described(quint64(1), QVariantList{QVariant()})})
        << hex("c0 22 02 c1 18 02 a1 01 6b e0 12 02 81 0000000000000001 ffffffffffffffff"
               " 00 53 01 c0 02 01 40");
}

void tst_AmqpCodec::roundTrip() {
    QFETCH(QVariant, value);
    QFETCH(QByteArray, encoded);

    auto bytes = AmqpEncoder::encode(value);
    QVERIFY2(bytes.has_value(), errorOf(bytes).constData());
    QCOMPARE(bytes->toHex(' '), encoded.toHex(' '));

    auto decoded = AmqpDecoder::decode(*bytes);
    QVERIFY2(decoded.has_value(), errorOf(decoded).constData());
    QVERIFY2(sameAmqpValue(*decoded, value),
             qPrintable(QStringLiteral("decoded as %1").arg(QLatin1String(decoded->typeName()))));

    AmqpDecoder skipper(*bytes);
    QVERIFY(skipper.skipValue().has_value());
    QVERIFY(skipper.atEnd());

    const QByteArray viaProton = throughProton(*bytes);
    QVERIFY2(!viaProton.isEmpty(), "Proton-C rejected the encoding");
    auto again = AmqpDecoder::decode(viaProton);
    QVERIFY2(again.has_value(), errorOf(again).constData());
    QVERIFY(sameAmqpValue(*again, value));
}

// Every type as Proton-C writes it, in one list, decoded by us.
void tst_AmqpCodec::protonEncodingsDecode() {
    pn_data_t* data = pn_data(64);
    pn_data_put_list(data);
    pn_data_enter(data);
    pn_data_put_null(data);
    pn_data_put_bool(data, true);
    pn_data_put_bool(data, false);
    pn_data_put_ubyte(data, 200);
    pn_data_put_byte(data, -100);
    pn_data_put_ushort(data, 60000);
    pn_data_put_short(data, -30000);
    pn_data_put_uint(data, 0);
    pn_data_put_uint(data, 7);
    pn_data_put_uint(data, 4000000000U);
    pn_data_put_int(data, -5);
    pn_data_put_int(data, -2000000000);
    pn_data_put_char(data, 0x1F600);
    pn_data_put_ulong(data, 0);
    pn_data_put_ulong(data, 9);
    pn_data_put_ulong(data, 1ULL << 60);
    pn_data_put_long(data, -7);
    pn_data_put_long(data, -(1LL << 60));
    pn_data_put_timestamp(data, 1704067200000);
    pn_data_put_float(data, 0.25f);
    pn_data_put_double(data, -1e300);
    pn_data_put_decimal32(data, 0x01020304);
    pn_data_put_decimal64(data, 0x0102030405060708ULL);
    pn_decimal128_t d128;
    for (int i = 0; i < 16; ++i)
        d128.bytes[i] = char(i);
    pn_data_put_decimal128(data, d128);
    pn_uuid_t uuid;
    for (int i = 0; i < 16; ++i)
        uuid.bytes[i] = char(i + 1);
    pn_data_put_uuid(data, uuid);
    pn_data_put_binary(data, pn_bytes(3, "\x00\x01\x02"));
    pn_data_put_string(data, pnBytes("h\xc3\xa9llo"));
    pn_data_put_symbol(data, pnBytes("x-opt-sym"));
    const std::string longText(400, 'L');
    pn_data_put_string(data, pn_bytes(longText.size(), longText.data()));
    pn_data_put_map(data);
    pn_data_enter(data);
    pn_data_put_symbol(data, pnBytes("k"));
    pn_data_put_int(data, 1);
    pn_data_put_string(data, pnBytes("s"));
    pn_data_put_list(data);
    pn_data_exit(data);
    pn_data_put_array(data, false, PN_INT);
    pn_data_enter(data);
    pn_data_put_int(data, 1);
    pn_data_put_int(data, 2);
    pn_data_exit(data);
    pn_data_put_array(data, true, PN_STRING);
    pn_data_enter(data);
    pn_data_put_symbol(data, pnBytes("desc"));
    pn_data_put_string(data, pnBytes("a"));
    pn_data_exit(data);
    pn_data_put_described(data);
    pn_data_enter(data);
    pn_data_put_ulong(data, 0x70);
    pn_data_put_list(data);
    pn_data_exit(data);
    pn_data_exit(data);

    QByteArray bytes(qsizetype(pn_data_encoded_size(data)), '\0');
    QCOMPARE(pn_data_encode(data, bytes.data(), size_t(bytes.size())), ssize_t(bytes.size()));
    pn_data_free(data);

    const QVariantList expected{
        QVariant(),
        true,
        false,
        QVariant::fromValue(quint8(200)),
        QVariant::fromValue(qint8(-100)),
        QVariant::fromValue(quint16(60000)),
        QVariant::fromValue(qint16(-30000)),
        QVariant::fromValue(quint32(0)),
        QVariant::fromValue(quint32(7)),
        QVariant::fromValue(quint32(4000000000U)),
        QVariant::fromValue(qint32(-5)),
        QVariant::fromValue(qint32(-2000000000)),
        QVariant::fromValue(AmqpChar{U'\U0001F600'}),
        QVariant::fromValue(quint64(0)),
        QVariant::fromValue(quint64(9)),
        QVariant::fromValue(quint64(1ULL << 60)),
        QVariant::fromValue(qint64(-7)),
        QVariant::fromValue(qint64(-(1LL << 60))),
        QDateTime::fromMSecsSinceEpoch(1704067200000, Qt::UTC),
        QVariant::fromValue(0.25f),
        QVariant::fromValue(-1e300),
        QVariant::fromValue(AmqpDecimal{32, hex("01020304")}),
        QVariant::fromValue(AmqpDecimal{64, hex("0102030405060708")}),
        QVariant::fromValue(AmqpDecimal{128, hex("000102030405060708090a0b0c0d0e0f")}),
        QUuid(QStringLiteral("01020304-0506-0708-090a-0b0c0d0e0f10")),
        QByteArray("\x00\x01\x02", 3),
        QStringLiteral("h\u00e9llo"),
        sym("x-opt-sym"),
        QString(400, QLatin1Char('L')),
        amqpMap({{sym("k"), qint32(1)}, {QStringLiteral("s"), QVariantList{}}}),
        array(QMetaType::Int, {qint32(1), qint32(2)}),
        array(qMetaTypeId<AmqpDescribed>(), {described(sym("desc"), QStringLiteral("a"))}),
        described(quint64(0x70), QVariantList{}),
    };
    auto decoded = AmqpDecoder::decode(bytes);
    QVERIFY2(decoded.has_value(), errorOf(decoded).constData());
    const QVariantList list = decoded->toList();
    QCOMPARE(list.size(), expected.size());
    for (qsizetype i = 0; i < list.size(); ++i)
        QVERIFY2(sameAmqpValue(list.at(i), expected.at(i)), qPrintable(QString::number(i)));
}

void tst_AmqpCodec::protonAcceptsNestedSample() {
    auto bytes = AmqpEncoder::encode(nestedSample());
    QVERIFY(bytes.has_value());
    const QByteArray viaProton = throughProton(*bytes);
    QVERIFY(!viaProton.isEmpty());
    auto decoded = AmqpDecoder::decode(viaProton);
    QVERIFY2(decoded.has_value(), errorOf(decoded).constData());
    QVERIFY(sameAmqpValue(*decoded, nestedSample()));
}

// Property check over seeded random value trees: decode(encode(v)) == v, the encoding is
// stable, the validating skip agrees, and Proton-C accepts it and means the same value.
void tst_AmqpCodec::randomValuesRoundTrip() {
    busbar::test::RandomAmqpValues random(20261129);
    int protonChecked = 0;
    for (int i = 0; i < 3000; ++i) {
        const QVariant value = random.value();
        const QByteArray tag = QByteArray::number(i);
        auto bytes = AmqpEncoder::encode(value);
        QVERIFY2(bytes.has_value(), QByteArray(tag + ' ' + errorOf(bytes)).constData());
        auto decoded = AmqpDecoder::decode(*bytes);
        QVERIFY2(decoded.has_value(), QByteArray(tag + ' ' + errorOf(decoded)).constData());
        QVERIFY2(sameAmqpValue(*decoded, value), tag.constData());
        QCOMPARE(AmqpEncoder::encode(*decoded).value_or(QByteArray()), *bytes);
        AmqpDecoder skipper(*bytes);
        QVERIFY2(skipper.skipValue().has_value() && skipper.atEnd(), tag.constData());
        // Proton-C 0.37 does not survive a described value whose value is itself described
        // (its re-encoding puts the next sibling inside it); leave those to our own checks.
        if (hasDescribedInDescribed(value))
            continue;
        ++protonChecked;
        const QByteArray viaProton = throughProton(*bytes);
        QVERIFY2(!viaProton.isEmpty(), tag.constData());
        auto proton = AmqpDecoder::decode(viaProton);
        QVERIFY2(proton.has_value() && sameAmqpValue(*proton, value), tag.constData());
    }
    QVERIFY(protonChecked > 2500);
}

void tst_AmqpCodec::decodesNonCompactForms_data() {
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QVariant>("expected");

    QTest::newRow("uint wide zero") << hex("70 00000000") << QVariant::fromValue(quint32(0));
    QTest::newRow("ulong wide one")
        << hex("80 0000000000000001") << QVariant::fromValue(quint64(1));
    QTest::newRow("int wide") << hex("71 ffffffff") << QVariant::fromValue(qint32(-1));
    QTest::newRow("long wide") << hex("81 0000000000000005") << QVariant::fromValue(qint64(5));
    QTest::newRow("boolean byte true") << hex("56 01") << QVariant(true);
    QTest::newRow("boolean byte false") << hex("56 00") << QVariant(false);
    QTest::newRow("str32") << hex("b1 00000003 616263") << QVariant(QStringLiteral("abc"));
    QTest::newRow("vbin32 empty") << hex("b0 00000000") << QVariant(QByteArray(""));
    QTest::newRow("sym32") << hex("b3 00000001 61") << sym("a");
    QTest::newRow("list32 empty") << hex("d0 00000004 00000000") << QVariant(QVariantList{});
    QTest::newRow("list8 empty") << hex("c0 01 00") << QVariant(QVariantList{});
    QTest::newRow("map32") << hex("d1 00000008 00000002 a1 01 61 40")
                           << amqpMap({{QStringLiteral("a"), QVariant()}});
    QTest::newRow("array32 null") << hex("f0 00000005 00000003 40")
                                  << array(QMetaType::UnknownType,
                                           {QVariant(), QVariant(), QVariant()});
    QTest::newRow("array of smallulong")
        << hex("e0 04 02 53 07 08")
        << array(QMetaType::ULongLong,
                 {QVariant::fromValue(quint64(7)), QVariant::fromValue(quint64(8))});
    QTest::newRow("array of true") << hex("e0 02 02 41") << array(QMetaType::Bool, {true, true});
    // The example of AMQP 1.0 part 1 §1.2: a URL string described by the symbol "URL".
    QTest::newRow("described url")
        << hex("00 a3 03") + QByteArray("URL") + hex("a1 1e") +
               QByteArray("http://example.org/hello-world")
        << described(sym("URL"), QStringLiteral("http://example.org/hello-world"));
}

void tst_AmqpCodec::decodesNonCompactForms() {
    QFETCH(QByteArray, encoded);
    QFETCH(QVariant, expected);
    auto decoded = AmqpDecoder::decode(encoded);
    QVERIFY2(decoded.has_value(), errorOf(decoded).constData());
    QVERIFY(sameAmqpValue(*decoded, expected));
}

void tst_AmqpCodec::variantMapEncodesStringKeys() {
    const QVariantMap map{{QStringLiteral("b"), quint32(2)}, {QStringLiteral("a"), true}};
    auto bytes = AmqpEncoder::encode(map);
    QVERIFY(bytes.has_value());
    QCOMPARE(bytes->toHex(' '), hex("c1 0a 04 a1 01 61 41 a1 01 62 52 02").toHex(' '));
    auto decoded = AmqpDecoder::decode(*bytes);
    QVERIFY(decoded.has_value());
    QVERIFY(sameAmqpValue(
        *decoded, amqpMap({{QStringLiteral("a"), true}, {QStringLiteral("b"), quint32(2)}})));
}

void tst_AmqpCodec::stringListEncodesAsList() {
    auto bytes = AmqpEncoder::encode(QStringList{QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY(bytes.has_value());
    QCOMPARE(bytes->toHex(' '), hex("c0 07 02 a1 01 61 a1 01 62").toHex(' '));
}

void tst_AmqpCodec::arraysOfCompoundsRoundTrip() {
    const QVariant values[] = {
        array(qMetaTypeId<AmqpMap>(), {amqpMap({{sym("k"), qint64(1)}}), amqpMap({})}),
        array(qMetaTypeId<AmqpArray>(),
              {array(QMetaType::Int, {qint32(1)}), array(QMetaType::Int, {})}),
        array(QMetaType::QDateTime, {QDateTime::fromMSecsSinceEpoch(5, Qt::UTC)}),
        array(QMetaType::QUuid, {QUuid::createUuid(), QUuid()}),
        array(qMetaTypeId<AmqpDecimal>(),
              {QVariant::fromValue(AmqpDecimal{64, repeated('\1', 8)})}),
        array(qMetaTypeId<AmqpChar>(), {QVariant::fromValue(AmqpChar{U'z'})}),
        array(QMetaType::QByteArray, {QByteArray("x"), repeated('y', 256)}),
        array(QMetaType::Double, {1.25, -2.5}),
        array(QMetaType::Float, {QVariant::fromValue(0.5f)}),
        array(QMetaType::Short, {QVariant::fromValue(qint16(-3))}),
        array(QMetaType::UShort, {QVariant::fromValue(quint16(3))}),
        array(QMetaType::SChar, {QVariant::fromValue(qint8(-3))}),
        array(QMetaType::ULongLong, {QVariant::fromValue(quint64(1) << 40)}),
        QVariantList(300, QVariant(QVariantList(2, QVariant(QStringLiteral("deep"))))),
    };
    for (const QVariant& value : values) {
        auto bytes = AmqpEncoder::encode(value);
        QVERIFY2(bytes.has_value(), errorOf(bytes).constData());
        auto decoded = AmqpDecoder::decode(*bytes);
        QVERIFY2(decoded.has_value(), errorOf(decoded).constData());
        QVERIFY2(sameAmqpValue(*decoded, value), value.typeName());
    }
}

void tst_AmqpCodec::unsupportedTypeIsAnError() {
    auto bytes = AmqpEncoder::encode(QVariantList{QTime(1, 2)});
    QVERIFY(!bytes.has_value());
    QCOMPARE(bytes.error().code, ErrorCode::InvalidInput);
    QVERIFY(bytes.error().message.contains(QStringLiteral("QTime")));
}

void tst_AmqpCodec::badDecimalIsAnError() {
    auto bytes = AmqpEncoder::encode(QVariant::fromValue(AmqpDecimal{64, QByteArray(3, 'x')}));
    QVERIFY(!bytes.has_value());
}

void tst_AmqpCodec::mixedArrayIsAnError() {
    auto mixed = AmqpEncoder::encode(array(QMetaType::Int, {qint32(1), QStringLiteral("2")}));
    QVERIFY(!mixed.has_value());
    QVERIFY(mixed.error().message.contains(QStringLiteral("QString")));

    auto descriptors =
        AmqpEncoder::encode(array(qMetaTypeId<AmqpDescribed>(), {described(sym("a"), qint32(1)),
                                                                 described(sym("b"), qint32(2))}));
    QVERIFY(!descriptors.has_value());
    auto valueTypes = AmqpEncoder::encode(array(
        qMetaTypeId<AmqpDescribed>(), {described(sym("a"), qint32(1)), described(sym("a"), true)}));
    QVERIFY(!valueTypes.has_value());
}

void tst_AmqpCodec::conveniences() {
    // QVariantHash encodes like QVariantMap (string keys); QChar as an AMQP char.
    auto hash = AmqpEncoder::encode(QVariantHash{{QStringLiteral("k"), true}});
    QVERIFY(hash.has_value());
    QCOMPARE(hash->toHex(' '), hex("c1 05 02 a1 01 6b 41").toHex(' '));
    auto ch = AmqpEncoder::encode(QVariant(QChar(u'x')));
    QVERIFY(ch.has_value());
    QCOMPARE(ch->toHex(' '), hex("73 00000078").toHex(' '));
    // Typed writers for callers that build sections by hand.
    QByteArray out;
    AmqpEncoder e(out);
    e.writeDescriptor(0x1234);
    const qsizetype list = e.beginList();
    e.writeStringUtf8("a");
    e.writeTimestamp(-5);
    e.endList(list, 2);
    QVERIFY(e.ok());
    QCOMPARE(out.toHex(' '),
             hex("00 80 0000000000001234 c0 0d 02 a1 01 61 83 fffffffffffffffb").toHex(' '));
}

void tst_AmqpCodec::malformedInput_data() {
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QString>("offset");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("offset 0");
    QTest::newRow("unknown constructor") << hex("57") << QStringLiteral("offset 0");
    QTest::newRow("unknown inside list") << hex("c0 03 02 40 ee") << QStringLiteral("offset 4");
    QTest::newRow("uint truncated") << hex("70 0000") << QStringLiteral("offset 1");
    QTest::newRow("str8 too long") << hex("a1 05 616263") << QStringLiteral("offset 2");
    QTest::newRow("vbin32 huge") << hex("b0 ffffffff 00") << QStringLiteral("offset 5");
    QTest::newRow("list8 size past end") << hex("c0 10 01 40") << QStringLiteral("offset 2");
    QTest::newRow("list8 zero size") << hex("c0 00") << QStringLiteral("offset 2");
    QTest::newRow("list count too big") << hex("c0 02 05 40") << QStringLiteral("offset");
    QTest::newRow("list32 count huge")
        << hex("d0 00000005 ffffffff 40") << QStringLiteral("offset");
    QTest::newRow("element past list size")
        << hex("c0 02 01 70 00000001") << QStringLiteral("offset 4");
    QTest::newRow("bytes left in list") << hex("c0 03 01 40 40") << QStringLiteral("offset 4");
    QTest::newRow("map odd count") << hex("c1 02 01 40") << QStringLiteral("offset");
    QTest::newRow("boolean byte 2") << hex("56 02") << QStringLiteral("offset 1");
    QTest::newRow("described missing value") << hex("00 53 70") << QStringLiteral("offset 3");
    QTest::newRow("array missing constructor") << hex("e0 01 00") << QStringLiteral("offset");
    QTest::newRow("array zero-width huge")
        << hex("f0 00000005 ffffffff 40") << QStringLiteral("offset");
    QTest::newRow("array wrong width") << hex("e0 05 02 71 00000001") << QStringLiteral("offset");
    QTest::newRow("array bad constructor") << hex("e0 03 01 ee 00") << QStringLiteral("offset");
    QTest::newRow("array nested described")
        << hex("e0 06 01 00 53 01 00 40") << QStringLiteral("offset");
    QTest::newRow("array bad boolean") << hex("e0 03 01 56 07") << QStringLiteral("offset");
}

void tst_AmqpCodec::malformedInput() {
    QFETCH(QByteArray, encoded);
    QFETCH(QString, offset);
    auto decoded = AmqpDecoder::decode(encoded);
    QVERIFY(!decoded.has_value());
    QCOMPARE(decoded.error().code, ErrorCode::Protocol);
    QVERIFY2(decoded.error().message.contains(offset), errorOf(decoded).constData());

    AmqpDecoder skipper(encoded);
    QVERIFY(!skipper.skipValue().has_value());
}

void tst_AmqpCodec::everyTruncationFails() {
    auto bytes = AmqpEncoder::encode(nestedSample());
    QVERIFY(bytes.has_value());
    QVERIFY(AmqpDecoder::decode(*bytes).has_value());
    for (qsizetype len = 0; len < bytes->size(); ++len) {
        const QByteArray prefix = bytes->left(len);
        QVERIFY2(!AmqpDecoder::decode(prefix).has_value(), qPrintable(QString::number(len)));
        AmqpDecoder skipper(prefix);
        QVERIFY(!skipper.skipValue().has_value());
    }
}

void tst_AmqpCodec::deepNestingIsRejected() {
    // 10,000 nested list8 headers: a recursive decoder without a depth cap would overflow.
    QByteArray deep;
    for (int i = 0; i < 10000; ++i)
        deep += hex("d0 ffffffff 00000001");
    auto decoded = AmqpDecoder::decode(deep);
    QVERIFY(!decoded.has_value());
    QVERIFY(decoded.error().message.contains(QStringLiteral("nested")) ||
            decoded.error().message.contains(QStringLiteral("needs")));

    QByteArray described;
    for (int i = 0; i < 10000; ++i)
        described += hex("00");
    QVERIFY(!AmqpDecoder::decode(QByteArray(described + hex("40 40"))).has_value());
    AmqpDecoder skipper(described);
    QVERIFY(!skipper.skipValue().has_value());

    // Just within the cap decodes fine.
    QVariant value;
    for (int i = 0; i < AmqpDecoder::kMaxDepth; ++i)
        value = QVariantList{value};
    auto bytes = AmqpEncoder::encode(value);
    QVERIFY(bytes.has_value());
    QVERIFY(AmqpDecoder::decode(*bytes).has_value());
}

void tst_AmqpCodec::trailingBytesRejectedByDecode() {
    auto decoded = AmqpDecoder::decode(hex("40 40"));
    QVERIFY(!decoded.has_value());
    QVERIFY(decoded.error().message.contains(QStringLiteral("offset 1")));

    const QByteArray two = hex("40 52 07");
    AmqpDecoder reader(two);
    auto first = reader.readValue();
    QVERIFY(first.has_value());
    QVERIFY(!first->isValid());
    auto second = reader.readValue();
    QVERIFY(second.has_value());
    QVERIFY(sameAmqpValue(*second, QVariant::fromValue(quint32(7))));
    QVERIFY(reader.atEnd());
    QVERIFY(!reader.readValue().has_value());
}

void tst_AmqpCodec::readDescriptorAndSkip() {
    const QByteArray sections = hex("00 53 75 a0 02 6869 00 53 77 45");
    AmqpDecoder reader(sections);
    auto descriptor = reader.readDescriptor();
    QVERIFY(descriptor.has_value());
    QVERIFY(sameAmqpValue(*descriptor, QVariant::fromValue(quint64(0x75))));
    QCOMPARE(reader.position(), 3);
    QVERIFY(reader.skipValue().has_value());
    QCOMPARE(reader.position(), 7);
    QVERIFY(reader.readDescriptor().has_value());
    QCOMPARE(reader.peekByte(), 0x45);
    QVERIFY(reader.skipValue().has_value());
    QVERIFY(reader.atEnd());
    QCOMPARE(reader.peekByte(), -1);

    const QByteArray null = hex("40");
    AmqpDecoder notDescribed(null);
    QVERIFY(!notDescribed.readDescriptor().has_value());
}

void tst_AmqpCodec::randomGarbageNeverCrashes() {
    // Bounded and seeded, so a failure reproduces; biased towards constructor bytes so the
    // garbage gets past the first byte often.
    static const quint8 constructors[] = {0x00, 0x40, 0x45, 0x53, 0x56, 0x70, 0x98, 0xa0,
                                          0xa1, 0xb1, 0xc0, 0xc1, 0xd0, 0xd1, 0xe0, 0xf0};
    QRandomGenerator rng(20241129);
    int decodedOk = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray garbage(rng.bounded(1, 48), '\0');
        for (char& ch : garbage) {
            ch = rng.bounded(3) == 0 ? char(constructors[rng.bounded(int(sizeof constructors))])
                                     : char(rng.bounded(256));
        }
        auto decoded = AmqpDecoder::decode(garbage);
        AmqpDecoder skipper(garbage);
        const bool skipped = skipper.skipValue().has_value() && skipper.atEnd();
        // The validating skip and the full decode must agree on what is well formed.
        QCOMPARE(skipped, decoded.has_value());
        if (decoded) {
            ++decodedOk;
            // Anything that decodes re-encodes and decodes to the same value.
            auto again = AmqpEncoder::encode(*decoded);
            QVERIFY(again.has_value());
            auto twice = AmqpDecoder::decode(*again);
            QVERIFY(twice.has_value());
            QVERIFY(sameAmqpValue(*twice, *decoded));
        } else {
            QVERIFY(decoded.error().message.contains(QStringLiteral("offset")));
        }
    }
    QVERIFY(decodedOk > 0);
}

void tst_AmqpCodec::mutatedEncodingsNeverCrash() {
    auto bytes = AmqpEncoder::encode(nestedSample());
    QVERIFY(bytes.has_value());
    QRandomGenerator rng(7);
    for (int i = 0; i < 5000; ++i) {
        QByteArray mutated = *bytes;
        const int flips = rng.bounded(1, 4);
        for (int f = 0; f < flips; ++f)
            mutated[rng.bounded(int(mutated.size()))] = char(rng.bounded(256));
        auto decoded = AmqpDecoder::decode(mutated);
        AmqpDecoder skipper(mutated);
        const bool skipped = skipper.skipValue().has_value() && skipper.atEnd();
        QCOMPARE(skipped, decoded.has_value());
    }
}

void tst_AmqpCodec::metaTypesRegisteredByName() {
    QVERIFY(QMetaType::fromName("busbar::AmqpSymbol").isValid());
    QVERIFY(QMetaType::fromName("busbar::AmqpMap").isValid());
    QCOMPARE(QMetaType::fromName("busbar::AmqpArray").id(), qMetaTypeId<AmqpArray>());
}

QTEST_GUILESS_MAIN(tst_AmqpCodec)
#include "tst_AmqpCodec.moc"
