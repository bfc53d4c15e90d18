#include <QAbstractHttpServer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include "GuardedTcpServer.h"
#include "ManualClock.h"
#include "RequestId.h"

#include <memory>
#include <vector>

using namespace vs;

namespace {

// Answers every request 200 with the size of the body it received.
class CountingHttpServer final : public QAbstractHttpServer
{
public:
    int handled = 0;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        ++handled;
        makeResponder(request, socket)
            .write(QByteArray::number(request.body().size()), "text/plain",
                   QHttpServerResponder::StatusCode::Ok);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}
};

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/statm"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = status.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4096 : 0;
}

// Statuses of the complete responses in `bytes` ("HTTP/1.1 200 OK ...").
QList<int> statuses(const QByteArray &bytes)
{
    QList<int> result;
    qsizetype at = 0;
    while ((at = bytes.indexOf("HTTP/1.1 ", at)) >= 0) {
        result.append(bytes.mid(at + 9, 3).toInt());
        at += 9;
    }
    return result;
}

const QByteArray getHealth = QByteArrayLiteral("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");

// A refusal names itself like every API error: an X-Request-Id header, and the same id as the
// problem body's request_id. Empty when it does; otherwise what is wrong, for QVERIFY2.
QString refusalIdentityError(const QByteArray &response)
{
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return QStringLiteral("no complete header block in: ") + QString::fromLatin1(response);
    QByteArray headerId;
    int idHeaders = 0;
    for (const QByteArray &line : response.left(headerEnd).split('\n')) {
        if (line.toLower().startsWith("x-request-id:")) {
            headerId = line.mid(13).trimmed();
            ++idHeaders;
        }
    }
    if (idHeaders != 1)
        return QStringLiteral("%1 X-Request-Id headers in: ").arg(idHeaders) +
               QString::fromLatin1(response);
    if (!RequestId::isSane(headerId))
        return QStringLiteral("no sane X-Request-Id header in: ") + QString::fromLatin1(response);
    const QJsonObject problem = QJsonDocument::fromJson(response.mid(headerEnd + 4)).object();
    if (problem.value(QLatin1String("request_id")).toString() != QString::fromLatin1(headerId))
        return QStringLiteral("request_id differs from the header in: ") +
               QString::fromLatin1(response);
    return QString();
}

// The first complete refusal (`statusLine`, then a whole problem body) that one of `clients` has
// received, or empty. Peeked, so the clients' buffers stay as they were.
QByteArray completeRefusal(const std::vector<std::unique_ptr<QTcpSocket>> &clients,
                           const QByteArray &statusLine)
{
    for (const auto &client : clients) {
        const QByteArray seen = client->peek(4096);
        if (seen.startsWith(statusLine) && seen.endsWith("}"))
            return seen;
    }
    return QByteArray();
}

} // namespace

// Hostile clients against a live guarded server on loopback, bounded in count and time, while a
// well-behaved client keeps getting answers. Time-based limits run on a ManualClock.
class tst_GuardedTcpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void oversizedRequestsRefused_data();
    void oversizedRequestsRefused();
    void hugeBodyNeverBuffered();
    void slowHeadersTimeOut();
    void silentConnectionsClosed();
    void connectionFloodRefusedBeyondLimit();
    void connectionsCappedPerClientAddress();
    void requestRateLimitedPerConnection();
    void pipelinedRequestsCountedOnce();

private:
    void start(const HttpLimits &limits);
    // `from`: the client's own address (any loopback address works on Linux); null: the default.
    std::unique_ptr<QTcpSocket> connectClient(const QHostAddress &from = QHostAddress());
    std::vector<std::unique_ptr<QTcpSocket>> startConnecting(int count) const;
    // Sends one request on `client` and returns the response's status (and its bytes).
    int roundTrip(QTcpSocket &client, const QByteArray &request, QByteArray *bytes = nullptr);
    void wellBehavedClientIsServed();

    ManualClock m_clock;
    std::unique_ptr<CountingHttpServer> m_http;
    GuardedTcpServer *m_tcp = nullptr;
    std::unique_ptr<QTcpSocket> m_wellBehaved;
};

