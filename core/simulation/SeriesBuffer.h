#pragma once

#include "SeriesPoint.h"

#include <memory>
#include <vector>

namespace vs {

// The per-second series, shared between the engine and any number of readers without copying
// it: points live in fixed-size chunks that never change once full, so a snapshot holds
// pointers to the full chunks plus a copy of the last, partial one. Copying a SeriesBuffer is
// cheap (a day of seconds is 22 chunk pointers).
class SeriesBuffer
{
public:
    static constexpr int chunkSize = 4096;

    void append(const SeriesPoint &point);
    void clear();

    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const SeriesPoint &at(int index) const;
    const SeriesPoint &last() const { return at(m_size - 1); }
    std::vector<SeriesPoint> toVector() const;

    // A copy whose partial chunk is detached from this one, safe to hand to another thread
    // while this one keeps appending.
    SeriesBuffer snapshot() const;

private:
    using Chunk = std::vector<SeriesPoint>;
    std::vector<std::shared_ptr<const Chunk>> m_full;
    std::shared_ptr<Chunk> m_partial;
    int m_size = 0;
};

} // namespace vs
