#pragma once

#include "AtLimitBehaviour.h"
#include "LimiterResults.h"
#include "UserKey.h"

#include <functional>

namespace vs {

// What a store needs to decide one watch atomically. The limiter resolves the policy first.
struct AcquireRequest
{
    QString userId;
    QString videoId;
    QString deviceId;
    int limit = 0;
    qint64 ttlMs = 0; // 0: never expires
    AtLimitBehaviour atLimit = AtLimitBehaviour::Reject;
    qint64 nowMs = 0;
};

// Where leases live. Every method decides for one user atomically: whatever the number of
// threads (or, for shared stores, processes) calling at once, a user never holds more than the
// limit passed in. Ids arrive validated. Implementations: memory, SQLite, Redis.
//
// The *Async variants exist for stores that talk to a server (Redis): they must not block the
// calling thread and call `done` later on that thread's event loop. The defaults call the
// synchronous method and `done` before returning.
class LeaseStore
{
public:
    virtual ~LeaseStore() = default;

    // Reuse the user's active stream of the same video (renewing it), or grant a new one when
    // under the limit, or evict the oldest under evict_oldest, or reject.
    virtual WatchResult acquire(const AcquireRequest &request) = 0;
    // Extends the user's lease by ttlMs from nowMs. Unknown also for another user's stream.
    virtual HeartbeatResult renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                                  qint64 nowMs) = 0;
    virtual StopResult release(const QString &userId, const StreamId &streamId, qint64 nowMs) = 0;
    virtual ListResult list(const QString &userId, qint64 nowMs) = 0;
    // Removes at most maxLeases expired leases (and forgets old tombstones).
    virtual SweepResult sweep(qint64 nowMs, int maxLeases) = 0;

    // For /readyz: can the store take requests now?
    virtual bool isReachable() = 0;
    // The same without blocking the calling thread: a server thread asks this way. The default
    // calls isReachable() and `done` before returning.
    virtual void isReachableAsync(std::function<void(bool reachable)> done);
    // Leases held, including expired ones not yet swept. For gauges, not for decisions.
    virtual qint64 storedLeaseCount() = 0;
    // The same for a gauge read on a server thread (/metrics): it must not wait for a remote
    // store, so it may answer with the count read by an earlier call. The default is
    // storedLeaseCount().
    virtual qint64 storedLeaseCountForGauge();

    // The same for a user already validated and hashed (UserKey; see StreamLimiter's UserKey
    // overloads). `request.userId` is ignored: the key's text is the user. The defaults call the
    // QString methods with key.text(); MemoryLeaseStore uses the key's bytes and hash directly.
    virtual WatchResult acquireByKey(const UserKey &user, const AcquireRequest &request);
    virtual HeartbeatResult renewByKey(const UserKey &user, const StreamId &streamId, qint64 ttlMs,
                                       qint64 nowMs);
    virtual StopResult releaseByKey(const UserKey &user, const StreamId &streamId, qint64 nowMs);
    virtual ListResult listByKey(const UserKey &user, qint64 nowMs);

    // Hints from a caller that knows which users it will call for next (one working through a
    // known list, like bench_limiter's driver), and from StreamLimiter itself for the user of the
    // call it is starting (Slot, before it validates the ids): they warm the caches so that the
    // call finds its data there, and change no decision. They pay off only when the store is far
    // larger than the caches (docs/PERFORMANCE.md: +16% at 1M users, a loss at 10k and in the
    // simulator), so a store may ignore them while it is small (MemoryLeaseStore does). A
    // lookup waits for dependent loads (where the user is, then the start of the user's record,
    // which tells how far the rest of it reaches), so a caller asks for each stage in turn as the
    // user comes nearer: for example Slot 4 users ahead, Entry 2 ahead, Leases 1 ahead. The
    // default does nothing.
    enum class PrefetchStage
    {
        Slot,
        Entry,
        Leases
    };
    virtual void prefetch(QStringView userId, PrefetchStage stage);
    virtual void prefetchByKey(const UserKey &user, PrefetchStage stage);

    virtual void acquireAsync(const AcquireRequest &request, std::function<void(WatchResult)> done);
    virtual void renewAsync(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                            qint64 nowMs, std::function<void(HeartbeatResult)> done);
    virtual void releaseAsync(const QString &userId, const StreamId &streamId, qint64 nowMs,
                              std::function<void(StopResult)> done);
    virtual void listAsync(const QString &userId, qint64 nowMs,
                           std::function<void(ListResult)> done);
};

} // namespace vs
