#include <QTest>

#include "StreamId.h"

#include <QRandomGenerator>
#include <QSet>

#include <bitset>
#include <memory>
#include <optional>

using namespace vs;

class tst_StreamId : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void generatedIdsAreUrlSafeAndRoundTrip();
    void generatedIdsAreDistinctAndUseAllBits();
    void fromStringRefuses_data();
    void fromStringRefuses();
    void knownEncoding_data();
    void knownEncoding();
    void randomBytesRoundTrip();
    void everyByteValueAtEveryPosition();
    void fromStringRefusesUnitAtEveryPosition_data();
    void fromStringRefusesUnitAtEveryPosition();
    void lastCharacterCarriesTwoBits_data();
    void lastCharacterCarriesTwoBits();
    void parsesAViewIntoLongerText();
    void readsOnlyTheTwentyTwoUnits();
    void agreesWithReferenceDecoder();
};

namespace {

const QString alphabet =
    QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

// Units that are not in the alphabet: the neighbours of each of its ranges, the padding and
// the standard (not url-safe) base64 characters, and units that match an alphabet character in
// their low seven or eight bits only, so that a decoder looking at part of a unit is caught.
const QList<char16_t> unitsOutsideTheAlphabet = {
    u'\0',     u',',      u'.',      u'/',      u':',      u'@',      u'[',
    u'^',      u'`',      u'{',      u'+',      u'=',      u' ',      u'\x7f',
    u'\x80',   u'\u00ad', u'\u00c1', u'\u00df', u'\u00e1', u'\u00ff', u'\u0141',
    u'\u012d', u'\u015f', u'\u0130', u'\u8041', u'\uff41', u'\uffff',
};

// Base64url decoded the slow, obvious way, bit by bit, to hold the parsers to.
std::optional<std::array<std::uint8_t, StreamId::byteCount>> referenceDecode(QStringView text)
{
    if (text.size() != StreamId::textLength)
        return std::nullopt;
    std::array<std::uint8_t, StreamId::byteCount> bytes{};
    std::size_t filled = 0;
    quint32 pending = 0;
    int pendingBits = 0;
    for (QChar c : text) {
        const qsizetype value = alphabet.indexOf(c);
        if (value < 0)
            return std::nullopt;
        pending = (pending << 6) | quint32(value);
        pendingBits += 6;
        if (pendingBits >= 8) {
            pendingBits -= 8;
            bytes[filled++] = std::uint8_t(pending >> pendingBits);
            pending &= (1u << pendingBits) - 1;
        }
    }
    if (pending != 0)
        return std::nullopt;
    return bytes;
}

// The parser of the current global data row: fromString, or the portable parser it falls back to
// without SSE2, so that both are held to every rule on every machine.
std::optional<StreamId> parse(QStringView text)
{
    QFETCH_GLOBAL(bool, portable);
    return portable ? StreamId::fromStringPortable(text) : StreamId::fromString(text);
}

QString unitName(char16_t unit)
{
    if (unit > u' ' && unit < 0x7f)
        return QString(QChar(unit));
    return QStringLiteral("U+%1").arg(int(unit), 4, 16, QLatin1Char('0'));
}

} // namespace

void tst_StreamId::initTestCase_data()
{
    QTest::addColumn<bool>("portable");
    QTest::newRow("fromString") << false;
    QTest::newRow("fromStringPortable") << true;
}

