#include "ApiServer.h"

#include "OpenApiDocument.h"
#include "RequestId.h"
#include "StreamLimiter.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <chrono>

namespace vs {

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool asksToClose(const QHttpServerRequest &request)
{
    const QByteArray connection = request.value(QByteArrayLiteral("connection"));
    return !connection.isEmpty() && connection.trimmed().toLower() == "close";
}

} // namespace

ApiServer::ApiServer(StreamLimiter &limiter, LogFormat logFormat, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_limiter(limiter)
    , m_logFormat(logFormat)
{
    registerRoutes();
    QList<QByteArray> labels;
    for (const RouteTable::Route &route : m_routes.routes())
        labels.append(route.metricsLabel);
    m_metrics = std::make_unique<HttpMetrics>(labels);
    m_controller = std::make_unique<ApiController>(m_limiter, *m_metrics);
    m_limiter.addObserver(m_metrics.get());
}

ApiServer::~ApiServer()
{
    m_limiter.removeObserver(m_metrics.get());
}

void ApiServer::registerRoutes()
{
    using Method = QHttpServerRequest::Method;
    const auto bind = [this](void (ApiController::*handler)(const ApiRequest &, Respond)) {
        return [this, handler](const ApiRequest &request, Respond respond) {
            (m_controller.get()->*handler)(request, std::move(respond));
        };
    };
    // Path parameters are passed to handlers in order: {user} is parameter 0, {stream} 1.
    m_routes.add(Method::Post, QStringLiteral("/user/{user}/stream"),
                 bind(&ApiController::originalWatch));
    m_routes.add(Method::Get, QStringLiteral("/user/{user}/streams"),
                 bind(&ApiController::originalList));
    m_routes.add(Method::Post, QStringLiteral("/v1/users/{user}/streams"),
                 bind(&ApiController::watch));
    m_routes.add(Method::Get, QStringLiteral("/v1/users/{user}/streams"),
                 bind(&ApiController::list));
    m_routes.add(Method::Get, QStringLiteral("/v1/users/{user}/streams/{stream}"),
                 bind(&ApiController::getStream));
    m_routes.add(Method::Delete, QStringLiteral("/v1/users/{user}/streams/{stream}"),
                 bind(&ApiController::stop));
    m_routes.add(Method::Post, QStringLiteral("/v1/users/{user}/streams/{stream}/heartbeat"),
                 bind(&ApiController::heartbeat));
    m_routes.add(Method::Get, QStringLiteral("/v1/policy"), bind(&ApiController::getPolicy));
    m_routes.add(Method::Put, QStringLiteral("/v1/policy"), bind(&ApiController::putPolicy));
    m_routes.add(Method::Get, QStringLiteral("/healthz"), bind(&ApiController::healthz));
    m_routes.add(Method::Get, QStringLiteral("/readyz"), bind(&ApiController::readyz));
    m_routes.add(Method::Get, QStringLiteral("/metrics"), bind(&ApiController::metrics));
    m_routes.add(Method::Get, QStringLiteral("/openapi.json"),
                 [](const ApiRequest &request, Respond respond) {
                     respond(OpenApiDocument::response(request));
                 });
}

void ApiServer::setPolicySource(PolicySource *source)
{
    m_controller->setPolicySource(source);
}

quint16 ApiServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *tcpServer = new QTcpServer(this);
    if (!tcpServer->listen(address, port)) {
        if (error)
            *error = tcpServer->errorString();
        delete tcpServer;
        return 0;
    }
    bind(tcpServer);
    return tcpServer->serverPort();
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 startNs = monotonicNs();

    // Qt reuses `request` for the connection's next request: copy what handlers need.
    ApiRequest api;
    api.method = request.method();
    api.url = request.url();
    api.requestId = RequestId::saneOrGenerated(request.value(QByteArrayLiteral("x-request-id")));

    auto [entry, inserted] = m_connections.try_emplace(socket);
    if (inserted) {
        // Each answer is one small write; Nagle's algorithm would hold it back until the client
        // acknowledges the previous one (up to its 40 ms delayed ACK).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.erase(socket); });
    }
    Connection &connection = entry->second;
    const quint64 sequence = connection.nextSequence++;
    connection.pending.push_back(PendingResponse{sequence, makeResponder(request, socket),
                                                 std::nullopt, api.requestId, api.method, -1,
                                                 startNs, asksToClose(request)});

    if (request.body().size() > ApiController::maxBodyBytes) {
        complete(socket, sequence, ApiController::payloadTooLarge(api));
        return true;
    }

    RouteTable::Match match = m_routes.match(api.method, api.url.path(QUrl::FullyEncoded));
    if (match.routeIndex < 0) {
        complete(socket, sequence,
                 match.allowedMethods.isEmpty()
                     ? ApiController::notFound(api)
                     : ApiController::methodNotAllowed(api, match.allowedMethods));
        return true;
    }

    connection.pending.back().routeIndex = match.routeIndex;
    api.pathParameters = std::move(match.parameters);
    api.body = request.body();
    // The answer may come later (asynchronous stores): by then the socket or the server may be
    // gone, which the QPointers notice.
    m_routes.routes()[std::size_t(match.routeIndex)].handler(
        api, [server = QPointer<ApiServer>(this), guardedSocket = QPointer<QTcpSocket>(socket),
              socket, sequence](ApiResponse response) {
            if (server && guardedSocket)
                server->complete(socket, sequence, std::move(response));
        });
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Never called: handleRequest answers every request, unknown routes included.
}

