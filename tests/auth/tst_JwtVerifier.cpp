#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

#include "ConstantTime.h"
#include "JwtSigner.h"
#include "JwtVerifier.h"
#include "ManualClock.h"

using namespace vs;

namespace {

const QByteArray secret = QByteArrayLiteral("0123456789abcdef0123456789abcdef-test-secret");
constexpr qint64 nowSeconds = 1'700'000'000;

QJsonObject claims(const QString &sub = QStringLiteral("alice"))
{
    return {{QStringLiteral("sub"), sub}, {QStringLiteral("exp"), double(nowSeconds + 600)}};
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString &key)
{
    object.remove(key);
    return object;
}

QJsonObject header(const QString &alg)
{
    return {{QStringLiteral("alg"), alg}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
}

JwtVerifier::Options optionsWith(const QByteArray &key, qint64 leewaySeconds = 30)
{
    JwtVerifier::Options options;
    options.secret = key;
    options.leewaySeconds = leewaySeconds;
    return options;
}

QByteArray segment(const QJsonObject &object)
{
    return JwtSigner::base64Url(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

Q_DECLARE_METATYPE(vs::JwtError)

class tst_JwtVerifier : public QObject
{
    Q_OBJECT

private slots:
    void refusesOrAccepts_data();
    void refusesOrAccepts();
    void readsPrincipal_data();
    void readsPrincipal();
    void leewayEdges_data();
    void leewayEdges();
    void issuerAndAudience_data();
    void issuerAndAudience();
    void detailNeverContainsTokenOrSecret();
    void emptySecretRefusesEverything();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void tst_JwtVerifier::refusesOrAccepts_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<JwtError>("error");

    const QByteArray good = JwtSigner::sign(claims(), secret);
    const QList<QByteArray> parts = good.split('.');

    QTest::newRow("valid") << good << JwtError::None;
    QTest::newRow("valid without typ")
        << JwtSigner::sign({{QStringLiteral("alg"), QStringLiteral("HS256")}}, claims(), secret)
        << JwtError::None;
    QTest::newRow("typ lowercase jwt")
        << JwtSigner::sign(
               with(header(QStringLiteral("HS256")), QStringLiteral("typ"), QStringLiteral("jwt")),
               claims(), secret)
        << JwtError::None;

    QTest::newRow("empty") << QByteArray() << JwtError::Malformed;
    QTest::newRow("garbage") << QByteArrayLiteral("not a token at all") << JwtError::Malformed;
    QTest::newRow("one segment") << parts[0] << JwtError::Malformed;
    QTest::newRow("two segments") << QByteArray(parts[0] + '.' + parts[1]) << JwtError::Malformed;
    QTest::newRow("four segments") << QByteArray(good + ".AAAA") << JwtError::Malformed;
    QTest::newRow("empty segments") << QByteArrayLiteral("..") << JwtError::Malformed;
    QTest::newRow("header not base64")
        << QByteArray("e30*." + parts[1] + '.' + parts[2]) << JwtError::Malformed;
    QTest::newRow("header padded")
        << QByteArray(parts[0] + "==." + parts[1] + '.' + parts[2]) << JwtError::Malformed;
    QTest::newRow("header standard base64 alphabet")
        << QByteArray("ey+/." + parts[1] + '.' + parts[2]) << JwtError::Malformed;
    QTest::newRow("header impossible length")
        << QByteArray("eyJhb." + parts[1] + '.' + parts[2]) << JwtError::Malformed;
    QTest::newRow("header not json")
        << QByteArray(JwtSigner::base64Url("hello") + '.' + parts[1] + '.' + parts[2])
        << JwtError::Malformed;
    QTest::newRow("header json array")
        << QByteArray(JwtSigner::base64Url("[]") + '.' + parts[1] + '.' + parts[2])
        << JwtError::Malformed;
    QTest::newRow("huge token") << QByteArray(100'000, 'a') << JwtError::TooLarge;
    QTest::newRow("huge valid-shaped token")
        << JwtSigner::sign(with(claims(), QStringLiteral("pad"), QString(9000, u'x')), secret)
        << JwtError::TooLarge;

    QTest::newRow("alg none unsigned")
        << QByteArray(segment(header(QStringLiteral("none"))) + '.' + parts[1] + '.')
        << JwtError::UnsupportedAlgorithm;
    QTest::newRow("alg none with signature")
        << JwtSigner::sign(header(QStringLiteral("none")), claims(), secret)
        << JwtError::UnsupportedAlgorithm;
    QTest::newRow("alg None capitalised")
        << QByteArray(segment(header(QStringLiteral("None"))) + '.' + parts[1] + '.')
        << JwtError::UnsupportedAlgorithm;
    // The classic confusion: an RS256 header with the HMAC secret used as the "public key".
    QTest::newRow("alg RS256") << JwtSigner::sign(header(QStringLiteral("RS256")), claims(), secret)
                               << JwtError::UnsupportedAlgorithm;
    QTest::newRow("alg HS512") << JwtSigner::sign(header(QStringLiteral("HS512")), claims(), secret)
                               << JwtError::UnsupportedAlgorithm;
    QTest::newRow("alg hs256 lowercase")
        << JwtSigner::sign(header(QStringLiteral("hs256")), claims(), secret)
        << JwtError::UnsupportedAlgorithm;
    QTest::newRow("alg missing") << JwtSigner::sign(
                                        {{QStringLiteral("typ"), QStringLiteral("JWT")}}, claims(),
                                        secret)
                                 << JwtError::UnsupportedAlgorithm;
    QTest::newRow("alg not a string")
        << JwtSigner::sign({{QStringLiteral("alg"), 256}}, claims(), secret)
        << JwtError::UnsupportedAlgorithm;
    QTest::newRow("crit header") << JwtSigner::sign(with(header(QStringLiteral("HS256")),
                                                         QStringLiteral("crit"),
                                                         QJsonArray{QStringLiteral("b64")}),
                                                    claims(), secret)
                                 << JwtError::UnsupportedHeader;
    QTest::newRow("typ not JWT") << JwtSigner::sign(with(header(QStringLiteral("HS256")),
                                                         QStringLiteral("typ"),
                                                         QStringLiteral("JWE")),
                                                    claims(), secret)
                                 << JwtError::UnsupportedHeader;

    QTest::newRow("bad signature: other secret")
        << JwtSigner::sign(claims(), QByteArrayLiteral("another-secret-that-is-long-enough-1234"))
        << JwtError::BadSignature;
    QTest::newRow("bad signature: payload swapped")
        << QByteArray(parts[0] + '.' + segment(claims(QStringLiteral("mallory"))) + '.' + parts[2])
        << JwtError::BadSignature;
    QByteArray flipped = good;
    flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
    QTest::newRow("bad signature: one character changed") << flipped << JwtError::BadSignature;
    QTest::newRow("bad signature: empty")
        << QByteArray(parts[0] + '.' + parts[1] + '.') << JwtError::BadSignature;
    QTest::newRow("bad signature: padded") << QByteArray(good + "=") << JwtError::BadSignature;
    QTest::newRow("bad signature: truncated") << good.chopped(1) << JwtError::BadSignature;

    QTest::newRow("expired") << JwtSigner::sign(with(claims(), QStringLiteral("exp"),
                                                     double(nowSeconds - 3600)),
                                                secret)
                             << JwtError::Expired;
    QTest::newRow("not yet valid")
        << JwtSigner::sign(with(claims(), QStringLiteral("nbf"), double(nowSeconds + 3600)), secret)
        << JwtError::NotYetValid;
    QTest::newRow("nbf in the past")
        << JwtSigner::sign(with(claims(), QStringLiteral("nbf"), double(nowSeconds - 3600)), secret)
        << JwtError::None;
    QTest::newRow("no exp") << JwtSigner::sign(without(claims(), QStringLiteral("exp")), secret)
                            << JwtError::MissingClaim;
    QTest::newRow("exp null") << JwtSigner::sign(
                                     with(claims(), QStringLiteral("exp"), QJsonValue()), secret)
                              << JwtError::InvalidClaim;
    QTest::newRow("exp a string") << JwtSigner::sign(with(claims(), QStringLiteral("exp"),
                                                          QStringLiteral("tomorrow")),
                                                     secret)
                                  << JwtError::InvalidClaim;
    QTest::newRow("exp huge") << JwtSigner::sign(with(claims(), QStringLiteral("exp"), 1e300),
                                                 secret)
                              << JwtError::None;
    QTest::newRow("nbf a string") << JwtSigner::sign(
                                         with(claims(), QStringLiteral("nbf"), QStringLiteral("x")),
                                         secret)
                                  << JwtError::InvalidClaim;
    QTest::newRow("no sub") << JwtSigner::sign(without(claims(), QStringLiteral("sub")), secret)
                            << JwtError::MissingClaim;
    QTest::newRow("sub not a string")
        << JwtSigner::sign(with(claims(), QStringLiteral("sub"), 1234567), secret)
        << JwtError::InvalidClaim;
    QTest::newRow("sub with slash")
        << JwtSigner::sign(claims(QStringLiteral("a/b")), secret) << JwtError::InvalidClaim;
    QTest::newRow("sub empty") << JwtSigner::sign(claims(QString()), secret)
                               << JwtError::InvalidClaim;
    QTest::newRow("sub too long") << JwtSigner::sign(claims(QString(129, u'a')), secret)
                                  << JwtError::InvalidClaim;
    QTest::newRow("scope an array")
        << JwtSigner::sign(
               with(claims(), QStringLiteral("scope"), QJsonArray{QStringLiteral("admin")}), secret)
        << JwtError::InvalidClaim;
    QTest::newRow("plan not a name")
        << JwtSigner::sign(with(claims(), QStringLiteral("plan"), QStringLiteral("pre mium")),
                           secret)
        << JwtError::InvalidClaim;
    QTest::newRow("payload not json, signed") << []() -> QByteArray {
        const QByteArray input =
            segment(header(QStringLiteral("HS256"))) + '.' + JwtSigner::base64Url("{");
        // Signed correctly, so only the payload check can refuse it.
        return input + '.' +
               JwtSigner::base64Url(
                   QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
    }() << JwtError::Malformed;
}

void tst_JwtVerifier::refusesOrAccepts()
{
    QFETCH(QByteArray, token);
    QFETCH(JwtError, error);

    const ManualClock clock(nowSeconds * 1000);
    const JwtVerifier verifier(optionsWith(secret), clock);
    const JwtVerification result = verifier.verify(token);
    QVERIFY2(result.error == error,
             qPrintable(jwtErrorName(result.error) + QLatin1String(": ") + result.detail));
    QCOMPARE(result.ok(), error == JwtError::None);
    QCOMPARE(result.principal.has_value(), error == JwtError::None);
    QCOMPARE(result.detail.isEmpty(), error == JwtError::None);
}

void tst_JwtVerifier::readsPrincipal_data()
{
    QTest::addColumn<QJsonObject>("extra");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QString>("plan");
    QTest::addColumn<bool>("admin");

    QTest::newRow("no scope, no plan") << QJsonObject() << QStringList() << QString() << false;
    QTest::newRow("admin") << QJsonObject{{QStringLiteral("scope"), QStringLiteral("admin")}}
                           << QStringList{QStringLiteral("admin")} << QString() << true;
    QTest::newRow("several scopes, spaces, duplicates")
        << QJsonObject{{QStringLiteral("scope"), QStringLiteral("  read  admin read ")}}
        << QStringList{QStringLiteral("read"), QStringLiteral("admin")} << QString() << true;
    QTest::newRow("admin is case-sensitive")
        << QJsonObject{{QStringLiteral("scope"), QStringLiteral("Admin")}}
        << QStringList{QStringLiteral("Admin")} << QString() << false;
    QTest::newRow("administrator is not admin")
        << QJsonObject{{QStringLiteral("scope"), QStringLiteral("administrator")}}
        << QStringList{QStringLiteral("administrator")} << QString() << false;
    QTest::newRow("plan") << QJsonObject{{QStringLiteral("plan"), QStringLiteral("premium")}}
                          << QStringList() << QStringLiteral("premium") << false;
}

void tst_JwtVerifier::readsPrincipal()
{
    QFETCH(QJsonObject, extra);
    QFETCH(QStringList, scopes);
    QFETCH(QString, plan);
    QFETCH(bool, admin);

    QJsonObject payload = claims(QStringLiteral("user-42"));
    for (auto it = extra.begin(); it != extra.end(); ++it)
        payload.insert(it.key(), it.value());
    const ManualClock clock(nowSeconds * 1000);
    const JwtVerifier verifier(optionsWith(secret), clock);
    const JwtVerification result = verifier.verify(JwtSigner::sign(payload, secret));
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(result.principal->userId, QStringLiteral("user-42"));
    QCOMPARE(result.principal->scopes, scopes);
    QCOMPARE(result.principal->plan, plan);
    QCOMPARE(result.principal->isAdmin(), admin);
    QCOMPARE(result.principal->expiresAtMs, (nowSeconds + 600) * 1000);
}

void tst_JwtVerifier::leewayEdges_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<qint64>("claimOffsetSeconds"); // claim value relative to now
    QTest::addColumn<JwtError>("error");

    // Leeway is 30 s: exp counts as passed 30 s after it, nbf as reached 30 s before it.
    QTest::newRow("exp 29 s ago") << QStringLiteral("exp") << qint64(-29) << JwtError::None;
    QTest::newRow("exp 30 s ago") << QStringLiteral("exp") << qint64(-30) << JwtError::Expired;
    QTest::newRow("exp now") << QStringLiteral("exp") << qint64(0) << JwtError::None;
    QTest::newRow("nbf in 30 s") << QStringLiteral("nbf") << qint64(30) << JwtError::None;
    QTest::newRow("nbf in 31 s") << QStringLiteral("nbf") << qint64(31) << JwtError::NotYetValid;
}

void tst_JwtVerifier::leewayEdges()
{
    QFETCH(QString, claim);
    QFETCH(qint64, claimOffsetSeconds);
    QFETCH(JwtError, error);

    const QByteArray token =
        JwtSigner::sign(with(claims(), claim, double(nowSeconds + claimOffsetSeconds)), secret);
    ManualClock clock(nowSeconds * 1000);
    const JwtVerifier verifier(optionsWith(secret, 30), clock);
    QCOMPARE(verifier.verify(token).error, error);

    // The same token moves through its window as the clock moves; no sleeping.
    clock.advanceMs(24LL * 3600 * 1000);
    QCOMPARE(verifier.verify(token).error, JwtError::Expired);
}

void tst_JwtVerifier::issuerAndAudience_data()
{
    QTest::addColumn<QJsonObject>("extra");
    QTest::addColumn<JwtError>("error");

    QTest::newRow("both match") << QJsonObject{{QStringLiteral("iss"), QStringLiteral("idp")},
                                               {QStringLiteral("aud"), QStringLiteral("vs")}}
                                << JwtError::None;
    QTest::newRow("aud array contains")
        << QJsonObject{{QStringLiteral("iss"), QStringLiteral("idp")},
                       {QStringLiteral("aud"),
                        QJsonArray{QStringLiteral("other"), QStringLiteral("vs")}}}
        << JwtError::None;
    QTest::newRow("no iss") << QJsonObject{{QStringLiteral("aud"), QStringLiteral("vs")}}
                            << JwtError::MissingClaim;
    QTest::newRow("wrong iss") << QJsonObject{{QStringLiteral("iss"), QStringLiteral("evil")},
                                              {QStringLiteral("aud"), QStringLiteral("vs")}}
                               << JwtError::InvalidClaim;
    QTest::newRow("no aud") << QJsonObject{{QStringLiteral("iss"), QStringLiteral("idp")}}
                            << JwtError::MissingClaim;
    QTest::newRow("wrong aud") << QJsonObject{{QStringLiteral("iss"), QStringLiteral("idp")},
                                              {QStringLiteral("aud"), QStringLiteral("billing")}}
                               << JwtError::InvalidClaim;
}

void tst_JwtVerifier::issuerAndAudience()
{
    QFETCH(QJsonObject, extra);
    QFETCH(JwtError, error);

    QJsonObject payload = claims();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        payload.insert(it.key(), it.value());
    const ManualClock clock(nowSeconds * 1000);
    JwtVerifier::Options options = optionsWith(secret);
    options.issuer = QStringLiteral("idp");
    options.audience = QStringLiteral("vs");
    const JwtVerifier verifier(options, clock);
    QCOMPARE(verifier.verify(JwtSigner::sign(payload, secret)).error, error);
}

void tst_JwtVerifier::detailNeverContainsTokenOrSecret()
{
    const ManualClock clock(nowSeconds * 1000);
    const JwtVerifier verifier(optionsWith(secret), clock);
    const QList<QByteArray> tokens = {
        JwtSigner::sign(claims(), QByteArrayLiteral("wrong-secret-wrong-secret-wrong-secret")),
        JwtSigner::sign(with(claims(), QStringLiteral("exp"), double(nowSeconds - 999)), secret),
        JwtSigner::sign(header(QStringLiteral("none")), claims(), secret),
        JwtSigner::sign(claims(QStringLiteral("bad user")), secret),
    };
    for (const QByteArray &token : tokens) {
        const JwtVerification result = verifier.verify(token);
        QVERIFY(!result.ok());
        for (const QByteArray &part : token.split('.')) {
            if (part.size() > 8)
                QVERIFY2(!result.detail.contains(QString::fromLatin1(part)),
                         qPrintable(result.detail));
        }
        QVERIFY(!result.detail.contains(QString::fromLatin1(secret)));
        QVERIFY(!result.detail.contains(QStringLiteral("bad user")));
    }
}

void tst_JwtVerifier::emptySecretRefusesEverything()
{
    const ManualClock clock(nowSeconds * 1000);
    const JwtVerifier verifier(optionsWith(QByteArray()), clock);
    // A token signed with the empty key must not pass a misconfigured server.
    QCOMPARE(verifier.verify(JwtSigner::sign(claims(), QByteArray())).error,
             JwtError::BadSignature);
}

void tst_JwtVerifier::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("same") << QByteArrayLiteral("abcdef") << QByteArrayLiteral("abcdef") << true;
    QTest::newRow("first byte") << QByteArrayLiteral("xbcdef") << QByteArrayLiteral("abcdef")
                                << false;
    QTest::newRow("last byte") << QByteArrayLiteral("abcdex") << QByteArrayLiteral("abcdef")
                               << false;
    QTest::newRow("prefix") << QByteArrayLiteral("abc") << QByteArrayLiteral("abcdef") << false;
    QTest::newRow("high bit") << QByteArray("\x80", 1) << QByteArray("\x00", 1) << false;
}

void tst_JwtVerifier::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);

    QCOMPARE(vs::constantTimeEquals(a, b), equal);
    QCOMPARE(vs::constantTimeEquals(b, a), equal);
}

QTEST_GUILESS_MAIN(tst_JwtVerifier)
#include "tst_JwtVerifier.moc"