void tst_StreamId::generatedIdsAreUrlSafeAndRoundTrip()
{
    // More than one per-thread buffer's worth, so a refill is crossed.
    for (int i = 0; i < 1000; ++i) {
        const StreamId id = StreamId::generate();
        QVERIFY(!id.isNull());
        const QString text = id.toString();
        QCOMPARE(text.size(), StreamId::textLength);
        for (QChar c : text) {
            const char16_t u = c.unicode();
            const bool urlSafe = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
                                 (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
            QVERIFY2(urlSafe, qPrintable(text));
        }
        const auto parsed = parse(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, id);
        QCOMPARE(StreamId::fromBytes(id.bytes()), id);
        const auto ascii = id.toAscii();
        QCOMPARE(QLatin1StringView(ascii.data(), ascii.size()), text);
    }
}

void tst_StreamId::generatedIdsAreDistinctAndUseAllBits()
{
    constexpr int count = 5000;
    QSet<QString> seen;
    std::bitset<128> everSet;
    std::bitset<128> everClear;
    for (int i = 0; i < count; ++i) {
        const StreamId id = StreamId::generate();
        seen.insert(id.toString());
        for (int bit = 0; bit < 128; ++bit) {
            const bool set = (id.bytes()[std::size_t(bit / 8)] >> (bit % 8)) & 1;
            (set ? everSet : everClear).set(std::size_t(bit));
        }
    }
    QCOMPARE(seen.size(), count);
    // All 128 bits carry randomness: a fixed bit would survive 5000 draws with chance 2^-5000.
    QVERIFY(everSet.all());
    QVERIFY(everClear.all());
}

void tst_StreamId::fromStringRefuses_data()
{
    QTest::addColumn<QString>("text");

    const QString valid = StreamId::generate().toString();
    QTest::newRow("empty") << QString();
    QTest::newRow("too short") << valid.left(21);
    QTest::newRow("too long") << valid + u'A';
    QTest::newRow("two ids") << valid + valid;
    QTest::newRow("a single character") << QStringLiteral("A");
    QTest::newRow("padded") << valid.left(20) + QStringLiteral("==");
    QTest::newRow("plus (not url-safe)") << QString(21, u'A') + u'+';
    QTest::newRow("slash (not url-safe)") << u'/' + QString(21, u'A');
    QTest::newRow("space") << QString(21, u'A') + u' ';
    QTest::newRow("non-ascii") << QString(21, u'A') + QChar(0x00e9);
    // The decoder looks characters up by their low byte: U+0141 must not pass for 'A' (0x41).
    QTest::newRow("wide character with a letter's low byte")
        << QString(10, u'A') + QChar(0x0141) + QString(11, u'A');
    QTest::newRow("bad character in the first group") << u'.' + QString(21, u'A');
    QTest::newRow("bad character in the last pair") << QString(20, u'A') + QStringLiteral("!A");
    // The last character carries 2 bits; "B" would set one of the 4 unused ones.
    QTest::newRow("non-canonical tail") << QString(21, u'A') + u'B';
    QTest::newRow("uuid") << QStringLiteral("9b2f0c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b");
}

void tst_StreamId::fromStringRefuses()
{
    QFETCH(QString, text);
    QVERIFY(!parse(text).has_value());
}

void tst_StreamId::knownEncoding_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << QByteArray(16, '\0') << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("all ones") << QByteArray(16, '\xff') << QStringLiteral("_____________________w");
    QTest::newRow("counting") << QByteArray::fromHex("000102030405060708090a0b0c0d0e0f")
                              << QStringLiteral("AAECAwQFBgcICQoLDA0ODw");
    QTest::newRow("url-safe alphabet") << QByteArray::fromHex("fbeffbeffbeffbeffbeffbeffbeffbef")
                                       << QStringLiteral("--_77_vv--_77_vv--_77w");
}

void tst_StreamId::knownEncoding()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);

    std::array<std::uint8_t, StreamId::byteCount> raw{};
    std::copy_n(reinterpret_cast<const std::uint8_t *>(bytes.constData()), raw.size(), raw.begin());
    const StreamId id = StreamId::fromBytes(raw);
    QCOMPARE(id.toString(), text);
    const auto ascii = id.toAscii();
    QCOMPARE(QLatin1StringView(ascii.data(), ascii.size()), text);
    const auto parsed = parse(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, id);
    QCOMPARE(id.isNull(), bytes.count('\0') == bytes.size());
}

void tst_StreamId::randomBytesRoundTrip()
{
    QRandomGenerator random(20240611);
    for (int i = 0; i < 20000; ++i) {
        std::array<std::uint8_t, StreamId::byteCount> bytes;
        for (std::uint8_t &byte : bytes)
            byte = std::uint8_t(random.bounded(256));
        const StreamId id = StreamId::fromBytes(bytes);
        const QString text = id.toString();
        const auto parsed = parse(text);
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(*parsed, id);
    }
}

void tst_StreamId::everyByteValueAtEveryPosition()
{
    // One byte set against a background of zeros and one against ones: a byte decoded into the
    // wrong place or with a bit of its neighbour's shows as a mismatch.
    for (const std::uint8_t background : {std::uint8_t(0x00), std::uint8_t(0xff)}) {
        for (std::size_t position = 0; position < StreamId::byteCount; ++position) {
            for (int value = 0; value < 256; ++value) {
                std::array<std::uint8_t, StreamId::byteCount> bytes;
                bytes.fill(background);
                bytes[position] = std::uint8_t(value);
                const StreamId id = StreamId::fromBytes(bytes);
                const auto parsed = parse(id.toString());
                QVERIFY2(parsed.has_value(), qPrintable(id.toString()));
                QCOMPARE(*parsed, id);
            }
        }
    }
}

