#include "ApiServer.h"

#include "BearerToken.h"
#include "BufferedLogHandler.h"
#include "GuardedTcpServer.h"
#include "HttpStatusLine.h"
#include "OpenApiDocument.h"
#include "RequestId.h"
#include "SimpleHttpRequest.h"
#include "StreamLimiter.h"

#include <QTcpSocket>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <initializer_list>

namespace vs {

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool asksToClose(QByteArrayView connection)
{
    return connection.trimmed().compare("close", Qt::CaseInsensitive) == 0;
}

// The pieces in one array, sized once: a chain of QByteArray appends costs more than the
// copying itself.
QByteArray joined(const QByteArrayView *pieces, qsizetype count)
{
    qsizetype size = 0;
    for (qsizetype i = 0; i < count; ++i)
        size += pieces[i].size();
    QByteArray out(size, Qt::Uninitialized);
    char *next = out.data();
    for (qsizetype i = 0; i < count; ++i)
        next = std::copy_n(pieces[i].data(), pieces[i].size(), next);
    return out;
}

QByteArray joined(std::initializer_list<QByteArrayView> pieces)
{
    return joined(pieces.begin(), qsizetype(pieces.size()));
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
    using Operation = AccessControl::Operation;
    addRoute(Method::Post, QStringLiteral("/user/{user}/stream"), Operation::StartStream,
             bind(&ApiController::originalWatch));
    addRoute(Method::Get, QStringLiteral("/user/{user}/streams"), Operation::ListStreams,
             bind(&ApiController::originalList));
    addRoute(Method::Post, QStringLiteral("/v1/users/{user}/streams"), Operation::StartStream,
             bind(&ApiController::watch));
    addRoute(Method::Get, QStringLiteral("/v1/users/{user}/streams"), Operation::ListStreams,
             bind(&ApiController::list));
    addRoute(Method::Get, QStringLiteral("/v1/users/{user}/streams/{stream}"),
             Operation::ReadStream, bind(&ApiController::getStream));
    addRoute(Method::Delete, QStringLiteral("/v1/users/{user}/streams/{stream}"),
             Operation::StopStream, bind(&ApiController::stop));
    addRoute(Method::Post, QStringLiteral("/v1/users/{user}/streams/{stream}/heartbeat"),
             Operation::RenewStream, bind(&ApiController::heartbeat));
    addRoute(Method::Get, QStringLiteral("/v1/policy"), Operation::ReadPolicy,
             bind(&ApiController::getPolicy));
    addRoute(Method::Put, QStringLiteral("/v1/policy"), Operation::ChangePolicy,
             bind(&ApiController::putPolicy));
    addRoute(Method::Get, QStringLiteral("/healthz"), Operation::Probe,
             bind(&ApiController::healthz));
    addRoute(Method::Get, QStringLiteral("/readyz"), Operation::Probe,
             bind(&ApiController::readyz));
    addRoute(Method::Get, QStringLiteral("/metrics"), Operation::ReadMetrics,
             bind(&ApiController::metrics));
    addRoute(Method::Get, QStringLiteral("/openapi.json"), Operation::ReadApiDocument,
             [](const ApiRequest &request, Respond respond) {
                 respond(OpenApiDocument::response(request));
             });
}

void ApiServer::setPolicySource(PolicySource *source)
{
    m_controller->setPolicySource(source);
}

void ApiServer::addRoute(QHttpServerRequest::Method method, const QString &pattern,
                         AccessControl::Operation operation, RouteTable::Handler handler)
{
    m_routes.add(method, pattern, std::move(handler));
    m_routeOperations.push_back(operation);
}

void ApiServer::setSecurity(ServerSecurity security)
{
    m_security = std::move(security);
    m_access = AccessControl(m_security.access);
}

quint16 ApiServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *tcpServer = new GuardedTcpServer(m_security.limits, m_limiter.clock(), this);
    if (!tcpServer->listen(address, port)) {
        if (error)
            *error = tcpServer->errorString();
        delete tcpServer;
        return 0;
    }
    tcpServer->bindTo(*this);
    tcpServer->setSimpleRequestHandler(
        [this](QTcpSocket *socket, const SimpleHttpRequest &request) {
            handleSimpleRequest(socket, request);
        });
    m_listener = tcpServer;
    m_metrics->setConnectionSource([tcpServer] { return tcpServer->counters(); });
    return tcpServer->serverPort();
}

