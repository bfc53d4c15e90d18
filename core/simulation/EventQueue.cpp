#include "EventQueue.h"

#include <algorithm>

namespace vs {

void EventQueue::push(SimulationEvent event)
{
    event.sequence = m_sequence++;
    m_heap.push_back(event);
    std::push_heap(m_heap.begin(), m_heap.end(), later);
}

void EventQueue::pushPeriodic(SimulationEvent event)
{
    event.sequence = m_sequence++;
    Q_ASSERT(m_fifo.empty() || m_fifo.back().atUs <= event.atUs);
    m_fifo.push_back(event);
}

bool EventQueue::fifoFirst() const
{
    if (m_fifo.empty())
        return false;
    if (m_heap.empty())
        return true;
    return later(m_heap.front(), m_fifo.front());
}

qint64 EventQueue::nextTimeUs() const
{
    if (isEmpty())
        return never;
    return fifoFirst() ? m_fifo.front().atUs : m_heap.front().atUs;
}

SimulationEvent EventQueue::pop()
{
    if (fifoFirst()) {
        const SimulationEvent event = m_fifo.front();
        m_fifo.pop_front();
        return event;
    }
    std::pop_heap(m_heap.begin(), m_heap.end(), later);
    const SimulationEvent event = m_heap.back();
    m_heap.pop_back();
    return event;
}

void EventQueue::clear()
{
    m_heap.clear();
    m_fifo.clear();
    m_sequence = 0;
}

} // namespace vs
