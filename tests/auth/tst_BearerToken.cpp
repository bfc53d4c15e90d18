#include <QTest>

#include "BearerToken.h"

using namespace vs;

class tst_BearerToken : public QObject
{
    Q_OBJECT

private slots:
    void fromAuthorizationHeader_data();
    void fromAuthorizationHeader();
};

void tst_BearerToken::fromAuthorizationHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QByteArray>("token");

    QTest::newRow("absent") << QByteArray() << false << QByteArray();
    QTest::newRow("bearer") << QByteArrayLiteral("Bearer abc.def.ghi") << true
                            << QByteArrayLiteral("abc.def.ghi");
    QTest::newRow("scheme lowercase")
        << QByteArrayLiteral("bearer abc") << true << QByteArrayLiteral("abc");
    QTest::newRow("scheme uppercase")
        << QByteArrayLiteral("BEARER abc") << true << QByteArrayLiteral("abc");
    QTest::newRow("extra spaces") << QByteArrayLiteral("  Bearer   abc  ") << true
                                  << QByteArrayLiteral("abc");
    QTest::newRow("tab") << QByteArrayLiteral("Bearer\tabc") << true << QByteArrayLiteral("abc");
    QTest::newRow("scheme only") << QByteArrayLiteral("Bearer") << true << QByteArray();
    QTest::newRow("scheme and space") << QByteArrayLiteral("Bearer ") << true << QByteArray();
    QTest::newRow("basic") << QByteArrayLiteral("Basic dXNlcjpwYXNz") << false << QByteArray();
    QTest::newRow("glued scheme") << QByteArrayLiteral("Bearerabc") << false << QByteArray();
    QTest::newRow("short") << QByteArrayLiteral("Bear") << false << QByteArray();
    QTest::newRow("token with spaces stays one value (verifier refuses)")
        << QByteArrayLiteral("Bearer a b") << true << QByteArrayLiteral("a b");
}

void tst_BearerToken::fromAuthorizationHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, present);
    QFETCH(QByteArray, token);

    const std::optional<QByteArray> result = BearerToken::fromAuthorizationHeader(header);
    QCOMPARE(result.has_value(), present);
    if (present)
        QCOMPARE(*result, token);
}

QTEST_GUILESS_MAIN(tst_BearerToken)
#include "tst_BearerToken.moc"
