#include "LeaseStore.h"

namespace vs {

WatchResult LeaseStore::acquireByKey(const UserKey &user, const AcquireRequest &request)
{
    AcquireRequest named = request;
    named.userId = user.text();
    return acquire(named);
}

HeartbeatResult LeaseStore::renewByKey(const UserKey &user, const StreamId &streamId, qint64 ttlMs,
                                       qint64 nowMs)
{
    return renew(user.text(), streamId, ttlMs, nowMs);
}

void LeaseStore::prefetch(QStringView userId, PrefetchStage stage)
{
    Q_UNUSED(userId);
    Q_UNUSED(stage);
}

void LeaseStore::isReachableAsync(std::function<void(bool)> done)
{
    done(isReachable());
}

qint64 LeaseStore::storedLeaseCountForGauge()
{
    return storedLeaseCount();
}

void LeaseStore::prefetchByKey(const UserKey &user, PrefetchStage stage)
{
    Q_UNUSED(user);
    Q_UNUSED(stage);
}

StopResult LeaseStore::releaseByKey(const UserKey &user, const StreamId &streamId, qint64 nowMs)
{
    return release(user.text(), streamId, nowMs);
}

ListResult LeaseStore::listByKey(const UserKey &user, qint64 nowMs)
{
    return list(user.text(), nowMs);
}

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
