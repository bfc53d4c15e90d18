#include "RedisAsyncConnection.h"

#include "RedisSocketAdapter.h"
#include "StorageLog.h"

#include <algorithm>
#include <charconv>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

namespace vs {

namespace {

// Writes "*3\r\n" (argument count) or "$5\r\n" (argument length) of the Redis protocol.
char *putLength(char *out, char marker, qsizetype length)
{
    *out++ = marker;
    out = std::to_chars(out, out + 20, length).ptr;
    *out++ = '\r';
    *out++ = '\n';
    return out;
}

} // namespace

RedisAsyncConnection::RedisAsyncConnection(const RedisEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisAsyncConnection::connectNow);
    m_connectTimeout.setSingleShot(true);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        if (m_state == State::Connecting) {
            goDown(QStringLiteral("no connection within %1 ms").arg(m_endpoint.connectTimeoutMs),
                   true);
        }
    });
    m_timeoutCheck.setInterval(std::max(10, m_endpoint.commandTimeoutMs / 4));
    connect(&m_timeoutCheck, &QTimer::timeout, this, &RedisAsyncConnection::checkTimeouts);
    connectNow();
}

RedisAsyncConnection::~RedisAsyncConnection()
{
    std::deque<Pending> pending;
    pending.swap(m_pending);
    if (m_context) {
        m_context->data = nullptr; // hiredis' callbacks during the free must not reach us
        redisAsyncFree(m_context);
        m_context = nullptr;
    }
    for (Pending &request : pending)
        request.handler(nullptr, QStringLiteral("the store is shutting down"));
}

void RedisAsyncConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void RedisAsyncConnection::connectNow()
{
    if (m_context)
        return;
    redisAsyncContext *context =
        redisAsyncConnect(m_endpoint.host.toUtf8().constData(), m_endpoint.port);
    if (!context || context->err) {
        const QString error = context ? QString::fromUtf8(context->errstr)
                                      : QStringLiteral("cannot allocate a connection");
        if (context)
            redisAsyncFree(context);
        goDown(error, false);
        return;
    }
    m_context = context;
    context->data = this;
    if (m_adapter)
        m_adapter->deleteLater();
    m_adapter = new RedisSocketAdapter(this);
    m_adapter->attach(context);
    connect(m_adapter, &RedisSocketAdapter::aboutToFlush, this,
            &RedisAsyncConnection::aboutToWrite);
    redisAsyncSetConnectCallback(context, &RedisAsyncConnection::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisAsyncConnection::onDisconnect);
    setState(State::Connecting);
    m_connectTimeout.start(m_endpoint.connectTimeoutMs);

    // Queued ahead of every other command on this connection, so they run first.
    if (!m_endpoint.password.isEmpty()) {
        command({QByteArrayLiteral("AUTH"), m_endpoint.password.toUtf8()},
                [this](const redisReply *reply, const QString &) {
                    if (reply && reply->type == REDIS_REPLY_ERROR)
                        goDown(QStringLiteral("authentication failed: ") +
                                   QString::fromUtf8(reply->str, int(reply->len)),
                               true);
                });
    }
    if (m_endpoint.database != 0) {
        command({QByteArrayLiteral("SELECT"), QByteArray::number(m_endpoint.database)},
                [this](const redisReply *reply, const QString &) {
                    if (reply && reply->type == REDIS_REPLY_ERROR)
                        goDown(QStringLiteral("cannot select database %1: %2")
                                   .arg(m_endpoint.database)
                                   .arg(QString::fromUtf8(reply->str, int(reply->len))),
                               true);
                });
    }
}

void RedisAsyncConnection::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisAsyncConnection *>(context->data);
    if (!self)
        return;
    self->m_connectTimeout.stop();
    if (status != REDIS_OK) {
        // hiredis frees the context after this callback.
        self->goDown(QString::fromUtf8(context->errstr), false);
        return;
    }
    self->m_backoffMs = 0;
    if (!self->m_lastError.isEmpty())
        qCInfo(vsStore).noquote() << "Redis store connected again to"
                                  << self->m_endpoint.displayName();
    self->m_lastError.clear();
    self->setState(State::Connected);
}

void RedisAsyncConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisAsyncConnection *>(context->data);
    if (!self)
        return;
    // hiredis frees the context after this callback.
    self->goDown(status == REDIS_OK ? QStringLiteral("disconnected")
                                    : QString::fromUtf8(context->errstr),
                 false);
}

