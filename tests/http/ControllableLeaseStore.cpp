#include "ControllableLeaseStore.h"

vs::WatchResult ControllableLeaseStore::acquire(const vs::AcquireRequest &request)
{
    return m_memory.acquire(request);
}

vs::HeartbeatResult ControllableLeaseStore::renew(const QString &userId,
                                                  const vs::StreamId &streamId, qint64 ttlMs,
                                                  qint64 nowMs)
{
    return m_memory.renew(userId, streamId, ttlMs, nowMs);
}

vs::StopResult ControllableLeaseStore::release(const QString &userId, const vs::StreamId &streamId,
                                               qint64 nowMs)
{
    return m_memory.release(userId, streamId, nowMs);
}

vs::ListResult ControllableLeaseStore::list(const QString &userId, qint64 nowMs)
{
    return m_memory.list(userId, nowMs);
}

vs::SweepResult ControllableLeaseStore::sweep(qint64 nowMs, int maxLeases)
{
    return m_memory.sweep(nowMs, maxLeases);
}

qint64 ControllableLeaseStore::storedLeaseCount()
{
    return m_memory.storedLeaseCount();
}

void ControllableLeaseStore::acquireAsync(const vs::AcquireRequest &request,
                                          std::function<void(vs::WatchResult)> done)
{
    if (!deferred)
        return done(acquire(request));
    m_pending.push_back([this, request, done] { done(acquire(request)); });
}

void ControllableLeaseStore::listAsync(const QString &userId, qint64 nowMs,
                                       std::function<void(vs::ListResult)> done)
{
    if (!deferred)
        return done(list(userId, nowMs));
    m_pending.push_back([this, userId, nowMs, done] { done(list(userId, nowMs)); });
}

void ControllableLeaseStore::answerFirst()
{
    auto answer = std::move(m_pending.front());
    m_pending.pop_front();
    answer();
}

void ControllableLeaseStore::answerLast()
{
    auto answer = std::move(m_pending.back());
    m_pending.pop_back();
    answer();
}
