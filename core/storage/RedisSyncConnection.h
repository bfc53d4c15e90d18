#pragma once

#include "RedisEndpoint.h"

#include <QByteArrayList>
#include <QString>

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

struct redisContext;
struct redisReply;

namespace vs {

// A blocking connection for the synchronous LeaseStore calls (tests, the simulator, sweeps):
// every call waits at most the endpoint's timeouts. Thread-safe (one call at a time). After a
// failure it does not retry before the backoff delay, so callers fail fast while Redis is down.
class RedisSyncConnection
{
public:
    struct ReplyDeleter
    {
        void operator()(redisReply *reply) const;
    };
    using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

    explicit RedisSyncConnection(const RedisEndpoint &endpoint);
    ~RedisSyncConnection();

    // Sends every command in one round trip and returns their replies in order; on failure the
    // list is empty and `error` says why.
    std::vector<Reply> pipeline(const std::vector<QByteArrayList> &commands, QString *error);
    Reply command(const QByteArrayList &arguments, QString *error);

private:
    bool ensureConnected(QString *error);
    void drop(const QString &error);

    const RedisEndpoint m_endpoint;
    std::mutex m_mutex;
    redisContext *m_context = nullptr;
    QString m_lastError;
    int m_backoffMs = 0;
    std::chrono::steady_clock::time_point m_retryAt;
};

} // namespace vs
