#include "GuardedTcpServer.h"

#include "ApiResponse.h"
#include "Clock.h"
#include "RequestId.h"
#include "SimpleHttpRequest.h"

#include <QAbstractHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcHttpGuard, "vs.http.guard")

namespace vs {

namespace {

// RFC 9110's phrases for the statuses the guard answers itself; Qt's responder, whose phrases
// HttpStatusLine copies, says "Request Entity Too Large" (413) and "Request-URI Too Long" (414).
// Kept apart so that the guard's bytes on the wire stay as they are.
const char *guardReasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    }
    return "Error";
}

} // namespace

GuardedTcpServer::ConnectionState::ConnectionState(const HttpLimits &limits, qint64 nowMs,
                                                   const QHostAddress &peerAddress)
    : scanner(limits)
    , peer(peerAddress)
    , lastActivityMs(nowMs)
    , requestStartedMs(nowMs)
    , tokens(limits.requestBurst)
    , tokensAtMs(nowMs)
{}

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, const Clock &clock, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_clock(clock)
{
    const qint64 shortest = std::min({m_limits.headerTimeoutMs, m_limits.bodyTimeoutMs,
                                      m_limits.idleTimeoutMs, m_limits.refusalLingerMs * 4});
    m_sweepTimer.setInterval(int(std::clamp<qint64>(shortest / 4, 50, 1000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &GuardedTcpServer::enforceTimeouts);
    m_sweepTimer.start();
}

GuardedTcpServer::~GuardedTcpServer()
{
    // The sockets are children and outlive this object's members: cut them loose first.
    for (const auto &[socket, state] : m_connections)
        socket->disconnect(this);
}

void GuardedTcpServer::bindTo(QAbstractHttpServer &server)
{
    server.bind(this);
    // Connected after bind(): runs after Qt has taken the new sockets and hooked its reader.
    connect(this, &QTcpServer::newConnection, this, &GuardedTcpServer::hookAfterHttpServer);
}

void GuardedTcpServer::setSimpleRequestHandler(SimpleRequestHandler handler)
{
    m_simpleRequestHandler = std::move(handler);
}

ConnectionCounters GuardedTcpServer::counters() const
{
    ConnectionCounters counters = m_counters;
    counters.openConnections = openConnections();
    return counters;
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (openConnections() >= m_limits.maxConnections) {
        ++m_counters.connectionsRefused;
        refuseConnection(socket, "too-many-connections",
                         QStringLiteral("the server has too many open connections; retry shortly"),
                         openConnections());
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    int &fromPeer = m_connectionsPerClient[peer];
    if (m_limits.maxConnectionsPerClient > 0 && fromPeer >= m_limits.maxConnectionsPerClient) {
        ++m_counters.clientConnectionsRefused;
        refuseConnection(socket, "too-many-client-connections",
                         QStringLiteral("this client has too many open connections; close one "
                                        "or retry shortly"),
                         fromPeer);
        return;
    }

    ++fromPeer;
    ++m_counters.connectionsAccepted;
    m_connections.emplace(socket, ConnectionState(m_limits, m_clock.nowMs(), peer));
    connect(socket, &QIODevice::readyRead, this, [this, socket] { beforeHttpServerRead(socket); });
    connect(socket, &QIODevice::bytesWritten, this, [this, socket] {
        const auto it = m_connections.find(socket);
        if (it != m_connections.end())
            it->second.lastActivityMs = m_clock.nowMs();
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });
    m_awaitingAfterHook.push_back(socket);
    addPendingConnection(socket);
}

void GuardedTcpServer::refuseConnection(QTcpSocket *socket, const char *slug, const QString &detail,
                                        int openCount)
{
    const QByteArray requestId = RequestId::generate();
    qCInfo(lcHttpGuard, "refused connection from %s: status=503 reason=%s open=%d request_id=%s",
           qPrintable(socket->peerAddress().toString()), slug, openCount, requestId.constData());
    socket->write(problemResponse(503, slug, detail, requestId));
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}

void GuardedTcpServer::hookAfterHttpServer()
{
    for (QTcpSocket *socket : m_awaitingAfterHook) {
        if (m_connections.count(socket) != 0)
            connect(socket, &QIODevice::readyRead, this,
                    [this, socket] { afterHttpServerRead(socket); });
    }
    m_awaitingAfterHook.clear();
}

void GuardedTcpServer::forget(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const auto fromPeer = m_connectionsPerClient.find(it->second.peer);
    if (fromPeer != m_connectionsPerClient.end() && --fromPeer.value() <= 0)
        m_connectionsPerClient.erase(fromPeer);
    m_connections.erase(it);
    std::erase(m_awaitingAfterHook, socket);
}

void GuardedTcpServer::beforeHttpServerRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    ConnectionState &state = it->second;
    if (state.refused) {
        discardInput(socket);
        return;
    }
    const qint64 nowMs = m_clock.nowMs();
    if (socket->bytesToWrite() > m_limits.maxUnsentResponseBytes) {
        // It sends requests but does not read the answers: they would pile up here.
        qCInfo(lcHttpGuard, "dropped %s: %lld response bytes unread",
               qPrintable(socket->peerAddress().toString()), socket->bytesToWrite());
        socket->abort();
        return;
    }

    const qint64 available = socket->bytesAvailable();
    const qint64 fresh = available - state.unreadByQt;
    // Until Qt's read runs and says otherwise, everything buffered counts as seen.
    state.unreadByQt = available;
    if (fresh <= 0)
        return;
    state.lastActivityMs = nowMs;

    const quint64 startedBefore = state.scanner.requestsStarted();
    const QByteArray buffered = socket->peek(available);
    const HttpRequestScanner::Verdict verdict =
        state.scanner.feed(QByteArrayView(buffered).sliced(available - fresh));

    const quint64 started = state.scanner.requestsStarted();
    if (started > startedBefore) {
        m_counters.requestsStarted += started - startedBefore;
        state.requestStartedMs = nowMs;
        for (quint64 n = startedBefore; n < started; ++n) {
            if (!takeToken(state, nowMs)) {
                ++m_counters.rateLimited;
                refuse(socket, state, 429, "rate-limited",
                       QStringLiteral("more than %1 requests per second on one connection")
                           .arg(m_limits.requestsPerSecond));
                return;
            }
        }
    }

    switch (verdict) {
    case HttpRequestScanner::Verdict::Continue:
        break;
    case HttpRequestScanner::Verdict::BadRequest:
        ++m_counters.badRequests;
        refuse(socket, state, 400, "bad-framing",
               QStringLiteral("the request's framing is malformed or ambiguous"));
        return;
    case HttpRequestScanner::Verdict::RequestLineTooLong:
        ++m_counters.requestLinesTooLong;
        refuse(socket, state, 414, "request-line-too-long",
               QStringLiteral("the request line is longer than %1 bytes")
                   .arg(m_limits.maxRequestLineBytes));
        return;
    case HttpRequestScanner::Verdict::HeadersTooLarge:
        ++m_counters.headersTooLarge;
        refuse(socket, state, 431, "headers-too-large",
               QStringLiteral("the request headers are larger than %1 bytes")
                   .arg(m_limits.maxHeaderBytes));
        return;
    case HttpRequestScanner::Verdict::BodyTooLarge:
        ++m_counters.bodiesTooLarge;
        refuse(
            socket, state, 413, "body-too-large",
            QStringLiteral("the request body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
        return;
    }

    const bool inBody = state.scanner.inBody();
    if (inBody && !state.wasInBody)
        state.bodyStartedMs = nowMs;
    state.wasInBody = inBody;

    // Only from a request boundary Qt is not in the middle of: a transaction means its parser
    // holds the start of a request (the scanner accepted every byte, so the framing is sound).
    if (m_simpleRequestHandler && !socket->isTransactionStarted())
        takeSimpleRequests(socket, buffered);
}

void GuardedTcpServer::takeSimpleRequests(QTcpSocket *socket, const QByteArray &buffered)
{
    const QPointer<QTcpSocket> guarded(socket);
    SimpleHttpRequest request;
    qsizetype taken = 0;
    while (const qsizetype size = request.parse(QByteArrayView(buffered).sliced(taken))) {
        taken += size;
        // Out of the buffer before the handler runs: it may answer, close or even delete.
        socket->skip(size);
        m_simpleRequestHandler(socket, request);
        if (!guarded || socket->state() != QAbstractSocket::ConnectedState)
            return;
        const auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->second.refused)
            return;
    }
    if (taken == 0)
        return;
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->second.unreadByQt = socket->bytesAvailable();
    it->second.allTakenBeforeQt = socket->bytesAvailable() == 0;
}

void GuardedTcpServer::afterHttpServerRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    ConnectionState &state = it->second;
    // Qt starts a transaction on every read and keeps it open until a request is complete. When
    // the simple requests took everything, it read nothing: ending that empty transaction lets
    // the next simple request skip Qt's parser too.
    if (state.allTakenBeforeQt && socket->isTransactionStarted())
        socket->commitTransaction();
    state.allTakenBeforeQt = false;
    state.unreadByQt = socket->bytesAvailable();
}

bool GuardedTcpServer::takeToken(ConnectionState &state, qint64 nowMs)
{
    if (m_limits.requestsPerSecond <= 0)
        return true;
    const qint64 elapsedMs = std::max<qint64>(0, nowMs - state.tokensAtMs);
    state.tokens = std::min(m_limits.requestBurst,
                            state.tokens + double(elapsedMs) * m_limits.requestsPerSecond / 1000.0);
    state.tokensAtMs = nowMs;
    if (state.tokens < 1.0)
        return false;
    state.tokens -= 1.0;
    return true;
}

void GuardedTcpServer::refuse(QTcpSocket *socket, ConnectionState &state, int status,
                              const char *slug, const QString &detail)
{
    // A generated id: the guard answers before it has read (or while it distrusts) the
    // client's headers, so a client's own X-Request-Id is not echoed here.
    const QByteArray requestId = RequestId::generate();
    qCInfo(lcHttpGuard, "refused request from %s: status=%d reason=%s request_id=%s",
           qPrintable(socket->peerAddress().toString()), status, slug, requestId.constData());
    state.refused = true;
    state.closeAtMs = m_clock.nowMs() + m_limits.refusalLingerMs;
    discardInput(socket);
    socket->write(problemResponse(status, slug, detail, requestId));
    // Not closed at once: closing with unread input makes the kernel reset the connection, and
    // the client could lose the answer. Input is discarded until the client closes or the
    // linger time ends (enforceTimeouts).
}

void GuardedTcpServer::discardInput(QTcpSocket *socket)
{
    // Qt's parser reads inside a transaction; committing frees what it had buffered.
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->skip(socket->bytesAvailable());
}

void GuardedTcpServer::enforceTimeouts()
{
    const qint64 nowMs = m_clock.nowMs();
    enum class Action
    {
        HeaderTimeout,
        BodyTimeout,
        Idle,
        EndLinger,
    };
    std::vector<std::pair<QTcpSocket *, Action>> actions;
    for (const auto &[socket, state] : m_connections) {
        if (state.refused) {
            if (nowMs >= state.closeAtMs)
                actions.emplace_back(socket, Action::EndLinger);
        } else if (state.scanner.inHeaders()) {
            if (nowMs - state.requestStartedMs >= m_limits.headerTimeoutMs)
                actions.emplace_back(socket, Action::HeaderTimeout);
        } else if (state.scanner.inBody()) {
            if (nowMs - state.bodyStartedMs >= m_limits.bodyTimeoutMs)
                actions.emplace_back(socket, Action::BodyTimeout);
        } else if (state.scanner.requestsStarted() == 0) {
            // A connection that never starts a request gets only the header time to do so.
            if (nowMs - state.lastActivityMs >= m_limits.headerTimeoutMs)
                actions.emplace_back(socket, Action::Idle);
        } else if (nowMs - state.lastActivityMs >= m_limits.idleTimeoutMs) {
            actions.emplace_back(socket, Action::Idle);
        }
    }
    // Acting may close sockets, which edits m_connections: hence the two passes.
    for (const auto &[socket, action] : actions) {
        const auto it = m_connections.find(socket);
        if (it == m_connections.end())
            continue;
        switch (action) {
        case Action::HeaderTimeout:
            ++m_counters.timedOut;
            refuse(socket, it->second, 408, "header-timeout",
                   QStringLiteral("the request headers did not arrive within %1 ms")
                       .arg(m_limits.headerTimeoutMs));
            break;
        case Action::BodyTimeout:
            ++m_counters.timedOut;
            refuse(socket, it->second, 408, "body-timeout",
                   QStringLiteral("the request body did not arrive within %1 ms")
                       .arg(m_limits.bodyTimeoutMs));
            break;
        case Action::Idle:
            ++m_counters.idleClosed;
            // Unsent answers mean the client stopped reading: no point waiting to flush.
            if (socket->bytesToWrite() > 0)
                socket->abort();
            else
                socket->disconnectFromHost();
            break;
        case Action::EndLinger:
            socket->abort();
            break;
        }
    }
}

QByteArray GuardedTcpServer::problemResponse(int status, const char *slug, const QString &detail,
                                             const QByteArray &requestId)
{
    const QJsonObject problem{
        {QStringLiteral("type"),
         QString(QLatin1String(ApiResponse::problemTypeBase) + QLatin1String(slug))},
        {QStringLiteral("title"), QString::fromLatin1(guardReasonPhrase(status))},
        {QStringLiteral("status"), status},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("request_id"), QString::fromLatin1(requestId)},
    };
    const QByteArray body = QJsonDocument(problem).toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' +
                          guardReasonPhrase(status) +
                          "\r\nContent-Type: application/problem+json\r\nContent-Length: " +
                          QByteArray::number(body.size()) +
                          "\r\nConnection: close\r\nX-Request-Id: " + requestId + "\r\n";
    if (status == 429 || status == 503)
        response += "Retry-After: 1\r\n";
    response += "\r\n" + body;
    return response;
}

} // namespace vs
