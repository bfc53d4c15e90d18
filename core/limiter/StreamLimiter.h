#pragma once

#include "Clock.h"
#include "LeaseStore.h"
#include "LimiterObserver.h"
#include "Policy.h"
#include "UserKey.h"

#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace vs {

struct WatchRequest
{
    QString userId;
    QString videoId;
    QString deviceId; // optional
    QString plan;     // optional: picks the plan's limit
};

// The admission engine: may user U start video V? Validates ids, resolves the user's limit from
// the current policy, lets the store decide atomically and reports every change to observers.
// Thread-safe: any number of threads may call any method at once, setPolicy included.
class StreamLimiter
{
public:
    static constexpr int defaultSweepBatch = 10'000;

    StreamLimiter(LeaseStore &store, const Clock &clock, const Policy &policy = Policy());
    ~StreamLimiter();

    StreamLimiter(const StreamLimiter &) = delete;
    StreamLimiter &operator=(const StreamLimiter &) = delete;

    WatchResult watch(const WatchRequest &request);
    HeartbeatResult heartbeat(const QString &userId, const QString &streamId);
    StopResult stop(const QString &userId, const QString &streamId);
    // The same for callers that kept the binary id of a grant (the simulator's embedded target):
    // no text round trip on every heartbeat.
    HeartbeatResult heartbeat(const QString &userId, const StreamId &streamId);
    StopResult stop(const QString &userId, const StreamId &streamId);
    // `plan` only affects the reported limit.
    ListResult list(const QString &userId, const QString &plan = {});

    // Fast path for trusted callers that validated a user once (UserKey::fromString) and address
    // it many times, like the simulator's virtual viewers: the user id is not re-validated, and
    // MemoryLeaseStore neither narrows nor re-hashes it (other stores get key.text()). Video,
    // device and plan are still checked. Decisions, results and events are the same as those of
    // the QString overloads; a null key answers InvalidRequest naming user_id.
    WatchResult watch(const UserKey &user, const QString &videoId, const QString &deviceId = {},
                      const QString &plan = {});
    HeartbeatResult heartbeat(const UserKey &user, const StreamId &streamId);
    StopResult stop(const UserKey &user, const StreamId &streamId);
    ListResult list(const UserKey &user, const QString &plan = {});

    // Cache hints from callers that know which users they will call for next: see
    // LeaseStore::prefetch. They change no decision and need no valid id.
    void prefetch(QStringView userId, LeaseStore::PrefetchStage stage) const
    {
        m_store.prefetch(userId, stage);
    }
    void prefetch(const UserKey &user, LeaseStore::PrefetchStage stage) const
    {
        m_store.prefetchByKey(user, stage);
    }

    // Removes expired leases (at most maxLeases) and reports each as Expired. Returns how many.
    int sweep(int maxLeases = defaultSweepBatch);

    // Same decisions for stores that answer asynchronously (Redis); `done` runs on the calling
    // thread's event loop, or before returning for in-process stores.
    void watchAsync(const WatchRequest &request, std::function<void(const WatchResult &)> done);
    void heartbeatAsync(const QString &userId, const QString &streamId,
                        std::function<void(const HeartbeatResult &)> done);
    void stopAsync(const QString &userId, const QString &streamId,
                   std::function<void(const StopResult &)> done);
    void listAsync(const QString &userId, const QString &plan,
                   std::function<void(const ListResult &)> done);

    Policy policy() const;
    // Applies to every decision that starts after it returns. Lowering a limit never ends
    // running streams; it only refuses new ones until the user is under it.
    void setPolicy(const Policy &policy);

    // Observers must outlive the limiter or be removed first. A call already running on another
    // thread when removeObserver returns may still deliver to the removed observer, so remove
    // observers while the limiter is quiet (or keep them alive until it is).
    void addObserver(LimiterObserver *observer);
    void removeObserver(LimiterObserver *observer);

    const Clock &clock() const { return m_clock; }
    LeaseStore &store() { return m_store; }

private:
    // Policy and observers together, swapped as one immutable snapshot so the hot path takes no
    // lock. `version` is unique across all limiters of the process (see CurrentState).
    struct State
    {
        Policy policy;
        std::vector<LimiterObserver *> observers;
        quint64 version = 0;
    };
    // The snapshot for one synchronous call, read through a per-thread cache (StreamLimiter.cpp).
    class CurrentState;
    std::shared_ptr<const State> state() const;
    void updateState(const std::function<void(State &)> &change);

    // The first step of every synchronous decision: the store starts fetching where the user
    // is (a cache hint, see LeaseStore::prefetch) while this call validates ids, parses the
    // stream id and reads the clock, so that in a store far larger than the caches the first
    // cache miss overlaps that work instead of following it (docs/PERFORMANCE.md, session 7).
    void startFetching(QStringView userId) const
    {
        m_store.prefetch(userId, LeaseStore::PrefetchStage::Slot);
    }
    void startFetching(const UserKey &user) const
    {
        m_store.prefetchByKey(user, LeaseStore::PrefetchStage::Slot);
    }
    std::optional<WatchResult> validate(const WatchRequest &request) const;
    void finishWatch(WatchResult &result, const QString &userId, const QString &videoId,
                     const QString &deviceId, int limit, qint64 nowMs, const State &state);
    void finishHeartbeat(const HeartbeatResult &result, const State &state, qint64 nowMs);
    void finishStop(const StopResult &result, const State &state, qint64 nowMs);
    void reportExpired(const QList<Lease> &expired, const State &state);
    void emitEvent(const State &state, LimiterEvent::Type type, const Lease &lease, qint64 atMs,
                   int limit);

    LeaseStore &m_store;
    const Clock &m_clock;
    std::atomic<std::shared_ptr<const State>> m_state;
    std::atomic<quint64> m_version{0}; // m_state's version, readable without touching m_state
    QMutex m_stateWriteMutex; // serialises writers only; readers load m_state without locking
};

} // namespace vs