void tst_GuardedTcpServer::init()
{
    HttpLimits limits;
    limits.maxRequestLineBytes = 1024;
    limits.maxHeaderBytes = 4096;
    limits.maxBodyBytes = 64 * 1024;
    limits.maxConnections = 20;
    start(limits);
}

void tst_GuardedTcpServer::cleanup()
{
    m_wellBehaved.reset();
    m_http.reset(); // owns m_tcp
    m_tcp = nullptr;
}

void tst_GuardedTcpServer::start(const HttpLimits &limits)
{
    cleanup();
    m_http = std::make_unique<CountingHttpServer>();
    m_tcp = new GuardedTcpServer(limits, m_clock, m_http.get());
    QVERIFY(m_tcp->listen(QHostAddress::LocalHost, 0));
    m_tcp->bindTo(*m_http);
    m_wellBehaved = connectClient();
    QCOMPARE(roundTrip(*m_wellBehaved, getHealth), 200);
}

std::unique_ptr<QTcpSocket> tst_GuardedTcpServer::connectClient(const QHostAddress &from)
{
    auto client = std::make_unique<QTcpSocket>();
    if (!from.isNull() && !client->bind(from))
        qFatal("cannot bind a test client to %s", qPrintable(from.toString()));
    client->connectToHost(QHostAddress::LocalHost, m_tcp->serverPort());
    // Not waitForConnected(): the server runs in this thread and must keep accepting.
    if (!QTest::qWaitFor([&] { return client->state() == QAbstractSocket::ConnectedState; }, 5000))
        qFatal("cannot connect to the test server");
    return client;
}

// Clients that connect without waiting: the server accepts them once the test spins the loop.
std::vector<std::unique_ptr<QTcpSocket>> tst_GuardedTcpServer::startConnecting(int count) const
{
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, m_tcp->serverPort());
    }
    return clients;
}

int tst_GuardedTcpServer::roundTrip(QTcpSocket &client, const QByteArray &request,
                                    QByteArray *bytes)
{
    client.write(request);
    QByteArray response;
    // Spins the event loop so the in-process server runs; bounded at 10 s.
    (void)QTest::qWaitFor(
        [&] {
            response += client.readAll();
            const qsizetype end = response.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            const qsizetype lengthAt = response.toLower().indexOf("content-length:");
            if (lengthAt < 0 || lengthAt > end)
                return true;
            const qsizetype lineEnd = response.indexOf("\r\n", lengthAt);
            const qint64 length =
                response.mid(lengthAt + 15, lineEnd - lengthAt - 15).trimmed().toLongLong();
            return response.size() >= end + 4 + length;
        },
        10000);
    if (bytes)
        *bytes = response;
    const QList<int> found = statuses(response);
    return found.isEmpty() ? 0 : found.first();
}

void tst_GuardedTcpServer::wellBehavedClientIsServed()
{
    QCOMPARE(roundTrip(*m_wellBehaved, getHealth), 200);
}

void tst_GuardedTcpServer::oversizedRequestsRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("request line") << QByteArray("GET /" + QByteArray(2000, 'a') +
                                                " HTTP/1.1\r\n\r\n")
                                  << 414;
    QTest::newRow("header") << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(5000, 'b') +
                                          "\r\n\r\n")
                            << 431;
    QTest::newRow("content-length 100 MB, no body sent")
        << QByteArrayLiteral("POST /v1/users/a/streams HTTP/1.1\r\nContent-Length: 104857600\r\n"
                             "\r\n")
        << 413;
    QTest::newRow("chunked growing past the limit")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" +
                      QByteArray("8000\r\n" + QByteArray(0x8000, 'c') + "\r\n").repeated(3))
        << 413;
    QTest::newRow("ambiguous framing")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: "
                             "chunked\r\n\r\n")
        << 400;
    QTest::newRow("within limits") << getHealth << 200;
}

void tst_GuardedTcpServer::oversizedRequestsRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    const int handledBefore = m_http->handled;
    auto client = connectClient();
    QByteArray response;
    QCOMPARE(roundTrip(*client, request, &response), status);
    if (status != 200) {
        const QString identityError = refusalIdentityError(response);
        QVERIFY2(identityError.isEmpty(), qPrintable(identityError));
        // Qt's handler never saw the request, and the connection ends after the answer.
        QCOMPARE(m_http->handled, handledBefore);
        m_clock.advanceMs(m_tcp->limits().refusalLingerMs);
        m_tcp->enforceTimeouts();
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState, 10000);
    }
    wellBehavedClientIsServed();
}

