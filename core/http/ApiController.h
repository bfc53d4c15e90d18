#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

namespace vs {

class HttpMetrics;
class PolicySource;
class StreamLimiter;

// The handlers of every route: each takes a parsed request and answers through `respond`, at
// once or, for stores that answer asynchronously, later. Routes are registered in
// ApiServer::registerRoutes; docs/API.md describes each handler's contract.
class ApiController
{
public:
    static constexpr qsizetype maxBodyBytes = 64 * 1024;

    ApiController(StreamLimiter &limiter, HttpMetrics &metrics);

    // Shared policy (Redis): putPolicy publishes through it; null keeps the policy local.
    void setPolicySource(PolicySource *source) { m_policySource = source; }

    // The original service's two calls (PRODUCT.md §2), byte for byte.
    void originalWatch(const ApiRequest &request, Respond respond);
    void originalList(const ApiRequest &request, Respond respond);

    // /v1
    void watch(const ApiRequest &request, Respond respond);
    void list(const ApiRequest &request, Respond respond);
    void getStream(const ApiRequest &request, Respond respond);
    void heartbeat(const ApiRequest &request, Respond respond);
    void stop(const ApiRequest &request, Respond respond);
    void getPolicy(const ApiRequest &request, Respond respond);
    void putPolicy(const ApiRequest &request, Respond respond);

    // Operations
    void healthz(const ApiRequest &request, Respond respond);
    void readyz(const ApiRequest &request, Respond respond);
    void metrics(const ApiRequest &request, Respond respond);

    // Errors the server itself produces (no handler ran).
    static ApiResponse notFound(const ApiRequest &request);
    static ApiResponse methodNotAllowed(const ApiRequest &request, const QByteArray &allow);
    static ApiResponse payloadTooLarge(const ApiRequest &request);

private:
    StreamLimiter &m_limiter;
    HttpMetrics &m_metrics;
    PolicySource *m_policySource = nullptr;
};

} // namespace vs
