#pragma once

#include "PolicySource.h"
#include "RedisEndpoint.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace vs {

class RedisAsyncConnection;

// The shared policy in Redis: the compact JSON of Policy::toJson at `vs:policy`. Every instance
// polls that key on its own non-blocking connection and applies a changed policy to its
// limiter, so a PUT /v1/policy made through any instance reaches all of them within one poll
// interval. Polling instead of pub/sub: a GET every 250 ms costs Redis nothing, needs no second
// connection mode, and catches up by itself after a reconnect (a missed message would not).
//
// The stored policy wins over an instance's command-line policy; an instance's initial policy
// is written only when Redis holds none (SET NX). Concurrent publishes: the last write wins and
// every instance converges on it. A malformed stored value is logged and ignored (the limiter
// keeps its policy) until someone publishes a valid one.
class RedisPolicySource final : public QObject, public PolicySource
{
    Q_OBJECT

public:
    static constexpr int defaultPollIntervalMs = 250;

    struct Options
    {
        RedisEndpoint endpoint;
        int pollIntervalMs = defaultPollIntervalMs;
    };

    explicit RedisPolicySource(const Options &options, QObject *parent = nullptr);
    ~RedisPolicySource() override;

    void attach(StreamLimiter &limiter, const Policy &initial) override;
    void publish(const Policy &policy, std::function<void(const QString &error)> done) override;

    static QByteArray key();
    // The stored form of a policy: compact JSON with sorted keys, so equal policies are equal
    // bytes.
    static QByteArray serialize(const Policy &policy);

private:
    void poll();
    void apply(const QByteArray &json);

    const Options m_options;
    RedisAsyncConnection *m_connection = nullptr;
    StreamLimiter *m_limiter = nullptr;
    QByteArray m_initialJson;
    bool m_seeded = false;
    bool m_pollInFlight = false;
    QByteArray m_appliedJson;  // last value applied, so an unchanged poll costs nothing
    QByteArray m_rejectedJson; // last malformed value, logged once
    QTimer m_pollTimer;
};

} // namespace vs
