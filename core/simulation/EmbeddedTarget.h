#pragma once

#include "Target.h"

#include "ManualClock.h"
#include "MemoryLeaseStore.h"
#include "Policy.h"
#include "StreamLimiter.h"
#include "UserKey.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace vs {

// The stream-limit core in-process: a StreamLimiter over a MemoryLeaseStore, on a ManualClock
// that the engine moves through simulated time. Answers every call inside send().
//
// For the GUI: limiter(), activeStreams(), stopStream() and setPolicy() may be called from any
// thread while a run is going on (StreamLimiter is thread-safe); a stream stopped that way is
// noticed by its viewers at their next heartbeat. Observers added to limiter() see every event
// in simulated time, on the engine's thread.
class EmbeddedTarget final : public Target
{
public:
    // `userPlans[i]` is user i's plan name (empty: none). Ids are made and validated once, here.
    EmbeddedTarget(const Policy &policy, QStringList userPlans, int videos);
    ~EmbeddedTarget() override;

    bool isSynchronous() const override { return true; }
    bool supportsVirtualTime() const override { return true; }
    QString open(qint64 startMs) override;
    void advanceTo(qint64 simulatedUs) override;
    void send(const TargetCall &call) override;
    void forget(quint32 user, quint32 video) override;
    qint64 capacity() const override;
    void prefetch(quint32 user) const override;

    StreamLimiter &limiter() { return m_limiter; }
    const ManualClock &clock() const { return m_clock; }
    Policy policy() const { return m_limiter.policy(); }
    void setPolicy(const Policy &policy);

    // Every active stream, oldest first per user, users in index order; at most `maxCount`.
    QList<Lease> activeStreams(int maxCount = 100'000);
    bool stopStream(const QString &userId, const QString &streamId);
    int userCount() const { return int(m_users.size()); }

private:
    // Binary ids: the text form would cost an encode per grant and a decode per heartbeat.
    struct HeldStream
    {
        quint32 video = 0;
        StreamId streamId;
    };
    // One cache line per user (the key's bytes fit its short-string buffer): the limiter's
    // fast path reads nothing else of the user's on a heartbeat.
    struct alignas(64) SimulatedUser
    {
        UserKey key;
    };

    const QString &videoIdFor(quint32 video);
    StreamId *findStream(quint32 user, quint32 video);
    // The call's own id when the engine handed it back, else the one remembered for it.
    const StreamId *streamFor(const TargetCall &call);
    void rememberStream(quint32 user, quint32 video, const StreamId &id);
    void dropStream(quint32 user, quint32 video);
    void watch(const TargetCall &call);
    void heartbeat(const TargetCall &call);
    void stop(const TargetCall &call);
    // Heartbeat and stop: find the stream's id, let `callLimiter` ask the limiter and fill the
    // reply's outcome, forget the stream unless it lives on, deliver.
    template<typename CallLimiter>
    void sendForStream(const TargetCall &call, CallLimiter &&callLimiter);

    ManualClock m_clock;
    MemoryLeaseStore m_store;
    StreamLimiter m_limiter;
    qint64 m_startMs = 0;
    std::vector<SimulatedUser> m_users;
    QStringList m_userPlans;
    std::vector<QString> m_videoIds; // made on first use; empty for huge catalogs
    int m_videos = 0;
    QString m_scratchVideoId;
    std::vector<std::vector<HeldStream>> m_held; // per user: the stream ids the engine may use
};

} // namespace vs
