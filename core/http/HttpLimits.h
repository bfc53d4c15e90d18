#pragma once

#include <QtGlobal>

namespace vs {

// Limits QHttpServer 6.4 does not enforce itself; GuardedTcpServer applies them to every
// connection before Qt's parser sees a byte. Defaults suit an API whose requests are small JSON
// documents; docs/SECURITY.md explains each one.
struct HttpLimits
{
    qsizetype maxRequestLineBytes = 8 * 1024; // 414 beyond
    qsizetype maxHeaderBytes = 16 * 1024;     // request line + headers; 431 beyond
    qsizetype maxBodyBytes = 64 * 1024;       // 413 beyond (Content-Length or chunked total)
    int maxConnections = 512;                 // 503 and close beyond
    // Per client address; 503 and close beyond. Off (0) unless asked for: behind a proxy, or with
    // a load tool on loopback, every connection comes from one address.
    int maxConnectionsPerClient = 0;
    qint64 headerTimeoutMs = 10'000; // first byte of a request to the end of its headers
    qint64 bodyTimeoutMs = 30'000;   // end of headers to the end of the body
    qint64 idleTimeoutMs = 60'000;   // keep-alive connection with no request under way
    // Per connection, refilled continuously; 429 beyond. Off (0) unless asked for: load tools and
    // the simulator's HTTP target legitimately send thousands of requests a second on a few
    // keep-alive connections.
    double requestsPerSecond = 0;
    double requestBurst = 0;                     // requests a connection may send at once
    qint64 maxUnsentResponseBytes = 1024 * 1024; // a client that never reads is dropped beyond
    qint64 refusalLingerMs =
        1000; // after an error answer, input is discarded this long, then close
};

} // namespace vs
