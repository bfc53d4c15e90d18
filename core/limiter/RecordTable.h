#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vs {

// A hash index from ASCII string keys to records that the caller allocates and frees, built so
// that a lookup waits for two cache misses whatever the record holds: its cell, then the record.
// MemoryLeaseStore keeps one per stripe; a record there is a user with all of its leases in one
// block, so that a user with three streams costs no more misses than a user with one.
//
// Open addressing with linear probing and backward-shift erase. A cell is 16 bytes: the key's
// full hash and the record's address, so probing past other keys reads only cells (a record is
// read only when its whole hash agrees) and a rehash or an erase never reads a record.
//
// `Record` has `std::string_view key() const`. Callers pass the hash they computed (any function
// of the key, the same for every call on one table), so a key is hashed once per call. Not
// thread-safe: the owner's mutex guards it (but prefetchCell, which only reads published
// addresses). InternTable keeps its ids in these too.
template<typename Record> class RecordTable
{
public:
    static constexpr std::size_t npos = std::size_t(-1);

    RecordTable() = default;
    RecordTable(const RecordTable &) = delete;
    RecordTable &operator=(const RecordTable &) = delete;

    // Records held.
    std::size_t size() const { return m_size; }
    // Cells, for a walk over every record: recordAt(cell) is null for an empty cell.
    std::size_t cellCount() const { return m_cells.size(); }
    Record *recordAt(std::size_t cell) const { return m_cells[cell].record; }

    // The cell holding `key`, or npos.
    std::size_t find(std::string_view key, std::size_t hash) const
    {
        return probe(hash, [&](const Record *record) { return record->key() == key; });
    }

    // Adds a record whose key is not held yet; returns its cell. May move every cell.
    std::size_t insert(Record *record, std::size_t hash)
    {
        // Grow at 70% full: linear probing stays short below that.
        if ((m_size + 1) * 10 > m_cells.size() * 7)
            grow();
        ++m_size;
        return place(record, hash);
    }

    // The same key's record at a new address (the caller moved it into a bigger block).
    void replaceAt(std::size_t cell, Record *record) { m_cells[cell].record = record; }

    // Removes the record at `cell` from the index and returns it for the caller to free. Cells
    // after it may shift back into it, so a walk that erases must look at the same cell again
    // (a record may then be seen twice, never skipped).
    Record *eraseAt(std::size_t cell)
    {
        Record *const erased = m_cells[cell].record;
        removeCell(cell);
        --m_size;
        if (m_size == 0) {
            // Give memory back when a stripe empties out (a burst of users left).
            m_cells = std::vector<Cell>();
            publish();
        }
        return erased;
    }

    // Hints for a caller that knows which keys come next: a lookup waits for the cell, then for
    // the record, so a caller a few keys ahead asks for the cell, and one key ahead, once the cell
    // has arrived, for the record.
    //
    // prefetchCell needs no lock: it reads only the published address and mask of the cells,
    // and a prefetch of memory freed meanwhile is harmless (prefetches never fault).
    void prefetchCell(std::size_t hash) const
    {
        const Cell *cells = m_publishedCells.load(std::memory_order_relaxed);
        if (cells)
            __builtin_prefetch(cells + (hash & m_publishedMask.load(std::memory_order_relaxed)));
    }
    // The record a lookup of a key with this hash most likely finds (the first whose whole hash
    // agrees), or null; without comparing keys, so that nothing waits for the record. For hints
    // only: it may be another key's. Under the caller's lock, like every other member.
    const Record *guess(std::size_t hash) const
    {
        const std::size_t cell = probe(hash, [](const Record *) { return true; });
        return cell == npos ? nullptr : m_cells[cell].record;
    }

private:
    struct Cell
    {
        std::size_t hash = 0;
        Record *record = nullptr; // null: the cell is free
    };

    // The first cell along the probe run whose hash is `hash` and whose record `accept`s, or
    // npos at the first free cell.
    template<typename Accept> std::size_t probe(std::size_t hash, Accept accept) const
    {
        if (m_cells.empty())
            return npos;
        const std::size_t mask = m_cells.size() - 1;
        for (std::size_t cell = hash & mask;; cell = (cell + 1) & mask) {
            const Cell &candidate = m_cells[cell];
            if (!candidate.record)
                return npos;
            if (candidate.hash == hash && accept(candidate.record))
                return cell;
        }
    }

    std::size_t place(Record *record, std::size_t hash)
    {
        const std::size_t mask = m_cells.size() - 1;
        std::size_t cell = hash & mask;
        while (m_cells[cell].record)
            cell = (cell + 1) & mask;
        m_cells[cell] = Cell{hash, record};
        return cell;
    }

    void removeCell(std::size_t cell)
    {
        const std::size_t mask = m_cells.size() - 1;
        std::size_t hole = cell;
        for (std::size_t next = (hole + 1) & mask; m_cells[next].record; next = (next + 1) & mask) {
            const std::size_t home = m_cells[next].hash & mask;
            // The cell at `next` may fill the hole unless its home lies cyclically in
            // (hole, next]: then moving it before its home would hide it from lookups.
            const bool homeBetween =
                hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (homeBetween)
                continue;
            m_cells[hole] = m_cells[next];
            hole = next;
        }
        m_cells[hole] = Cell();
    }

    // Strong guarantee: when the bigger cells cannot be allocated, the table is left as it was
    // (dropping the old cells would lose every record of the table, not only the new one).
    void grow()
    {
        std::vector<Cell> old(std::max<std::size_t>(8, m_cells.size() * 2), Cell());
        std::swap(m_cells, old); // allocated before anything changed; now it holds the old cells
        for (const Cell &cell : old) {
            if (cell.record)
                place(cell.record, cell.hash);
        }
        publish();
    }

    void publish()
    {
        m_publishedCells.store(m_cells.empty() ? nullptr : m_cells.data(),
                               std::memory_order_relaxed);
        m_publishedMask.store(m_cells.empty() ? 0 : m_cells.size() - 1, std::memory_order_relaxed);
    }

    std::vector<Cell> m_cells; // size 0 or a power of two
    std::size_t m_size = 0;
    // m_cells' address and mask for prefetchCell, which runs without the lock.
    std::atomic<const Cell *> m_publishedCells{nullptr};
    std::atomic<std::size_t> m_publishedMask{0};
};

} // namespace vs
