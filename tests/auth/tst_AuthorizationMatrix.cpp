#include <QJsonDocument>
#include <QTest>

#include "AccessControl.h"
#include "BearerToken.h"
#include "JwtSigner.h"
#include "JwtVerifier.h"
#include "ManualClock.h"

using namespace vs;

using Operation = AccessControl::Operation;

Q_DECLARE_METATYPE(vs::AccessControl::Operation)

namespace {

const QByteArray secret = QByteArrayLiteral("matrix-secret-matrix-secret-matrix-secret");
constexpr qint64 nowSeconds = 1'800'000'000;

QByteArray token(const QString &sub, const QString &scope = {}, qint64 expOffset = 300,
                 qint64 nbfOffset = -10, const QByteArray &key = secret)
{
    QJsonObject claims{{QStringLiteral("sub"), sub},
                       {QStringLiteral("exp"), double(nowSeconds + expOffset)},
                       {QStringLiteral("nbf"), double(nowSeconds + nbfOffset)}};
    if (!scope.isEmpty())
        claims.insert(QStringLiteral("scope"), scope);
    return JwtSigner::sign(claims, key);
}

QByteArray unsignedToken(const QString &alg)
{
    const QJsonObject header{{QStringLiteral("alg"), alg}};
    const QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("alice")},
                             {QStringLiteral("scope"), QStringLiteral("admin")},
                             {QStringLiteral("exp"), double(nowSeconds + 300)}};
    return JwtSigner::base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
           JwtSigner::base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.';
}

} // namespace

// The who-may-do-what matrix of issue 7, through the same steps the server takes: read the
// Authorization header, verify the token, decide. The expected value is the HTTP status.
class tst_AuthorizationMatrix : public QObject
{
    Q_OBJECT

private slots:
    void matrix_data();
    void matrix();
};

void tst_AuthorizationMatrix::matrix_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<int>("status");

    const QString alice = QStringLiteral("alice");
    const QByteArray bearer = QByteArrayLiteral("Bearer ");
    const QByteArray owner = bearer + token(alice);
    const QByteArray other = bearer + token(QStringLiteral("bob"));
    const QByteArray admin = bearer + token(QStringLiteral("ops"), QStringLiteral("admin"));

    struct Caller
    {
        const char *name;
        QByteArray authorization;
        int streams; // status for alice's streams
        int policy;  // status for changing the policy
    };
    const QByteArray rs256 = [] {
        const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}};
        return JwtSigner::sign(header,
                               {{QStringLiteral("sub"), QStringLiteral("alice")},
                                {QStringLiteral("exp"), double(nowSeconds + 300)}},
                               secret);
    }();
    QByteArray badBase64 = token(alice);
    badBase64.insert(3, '*');
    const Caller callers[] = {
        {"owner", owner, 200, 403},
        {"other user", other, 403, 403},
        {"admin", admin, 200, 200},
        {"no token", QByteArray(), 401, 401},
        {"basic credentials", QByteArrayLiteral("Basic YWxpY2U6cHc="), 401, 401},
        {"empty bearer", bearer, 401, 401},
        {"expired", bearer + token(alice, QStringLiteral("admin"), -3600), 401, 401},
        {"not yet valid", bearer + token(alice, QStringLiteral("admin"), 7200, 3600), 401, 401},
        {"bad signature",
         bearer + token(alice, QStringLiteral("admin"), 300, -10,
                        QByteArrayLiteral("guessed-secret-guessed-secret-guessed")),
         401, 401},
        {"alg none", bearer + unsignedToken(QStringLiteral("none")), 401, 401},
        {"alg RS256", bearer + rs256, 401, 401},
        {"garbage", QByteArrayLiteral("Bearer !!!garbage!!!"), 401, 401},
        {"two segments", bearer + token(alice).left(token(alice).lastIndexOf('.')), 401, 401},
        {"four segments", bearer + token(alice) + ".e30", 401, 401},
        {"bad base64", bearer + badBase64, 401, 401},
        {"huge token", bearer + QByteArray(64 * 1024, 'A'), 401, 401},
    };

    for (const Caller &caller : callers) {
        const QByteArray name(caller.name);
        QTest::newRow(QByteArray(name + " / list alice").constData())
            << caller.authorization << Operation::ListStreams << caller.streams;
        QTest::newRow(QByteArray(name + " / start for alice").constData())
            << caller.authorization << Operation::StartStream << caller.streams;
        QTest::newRow(QByteArray(name + " / stop alice's").constData())
            << caller.authorization << Operation::StopStream << caller.streams;
        QTest::newRow(QByteArray(name + " / change policy").constData())
            << caller.authorization << Operation::ChangePolicy << caller.policy;
        QTest::newRow(QByteArray(name + " / healthz").constData())
            << caller.authorization << Operation::Probe << 200;
    }
}

void tst_AuthorizationMatrix::matrix()
{
    QFETCH(QByteArray, authorization);
    QFETCH(Operation, operation);
    QFETCH(int, status);

    const ManualClock clock(nowSeconds * 1000);
    JwtVerifier::Options options;
    options.secret = secret;
    const JwtVerifier verifier(options, clock);
    const AccessControl access;

    std::optional<Principal> principal;
    if (const auto bearer = BearerToken::fromAuthorizationHeader(authorization)) {
        const JwtVerification verification = verifier.verify(*bearer);
        principal = verification.principal;
    }
    const AccessDecision decision =
        access.decide(principal ? &*principal : nullptr, operation, QStringLiteral("alice"));
    QCOMPARE(decision.httpStatus(), status);
}

QTEST_GUILESS_MAIN(tst_AuthorizationMatrix)
#include "tst_AuthorizationMatrix.moc"