void tst_StreamId::fromStringRefusesUnitAtEveryPosition_data()
{
    QTest::addColumn<QString>("text");

    // The "counting" id of knownEncoding.
    const QString valid = QStringLiteral("AAECAwQFBgcICQoLDA0ODw");
    for (const char16_t unit : unitsOutsideTheAlphabet) {
        for (int position = 0; position < StreamId::textLength; ++position) {
            QString text = valid;
            text[position] = QChar(unit);
            QTest::addRow("%s at %d", qPrintable(unitName(unit)), position) << text;
        }
    }
}

void tst_StreamId::fromStringRefusesUnitAtEveryPosition()
{
    QFETCH(QString, text);
    QVERIFY(!parse(text).has_value());
}

void tst_StreamId::lastCharacterCarriesTwoBits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<int>("lastByte");

    // The 21st character is '_' (all six bits set) so that the last byte's top six bits are set
    // and its two low ones come from the last character alone.
    const QString prefix = QString(20, u'A') + u'_';
    for (int value = 0; value < 64; ++value) {
        const bool accepted = (value & 0x0f) == 0;
        QTest::addRow("%c (%d)", alphabet[value].toLatin1(), value)
            << prefix + alphabet[value] << accepted << (0xfc | (value >> 4));
    }
}

void tst_StreamId::lastCharacterCarriesTwoBits()
{
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(int, lastByte);

    const auto parsed = parse(text);
    QCOMPARE(parsed.has_value(), accepted);
    if (accepted) {
        QCOMPARE(int(parsed->bytes()[15]), lastByte);
        QCOMPARE(parsed->toString(), text);
    }
}

void tst_StreamId::parsesAViewIntoLongerText()
{
    // The id in the middle of a longer string, with characters outside the alphabet on both
    // sides: a parser must read the 22 characters of the view and nothing next to them.
    const StreamId id = StreamId::fromBytes({0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe,
                                             0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10});
    const QString text = QStringLiteral("/stop/") + id.toString() + QStringLiteral("?=\u0141");
    const auto parsed = parse(QStringView(text).mid(6, StreamId::textLength));
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, id);
    QVERIFY(!parse(QStringView(text).mid(5, StreamId::textLength)).has_value());
    QVERIFY(!parse(QStringView(text).mid(7, StreamId::textLength)).has_value());
}

void tst_StreamId::readsOnlyTheTwentyTwoUnits()
{
    // A heap block of exactly 22 units: the sanitizer build reports any read past either end.
    const StreamId id = StreamId::generate();
    const QString text = id.toString();
    const auto units = std::make_unique<char16_t[]>(StreamId::textLength);
    std::copy_n(text.utf16(), StreamId::textLength, units.get());
    const auto parsed = parse(QStringView(units.get(), StreamId::textLength));
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, id);
}

void tst_StreamId::agreesWithReferenceDecoder()
{
    // Valid ids with a few units replaced by any of the alphabet or its neighbours: most are
    // refused, some pass, and every verdict and every decoded byte must match the reference.
    QRandomGenerator random(7);
    QString replacements = alphabet;
    for (const char16_t unit : unitsOutsideTheAlphabet)
        replacements += QChar(unit);
    int acceptedCount = 0;
    constexpr int count = 100000;
    for (int i = 0; i < count; ++i) {
        QString text = StreamId::generate().toString();
        const int replaced = int(random.bounded(3));
        for (int r = 0; r < replaced; ++r) {
            text[int(random.bounded(StreamId::textLength))] =
                replacements[int(random.bounded(int(replacements.size())))];
        }
        const auto expected = referenceDecode(text);
        const auto parsed = parse(text);
        QVERIFY2(parsed.has_value() == expected.has_value(), qPrintable(text));
        if (parsed) {
            QVERIFY2(parsed->bytes() == *expected, qPrintable(text));
            ++acceptedCount;
        }
    }
    QVERIFY(acceptedCount > count / 4);
    QVERIFY(acceptedCount < count);
}

QTEST_APPLESS_MAIN(tst_StreamId)
#include "tst_StreamId.moc"
