// Hundreds of malformed requests: each gets a 4xx problem (or a closed connection, for raw
// garbage), the server keeps answering, and no stored stream or policy changes.

#include "HttpTestHarness.h"

#include <QRandomGenerator>
#include <QTcpSocket>
#include <QtTest>

class MalformedRequestsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void malformedHttpRequestIsRefused_data();
    void malformedHttpRequestIsRefused();
    void rawGarbageDoesNotHurtTheServer_data();
    void rawGarbageDoesNotHurtTheServer();

private:
    QStringList snapshot();
    void verifyUnharmed();

    std::unique_ptr<HttpTestHarness> m_http;
    QStringList m_before;
    vs::Policy m_policyBefore;
};

void MalformedRequestsTest::init()
{
    m_http = std::make_unique<HttpTestHarness>();
    QVERIFY(m_http->isListening());
    // Some state worth protecting: a user with two streams.
    QCOMPARE(
        m_http->postJson(QStringLiteral("/v1/users/victim/streams"), R"({"video_id":"a"})").status,
        201);
    QCOMPARE(
        m_http->postJson(QStringLiteral("/v1/users/victim/streams"), R"({"video_id":"b"})").status,
        201);
    m_before = snapshot();
    m_policyBefore = m_http->limiter().policy();
}

void MalformedRequestsTest::cleanup()
{
    m_http.reset();
}

QStringList MalformedRequestsTest::snapshot()
{
    QStringList streams;
    const auto listed = m_http->store().list(QStringLiteral("victim"), m_http->clock().nowMs());
    for (const vs::Lease &lease : listed.active)
        streams << lease.streamId.toString() + u' ' + lease.videoId + u' ' +
                       QString::number(lease.expiresAtMs);
    streams << QString::number(m_http->store().storedLeaseCount());
    return streams;
}

void MalformedRequestsTest::verifyUnharmed()
{
    const auto health = m_http->get(QStringLiteral("/healthz"));
    QVERIFY(health.finished);
    QCOMPARE(health.status, 200);
    QCOMPARE(snapshot(), m_before);
    QCOMPARE(m_http->limiter().policy(), m_policyBefore);
}