std::optional<ApiResponse> ApiServer::authorize(const QByteArray &authorization, int routeIndex,
                                                const QStringList &parameters,
                                                ApiRequest &api) const
{
    if (!m_security.authenticationEnabled())
        return std::nullopt;
    std::optional<Principal> caller;
    QString tokenProblem;
    const std::optional<QByteArray> token = BearerToken::fromAuthorizationHeader(authorization);
    if (token) {
        JwtVerification verification = m_security.verifier->verify(*token);
        if (verification.ok())
            caller = std::move(verification.principal);
        else
            tokenProblem = verification.detail;
    }
    // A route registered without an access rule (m_routes.add instead of addRoute) is
    // admin-only: forgetting the rule must not open it.
    const AccessControl::Operation operation = std::size_t(routeIndex) < m_routeOperations.size()
                                                   ? m_routeOperations[std::size_t(routeIndex)]
                                                   : AccessControl::Operation::ChangePolicy;
    const bool onUserStreams = operation != AccessControl::Operation::Probe &&
                               operation != AccessControl::Operation::ReadMetrics &&
                               operation != AccessControl::Operation::ReadPolicy &&
                               operation != AccessControl::Operation::ChangePolicy;
    const QString targetUser = onUserStreams ? parameters.value(0) : QString();
    const AccessDecision decision =
        m_access.decide(caller ? &*caller : nullptr, operation, targetUser);
    if (decision.outcome == AccessDecision::Outcome::Unauthenticated) {
        // RFC 6750 §3: say which scheme, and why a token that was sent did not do.
        QByteArray challenge = QByteArrayLiteral("Bearer realm=\"videostreams\"");
        QString detail = decision.reason;
        if (token) {
            const QString why =
                tokenProblem.isEmpty() ? QStringLiteral("empty token") : tokenProblem;
            detail = QStringLiteral("the bearer token was refused: ") + why;
            QString quotable = why;
            quotable.replace(u'"', u'\'');
            challenge +=
                ", error=\"invalid_token\", error_description=\"" + quotable.toLatin1() + '"';
        }
        ApiResponse response = ApiResponse::problem(
            401, "unauthorized", QStringLiteral("Authentication required"), detail, api.requestId);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), challenge});
        return response;
    }
    if (decision.outcome == AccessDecision::Outcome::Forbidden)
        return ApiResponse::problem(403, "forbidden", QStringLiteral("Forbidden"), decision.reason,
                                    api.requestId);
    if (caller && onUserStreams)
        api.plan = AccessControl::planFor(*caller, targetUser);
    return std::nullopt;
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 startNs = monotonicNs();
    // Qt reuses `request` for the connection's next request: copy what handlers need.
    ApiRequest api;
    api.method = request.method();
    api.url = request.url();
    api.requestId = RequestId::saneOrGenerated(request.value(QByteArrayLiteral("x-request-id")));
    api.body = request.body();
    dispatch(std::move(api), request.value(QByteArrayLiteral("authorization")),
             asksToClose(request.value(QByteArrayLiteral("connection"))), socket,
             makeResponder(request, socket), startNs);
    return true;
}

void ApiServer::handleSimpleRequest(QTcpSocket *socket, const SimpleHttpRequest &request)
{
    const qint64 startNs = monotonicNs();
    ApiRequest api;
    api.method = request.method();
    // The path is all handlers read from the URL; a simple request has no query.
    api.url.setPath(QString::fromLatin1(request.path()));
    api.requestId = RequestId::saneOrGenerated(request.header("x-request-id").toByteArray());
    api.body = request.body().toByteArray();
    dispatch(std::move(api), request.header("authorization").toByteArray(),
             asksToClose(request.header("connection")), socket, std::nullopt, startNs);
}

