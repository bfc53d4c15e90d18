#pragma once

#include "CompactId.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace vs {

// A hash map from ASCII string keys to values, built for a million users in few cache misses and
// few bytes. MemoryLeaseStore keeps one per stripe.
//
// Entries (key and value) sit densely in one array, addressed by index; a separate open-addressing
// index (linear probing, backward-shift erase) maps a hash to an entry. An index slot is 8 bytes:
// the low 32 bits of the key's hash and the entry's position, so probing past other keys reads
// only the index, and a lookup touches one index slot and its entry. Keeping the big entries out of
// the probed array means its 30-65% spare capacity costs 8 bytes per slot, not an entry's size.
// Keys are CompactIds, so ids up to 39 characters (UUIDs) need no heap block.
//
// `Hash` maps std::string_view to std::size_t; callers pass the hash they already computed so a
// key is hashed once per call. Not thread-safe: the stripe's mutex guards it. An insert may move
// every value; an erase moves the last entry into the erased position.
template<typename Value, typename Hash> class FlatStringMap
{
public:
    static constexpr std::size_t npos = std::size_t(-1);

    // Entries are at positions 0 .. size()-1.
    std::size_t size() const { return m_entries.size(); }
    std::string_view keyAt(std::size_t position) const { return m_entries[position].key.view(); }
    Value &valueAt(std::size_t position) { return m_entries[position].value; }

    std::size_t find(std::string_view key, std::size_t hash) const
    {
        return probe(hash, [&](std::size_t position) { return keyMatches(position, key); });
    }

    // Hints for a caller that knows which keys come next: the cache misses of a lookup are two
    // dependent loads (the index slot, then the entry), so a caller a few keys ahead asks for the
    // slot, and one key ahead, once the slot has arrived, for the entry.
    //
    // prefetchSlot needs no lock: it reads only the published address and size of the index,
    // and a prefetch of memory freed meanwhile is harmless (prefetches never fault).
    void prefetchSlot(std::size_t hash) const
    {
        const std::uint64_t *index = m_publishedIndex.load(std::memory_order_relaxed);
        if (index)
            __builtin_prefetch(index + (hash & m_publishedMask.load(std::memory_order_relaxed)));
    }
    // Under the caller's lock, like every other member.
    void prefetchEntry(std::size_t hash) const
    {
        const std::size_t position = guess(hash);
        if (position != npos)
            prefetchValue(position);
    }
    // The value a lookup of a key with this hash most likely finds (the first whose hash agrees
    // in 32 bits), or null; without comparing keys, so that nothing waits for the entry. For
    // hints only: the value may belong to another key.
    const Value *guessValue(std::size_t hash) const
    {
        const std::size_t position = guess(hash);
        return position == npos ? nullptr : &m_entries[position].value;
    }

    // The position of `key`, inserted with a default value when absent.
    std::size_t findOrInsert(std::string_view key, std::size_t hash)
    {
        // Grow at 70% full: linear probing stays short below that.
        if ((m_entries.size() + 1) * 10 > m_index.size() * 7)
            grow();
        const std::size_t mask = m_index.size() - 1;
        const std::uint32_t tag = std::uint32_t(hash);
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::uint64_t cell = m_index[slot];
            if (cell == 0) {
                const std::size_t position = m_entries.size();
                m_entries.push_back(Entry{CompactId(key), Value()});
                m_index[slot] = cellOf(tag, position);
                return position;
            }
            if (tagOf(cell) == tag && keyMatches(positionOf(cell), key))
                return positionOf(cell);
        }
    }

    // Removes the entry at `position`; the last entry moves into its place, so a walk over the
    // positions that erases must look at the same position again.
    void eraseAt(std::size_t position)
    {
        removeFromIndex(slotOf(position));
        const std::size_t last = m_entries.size() - 1;
        if (position != last) {
            const std::size_t moved = slotOf(last);
            m_index[moved] = cellOf(tagOf(m_index[moved]), position);
            m_entries[position] = std::move(m_entries[last]);
        }
        m_entries.pop_back();
        // Give memory back when a stripe empties out (a burst of users left).
        if (m_entries.empty()) {
            m_entries = std::vector<Entry>();
            m_index = std::vector<std::uint64_t>();
            publishIndex();
        }
    }