void MalformedRequestsTest::malformedHttpRequestIsRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");

    const QList<QByteArray> badJson{
        "{",
        "}",
        "{\"video_id\":",
        "{\"video_id\":\"a\"",
        "{\"video_id\" \"a\"}",
        "{'video_id':'a'}",
        "{video_id:\"a\"}",
        "{\"video_id\":\"a\",}",
        "[\"video_id\",\"a\"]",
        "null",
        "true",
        "42",
        "\"video_id\"",
        "video_id=a",
        "video_id=a&device_id=b",
        "\x00\x01\x02",
        "\xff\xfe{\"video_id\":\"a\"}",
        "{\"video_id\":\"a\"}garbage",
        "{\"video_id\":\"\\ud800\"}",
        "{\"video_id\":\"a\\u0000b\"}",
        "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{",
        QByteArray(2000, '['),
        "{\"video_id\":NaN}",
        "{\"video_id\":Infinity}",
        "{\"video_id\":1e999}",
        "/* comment */ {\"video_id\":\"a\"}",
        " ",
        "\r\n",
        "<xml/>",
        "{\"\":\"\"}",
    };
    const QStringList jsonRoutes{
        QStringLiteral("/user/victim/stream"),
        QStringLiteral("/v1/users/victim/streams"),
    };
    int row = 0;
    for (const QByteArray &body : badJson) {
        for (const QString &route : jsonRoutes)
            QTest::addRow("bad json %d", row++) << QByteArray("POST") << route << body;
        QTest::addRow("bad policy json %d", row++)
            << QByteArray("PUT") << QStringLiteral("/v1/policy") << body;
    }

    // Wrong types and bad values for the watch fields.
    const QList<QByteArray> badValues{"1",
                                      "1.5",
                                      "true",
                                      "false",
                                      "null",
                                      "[]",
                                      "[\"a\"]",
                                      "{}",
                                      "{\"id\":\"a\"}",
                                      "\"\"",
                                      "\"a b\"",
                                      "\"a/b\"",
                                      "\"\\u00e9\"",
                                      "\"" + QByteArray(129, 'x') + "\""};
    for (const char *field : {"video_id", "device_id", "plan"}) {
        for (const QByteArray &value : badValues) {
            const bool optionalNull =
                qstrcmp(field, "video_id") != 0 && value == "null"; // a valid "absent"
            if (optionalNull)
                continue;
            const QByteArray body = qstrcmp(field, "video_id") == 0
                                        ? QByteArray("{\"video_id\":" + value + "}")
                                        : QByteArray("{\"video_id\":\"c\",\"" + QByteArray(field) +
                                                     "\":" + value + "}");
            QTest::addRow("bad %s %d", field, row++)
                << QByteArray("POST") << QStringLiteral("/v1/users/victim/streams") << body;
        }
    }
    for (const QByteArray &value : badValues) {
        if (value == "null")
            continue;
        QTest::addRow("original bad video %d", row++)
            << QByteArray("POST") << QStringLiteral("/user/victim/stream")
            << "{\"video_id\":" + value + "}";
    }

    // Bad ids in the path, on every route that takes one.
    const QStringList badIds{
        QStringLiteral("a%20b"), QStringLiteral("a%2Fb"),        QStringLiteral("%00"),
        QStringLiteral("%FF"),   QStringLiteral("%C3%A9"),       QStringLiteral("a%22b"),
        QStringLiteral("a%0Ab"), QStringLiteral("a%0D%0Ab"),     QStringLiteral("%3Cscript%3E"),
        QStringLiteral("a;b"),   QStringLiteral("a,b"),          QStringLiteral("a*b"),
        QStringLiteral("a%25b"), QStringLiteral("%F0%9F%98%80"), QStringLiteral("a!b"),
        QStringLiteral("a$b"),   QStringLiteral("a'b"),          QString(129, u'x'),
    };
    for (const QString &id : badIds) {
        const QList<QPair<QByteArray, QString>> routes{
            {"POST", QStringLiteral("/user/%1/stream")},
            {"GET", QStringLiteral("/user/%1/streams")},
            {"POST", QStringLiteral("/v1/users/%1/streams")},
            {"GET", QStringLiteral("/v1/users/%1/streams")},
            {"POST", QStringLiteral("/v1/users/%1/streams/AAAAAAAAAAAAAAAAAAAAAA/heartbeat")},
            {"DELETE", QStringLiteral("/v1/users/%1/streams/AAAAAAAAAAAAAAAAAAAAAA")},
        };
        for (const auto &[method, route] : routes)
            QTest::addRow("bad id %d", row++)
                << method << route.arg(id) << QByteArray(R"({"video_id":"c"})");
        QTest::addRow("bad stream id %d", row++)
            << QByteArray("DELETE") << QStringLiteral("/v1/users/victim/streams/%1").arg(id)
            << QByteArray();
    }

    // Bodies over 64 KiB, valid JSON or not.
    for (const int size : {64 * 1024 + 1, 128 * 1024, 1024 * 1024}) {
        QByteArray big = R"({"video_id":"c","pad":")";
        big += QByteArray(size - big.size() - 2, 'p') + "\"}";
        QTest::addRow("huge watch %d", size)
            << QByteArray("POST") << QStringLiteral("/v1/users/victim/streams") << big;
        QTest::addRow("huge original %d", size)
            << QByteArray("POST") << QStringLiteral("/user/victim/stream") << big;
        QTest::addRow("huge policy %d", size)
            << QByteArray("PUT") << QStringLiteral("/v1/policy") << QByteArray(size, ' ');
    }

    // Policies that must not be applied.
    const QList<QByteArray> badPolicies{
        R"({"default_limit":-1})",
        R"({"default_limit":2,"plans":{"x":"y"}})",
        R"({"default_limit":2,"at_limit":"never"})",
        R"({"lease_ttl_s":1e30})",
        R"({"user_overrides":{"victim":-1}})",
        R"({"user_overrides":[]})",
        R"({"default_limit":0,"unknown":1})",
        R"({"plans":{"":1}})",
    };
    for (const QByteArray &policy : badPolicies)
        QTest::addRow("bad policy %d", row++)
            << QByteArray("PUT") << QStringLiteral("/v1/policy") << policy;

    // Methods nobody serves.
    for (const char *method : {"PATCH", "OPTIONS", "HEAD", "TRACE", "BREW"})
        QTest::addRow("method %s", method)
            << QByteArray(method) << QStringLiteral("/v1/users/victim/streams") << QByteArray();
}

void MalformedRequestsTest::malformedHttpRequestIsRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);

    const auto reply =
        m_http->send(method, path, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
    QVERIFY(reply.finished);
    QVERIFY2(reply.status >= 400 && reply.status < 500,
             qPrintable(QString::number(reply.status) + u' ' + QString::fromUtf8(reply.body)));
    if (method != "HEAD") {
        QCOMPARE(reply.contentType, QByteArray("application/problem+json"));
        QVERIFY(!reply.json().value(u"detail").toString().isEmpty());
    }
    verifyUnharmed();
}