void ApiServer::dispatch(ApiRequest api, const QByteArray &authorization, bool closeAfter,
                         QTcpSocket *socket, std::optional<QHttpServerResponder> responder,
                         qint64 startNs)
{
    auto [entry, inserted] = m_connections.try_emplace(socket);
    if (inserted) {
        // Each answer is one small write; Nagle's algorithm would hold it back until the client
        // acknowledges the previous one (up to its 40 ms delayed ACK).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.erase(socket); });
    }
    Connection &connection = entry->second;
    const quint64 sequence = connection.nextSequence++;
    connection.pending.push_back(PendingResponse{sequence, std::move(responder), std::nullopt,
                                                 api.requestId, api.method, -1, startNs,
                                                 closeAfter});

    if (api.body.size() > ApiController::maxBodyBytes) {
        complete(socket, sequence, ApiController::payloadTooLarge(api));
        return;
    }

    RouteTable::Match match = m_routes.match(api.method, api.url.path(QUrl::FullyEncoded));
    if (match.routeIndex < 0) {
        complete(socket, sequence,
                 match.allowedMethods.isEmpty()
                     ? ApiController::notFound(api)
                     : ApiController::methodNotAllowed(api, match.allowedMethods));
        return;
    }

    connection.pending.back().routeIndex = match.routeIndex;
    if (auto refusal = authorize(authorization, match.routeIndex, match.parameters, api)) {
        complete(socket, sequence, std::move(*refusal));
        return;
    }
    api.pathParameters = std::move(match.parameters);
    // The answer may come later (asynchronous stores): by then the socket or the server may be
    // gone, which the QPointers notice.
    m_routes.routes()[std::size_t(match.routeIndex)].handler(
        api, [server = QPointer<ApiServer>(this), guardedSocket = QPointer<QTcpSocket>(socket),
              socket, sequence](ApiResponse response) {
            if (server && guardedSocket)
                server->complete(socket, sequence, std::move(response));
        });
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

    // Qt's responder writes the status line and the body of requests Qt parsed; the header
    // lines go out in one write, byte for byte what its writeHeader (four socket writes per
    // header) would send.
    char lengthDigits[24];
    const QByteArrayView length(
        lengthDigits,
        std::to_chars(lengthDigits, lengthDigits + sizeof lengthDigits, response.body.size()).ptr -
            lengthDigits);
    QVarLengthArray<QByteArrayView, 32> lines;
    const auto header = [&lines](QByteArrayView name, QByteArrayView value) {
        const QByteArrayView line[] = {name, ": ", value, "\r\n"};
        lines.append(line, 4);
    };
    if (response.status != 204) {
        if (!response.contentType.isEmpty())
            header("Content-Type", response.contentType);
        header("Content-Length", length);
    }
    header("X-Request-Id", pending.requestId);
    for (const auto &[name, value] : response.headers)
        header(name, value);
    if (pending.closeAfter)
        header("Connection", "close");

    const QByteArray headers = joined(lines.constData(), lines.size());
    const QByteArrayView body =
        response.status == 204 ? QByteArrayView() : QByteArrayView(response.body);
    if (pending.responder) {
        pending.responder->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        socket->write(headers);
        pending.responder->writeBody(response.status == 204 ? QByteArray() : response.body);
        return;
    }
    // No responder for a simple request: the same bytes, in one write.
    const QByteArray statusLine = httpStatusLine(response.status);
    socket->write(joined({statusLine, headers, "\r\n", body}));
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
    // format needs escaping. Built here and handed over as bytes: through qCInfo's printf-style
    // formatting and QString round trip the line cost serve several times as much.
    char status3[16];
    char duration[24];
    const QByteArrayView statusText(
        status3, std::to_chars(status3, status3 + sizeof status3, status).ptr - status3);
    const QByteArrayView durationText(
        duration, std::to_chars(duration, duration + sizeof duration, durationUs).ptr - duration);
    const QByteArray line =
        m_logFormat == LogFormat::Json
            ? joined({"{\"method\":\"", method, "\",\"route\":\"", route,
                      "\",\"status\":", statusText, ",\"duration_us\":", durationText,
                      ",\"request_id\":\"", pending.requestId, "\"}"})
            : joined({"method=", method, " route=", route, " status=", statusText,
                      " duration_us=", durationText, " request_id=", pending.requestId});
    BufferedLogHandler::info(lcHttp(), line);
}

} // namespace vs
