#include "SeriesBuffer.h"

namespace vs {

void SeriesBuffer::append(const SeriesPoint &point)
{
    if (!m_partial) {
        m_partial = std::make_shared<Chunk>();
        m_partial->reserve(chunkSize);
    }
    m_partial->push_back(point);
    ++m_size;
    if (int(m_partial->size()) == chunkSize) {
        m_full.push_back(std::move(m_partial));
        m_partial.reset();
    }
}

void SeriesBuffer::clear()
{
    m_full.clear();
    m_partial.reset();
    m_size = 0;
}

const SeriesPoint &SeriesBuffer::at(int index) const
{
    const auto chunk = std::size_t(index / chunkSize);
    const auto offset = std::size_t(index % chunkSize);
    if (chunk < m_full.size())
        return (*m_full[chunk])[offset];
    return (*m_partial)[offset];
}

std::vector<SeriesPoint> SeriesBuffer::toVector() const
{
    std::vector<SeriesPoint> points;
    points.reserve(std::size_t(m_size));
    for (const auto &chunk : m_full)
        points.insert(points.end(), chunk->begin(), chunk->end());
    if (m_partial)
        points.insert(points.end(), m_partial->begin(), m_partial->end());
    return points;
}

SeriesBuffer SeriesBuffer::snapshot() const
{
    SeriesBuffer copy;
    copy.m_full = m_full;
    if (m_partial)
        copy.m_partial = std::make_shared<Chunk>(*m_partial);
    copy.m_size = m_size;
    return copy;
}

} // namespace vs
