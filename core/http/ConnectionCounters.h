#pragma once

#include <QtGlobal>

namespace vs {

// What GuardedTcpServer has done with connections since it started listening: read by tests and
// rendered by /metrics, so operators see refusals that never reach a route.
struct ConnectionCounters
{
    quint64 connectionsAccepted = 0;
    quint64 requestsStarted = 0;          // first bytes of requests seen
    quint64 connectionsRefused = 0;       // 503: over maxConnections
    quint64 clientConnectionsRefused = 0; // 503: over maxConnectionsPerClient
    quint64 badRequests = 0;              // 400
    quint64 requestLinesTooLong = 0;      // 414
    quint64 headersTooLarge = 0;          // 431
    quint64 bodiesTooLarge = 0;           // 413
    quint64 rateLimited = 0;              // 429
    quint64 timedOut = 0;                 // 408: slow headers or body
    quint64 idleClosed = 0;
    int openConnections = 0; // a gauge, not a counter
};

} // namespace vs
