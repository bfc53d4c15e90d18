#pragma once

#include "MemoryLeaseStore.h"

#include <deque>
#include <functional>

// A memory store whose reachability and asynchronous answers a test controls: with `deferred`
// on, acquireAsync/listAsync queue their answers until answerNext()/answerLast() is called, like
// a remote store answering later and out of order.
class ControllableLeaseStore final : public vs::LeaseStore
{
public:
    vs::WatchResult acquire(const vs::AcquireRequest &request) override;
    vs::HeartbeatResult renew(const QString &userId, const vs::StreamId &streamId, qint64 ttlMs,
                              qint64 nowMs) override;
    vs::StopResult release(const QString &userId, const vs::StreamId &streamId,
                           qint64 nowMs) override;
    vs::ListResult list(const QString &userId, qint64 nowMs) override;
    vs::SweepResult sweep(qint64 nowMs, int maxLeases) override;
    bool isReachable() override { return reachable; }
    qint64 storedLeaseCount() override;

    void acquireAsync(const vs::AcquireRequest &request,
                      std::function<void(vs::WatchResult)> done) override;
    void listAsync(const QString &userId, qint64 nowMs,
                   std::function<void(vs::ListResult)> done) override;

    int pendingAnswers() const { return int(m_pending.size()); }
    void answerFirst();
    void answerLast();

    bool reachable = true;
    bool deferred = false;

private:
    vs::MemoryLeaseStore m_memory;
    std::deque<std::function<void()>> m_pending;
};
