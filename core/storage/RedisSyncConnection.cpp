#include "RedisSyncConnection.h"

#include <hiredis/hiredis.h>

namespace vs {

namespace {

timeval toTimeval(int ms)
{
    timeval value{};
    value.tv_sec = ms / 1000;
    value.tv_usec = (ms % 1000) * 1000;
    return value;
}

} // namespace

void RedisSyncConnection::ReplyDeleter::operator()(redisReply *reply) const
{
    freeReplyObject(reply);
}

RedisSyncConnection::RedisSyncConnection(const RedisEndpoint &endpoint)
    : m_endpoint(endpoint)
{}

RedisSyncConnection::~RedisSyncConnection()
{
    if (m_context)
        redisFree(m_context);
}

void RedisSyncConnection::drop(const QString &error)
{
    if (m_context) {
        redisFree(m_context);
        m_context = nullptr;
    }
    m_lastError =
        QStringLiteral("Redis %1 is unavailable: %2").arg(m_endpoint.displayName(), error);
    m_backoffMs = m_backoffMs == 0 ? m_endpoint.minBackoffMs
                                   : std::min(m_backoffMs * 2, m_endpoint.maxBackoffMs);
    m_retryAt = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_backoffMs);
}

bool RedisSyncConnection::ensureConnected(QString *error)
{
    if (m_context)
        return true;
    if (m_backoffMs > 0 && std::chrono::steady_clock::now() < m_retryAt) {
        *error = m_lastError;
        return false;
    }
    m_context = redisConnectWithTimeout(m_endpoint.host.toUtf8().constData(), m_endpoint.port,
                                        toTimeval(m_endpoint.connectTimeoutMs));
    if (!m_context || m_context->err) {
        drop(m_context ? QString::fromUtf8(m_context->errstr)
                       : QStringLiteral("cannot allocate a connection"));
        *error = m_lastError;
        return false;
    }
    redisSetTimeout(m_context, toTimeval(m_endpoint.commandTimeoutMs));
    std::vector<QByteArrayList> setup;
    if (!m_endpoint.password.isEmpty())
        setup.push_back({QByteArrayLiteral("AUTH"), m_endpoint.password.toUtf8()});
    if (m_endpoint.database != 0)
        setup.push_back({QByteArrayLiteral("SELECT"), QByteArray::number(m_endpoint.database)});
    for (const QByteArrayList &arguments : setup) {
        std::vector<const char *> argv;
        std::vector<size_t> lengths;
        for (const QByteArray &argument : arguments) {
            argv.push_back(argument.constData());
            lengths.push_back(std::size_t(argument.size()));
        }
        Reply reply(static_cast<redisReply *>(
            redisCommandArgv(m_context, int(argv.size()), argv.data(), lengths.data())));
        if (!reply || reply->type == REDIS_REPLY_ERROR) {
            drop(reply ? QString::fromUtf8(reply->str, int(reply->len))
                       : QString::fromUtf8(m_context->errstr));
            *error = m_lastError;
            return false;
        }
    }
    m_backoffMs = 0;
    return true;
}

std::vector<RedisSyncConnection::Reply>
RedisSyncConnection::pipeline(const std::vector<QByteArrayList> &commands, QString *error)
{
    std::lock_guard lock(m_mutex);
    std::vector<Reply> replies;
    if (!ensureConnected(error))
        return replies;
    for (const QByteArrayList &arguments : commands) {
        std::vector<const char *> argv;
        std::vector<size_t> lengths;
        for (const QByteArray &argument : arguments) {
            argv.push_back(argument.constData());
            lengths.push_back(std::size_t(argument.size()));
        }
        redisAppendCommandArgv(m_context, int(argv.size()), argv.data(), lengths.data());
    }
    for (std::size_t i = 0; i < commands.size(); ++i) {
        void *reply = nullptr;
        if (redisGetReply(m_context, &reply) != REDIS_OK) {
            drop(QString::fromUtf8(m_context->errstr));
            *error = m_lastError;
            replies.clear();
            return replies;
        }
        replies.emplace_back(static_cast<redisReply *>(reply));
    }
    return replies;
}

RedisSyncConnection::Reply RedisSyncConnection::command(const QByteArrayList &arguments,
                                                        QString *error)
{
    std::vector<Reply> replies = pipeline({arguments}, error);
    return replies.empty() ? Reply() : std::move(replies.front());
}

} // namespace vs