void ApiServer::complete(QTcpSocket *socket, quint64 sequence, ApiResponse response)
{
    const auto entry = m_connections.find(socket);
    if (entry == m_connections.end())
        return;
    std::deque<PendingResponse> &pending = entry->second.pending;
    for (PendingResponse &candidate : pending) {
        if (candidate.sequence == sequence) {
            candidate.response = std::move(response);
            break;
        }
    }
    // Answers go out in request order: a later answer waits for the earlier ones.
    while (!pending.empty() && pending.front().response) {
        write(socket, pending.front());
        const bool closeAfter = pending.front().closeAfter;
        pending.pop_front();
        if (closeAfter) {
            pending.clear();
            socket->disconnectFromHost();
            return;
        }
    }
}

void ApiServer::write(QTcpSocket *socket, PendingResponse &pending)
{
    const ApiResponse &response = *pending.response;
    const qint64 durationUs = (monotonicNs() - pending.startNs) / 1000;
    m_metrics->recordRequest(pending.routeIndex, response.status, durationUs);
    logRequest(pending, response.status, durationUs);
    if (!socket->isOpen() || socket->state() != QAbstractSocket::ConnectedState)
        return;

    QHttpServerResponder &responder = pending.responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (response.status != 204) {
        if (!response.contentType.isEmpty())
            responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
        responder.writeHeader(QByteArrayLiteral("Content-Length"),
                              QByteArray::number(response.body.size()));
    }
    responder.writeHeader(QByteArrayLiteral("X-Request-Id"), pending.requestId);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    if (pending.closeAfter)
        responder.writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    responder.writeBody(response.status == 204 ? QByteArray() : response.body);
}

void ApiServer::logRequest(const PendingResponse &pending, int status, qint64 durationUs) const
{
    if (!lcHttp().isInfoEnabled())
        return;
    static const QByteArray unmatched = QByteArrayLiteral("unmatched");
    const QByteArray &route = pending.routeIndex >= 0
                                  ? m_routes.routes()[std::size_t(pending.routeIndex)].patternUtf8
                                  : unmatched;
    const QByteArray method = RouteTable::methodName(pending.method);
    // Every field is from a safe set (methods, route templates, sane request ids), so neither
    // format needs escaping.
    if (m_logFormat == LogFormat::Json) {
        qCInfo(lcHttp,
               "{\"method\":\"%s\",\"route\":\"%s\",\"status\":%d,\"duration_us\":%lld,"
               "\"request_id\":\"%s\"}",
               method.constData(), route.constData(), status, durationUs,
               pending.requestId.constData());
    } else {
        qCInfo(lcHttp, "method=%s route=%s status=%d duration_us=%lld request_id=%s",
               method.constData(), route.constData(), status, durationUs,
               pending.requestId.constData());
    }
}

} // namespace vs
