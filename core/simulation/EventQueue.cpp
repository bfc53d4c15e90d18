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
    if (m_fifoSize == m_fifo.size())
        growFifo();
    const std::size_t mask = m_fifo.size() - 1;
    Q_ASSERT(m_fifoSize == 0 || m_fifo[(m_fifoHead + m_fifoSize - 1) & mask].atUs <= event.atUs);
    m_fifo[(m_fifoHead + m_fifoSize) & mask] = event;
    ++m_fifoSize;
}

void EventQueue::growFifo()
{
    std::vector<SimulationEvent> grown(std::max<std::size_t>(64, m_fifo.size() * 2));
    for (std::size_t i = 0; i < m_fifoSize; ++i)
        grown[i] = m_fifo[(m_fifoHead + i) & (m_fifo.size() - 1)];
    m_fifo = std::move(grown);
    m_fifoHead = 0;
}

bool EventQueue::fifoFirst() const
{
    if (m_fifoSize == 0)
        return false;
    if (m_heap.empty())
        return true;
    return later(m_heap.front(), m_fifo[m_fifoHead]);
}

qint64 EventQueue::nextTimeUs() const
{
    if (isEmpty())
        return never;
    return fifoFirst() ? m_fifo[m_fifoHead].atUs : m_heap.front().atUs;
}

SimulationEvent EventQueue::pop()
{
    if (fifoFirst()) {
        const SimulationEvent event = m_fifo[m_fifoHead];
        m_fifoHead = (m_fifoHead + 1) & (m_fifo.size() - 1);
        --m_fifoSize;
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
    m_fifoHead = 0;
    m_fifoSize = 0;
    m_sequence = 0;
}

} // namespace vs