void tst_GuardedTcpServer::hugeBodyNeverBuffered()
{
    // 64 MB of chunked body sent as fast as the server takes it; without the guard Qt 6.4 keeps
    // the whole body in memory until the request completes.
    auto client = connectClient();
    client->write("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = "100000\r\n" + QByteArray(0x100000, 'x') + "\r\n";
    const qint64 before = residentBytes();
    QByteArray answer;
    for (int i = 0; i < 64 && client->state() == QAbstractSocket::ConnectedState; ++i) {
        client->write(chunk);
        // Keep the client's own buffer small so the measurement is about the server.
        (void)QTest::qWaitFor([&] { return client->bytesToWrite() < 2 * 0x100000; }, 2000);
        answer += client->readAll();
        if (answer.contains("413"))
            break;
    }
    QTRY_VERIFY_WITH_TIMEOUT((answer += client->readAll()).startsWith("HTTP/1.1 413"), 10000);
    const qint64 grown = residentBytes() - before;
    QVERIFY2(grown < 24 * 1024 * 1024, qPrintable(QString::number(grown)));
    QCOMPARE(m_tcp->counters().bodiesTooLarge, quint64(1));
    wellBehavedClientIsServed();
}

void tst_GuardedTcpServer::slowHeadersTimeOut()
{
    auto slow = connectClient();
    const quint64 requestsBefore = m_tcp->counters().requestsStarted;
    slow->write("GET /healthz HTTP/1.1\r\n");
    QTRY_COMPARE(m_tcp->counters().requestsStarted, requestsBefore + 1);
    // Trickle a header line per "second": the deadline counts from the request's first byte.
    for (int i = 0; i < 9; ++i) {
        m_clock.advanceMs(1000);
        slow->write("X-Slow: 1\r\n");
        QTest::qWait(20);
        m_tcp->enforceTimeouts();
        QVERIFY(slow->state() == QAbstractSocket::ConnectedState);
        QVERIFY(!slow->bytesAvailable());
    }
    wellBehavedClientIsServed();
    m_clock.advanceMs(1000);
    m_tcp->enforceTimeouts();
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += slow->readAll()).endsWith("}"), 10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
    const QString identityError = refusalIdentityError(answer);
    QVERIFY2(identityError.isEmpty(), qPrintable(identityError));
    QCOMPARE(m_tcp->counters().timedOut, quint64(1));
    m_clock.advanceMs(m_tcp->limits().refusalLingerMs);
    m_tcp->enforceTimeouts();
    QTRY_COMPARE_WITH_TIMEOUT(slow->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(m_tcp->openConnections(), 1);
    wellBehavedClientIsServed();
}

void tst_GuardedTcpServer::silentConnectionsClosed()
{
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 5; ++i)
        silent.push_back(connectClient());
    QTRY_COMPARE(m_tcp->openConnections(), 6);
    m_clock.advanceMs(m_tcp->limits().headerTimeoutMs);
    wellBehavedClientIsServed(); // activity keeps the well-behaved one open
    m_tcp->enforceTimeouts();
    for (auto &client : silent)
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(m_tcp->openConnections(), 1);
    wellBehavedClientIsServed();

    // Keep-alive connections that go quiet after a request close after the idle time.
    m_clock.advanceMs(m_tcp->limits().idleTimeoutMs);
    m_tcp->enforceTimeouts();
    QTRY_COMPARE_WITH_TIMEOUT(m_wellBehaved->state(), QAbstractSocket::UnconnectedState, 10000);
}