void MalformedRequestsTest::rawGarbageDoesNotHurtTheServer_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("garbage line") << QByteArray("GARBAGE\r\n\r\n");
    QTest::newRow("no version") << QByteArray("GET /healthz\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("GET /healthz HTTP/9\r\n\r\n");
    QTest::newRow("not http") << QByteArray("GET /healthz SPDY/3.1\r\n\r\n");
    QTest::newRow("only spaces") << QByteArray("      \r\n\r\n");
    QTest::newRow("bare newlines") << QByteArray("\n\n\n\n\n\n");
    QTest::newRow("nul bytes") << QByteArray(64, '\0');
    QTest::newRow("header no colon")
        << QByteArray("GET /healthz HTTP/1.1\r\nthis is not a header\r\n\r\n");
    QTest::newRow("negative length")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nContent-Length: -5\r\n\r\n{}");
    QTest::newRow("text length") << QByteArray(
        "POST /v1/users/victim/streams HTTP/1.1\r\nContent-Length: ten\r\n\r\n{}");
    QTest::newRow("huge length, short body")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nContent-Length: "
                      "99999999999\r\n\r\n{\"video_id\":\"x\"}");
    QTest::newRow("overflowing length")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nContent-Length: "
                      "999999999999999999999999999\r\n\r\n{}");
    QTest::newRow("truncated body")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nContent-Length: 40\r\n\r\n{\"vi");
    QTest::newRow("bad chunk size")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nTransfer-Encoding: "
                      "chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    QTest::newRow("huge chunk size")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nTransfer-Encoding: "
                      "chunked\r\n\r\nffffffffffffffff\r\nabc\r\n");
    QTest::newRow("negative chunk")
        << QByteArray("POST /v1/users/victim/streams HTTP/1.1\r\nTransfer-Encoding: "
                      "chunked\r\n\r\n-1\r\nabc\r\n0\r\n\r\n");
    QTest::newRow("upgrade websocket")
        << QByteArray("GET /healthz HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: "
                      "websocket\r\n\r\n");
    QTest::newRow("absolute uri") << QByteArray("GET http://evil/healthz HTTP/1.1\r\n\r\n");
    QTest::newRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\n\r\n");
    QTest::newRow("dot segments") << QByteArray(
        "DELETE /v1/users/victim/../victim/streams/x HTTP/1.1\r\n\r\n");
    QTest::newRow("percent garbage") << QByteArray("GET /%%%%%%%% HTTP/1.1\r\n\r\n");
    QTest::newRow("long path") << "GET /" + QByteArray(100'000, 'a') + " HTTP/1.1\r\n\r\n";
    QTest::newRow("long header") << "GET /healthz HTTP/1.1\r\nX-Long: " + QByteArray(100'000, 'h') +
                                        "\r\n\r\n";
    QTest::newRow("many headers") << "GET /healthz HTTP/1.1\r\n" +
                                         QByteArray("X-A: b\r\n").repeated(5000) + "\r\n";
    QTest::newRow("bad request id")
        << QByteArray("GET /healthz HTTP/1.1\r\nX-Request-Id: \x01\x02\xff\r\n\r\n");
    QTest::newRow("pipelined junk")
        << QByteArray("GET /healthz HTTP/1.1\r\n\r\nJUNK JUNK JUNK\r\n\r\nGET /healthz "
                      "HTTP/1.1\r\n\r\n");
    QTest::newRow("lowercase method") << QByteArray("post /user/victim/stream HTTP/1.1\r\n\r\n");
    QTest::newRow("tls hello") << QByteArray::fromHex("160301020001000200030300");

    QRandomGenerator random(20260131); // fixed seed: the same bytes every run
    for (int i = 0; i < 16; ++i) {
        QByteArray bytes(int(random.bounded(1, 4096)), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        QTest::addRow("random %d", i) << bytes;
        QTest::addRow("random after request line %d", i)
            << "POST /v1/users/victim/streams HTTP/1.1\r\n" + bytes;
    }
}

void MalformedRequestsTest::rawGarbageDoesNotHurtTheServer()
{
    QFETCH(QByteArray, bytes);

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_http->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(bytes);
    QVERIFY(socket.waitForBytesWritten(5000));
    // Whatever the server makes of it (an answer, a closed connection, waiting for more), it
    // must keep serving others: ask on a second connection while this one is still open.
    verifyUnharmed();
    socket.abort();
    verifyUnharmed();
}

QTEST_GUILESS_MAIN(MalformedRequestsTest)
#include "tst_MalformedRequests.moc"
