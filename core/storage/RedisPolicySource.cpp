#include "RedisPolicySource.h"

#include "RedisAsyncConnection.h"
#include "StorageLog.h"
#include "StreamLimiter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <hiredis/hiredis.h>

namespace vs {

RedisPolicySource::RedisPolicySource(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_connection(new RedisAsyncConnection(options.endpoint, this))
{
    m_pollTimer.setInterval(std::max(10, options.pollIntervalMs));
    connect(&m_pollTimer, &QTimer::timeout, this, &RedisPolicySource::poll);
    // Catch up at once when Redis comes back instead of waiting for the next tick.
    connect(m_connection, &RedisAsyncConnection::stateChanged, this,
            [this](RedisAsyncConnection::State state) {
                if (state == RedisAsyncConnection::State::Connected && m_limiter)
                    poll();
            });
}

RedisPolicySource::~RedisPolicySource()
{
    // Pending handlers run (and fail) while this object's members still exist.
    delete m_connection;
}

QByteArray RedisPolicySource::key()
{
    return QByteArrayLiteral("vs:policy");
}

QByteArray RedisPolicySource::serialize(const Policy &policy)
{
    return QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact);
}

void RedisPolicySource::attach(StreamLimiter &limiter, const Policy &initial)
{
    m_limiter = &limiter;
    m_initialJson = serialize(initial);
    m_seeded = false;
    m_pollTimer.start();
    poll();
}

void RedisPolicySource::poll()
{
    if (!m_limiter || m_pollInFlight ||
        m_connection->state() != RedisAsyncConnection::State::Connected)
        return;
    m_pollInFlight = true;
    if (!m_seeded) {
        m_connection->command(
            {QByteArrayLiteral("SET"), key(), m_initialJson, QByteArrayLiteral("NX")},
            [this](const redisReply *reply, const QString &) {
                if (reply && reply->type != REDIS_REPLY_ERROR)
                    m_seeded = true;
            });
    }
    // Same connection, so this GET sees the SET NX above.
    m_connection->command({QByteArrayLiteral("GET"), key()},
                          [this](const redisReply *reply, const QString &) {
                              m_pollInFlight = false;
                              if (reply && reply->type == REDIS_REPLY_STRING)
                                  apply(QByteArray(reply->str, qsizetype(reply->len)));
                          });
}

void RedisPolicySource::apply(const QByteArray &json)
{
    if (json == m_appliedJson || json == m_rejectedJson)
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    const PolicyParseResult parsed = document.isObject()
                                         ? Policy::fromJson(document.object())
                                         : PolicyParseResult{{}, error.errorString(), {}};
    if (!parsed.ok() || error.error != QJsonParseError::NoError) {
        m_rejectedJson = json;
        qCWarning(vsStore).noquote()
            << "Redis" << m_options.endpoint.displayName() << "holds an invalid policy at" << key()
            << "(" << parsed.error << "); keeping the current policy";
        return;
    }
    m_appliedJson = json;
    m_rejectedJson.clear();
    if (m_limiter->policy() != parsed.policy) {
        m_limiter->setPolicy(parsed.policy);
        qCInfo(vsStore).noquote() << "policy changed through Redis:" << json;
    }
}

void RedisPolicySource::publish(const Policy &policy,
                                std::function<void(const QString &error)> done)
{
    const QByteArray json = serialize(policy);
    m_connection->command(
        {QByteArrayLiteral("SET"), key(), json},
        [this, json, policy, done = std::move(done)](const redisReply *reply,
                                                     const QString &error) {
            if (!reply || reply->type == REDIS_REPLY_ERROR) {
                done(reply ? QStringLiteral("Redis %1 refused the policy: %2")
                                 .arg(m_options.endpoint.displayName(),
                                      QString::fromUtf8(reply->str, qsizetype(reply->len)))
                           : error);
                return;
            }
            m_seeded = true; // a stored policy exists now
            m_appliedJson = json;
            if (m_limiter)
                m_limiter->setPolicy(policy);
            done({});
        });
}

} // namespace vs