void tst_GuardedTcpServer::connectionFloodRefusedBeyondLimit()
{
    std::vector<std::unique_ptr<QTcpSocket>> flood = startConnecting(60);
    QTRY_COMPARE_WITH_TIMEOUT(m_tcp->counters().connectionsRefused, quint64(41), 10000);
    QCOMPARE(m_tcp->openConnections(), 20);
    wellBehavedClientIsServed();
    int refusedSeen = 0;
    (void)QTest::qWaitFor(
        [&] {
            refusedSeen = 0;
            for (auto &client : flood)
                refusedSeen += client->state() == QAbstractSocket::UnconnectedState ||
                               client->peek(20).startsWith("HTTP/1.1 503");
            return refusedSeen == 41;
        },
        10000);
    QCOMPARE(refusedSeen, 41);
    QByteArray refusal;
    QTRY_VERIFY_WITH_TIMEOUT(!(refusal = completeRefusal(flood, "HTTP/1.1 503")).isEmpty(), 10000);
    const QString identityError = refusalIdentityError(refusal);
    QVERIFY2(identityError.isEmpty(), qPrintable(identityError));
    flood.clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_tcp->openConnections(), 1, 10000);
    auto late = connectClient();
    QCOMPARE(roundTrip(*late, getHealth), 200);
}

// One address may not take the whole server: beyond its own cap it gets 503, while a client from
// another address (127.0.0.2, also loopback) is still accepted and served.
void tst_GuardedTcpServer::connectionsCappedPerClientAddress()
{
    HttpLimits limits;
    limits.maxConnections = 50;
    limits.maxConnectionsPerClient = 5;
    start(limits); // the well-behaved client holds one of 127.0.0.1's five

    std::vector<std::unique_ptr<QTcpSocket>> flood = startConnecting(10);
    QTRY_COMPARE_WITH_TIMEOUT(m_tcp->counters().clientConnectionsRefused, quint64(6), 10000);
    QCOMPARE(m_tcp->openConnections(), 5);
    QCOMPARE(m_tcp->counters().connectionsRefused, quint64(0));
    wellBehavedClientIsServed();
    // A refused connection is told why, with an id to quote.
    QByteArray refusal;
    QTRY_VERIFY_WITH_TIMEOUT(!(refusal = completeRefusal(flood, "HTTP/1.1 503")).isEmpty(), 10000);
    const QString identityError = refusalIdentityError(refusal);
    QVERIFY2(identityError.isEmpty(), qPrintable(identityError));

    auto other = connectClient(QHostAddress(QStringLiteral("127.0.0.2")));
    QCOMPARE(roundTrip(*other, getHealth), 200);
    QCOMPARE(m_tcp->counters().clientConnectionsRefused, quint64(6));

    // Closing its connections gives the address its share back.
    flood.clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_tcp->openConnections(), 2, 10000);
    auto late = connectClient();
    QCOMPARE(roundTrip(*late, getHealth), 200);
}

void tst_GuardedTcpServer::requestRateLimitedPerConnection()
{
    HttpLimits limits;
    limits.requestsPerSecond = 2;
    limits.requestBurst = 3;
    start(limits); // the well-behaved client has used one request of its burst
    auto client = connectClient();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(roundTrip(*client, getHealth), 200);
    QByteArray refusal;
    QCOMPARE(roundTrip(*client, getHealth, &refusal), 429);
    QCOMPARE(m_tcp->counters().rateLimited, quint64(1));
    const QString identityError = refusalIdentityError(refusal);
    QVERIFY2(identityError.isEmpty(), qPrintable(identityError));
    // Other connections have their own budget; and time refills it.
    wellBehavedClientIsServed();
    m_clock.advanceMs(1000);
    auto next = connectClient();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(roundTrip(*next, getHealth), 200);
    QCOMPARE(roundTrip(*m_wellBehaved, getHealth), 200);
}

void tst_GuardedTcpServer::pipelinedRequestsCountedOnce()
{
    HttpLimits limits;
    limits.requestsPerSecond = 1;
    limits.requestBurst = 4;
    start(limits);
    auto client = connectClient();
    client->write(getHealth.repeated(4));
    QByteArray responses;
    QTRY_VERIFY_WITH_TIMEOUT((responses += client->readAll(), statuses(responses).size() == 4),
                             10000);
    QCOMPARE(statuses(responses), QList<int>({200, 200, 200, 200}));
    // Qt re-reads leftovers of a pipelined batch; none may count twice against the budget.
    QCOMPARE(m_tcp->counters().rateLimited, quint64(0));
}

QTEST_GUILESS_MAIN(tst_GuardedTcpServer)
#include "tst_GuardedTcpServer.moc"