private:
    struct Entry
    {
        CompactId key;
        Value value;
    };

    static std::uint32_t tagOf(std::uint64_t cell) { return std::uint32_t(cell >> 32); }
    static std::size_t positionOf(std::uint64_t cell)
    {
        return std::size_t(cell & 0xffffffffu) - 1;
    }
    // Position + 1, so that 0 marks a free slot.
    static std::uint64_t cellOf(std::uint32_t tag, std::size_t position)
    {
        return (std::uint64_t(tag) << 32) | std::uint64_t(position + 1);
    }

    // The first position along the probe run whose tag matches `hash` and that `accept`s, or
    // npos at the first free slot.
    template<typename Accept> std::size_t probe(std::size_t hash, Accept accept) const
    {
        if (m_index.empty())
            return npos;
        const std::size_t mask = m_index.size() - 1;
        const std::uint32_t tag = std::uint32_t(hash);
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::uint64_t cell = m_index[slot];
            if (cell == 0)
                return npos;
            if (tagOf(cell) == tag && accept(positionOf(cell)))
                return positionOf(cell);
        }
    }

    std::size_t guess(std::size_t hash) const
    {
        return probe(hash, [](std::size_t) { return true; });
    }

    // An entry spans several cache lines: asking for all of them at once lets their misses
    // overlap instead of following one another.
    void prefetchValue(std::size_t position) const
    {
        const char *entry = reinterpret_cast<const char *>(&m_entries[position]);
        for (std::size_t offset = 0; offset < sizeof(Entry); offset += 64)
            __builtin_prefetch(entry + offset);
        __builtin_prefetch(entry + sizeof(Entry) - 1);
    }

    bool keyMatches(std::size_t position, std::string_view key) const
    {
        // The caller reads the value next, which spans more cache lines than the key.
        prefetchValue(position);
        return m_entries[position].key == key;
    }

    void publishIndex()
    {
        m_publishedIndex.store(m_index.empty() ? nullptr : m_index.data(),
                               std::memory_order_relaxed);
        m_publishedMask.store(m_index.empty() ? 0 : m_index.size() - 1, std::memory_order_relaxed);
    }

    // The index slot pointing at `position` (which must exist).
    std::size_t slotOf(std::size_t position) const
    {
        const std::size_t mask = m_index.size() - 1;
        std::size_t slot = Hash{}(m_entries[position].key.view()) & mask;
        while (positionOf(m_index[slot]) != position)
            slot = (slot + 1) & mask;
        return slot;
    }

    void removeFromIndex(std::size_t slot)
    {
        const std::size_t mask = m_index.size() - 1;
        std::size_t hole = slot;
        for (std::size_t next = (hole + 1) & mask; m_index[next] != 0; next = (next + 1) & mask) {
            // The home slot is the hash's low bits, which the tag keeps (index size <= 2^32).
            const std::size_t home = tagOf(m_index[next]) & mask;
            // The cell at `next` may fill the hole unless its home lies cyclically in
            // (hole, next]: then moving it before its home would hide it from lookups.
            const bool homeBetween =
                hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (homeBetween)
                continue;
            m_index[hole] = m_index[next];
            hole = next;
        }
        m_index[hole] = 0;
    }

    void grow()
    {
        const std::size_t slotCount = std::max<std::size_t>(8, m_index.size() * 2);
        m_index.assign(slotCount, 0);
        const std::size_t mask = slotCount - 1;
        for (std::size_t position = 0; position < m_entries.size(); ++position) {
            const std::size_t hash = Hash{}(m_entries[position].key.view());
            std::size_t slot = hash & mask;
            while (m_index[slot] != 0)
                slot = (slot + 1) & mask;
            m_index[slot] = cellOf(std::uint32_t(hash), position);
        }
        publishIndex();
    }

    std::vector<Entry> m_entries;
    std::vector<std::uint64_t> m_index; // size 0 or a power of two
    // m_index's address and mask for prefetchSlot, which runs without the lock.
    std::atomic<const std::uint64_t *> m_publishedIndex{nullptr};
    std::atomic<std::size_t> m_publishedMask{0};
};

} // namespace vs
