#pragma once

#include "CompactId.h"
#include "RecordTable.h"

#include <QString>

#include <array>
#include <cstddef>
#include <mutex>
#include <string_view>
#include <utility>

namespace vs {

// One copy of each ASCII id that many holders share, with the same text as a QString made once:
// MemoryLeaseStore keeps each lease's video id this way. A lease then holds 8 bytes instead of a
// 40-byte id, and a result that reports the lease copies a reference-counted QString instead of
// converting bytes into a new one (a heap block and its free on every heartbeat and for every
// lease a rejection lists).
//
// Each holder owns a Ref; the table forgets an id when its last Ref goes. Thread-safe: ids are
// spread over independently locked shards, so holders of different ids rarely wait for each
// other. The text's own reference count is shared by every result made from the id, on whatever
// thread.
class InternTable
{
    struct Shard;

    // One id: kept by its shard's table, counted by the Refs that name it.
    struct Entry
    {
        Shard *shard = nullptr;
        std::size_t hash = 0;
        std::size_t uses = 0; // under shard->mutex
        CompactId bytes;
        QString text;

        std::string_view key() const { return bytes.view(); } // for RecordTable
    };

public:
    // A holder's use of one id (or of none). Move-only, 8 bytes.
    class Ref
    {
    public:
        Ref() = default;
        Ref(Ref &&other) noexcept
            : m_entry(std::exchange(other.m_entry, nullptr))
        {}
        Ref &operator=(Ref &&other) noexcept
        {
            if (this != &other) {
                reset();
                m_entry = std::exchange(other.m_entry, nullptr);
            }
            return *this;
        }
        Ref(const Ref &) = delete;
        Ref &operator=(const Ref &) = delete;
        ~Ref() { reset(); }

        bool empty() const { return !m_entry; }
        std::string_view view() const { return m_entry ? m_entry->key() : std::string_view(); }
        // The id as text; empty for an empty Ref. Copies share one block.
        QString text() const { return m_entry ? m_entry->text : QString(); }
        // Gives the use back (the table forgets the id with its last use).
        void reset()
        {
            if (m_entry)
                release(std::exchange(m_entry, nullptr));
        }

    private:
        friend class InternTable;
        explicit Ref(Entry *entry)
            : m_entry(entry)
        {}

        Entry *m_entry = nullptr;
    };

    InternTable() = default;
    // Every Ref must be gone first (a debug build asserts it).
    ~InternTable();
    InternTable(const InternTable &) = delete;
    InternTable &operator=(const InternTable &) = delete;

    // A use of `ascii`, whose hash the caller computed (any function of the bytes, the same one
    // for every call on this table). Throws std::bad_alloc when a new id finds no memory.
    Ref intern(std::string_view ascii, std::size_t hash);
    // Distinct ids held. For tests and gauges.
    std::size_t size() const;

private:
    struct alignas(64) Shard
    {
        mutable std::mutex mutex;
        RecordTable<Entry> entries;
    };
    static constexpr std::size_t shardCount = 64;

    static void release(Entry *entry);

    std::array<Shard, shardCount> m_shards;
};

} // namespace vs
