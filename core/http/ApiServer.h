#pragma once

#include "ApiController.h"
#include "HttpLog.h"
#include "HttpMetrics.h"
#include "RouteTable.h"
#include "ServerSecurity.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QHttpServerResponder>
#include <QPointer>

#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>

namespace vs {

class GuardedTcpServer;
class SimpleHttpRequest;
class PolicySource;
class StreamLimiter;

// The VideoStreams HTTP API on Qt's HTTP parser. Routing lives in one RouteTable (registered in
// registerRoutes), so unknown paths get a problem+json 404 and wrong methods a 405 with Allow.
// Handlers may answer after handleRequest returned (asynchronous stores); responses on one
// keep-alive connection still go out in request order. Every response carries X-Request-Id,
// is counted in /metrics and logged as one line on vs.http.
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit ApiServer(StreamLimiter &limiter, LogFormat logFormat = LogFormat::Text,
                       QObject *parent = nullptr);
    ~ApiServer() override;

    // Authentication, access rules and resource limits; call before listen(). Without it the
    // server runs with no authentication and the default HttpLimits.
    void setSecurity(ServerSecurity security);
    const ServerSecurity &security() const { return m_security; }

    // Creates a GuardedTcpServer (the resource limits), listens and binds it. Returns the port,
    // 0 on failure (`error` says why).
    quint16 listen(const QHostAddress &address, quint16 port, QString *error = nullptr);

    // With a source, PUT /v1/policy stores the policy there (for every instance sharing it)
    // before answering. The source must outlive the server.
    void setPolicySource(PolicySource *source);

    HttpMetrics &metrics() { return *m_metrics; }
    // The listener made by listen(), for its limit counters; null before.
    GuardedTcpServer *listener() const { return m_listener; }
    const RouteTable &routes() const { return m_routes; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct PendingResponse
    {
        quint64 sequence = 0;
        std::optional<QHttpServerResponder> responder; // none for a simple request
        std::optional<ApiResponse> response;
        QByteArray requestId;
        QHttpServerRequest::Method method;
        int routeIndex = -1;
        qint64 startNs = 0;
        bool closeAfter = false;
    };
    struct Connection
    {
        std::deque<PendingResponse> pending; // oldest request first
        quint64 nextSequence = 0;
    };

    // A request GuardedTcpServer took past Qt's parser (SimpleHttpRequest).
    void handleSimpleRequest(QTcpSocket *socket, const SimpleHttpRequest &request);
    // Everything after parsing, for both kinds of request.
    void dispatch(ApiRequest api, const QByteArray &authorization, bool closeAfter,
                  QTcpSocket *socket, std::optional<QHttpServerResponder> responder,
                  qint64 startNs);
    void registerRoutes();
    void addRoute(QHttpServerRequest::Method method, const QString &pattern,
                  AccessControl::Operation operation, RouteTable::Handler handler);
    // Empty when the caller may go on; else the 401/403 answer. Sets `api.plan` for callers
    // whose plan comes from their token.
    std::optional<ApiResponse> authorize(const QByteArray &authorization, int routeIndex,
                                         const QStringList &parameters, ApiRequest &api) const;
    void complete(QTcpSocket *socket, quint64 sequence, ApiResponse response);
    void write(QTcpSocket *socket, PendingResponse &pending);
    void logRequest(const PendingResponse &pending, int status, qint64 durationUs) const;

    StreamLimiter &m_limiter;
    const LogFormat m_logFormat;
    RouteTable m_routes;
    std::vector<AccessControl::Operation> m_routeOperations; // by route index
    ServerSecurity m_security;
    AccessControl m_access;
    GuardedTcpServer *m_listener = nullptr;
    std::unique_ptr<HttpMetrics> m_metrics;
    std::unique_ptr<ApiController> m_controller;
    std::unordered_map<QTcpSocket *, Connection> m_connections;
};

} // namespace vs
