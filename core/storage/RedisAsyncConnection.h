#pragma once

#include "RedisEndpoint.h"

#include <QByteArrayList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>

struct redisAsyncContext;
struct redisReply;

namespace vs {

class RedisSocketAdapter;

// One non-blocking connection to Redis, driven by the event loop of the thread that owns it.
// Commands are pipelined: any number may be in flight. It connects on its own, reconnects with
// exponential backoff, and fails a command (never waits) when Redis is down, when the connection
// breaks, or when no reply came within the command timeout.
class RedisAsyncConnection final : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Connecting,
        Connected,
        Down, // waiting for the next reconnect attempt
    };

    // `reply` is valid only during the call; null when `error` says why there is none.
    using ReplyHandler = std::function<void(const redisReply *reply, const QString &error)>;

    explicit RedisAsyncConnection(const RedisEndpoint &endpoint, QObject *parent = nullptr);
    ~RedisAsyncConnection() override;

    // Sends a command. `handler` runs later on this object's thread, exactly once.
    void command(const QByteArrayList &arguments, ReplyHandler handler);
    // Writes the commands buffered so far now rather than when the event loop is about to block
    // (which is when they normally go out: all commands of one pass in one write).
    void flush();
    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }

signals:
    void stateChanged(vs::RedisAsyncConnection::State state);
    // Just before the commands of this event-loop pass are written: commands sent from a slot
    // still go out with them (how callers batch per pass).
    void aboutToWrite();

private:
    struct Pending
    {
        quint64 id = 0;
        std::chrono::steady_clock::time_point sentAt;
        ReplyHandler handler;
    };

    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privateData);

    void connectNow();
    void send(quint64 id, const QByteArrayList &arguments);
    void handleReply(quint64 id, const redisReply *reply);
    // The context is gone or must go: fail everything in flight and schedule a reconnect.
    void goDown(const QString &error, bool freeContext);
    void checkTimeouts();
    void setState(State state);
    void failLater(ReplyHandler handler, const QString &error);

    const RedisEndpoint m_endpoint;
    redisAsyncContext *m_context = nullptr;
    RedisSocketAdapter *m_adapter = nullptr;
    State m_state = State::Down;
    QString m_lastError;
    std::deque<Pending> m_pending; // in send order, which is also Redis' reply order
    QByteArray m_formatted;        // the command being sent, reused for its capacity
    quint64 m_nextId = 1;
    int m_backoffMs = 0;
    QTimer m_reconnectTimer;
    QTimer m_connectTimeout;
    QTimer m_timeoutCheck;
};

} // namespace vs
