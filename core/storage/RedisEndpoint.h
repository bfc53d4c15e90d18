#pragma once

#include <QString>

namespace vs {

// Where the Redis store connects and how patiently.
struct RedisEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    int database = 0;
    QString password; // empty: no AUTH
    int connectTimeoutMs = 1000;
    int commandTimeoutMs = 1000; // no call waits longer for Redis than this
    int minBackoffMs = 100;      // first reconnect delay, doubled per failure
    int maxBackoffMs = 5000;

    // "host:port/db", never the password: for logs and error messages.
    QString displayName() const;
};

} // namespace vs
