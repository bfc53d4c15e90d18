// What operators see: /healthz, /readyz, /metrics, the request log line, and how answers from
// a store that replies later still go out in order on one connection.

#include "ControllableLeaseStore.h"
#include "HttpTestHarness.h"

#include <QMutex>
#include <QTcpSocket>
#include <QtTest>

namespace {

QMutex logMutex;
QStringList capturedLines;
QtMessageHandler previousHandler = nullptr;

void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && qstrcmp(context.category, "vs.http") == 0) {
        QMutexLocker locker(&logMutex);
        capturedLines.append(message);
        return;
    }
    previousHandler(type, context, message);
}

} // namespace

class ObservabilityTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void healthzAnswersOk();
    void readyzFollowsTheStore();
    void metricsCountRequestsAndEvents();
    void metricsCountGuardRefusals();
    void oneLogLinePerRequest_data();
    void oneLogLinePerRequest();
    void laterAnswersKeepRequestOrderOnOneConnection();
    void answerForAClosedConnectionIsDropped();

private:
    static QByteArray metricLine(const QByteArray &metrics, const QByteArray &name);
};

void ObservabilityTest::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureHandler);
}

void ObservabilityTest::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void ObservabilityTest::init()
{
    QMutexLocker locker(&logMutex);
    capturedLines.clear();
}

QByteArray ObservabilityTest::metricLine(const QByteArray &metrics, const QByteArray &name)
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1);
    }
    return "<missing " + name + '>';
}

void ObservabilityTest::healthzAnswersOk()
{
    HttpTestHarness http;
    const auto reply = http.get(QStringLiteral("/healthz"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray(R"({"status":"ok"})"));
}

void ObservabilityTest::readyzFollowsTheStore()
{
    auto owned = std::make_unique<ControllableLeaseStore>();
    ControllableLeaseStore *store = owned.get();
    HttpTestHarness http(std::move(owned));
    QCOMPARE(http.get(QStringLiteral("/readyz")).status, 200);
    store->reachable = false;
    const auto down = http.get(QStringLiteral("/readyz"));
    QCOMPARE(down.status, 503);
    QCOMPARE(down.contentType, QByteArray("application/problem+json"));
    QCOMPARE(http.get(QStringLiteral("/healthz")).status, 200);
}

void ObservabilityTest::metricsCountRequestsAndEvents()
{
    vs::Policy policy;
    policy.defaultLimit = 1;
    HttpTestHarness http({}, policy);
    const auto first =
        http.postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"a"})").json();
    http.postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"a"})"); // reused
    http.postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"b"})"); // denied
    http.send("POST", QStringLiteral("/v1/users/u/streams/%1/heartbeat")
                          .arg(first.value(u"stream_id").toString()));
    http.postJson(QStringLiteral("/v1/users/w/streams"), R"({"video_id":"a"})");
    http.get(QStringLiteral("/no/such/route"));
    http.clock().advanceMs(90'000);
    QCOMPARE(http.limiter().sweep(), 2); // both leases expired
    http.postJson(QStringLiteral("/v1/users/x/streams"), R"({"video_id":"a"})");

    const auto reply = http.get(QStringLiteral("/metrics"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.contentType.startsWith("text/plain; version=0.0.4"));
    const QByteArray &metrics = reply.body;
    QCOMPARE(metricLine(metrics, "videostreams_streams_granted_total"), QByteArray("3"));
    QCOMPARE(metricLine(metrics, "videostreams_streams_reused_total"), QByteArray("1"));
    QCOMPARE(metricLine(metrics, "videostreams_streams_denied_total"), QByteArray("1"));
    QCOMPARE(metricLine(metrics, "videostreams_streams_renewed_total"), QByteArray("1"));
    QCOMPARE(metricLine(metrics, "videostreams_streams_expired_total"), QByteArray("2"));
    QCOMPARE(metricLine(metrics, "videostreams_streams_evicted_total"), QByteArray("0"));
    QCOMPARE(metricLine(metrics, "videostreams_active_streams"), QByteArray("1"));
    QCOMPARE(
        metricLine(
            metrics,
            R"(videostreams_http_requests_total{method="POST",route="/v1/users/{user}/streams",status="201"})"),
        QByteArray("3"));
    QCOMPARE(
        metricLine(
            metrics,
            R"(videostreams_http_requests_total{method="POST",route="/v1/users/{user}/streams",status="409"})"),
        QByteArray("1"));
    QCOMPARE(
        metricLine(metrics,
                   R"(videostreams_http_requests_total{method="",route="unmatched",status="404"})"),
        QByteArray("1"));
    // The scrape itself is counted when written, so 7 requests came before it.
    QCOMPARE(metricLine(metrics, "videostreams_http_request_duration_seconds_count"),
             QByteArray("7"));
    QCOMPARE(metricLine(metrics, R"(videostreams_http_request_duration_seconds_bucket{le="+Inf"})"),
             QByteArray("7"));
    QVERIFY(metrics.contains("# TYPE videostreams_http_request_duration_seconds histogram"));
}

// Requests the connection guard refuses never reach a route, so /metrics counts them on their
// own, by reason, next to the connections open now.
void ObservabilityTest::metricsCountGuardRefusals()
{
    HttpTestHarness http;
    const auto refusedStatus = [&](const QByteArray &request) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, http.port());
        if (!socket.waitForConnected(5000))
            return 0;
        socket.write(request);
        QByteArray answer;
        // Spins the event loop: the server runs on this thread.
        (void)QTest::qWaitFor([&] { return (answer += socket.readAll()).contains("\r\n\r\n"); },
                              5000);
        return answer.mid(9, 3).toInt();
    };
    QCOMPARE(refusedStatus("POST /v1/users/u/streams HTTP/1.1\r\nHost: t\r\n"
                           "Content-Length: 100000000\r\n\r\n"),
             413);
    QCOMPARE(refusedStatus("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n"), 414);
    QCOMPARE(refusedStatus("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(20000, 'b') +
                           "\r\n\r\n"),
             431);

    const auto reply = http.get(QStringLiteral("/metrics"));
    QCOMPARE(reply.status, 200);
    const QByteArray &metrics = reply.body;
    QCOMPARE(metricLine(metrics, R"(videostreams_http_refusals_total{reason="body_too_large"})"),
             QByteArray("1"));
    QCOMPARE(
        metricLine(metrics, R"(videostreams_http_refusals_total{reason="request_line_too_long"})"),
        QByteArray("1"));
    QCOMPARE(metricLine(metrics, R"(videostreams_http_refusals_total{reason="headers_too_large"})"),
             QByteArray("1"));
    QCOMPARE(metricLine(metrics, R"(videostreams_http_refusals_total{reason="rate_limited"})"),
             QByteArray("0"));
    QCOMPARE(
        metricLine(metrics, R"(videostreams_http_refusals_total{reason="too_many_connections"})"),
        QByteArray("0"));
    // Three refused clients and the harness's own connection were accepted; at least the
    // harness's is still open while it scrapes.
    QVERIFY(metricLine(metrics, "videostreams_http_connections_accepted_total").toInt() >= 4);
    QVERIFY(metricLine(metrics, "videostreams_http_connections_open").toInt() >= 1);
    QVERIFY(metrics.contains("# TYPE videostreams_http_refusals_total counter"));
    // No route ran for the refused requests.
    QCOMPARE(metricLine(metrics, "videostreams_http_request_duration_seconds_count"),
             QByteArray("0"));
}

