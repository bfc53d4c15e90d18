#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include "ApiServer.h"
#include "JwtSigner.h"
#include "JwtVerifier.h"
#include "ManualClock.h"
#include "MemoryLeaseStore.h"
#include "StreamLimiter.h"

#include <memory>

using namespace vs;

namespace {

const QByteArray secret = QByteArrayLiteral("server-test-secret-server-test-secret-0123");
constexpr qint64 nowSeconds = 1'750'000'000;

enum class Token
{
    None,
    Alice,
    AliceBasicPlan,
    Bob,
    Admin,
    MetricsScraper,
    Expired,
    NotYetValid,
    BadSignature,
    AlgNone,
    Garbage,
};

QByteArray tokenFor(Token token)
{
    const auto sign = [](const QString &sub, const QJsonObject &extra = {},
                         const QByteArray &key = secret) {
        QJsonObject claims{{QStringLiteral("sub"), sub},
                           {QStringLiteral("exp"), double(nowSeconds + 600)}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            claims.insert(it.key(), it.value());
        return JwtSigner::sign(claims, key);
    };
    switch (token) {
    case Token::None:
        return {};
    case Token::Alice:
        return sign(QStringLiteral("alice"));
    case Token::AliceBasicPlan:
        return sign(QStringLiteral("alice"), {{QStringLiteral("plan"), QStringLiteral("basic")}});
    case Token::Bob:
        return sign(QStringLiteral("bob"));
    case Token::Admin:
        return sign(QStringLiteral("ops"), {{QStringLiteral("scope"), QStringLiteral("admin")}});
    case Token::MetricsScraper:
        return sign(QStringLiteral("prometheus"),
                    {{QStringLiteral("scope"), QStringLiteral("metrics")}});
    case Token::Expired:
        return sign(QStringLiteral("alice"), {{QStringLiteral("exp"), double(nowSeconds - 600)},
                                              {QStringLiteral("scope"), QStringLiteral("admin")}});
    case Token::NotYetValid:
        return sign(QStringLiteral("alice"), {{QStringLiteral("nbf"), double(nowSeconds + 600)}});
    case Token::BadSignature:
        return sign(QStringLiteral("alice"), {{QStringLiteral("scope"), QStringLiteral("admin")}},
                    QByteArrayLiteral("not-the-server-secret-not-the-server-secret"));
    case Token::AlgNone: {
        const QByteArray header = JwtSigner::base64Url(R"({"alg":"none"})");
        const QByteArray claims =
            JwtSigner::base64Url(QByteArrayLiteral(R"({"sub":"alice","scope":"admin","exp":)") +
                                 QByteArray::number(nowSeconds + 600) + '}');
        return header + '.' + claims + '.';
    }
    case Token::Garbage:
        return QByteArrayLiteral("garbage");
    }
    return {};
}

struct Response
{
    int status = 0;
    QByteArray headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : headers.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

} // namespace

Q_DECLARE_METATYPE(Token)

// issue 7 against a live server: the who-may-do-what matrix over HTTP, on the original routes
// and /v1, the 401 challenge, the plan taken from the token, and no token in the logs.
class tst_ApiServerSecurity : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void matrix_data();
    void matrix();
    void challengeNamesTheProblem();
    void planComesFromTheToken();
    void adminMayNamePlanForOthers();
    void tokensNeverLogged();
    void withoutAuthEverythingIsOpen();

private:
    void start(bool auth);
    Response send(const QByteArray &method, const QByteArray &path, Token token,
                  const QByteArray &body = {});

    ManualClock m_clock{nowSeconds * 1000};
    std::unique_ptr<MemoryLeaseStore> m_store;
    std::unique_ptr<StreamLimiter> m_limiter;
    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;
};

void tst_ApiServerSecurity::init()
{
    start(true);
}

void tst_ApiServerSecurity::cleanup()
{
    m_server.reset();
    m_limiter.reset();
    m_store.reset();
}

void tst_ApiServerSecurity::start(bool auth)
{
    cleanup();
    Policy policy;
    policy.planLimits = {{QStringLiteral("basic"), 1}, {QStringLiteral("premium"), 4}};
    m_store = std::make_unique<MemoryLeaseStore>();
    m_limiter = std::make_unique<StreamLimiter>(*m_store, m_clock, policy);
    m_server = std::make_unique<ApiServer>(*m_limiter);
    ServerSecurity security;
    if (auth) {
        JwtVerifier::Options options;
        options.secret = secret;
        security.verifier = std::make_shared<const JwtVerifier>(options, m_clock);
    }
    m_server->setSecurity(security);
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
}

Response tst_ApiServerSecurity::send(const QByteArray &method, const QByteArray &path, Token token,
                                     const QByteArray &body)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n";
    if (token != Token::None)
        request += "Authorization: Bearer " + tokenFor(token) + "\r\n";
    if (!body.isEmpty())
        request +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    request += "\r\n" + body;
    client.write(request);
    QByteArray raw;
    // The server closes after answering (Connection: close); bounded at 10 s.
    (void)QTest::qWaitFor(
        [&] {
            raw += client.readAll();
            return client.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    raw += client.readAll();
    Response response;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || end < 0)
        return response;
    response.status = raw.mid(9, 3).toInt();
    response.headers = raw.left(end);
    response.body = raw.mid(end + 4);
    return response;
}

void tst_ApiServerSecurity::matrix_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<Token>("token");
    QTest::addColumn<int>("status");

