#pragma once

#include "LeaseStore.h"
#include "RedisEndpoint.h"
#include "RedisScripts.h"
#include "RedisSyncConnection.h"

#include <QObject>

#include <memory>

struct redisReply;

namespace vs {

class RedisAsyncConnection;

// Leases in Redis, shared by every instance that points at the same server, so many
// `videostreams serve` processes enforce one limit together.
//
// Every decision is one Lua script (RedisScripts), run atomically by Redis against one user's
// keys vs:{user}:leases / :ended / :meta. Time comes from the Redis server (TIME inside the
// script): the nowMs callers pass is ignored, so instances with skewed clocks agree. Fail closed:
// when Redis cannot be reached or answers too slowly, calls return StoreUnavailable with a
// message and never grant.
//
// The *Async methods pipeline on one non-blocking connection driven by the event loop of the
// thread that created the store; `done` runs there. Called from another thread they block like
// the synchronous methods, which use a separate blocking connection with timeouts.
class RedisLeaseStore final : public QObject, public LeaseStore
{
    Q_OBJECT

public:
    struct Options
    {
        RedisEndpoint endpoint;
        qint64 tombstoneRetentionMs = 15 * 60 * 1000;
        // Tests only: use the nowMs passed in instead of the server's clock, so expiry can be
        // tested exactly without sleeping. Never set in production: instances would disagree.
        bool useCallerClockForTests = false;
        // sweep() on the store's thread never waits for Redis: it starts a sweep on the
        // non-blocking connection (one at a time, each command bounded by the command timeout)
        // and returns what the previous one removed. The factory sets it for serve and the
        // GUI, whose sweeps run on the thread that serves requests. Off: sweep() blocks until
        // Redis answers, as the contract suite expects.
        bool nonBlockingSweep = false;
    };

    explicit RedisLeaseStore(const Options &options, QObject *parent = nullptr);
    ~RedisLeaseStore() override;

    WatchResult acquire(const AcquireRequest &request) override;
    HeartbeatResult renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                          qint64 nowMs) override;
    StopResult release(const QString &userId, const StreamId &streamId, qint64 nowMs) override;
    ListResult list(const QString &userId, qint64 nowMs) override;
    SweepResult sweep(qint64 nowMs, int maxLeases) override;
    bool isReachable() override;
    // On the owner thread: the connection's state when it is decided, otherwise (connecting) a
    // PING on the non-blocking connection, answered once it connects, fails or times out.
    void isReachableAsync(std::function<void(bool reachable)> done) override;
    qint64 storedLeaseCount() override;
    // On the thread that created the store: the count the previous call read, and an
    // asynchronous GET for the next one, so a scrape never waits for Redis (0 until the first
    // reply; while Redis is down, the last count read). Elsewhere storedLeaseCount().
    qint64 storedLeaseCountForGauge() override;

    void acquireAsync(const AcquireRequest &request,
                      std::function<void(WatchResult)> done) override;
    void renewAsync(const QString &userId, const StreamId &streamId, qint64 ttlMs, qint64 nowMs,
                    std::function<void(HeartbeatResult)> done) override;
    void releaseAsync(const QString &userId, const StreamId &streamId, qint64 nowMs,
                      std::function<void(StopResult)> done) override;
    void listAsync(const QString &userId, qint64 nowMs,
                   std::function<void(ListResult)> done) override;

    const RedisEndpoint &endpoint() const { return m_options.endpoint; }
    // A non-blocking sweep is waiting for Redis (see Options::nonBlockingSweep).
    bool isSweepRunning() const { return m_sweepRunning; }

private:
    // A script call: which script, its keys and arguments.
    struct Call
    {
        RedisScripts::Script script;
        QByteArrayList keys;
        QByteArrayList arguments;
    };
    using ReplyHandler = std::function<void(const redisReply *reply, const QString &error)>;

    QByteArrayList userKeys(const QString &userId) const;
    QByteArray nowArgument(qint64 nowMs) const;
    Call acquireCall(const AcquireRequest &request, const StreamId &newId) const;
    Call renewCall(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                   qint64 nowMs) const;
    Call releaseCall(const QString &userId, const StreamId &streamId, qint64 nowMs) const;
    Call listCall(const QString &userId, qint64 nowMs) const;

    RedisSyncConnection::Reply evalSync(const Call &call, QString *error);
    void evalAsync(const Call &call, ReplyHandler handler);
    // After user scripts: index users for sweeping (`scoredUsers`: due time, user, ...) and
    // count leases. The commands, one ZADD and one INCRBY at most, for one call or a whole pass.
    QList<QByteArrayList> bookkeeping(const QByteArrayList &scoredUsers, qint64 leaseDelta) const;
    // The `scoredUsers` pair of one call: none unless publishDue >= 0.
    static QByteArrayList scoredUser(const QString &userId, qint64 publishDue);
    // The same for the non-blocking calls, gathered over one event-loop pass and sent as one
    // ZADD and one INCRBY when the connection is about to write (sendBookkeeping).
    void queueBookkeeping(const QString &userId, qint64 publishDue, qint64 leaseDelta);
    void sendBookkeeping();
    template<typename Result, typename Parser>
    Result runSync(const Call &call, const QString &userId, Parser parse);
    template<typename Result, typename Parser>
    void runAsync(const Call &call, const QString &userId, Parser parse,
                  std::function<void(Result)> done);
    bool onOwnerThread() const;

    // The three steps of a sweep on the non-blocking connection: find due users, sweep each
    // (pipelined), then update the index. Each step runs when the previous one's replies are in.
    struct AsyncSweep;
    void startSweep(qint64 nowMs, int maxLeases);
    void sweepDueUsers(const std::shared_ptr<AsyncSweep> &sweep, const redisReply *due);
    void updateSweepIndex(const std::shared_ptr<AsyncSweep> &sweep);
    void finishSweep(const std::shared_ptr<AsyncSweep> &sweep);

    static QByteArrayList evalArguments(const Call &call, bool withSource);

    const Options m_options;
    const QByteArray m_indexKey;
    const QByteArray m_countKey;
    RedisSyncConnection m_sync;
    RedisAsyncConnection *m_async = nullptr;
    QByteArrayList m_queuedDue; // score, member pairs for one ZADD, in call order
    qint64 m_queuedDelta = 0;
    qint64 m_gaugeLeaseCount = 0;     // owner thread: the count storedLeaseCountForGauge last read
    bool m_gaugeReadInFlight = false; // owner thread: its GET has not been answered yet
    bool m_sweepRunning = false;
    SweepResult m_sweepDone; // what finished non-blocking sweeps removed, not yet handed out
};

} // namespace vs