void ObservabilityTest::oneLogLinePerRequest_data()
{
    QTest::addColumn<vs::LogFormat>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text") << vs::LogFormat::Text
                          << "method=GET route=/v1/users/{user}/streams status=200 duration_us=";
    QTest::newRow("json")
        << vs::LogFormat::Json
        << R"({"method":"GET","route":"/v1/users/{user}/streams","status":200,"duration_us":)";
}

void ObservabilityTest::oneLogLinePerRequest()
{
    QFETCH(vs::LogFormat, format);
    QFETCH(QString, expected);
    HttpTestHarness http({}, vs::Policy(), format);
    http.send("GET", QStringLiteral("/v1/users/secret-user/streams"), {},
              {{"X-Request-Id", "trace-42"}});
    QMutexLocker locker(&logMutex);
    QCOMPARE(capturedLines.size(), 1);
    const QString line = capturedLines.constFirst();
    QVERIFY2(line.startsWith(expected), qPrintable(line));
    QVERIFY2(line.contains(u"trace-42"), qPrintable(line));
    QVERIFY2(!line.contains(u"secret-user"), qPrintable(line)); // templates, not ids
}

void ObservabilityTest::laterAnswersKeepRequestOrderOnOneConnection()
{
    auto owned = std::make_unique<ControllableLeaseStore>();
    ControllableLeaseStore *store = owned.get();
    store->deferred = true;
    HttpTestHarness http(std::move(owned));

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, http.port());
    QVERIFY(socket.waitForConnected(5000));
    // Pipelined: a watch, a list (both answered later), then a health check (answered at once).
    const QByteArray body = R"({"video_id":"v"})";
    socket.write("POST /v1/users/u/streams HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body +
                 "GET /v1/users/u/streams HTTP/1.1\r\nHost: x\r\n\r\n"
                 "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE(store->pendingAnswers(), 2);
    store->answerLast(); // the list first: its answer must wait for the watch's
    store->answerFirst();

    QByteArray received;
    QTRY_VERIFY((received += socket.readAll()).count("HTTP/1.1 ") == 3);
    const qsizetype created = received.indexOf("HTTP/1.1 201");
    const qsizetype listed = received.indexOf("HTTP/1.1 200", created);
    const qsizetype healthy = received.indexOf("{\"status\":\"ok\"}");
    QVERIFY2(created == 0, received.constData());
    QVERIFY2(listed > created, received.constData());
    QVERIFY2(healthy > listed, received.constData());
    // The list was decided before the watch (it shows no stream) yet sent after it.
    QVERIFY(received.mid(listed, healthy - listed).contains("\"active\":0"));
}

void ObservabilityTest::answerForAClosedConnectionIsDropped()
{
    auto owned = std::make_unique<ControllableLeaseStore>();
    ControllableLeaseStore *store = owned.get();
    store->deferred = true;
    HttpTestHarness http(std::move(owned));
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, http.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /user/u/streams HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(store->pendingAnswers(), 1);
        socket.abort();
    }
    // Let the server notice the closed connection, then answer into the void.
    QTest::qWait(50);
    store->answerFirst();
    store->deferred = false;
    QCOMPARE(http.get(QStringLiteral("/healthz")).status, 200);
}

QTEST_GUILESS_MAIN(ObservabilityTest)
#include "tst_Observability.moc"
