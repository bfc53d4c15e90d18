#include "LeaseStore.h"

namespace vs {

void LeaseStore::acquireAsync(const AcquireRequest &request, std::function<void(WatchResult)> done)
{
    done(acquire(request));
}

void LeaseStore::renewAsync(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                            qint64 nowMs, std::function<void(HeartbeatResult)> done)
{
    done(renew(userId, streamId, ttlMs, nowMs));
}

void LeaseStore::releaseAsync(const QString &userId, const StreamId &streamId, qint64 nowMs,
                              std::function<void(StopResult)> done)
{
    done(release(userId, streamId, nowMs));
}

void LeaseStore::listAsync(const QString &userId, qint64 nowMs,
                           std::function<void(ListResult)> done)
{
    done(list(userId, nowMs));
}

} // namespace vs
