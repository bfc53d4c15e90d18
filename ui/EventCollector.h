#pragma once

#include "LimiterObserver.h"

#include <QMutex>

#include <atomic>
#include <vector>

namespace vs {

// Keeps the core's denials and evictions for the event log. Called on the engine's thread for
// every event, so it must never make the engine wait: it only appends to a bounded buffer under
// a lock held for nanoseconds, and counts (without locking) what does not fit. The GUI takes the
// buffer about ten times a second.
class EventCollector final : public LimiterObserver
{
public:
    static constexpr int maxPending = 200;

    struct Batch
    {
        std::vector<LimiterEvent> events; // oldest first, at most maxPending
        qint64 droppedDenials = 0;        // beyond the buffer since the last take
        qint64 droppedEvictions = 0;
    };

    void onLimiterEvent(const LimiterEvent &event) override;
    Batch take();

private:
    QMutex m_mutex;
    std::vector<LimiterEvent> m_events;
    std::atomic<int> m_pending{0};
    std::atomic<qint64> m_droppedDenials{0};
    std::atomic<qint64> m_droppedEvictions{0};
};

} // namespace vs