void RedisAsyncConnection::goDown(const QString &error, bool freeContext)
{
    redisAsyncContext *context = m_context;
    m_context = nullptr;
    std::deque<Pending> pending;
    pending.swap(m_pending);
    if (context) {
        context->data = nullptr;
        if (freeContext)
            redisAsyncFree(context);
    }
    m_connectTimeout.stop();
    m_timeoutCheck.stop();
    if (m_lastError.isEmpty())
        qCWarning(vsStore).noquote()
            << "Redis store" << m_endpoint.displayName() << "unavailable:" << error;
    m_lastError = error;
    setState(State::Down);
    m_backoffMs = m_backoffMs == 0 ? m_endpoint.minBackoffMs
                                   : std::min(m_backoffMs * 2, m_endpoint.maxBackoffMs);
    m_reconnectTimer.start(m_backoffMs);
    const QString message =
        QStringLiteral("Redis %1 is unavailable: %2").arg(m_endpoint.displayName(), error);
    for (Pending &request : pending)
        request.handler(nullptr, message);
}

void RedisAsyncConnection::failLater(ReplyHandler handler, const QString &error)
{
    QMetaObject::invokeMethod(
        this, [handler = std::move(handler), error] { handler(nullptr, error); },
        Qt::QueuedConnection);
}

void RedisAsyncConnection::command(const QByteArrayList &arguments, ReplyHandler handler)
{
    if (!m_context) {
        failLater(std::move(handler), QStringLiteral("Redis %1 is unavailable: %2")
                                          .arg(m_endpoint.displayName(), m_lastError));
        return;
    }
    const quint64 id = m_nextId++;
    m_pending.push_back(Pending{id, std::chrono::steady_clock::now(), std::move(handler)});
    if (!m_timeoutCheck.isActive())
        m_timeoutCheck.start();
    send(id, arguments);
}

void RedisAsyncConnection::flush()
{
    if (m_context && m_adapter)
        m_adapter->flush();
}

void RedisAsyncConnection::send(quint64 id, const QByteArrayList &arguments)
{
    // The command in Redis' wire format, built here rather than by redisAsyncCommandArgv, whose
    // sds formatting (sdscatfmt per argument, a fresh buffer per command) cost serve about a
    // tenth of its instructions per request. The buffer keeps its capacity between commands.
    // Sized once, then filled in place: Qt's appends cost more than the copying itself.
    constexpr qsizetype maxLengthLine = 1 + 20 + 2; // marker, digits, CRLF
    qsizetype size = maxLengthLine;
    for (const QByteArray &argument : arguments)
        size += maxLengthLine + argument.size() + 2;
    m_formatted.resize(size);
    char *const begin = m_formatted.data();
    char *out = putLength(begin, '*', arguments.size());
    for (const QByteArray &argument : arguments) {
        out = putLength(out, '$', argument.size());
        out = std::copy_n(argument.constData(), argument.size(), out);
        *out++ = '\r';
        *out++ = '\n';
    }
    const int status = redisAsyncFormattedCommand(m_context, &RedisAsyncConnection::onReply,
                                                  reinterpret_cast<void *>(quintptr(id)), begin,
                                                  std::size_t(out - begin));
    if (status != REDIS_OK) {
        // Not queued (the context is disconnecting): answer this one like the others.
        QMetaObject::invokeMethod(
            this, [this, id] { handleReply(id, nullptr); }, Qt::QueuedConnection);
    }
}

void RedisAsyncConnection::onReply(redisAsyncContext *context, void *reply, void *privateData)
{
    auto *self = static_cast<RedisAsyncConnection *>(context->data);
    if (!self)
        return;
    self->handleReply(quint64(reinterpret_cast<quintptr>(privateData)),
                      static_cast<const redisReply *>(reply));
}

void RedisAsyncConnection::handleReply(quint64 id, const redisReply *reply)
{
    // Replies come in send order, so the request is almost always the first one.
    auto it = m_pending.begin();
    while (it != m_pending.end() && it->id != id)
        ++it;
    if (it == m_pending.end())
        return; // already failed by a timeout
    ReplyHandler handler = std::move(it->handler);
    m_pending.erase(it);
    if (m_pending.empty())
        m_timeoutCheck.stop();
    handler(reply,
            reply ? QString()
                  : QStringLiteral("Redis %1 closed the connection").arg(m_endpoint.displayName()));
}

void RedisAsyncConnection::checkTimeouts()
{
    if (m_pending.empty()) {
        m_timeoutCheck.stop();
        return;
    }
    const auto age = std::chrono::steady_clock::now() - m_pending.front().sentAt;
    if (age > std::chrono::milliseconds(m_endpoint.commandTimeoutMs)) {
        // A reply that late means a stalled or broken connection: start over rather than let
        // later replies be matched to requests that were already answered.
        goDown(QStringLiteral("no reply within %1 ms").arg(m_endpoint.commandTimeoutMs), true);
    }
}

} // namespace vs
