#include <QTest>

#include "StreamId.h"

#include <QSet>

#include <bitset>

using namespace vs;

class tst_StreamId : public QObject
{
    Q_OBJECT

private slots:
    void generatedIdsAreUrlSafeAndRoundTrip();
    void generatedIdsAreDistinctAndUseAllBits();
    void fromStringRefuses_data();
    void fromStringRefuses();
    void knownEncoding_data();
    void knownEncoding();
};

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
        const auto parsed = StreamId::fromString(text);
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
    QVERIFY(!StreamId::fromString(text).has_value());
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
    const auto parsed = StreamId::fromString(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, id);
    QCOMPARE(id.isNull(), bytes.count('\0') == bytes.size());
}

QTEST_APPLESS_MAIN(tst_StreamId)
#include "tst_StreamId.moc"
