#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vs {

// A hash map from ASCII string keys to values, stored flat: keys and values live in one array of
// slots, found by linear probing. MemoryLeaseStore keeps one per stripe. Compared with
// std::unordered_map, a lookup touches one slot (the key is compared in place, short keys sit in
// std::string's inline buffer) instead of a bucket, the node before the wanted one and the node:
// with a million users each of those is a cache miss.
//
// `Hash` maps std::string_view to std::size_t; callers pass the hash they already computed so a
// key is hashed once per call. An empty key marks an empty slot, so keys must not be empty.
// Not thread-safe: the stripe's mutex guards it. Any insert may move every value.
template<typename Value, typename Hash> class FlatStringMap
{
public:
    static constexpr std::size_t npos = std::size_t(-1);

    std::size_t size() const { return m_size; }
    // Slots, for walking the whole map (sweep): slot i is in use when !keyAt(i).empty().
    std::size_t slotCount() const { return m_slots.size(); }
    const std::string &keyAt(std::size_t slot) const { return m_slots[slot].key; }
    Value &valueAt(std::size_t slot) { return m_slots[slot].value; }

    std::size_t find(std::string_view key, std::size_t hash) const
    {
        if (m_slots.empty())
            return npos;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::string &candidate = m_slots[slot].key;
            if (candidate.empty())
                return npos;
            if (candidate == key)
                return slot;
        }
    }

    // The slot of `key`, inserted with a default value when absent.
    std::size_t findOrInsert(std::string_view key, std::size_t hash)
    {
        // Grow at 70% full: linear probing stays short below that.
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            std::string &candidate = m_slots[slot].key;
            if (candidate.empty()) {
                candidate.assign(key);
                ++m_size;
                return slot;
            }
            if (candidate == key)
                return slot;
        }
    }

    // Removes the slot's entry. Later entries of the same probe run move back to close the gap
    // (no tombstones), so a walk over the slots that erases must look at the same slot again.
    void eraseAt(std::size_t slot)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t hole = slot;
        for (std::size_t next = (hole + 1) & mask; !m_slots[next].key.empty();
             next = (next + 1) & mask) {
            const std::size_t home = Hash{}(m_slots[next].key) & mask;
            // The entry at `next` may fill the hole unless its home lies cyclically in
            // (hole, next]: then moving it before its home would hide it from lookups.
            const bool homeBetween =
                hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (homeBetween)
                continue;
            m_slots[hole] = std::move(m_slots[next]);
            hole = next;
        }
        m_slots[hole].key.clear();
        m_slots[hole].key.shrink_to_fit();
        m_slots[hole].value = Value();
        --m_size;
    }

private:
    struct Slot
    {
        std::string key;
        Value value;
    };

    void grow()
    {
        std::vector<Slot> old =
            std::exchange(m_slots, std::vector<Slot>(std::max<std::size_t>(8, m_slots.size() * 2)));
        const std::size_t mask = m_slots.size() - 1;
        for (Slot &entry : old) {
            if (entry.key.empty())
                continue;
            std::size_t slot = Hash{}(entry.key) & mask;
            while (!m_slots[slot].key.empty())
                slot = (slot + 1) & mask;
            m_slots[slot] = std::move(entry);
        }
    }

    std::vector<Slot> m_slots; // size 0 or a power of two
    std::size_t m_size = 0;
};

} // namespace vs
