#pragma once

#include <QtGlobal>

#include <limits>
#include <vector>

namespace vs {

// One pending event of the simulator: a small POD, so the queue moves 32-byte values only.
struct SimulationEvent
{
    enum Kind : quint8
    {
        Arrival,   // the next attempt to start a stream (all users together)
        Retry,     // subject: user, detail: video, attempt: the attempt to make
        Heartbeat, // subject: stream record, generation, detail: heartbeat chain
        ViewerEnd, // subject: stream record, generation, flag: the viewer abandons
        Expiry,    // subject: stream record, generation
    };

    qint64 atUs = 0;
    quint64 sequence = 0; // ties in time go in scheduling order, so runs are reproducible
    quint32 subject = 0;
    quint32 detail = 0;
    quint32 generation = 0;
    Kind kind = Arrival;
    quint8 flag = 0;
    quint16 attempt = 0;
};

// Two queues merged by (time, sequence): a binary min-heap for events at arbitrary times, and a
// FIFO for events scheduled a constant delay ahead (heartbeats). Since simulated time only
// moves forward, "now + constant" is scheduled in time order, so the bulk of the events skips
// the heap's O(log n) entirely.
class EventQueue
{
public:
    static constexpr qint64 never = std::numeric_limits<qint64>::max();

    void push(SimulationEvent event);
    // For events at now + a delay that is the same for every event pushed here.
    void pushPeriodic(SimulationEvent event);

    bool isEmpty() const { return m_heap.empty() && m_fifoSize == 0; }
    qint64 nextTimeUs() const;
    SimulationEvent pop();
    std::size_t size() const { return m_heap.size() + m_fifoSize; }
    // The periodic event `ahead` places behind the first one, or null: lets the caller warm
    // the caches for events it will process soon (their order is known, their data is not hot).
    const SimulationEvent *periodicAhead(std::size_t ahead) const
    {
        return ahead < m_fifoSize ? &m_fifo[(m_fifoHead + ahead) & (m_fifo.size() - 1)] : nullptr;
    }
    void clear();

private:
    static bool later(const SimulationEvent &a, const SimulationEvent &b)
    {
        return a.atUs != b.atUs ? a.atUs > b.atUs : a.sequence > b.sequence;
    }
    bool fifoFirst() const;
    void growFifo();

    std::vector<SimulationEvent> m_heap;
    // A ring buffer (the size is a power of two): cheaper than a deque to push, pop and look
    // into, which happens for nearly every event.
    std::vector<SimulationEvent> m_fifo;
    std::size_t m_fifoHead = 0;
    std::size_t m_fifoSize = 0;
    quint64 m_sequence = 0;
};

} // namespace vs
