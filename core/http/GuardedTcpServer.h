#pragma once

#include "ConnectionCounters.h"
#include "HttpLimits.h"
#include "HttpRequestScanner.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <unordered_map>
#include <vector>

class QAbstractHttpServer;
class QTcpSocket;

namespace vs {

class Clock;
class SimpleHttpRequest;

// A QTcpServer that enforces HttpLimits in front of QHttpServer 6.4, which enforces none: it
// caps concurrent connections, refuses oversized request lines, headers and bodies while they
// arrive (a 100 MB body is refused from its Content-Length, before any of it is read), closes
// connections that trickle headers or bodies or sit idle, and rate-limits requests per
// connection.
//
// How: every accepted socket gets this server's readyRead handler connected before Qt's, so it
// sees each new byte first (HttpRequestScanner follows the framing without keeping the bytes);
// a second handler connected after Qt's records how much Qt left unread, so bytes are never
// counted twice. A refused connection is answered with a problem+json response and closed; what
// it still sends is discarded, so Qt never buffers it.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(const HttpLimits &limits, const Clock &clock, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    // Binds `server` to this listener. Use this instead of server.bind(this): the guard must
    // hook in around Qt's own connection handling.
    void bindTo(QAbstractHttpServer &server);

    // Requests in SimpleHttpRequest's plain form that arrive whole are taken from the socket and
    // given to `handler` instead of Qt's parser, in order, while Qt holds no part of an earlier
    // request; everything else still goes to Qt. The views are valid during the call only.
    using SimpleRequestHandler = std::function<void(QTcpSocket *, const SimpleHttpRequest &)>;
    void setSimpleRequestHandler(SimpleRequestHandler handler);

    // Closes connections whose header, body or idle time ran out. A timer calls it; tests call
    // it after moving a ManualClock.
    void enforceTimeouts();

    int openConnections() const { return int(m_connections.size()); }
    ConnectionCounters counters() const;
    const HttpLimits &limits() const { return m_limits; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct ConnectionState
    {
        ConnectionState(const HttpLimits &limits, qint64 nowMs, const QHostAddress &peerAddress);

        HttpRequestScanner scanner;
        QHostAddress peer;           // kept: a disconnected socket no longer knows it
        qint64 unreadByQt = 0;       // bytes Qt left in the socket buffer after its last read
        qint64 lastActivityMs = 0;   // last byte in or out
        qint64 requestStartedMs = 0; // first byte of the current request
        qint64 bodyStartedMs = 0;    // end of the current request's headers
        bool wasInBody = false;
        double tokens = 0; // rate limit bucket
        qint64 tokensAtMs = 0;
        bool refused = false;          // answered with an error; discarding input until closed
        bool allTakenBeforeQt = false; // Qt's read finds nothing: its transaction holds nothing
        qint64 closeAtMs = 0;          // when refused: close even if the client keeps sending
    };

    void beforeHttpServerRead(QTcpSocket *socket);
    // Hands the simple requests at the front of `buffered` to m_simpleRequestHandler.
    void takeSimpleRequests(QTcpSocket *socket, const QByteArray &buffered);
    void afterHttpServerRead(QTcpSocket *socket);
    void hookAfterHttpServer();
    bool takeToken(ConnectionState &state, qint64 nowMs);
    // Answers 503 and closes; `openCount`: the connections that made the limit, for the log.
    void refuseConnection(QTcpSocket *socket, const char *slug, const QString &detail,
                          int openCount);
    void refuse(QTcpSocket *socket, ConnectionState &state, int status, const char *slug,
                const QString &detail);
    static void discardInput(QTcpSocket *socket);
    // Every refusal is a problem+json answer with an X-Request-Id and the same id as request_id,
    // like the API's own errors, so that a client can quote it and find the guard's log line.
    static QByteArray problemResponse(int status, const char *slug, const QString &detail,
                                      const QByteArray &requestId);
    void forget(QTcpSocket *socket);

    const HttpLimits m_limits;
    const Clock &m_clock;
    std::unordered_map<QTcpSocket *, ConnectionState> m_connections;
    std::vector<QTcpSocket *> m_awaitingAfterHook;
    QHash<QHostAddress, int> m_connectionsPerClient;
    SimpleRequestHandler m_simpleRequestHandler;
    QTimer m_sweepTimer;
    ConnectionCounters m_counters; // openConnections is filled in by counters()
};

} // namespace vs
