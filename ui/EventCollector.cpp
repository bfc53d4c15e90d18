#include "EventCollector.h"

#include <QMutexLocker>

namespace vs {

void EventCollector::onLimiterEvent(const LimiterEvent &event)
{
    const bool denial = event.type == LimiterEvent::Type::Rejected;
    if (!denial && event.type != LimiterEvent::Type::Evicted)
        return;
    // The full-buffer case is the common one at full speed: it costs one atomic add.
    if (m_pending.load(std::memory_order_relaxed) >= maxPending) {
        (denial ? m_droppedDenials : m_droppedEvictions).fetch_add(1, std::memory_order_relaxed);
        return;
    }
    QMutexLocker locker(&m_mutex);
    if (m_events.size() >= std::size_t(maxPending)) {
        (denial ? m_droppedDenials : m_droppedEvictions).fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_events.push_back(event);
    m_pending.store(int(m_events.size()), std::memory_order_relaxed);
}

EventCollector::Batch EventCollector::take()
{
    Batch batch;
    {
        QMutexLocker locker(&m_mutex);
        batch.events.swap(m_events);
        m_pending.store(0, std::memory_order_relaxed);
    }
    batch.droppedDenials = m_droppedDenials.exchange(0);
    batch.droppedEvictions = m_droppedEvictions.exchange(0);
    return batch;
}

} // namespace vs