    const QByteArray aliceV1 = QByteArrayLiteral("/v1/users/alice/streams");
    const QByteArray aliceOriginal = QByteArrayLiteral("/user/alice/streams");
    QTest::newRow("v1 list: owner") << QByteArray("GET") << aliceV1 << Token::Alice << 200;
    QTest::newRow("v1 list: other user") << QByteArray("GET") << aliceV1 << Token::Bob << 403;
    QTest::newRow("v1 list: admin") << QByteArray("GET") << aliceV1 << Token::Admin << 200;
    QTest::newRow("v1 list: no token") << QByteArray("GET") << aliceV1 << Token::None << 401;
    QTest::newRow("v1 list: expired") << QByteArray("GET") << aliceV1 << Token::Expired << 401;
    QTest::newRow("v1 list: not yet valid")
        << QByteArray("GET") << aliceV1 << Token::NotYetValid << 401;
    QTest::newRow("v1 list: bad signature")
        << QByteArray("GET") << aliceV1 << Token::BadSignature << 401;
    QTest::newRow("v1 list: alg none") << QByteArray("GET") << aliceV1 << Token::AlgNone << 401;
    QTest::newRow("v1 list: garbage") << QByteArray("GET") << aliceV1 << Token::Garbage << 401;
    QTest::newRow("original list: owner")
        << QByteArray("GET") << aliceOriginal << Token::Alice << 200;
    QTest::newRow("original list: other user")
        << QByteArray("GET") << aliceOriginal << Token::Bob << 403;
    QTest::newRow("original list: no token")
        << QByteArray("GET") << aliceOriginal << Token::None << 401;
    QTest::newRow("v1 stop another user's stream")
        << QByteArray("DELETE") << QByteArray("/v1/users/alice/streams/AAAAAAAAAAAAAAAAAAAAAA")
        << Token::Bob << 403;
    QTest::newRow("v1 heartbeat another user's stream")
        << QByteArray("POST")
        << QByteArray("/v1/users/alice/streams/AAAAAAAAAAAAAAAAAAAAAA/heartbeat") << Token::Bob
        << 403;
    QTest::newRow("v1 stop: admin reaches it (unknown stream)")
        << QByteArray("DELETE") << QByteArray("/v1/users/alice/streams/AAAAAAAAAAAAAAAAAAAAAA")
        << Token::Admin << 404;
    QTest::newRow("policy read: user")
        << QByteArray("GET") << QByteArray("/v1/policy") << Token::Alice << 403;
    QTest::newRow("policy read: admin")
        << QByteArray("GET") << QByteArray("/v1/policy") << Token::Admin << 200;
    QTest::newRow("policy read: no token")
        << QByteArray("GET") << QByteArray("/v1/policy") << Token::None << 401;
    QTest::newRow("healthz: no token")
        << QByteArray("GET") << QByteArray("/healthz") << Token::None << 200;
    QTest::newRow("healthz: garbage token ignored")
        << QByteArray("GET") << QByteArray("/healthz") << Token::Garbage << 200;
    QTest::newRow("readyz: no token")
        << QByteArray("GET") << QByteArray("/readyz") << Token::None << 200;
    QTest::newRow("metrics: no token")
        << QByteArray("GET") << QByteArray("/metrics") << Token::None << 401;
    QTest::newRow("metrics: user")
        << QByteArray("GET") << QByteArray("/metrics") << Token::Alice << 403;
    QTest::newRow("metrics: metrics scope")
        << QByteArray("GET") << QByteArray("/metrics") << Token::MetricsScraper << 200;
    QTest::newRow("unknown path stays 404")
        << QByteArray("GET") << QByteArray("/nope") << Token::None << 404;
}

void tst_ApiServerSecurity::matrix()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(Token, token);
    QFETCH(int, status);

    const Response response = send(method, path, token);
    QVERIFY2(response.status == status, QByteArray(response.headers + "\n" + response.body));
    if (status == 401 || status == 403)
        QCOMPARE(response.header("Content-Type"), QByteArrayLiteral("application/problem+json"));
    QCOMPARE(response.header("WWW-Authenticate").startsWith("Bearer realm=\"videostreams\""),
             status == 401);
}

