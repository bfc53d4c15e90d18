#include <QTest>

#include "IdRules.h"

using namespace vs;

class tst_IdRules : public QObject
{
    Q_OBJECT

private slots:
    void isValid_data();
    void isValid();
    void everyCodeUnitAtEveryChunkPosition();
    void checkNamesFieldAndRule_data();
    void checkNamesFieldAndRule();
};

void tst_IdRules::isValid_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("short number") << QStringLiteral("1234567") << true;
    QTest::newRow("uuid") << QStringLiteral("9b2f0c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b") << true;
    QTest::newRow("every punctuation allowed") << QStringLiteral("a.b_c~d:e@f+g-h") << true;
    QTest::newRow("one character") << QStringLiteral("x") << true;
    QTest::newRow("128 characters") << QString(128, u'a') << true;
    QTest::newRow("129 characters") << QString(129, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("percent") << QStringLiteral("a%20b") << false;
    QTest::newRow("question mark") << QStringLiteral("a?b") << false;
    QTest::newRow("hash") << QStringLiteral("a#b") << false;
    QTest::newRow("quote") << QStringLiteral("a\"b") << false;
    QTest::newRow("newline") << QStringLiteral("a\nb") << false;
    QTest::newRow("nul") << QString(QChar(u'\0')) << false;
    QTest::newRow("latin-1 letter") << QStringLiteral("caf\u00e9") << false;
    QTest::newRow("emoji") << QStringLiteral("a\U0001F600") << false;
    QTest::newRow("star") << QStringLiteral("*") << false;
}

void tst_IdRules::isValid()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);

    QCOMPARE(IdRules::isValid(QStringView(id)), valid);
    // The byte form must agree on every ASCII input and refuse anything encoded beyond it.
    const QByteArray utf8 = id.toUtf8();
    QCOMPARE(IdRules::isValid(QByteArrayView(utf8)), valid);
    QCOMPARE(IdRules::check(u"video_id", id).isEmpty(), valid);
}

// isValid checks eight characters at a time where it can, the last chunk overlapping the one
// before: every UTF-16 code unit, placed at the start, inside and at the end of ids around the
// chunk size, must get the verdict of the rule written out one character at a time.
void tst_IdRules::everyCodeUnitAtEveryChunkPosition()
{
    const auto allowed = [](char16_t c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ||
               c == u'.' || c == u'_' || c == u'~' || c == u':' || c == u'@' || c == u'+' ||
               c == u'-';
    };
    int mismatches = 0;
    for (int length : {1, 7, 8, 9, 16, 23, 128}) {
        QString id(length, u'x');
        for (int at : {0, length / 2, length - 1}) {
            for (int unit = 0; unit <= 0xffff; ++unit) {
                id[at] = QChar(char16_t(unit));
                if (IdRules::isValid(QStringView(id)) != allowed(char16_t(unit)) &&
                    ++mismatches <= 5) {
                    qWarning("length %d, position %d, unit U+%04X: wrong verdict", length, at,
                             unit);
                }
            }
            id[at] = u'x';
        }
    }
    QCOMPARE(mismatches, 0);
}

void tst_IdRules::checkNamesFieldAndRule_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("problem");

    QTest::newRow("empty user") << QStringLiteral("user_id") << QString()
                                << QStringLiteral("must not be empty");
    QTest::newRow("long video") << QStringLiteral("video_id") << QString(200, u'v')
                                << QStringLiteral("200 characters long");
    QTest::newRow("bad device") << QStringLiteral("device_id") << QStringLiteral("tv/1")
                                << QStringLiteral("outside the allowed set");
}

void tst_IdRules::checkNamesFieldAndRule()
{
    QFETCH(QString, field);
    QFETCH(QString, id);
    QFETCH(QString, problem);

    const QString message = IdRules::check(field, id);
    QVERIFY2(message.startsWith(field), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message));
    QVERIFY2(message.contains(IdRules::ruleText()), qPrintable(message));
    QVERIFY(IdRules::ruleText().contains(u"1-128"));
    QVERIFY(IdRules::ruleText().contains(u"[A-Za-z0-9._~:@+-]"));
}

QTEST_APPLESS_MAIN(tst_IdRules)
#include "tst_IdRules.moc"