void tst_ApiServerSecurity::challengeNamesTheProblem()
{
    const Response missing = send("GET", "/v1/users/alice/streams", Token::None);
    QCOMPARE(missing.header("WWW-Authenticate"),
             QByteArrayLiteral("Bearer realm=\"videostreams\""));
    const Response expired = send("GET", "/v1/users/alice/streams", Token::Expired);
    QVERIFY2(expired.header("WWW-Authenticate").contains("error=\"invalid_token\""),
             expired.headers);
    QVERIFY2(QJsonDocument::fromJson(expired.body)
                 .object()
                 .value(QStringLiteral("detail"))
                 .toString()
                 .contains(QStringLiteral("expired")),
             expired.body);
}

void tst_ApiServerSecurity::planComesFromTheToken()
{
    // Alice's token says basic (limit 1); naming premium (limit 4) in the body changes nothing.
    const QByteArray first = R"({"video_id":"v1","plan":"premium"})";
    const QByteArray second = R"({"video_id":"v2","plan":"premium"})";
    QCOMPARE(send("POST", "/v1/users/alice/streams", Token::AliceBasicPlan, first).status, 201);
    QCOMPARE(send("POST", "/v1/users/alice/streams", Token::AliceBasicPlan, second).status, 409);
    // The original route, too.
    QCOMPARE(
        send("POST", "/user/alice/stream", Token::AliceBasicPlan, R"({"video_id":"v3"})").status,
        403);
    // A token without a plan claim gets the default (3), not the body's plan.
    QCOMPARE(send("POST", "/v1/users/bob/streams", Token::Bob, R"({"video_id":"a","plan":"basic"})")
                 .status,
             201);
    QCOMPARE(send("POST", "/v1/users/bob/streams", Token::Bob, R"({"video_id":"b","plan":"basic"})")
                 .status,
             201);
}

void tst_ApiServerSecurity::adminMayNamePlanForOthers()
{
    for (int i = 0; i < 4; ++i) {
        const QByteArray body =
            R"({"video_id":"v)" + QByteArray::number(i) + R"(","plan":"premium"})";
        QCOMPARE(send("POST", "/v1/users/carol/streams", Token::Admin, body).status, 201);
    }
    QCOMPARE(send("POST", "/v1/users/carol/streams", Token::Admin,
                  R"({"video_id":"v9","plan":"premium"})")
                 .status,
             409);
    // Only an admin may change the policy.
    const QByteArray policy = R"({"default_limit":5})";
    QCOMPARE(send("PUT", "/v1/policy", Token::Alice, policy).status, 403);
    QCOMPARE(send("PUT", "/v1/policy", Token::Admin, policy).status, 200);
}

namespace {
QByteArray *capturedLog = nullptr;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (capturedLog)
        *capturedLog += message.toUtf8() + '\n';
}
} // namespace

void tst_ApiServerSecurity::tokensNeverLogged()
{
    QByteArray log;
    capturedLog = &log;
    QLoggingCategory::setFilterRules(QStringLiteral("vs.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    for (Token token : {Token::Alice, Token::Bob, Token::BadSignature, Token::Expired}) {
        (void)send("GET", "/v1/users/alice/streams", token);
        (void)send("POST", "/v1/users/alice/streams", token, R"({"video_id":"v"})");
    }
    qInstallMessageHandler(previous);
    capturedLog = nullptr;
    QLoggingCategory::setFilterRules(QString());
    QVERIFY2(log.contains("route="), log); // the request lines were captured
    for (Token token : {Token::Alice, Token::Bob, Token::BadSignature, Token::Expired}) {
        for (const QByteArray &part : tokenFor(token).split('.'))
            QVERIFY2(part.isEmpty() || !log.contains(part), log);
    }
    QVERIFY(!log.contains(secret));
}

void tst_ApiServerSecurity::withoutAuthEverythingIsOpen()
{
    start(false);
    QCOMPARE(send("GET", "/v1/users/alice/streams", Token::None).status, 200);
    QCOMPARE(send("GET", "/v1/policy", Token::None).status, 200);
    QCOMPARE(send("GET", "/metrics", Token::None).status, 200);
    // Without auth the body's plan is honoured (the local demo behaviour).
    QCOMPARE(
        send("POST", "/v1/users/dave/streams", Token::None, R"({"video_id":"a","plan":"basic"})")
            .status,
        201);
    QCOMPARE(
        send("POST", "/v1/users/dave/streams", Token::None, R"({"video_id":"b","plan":"basic"})")
            .status,
        409);
}

QTEST_GUILESS_MAIN(tst_ApiServerSecurity)
#include "tst_ApiServerSecurity.moc"
