#pragma once

#include "ChunkSource.h"
#include "CompactId.h"
#include "InternTable.h"
#include "LeaseStore.h"
#include "RecordTable.h"
#include "SlotPool.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace vs {

// Leases in process memory, built for speed: users are spread over independently locked
// stripes, so threads working for different users rarely meet and no lock is global.
// Each stripe keeps its users in a RecordTable: a 16-byte cell points at the user's record, one
// block holding the user id and all of its leases, so that any call waits for two cache misses
// (the cell, the record). The blocks come from the stripe's SlotPool, cut from the store's
// ChunkSource (huge pages once the store is big). Ids are ASCII (IdRules): a user's is kept as
// CompactId, inline up to 39 characters (UUIDs included); video ids, which many streams share,
// once per store in an InternTable. docs/PERFORMANCE.md has the bytes per stream.
class MemoryLeaseStore final : public LeaseStore
{
public:
    // How long a stream that expired or was evicted is remembered, so that a late heartbeat
    // hears "expired"/"evicted" rather than "unknown".
    static constexpr qint64 defaultTombstoneRetentionMs = 15 * 60 * 1000;
    static constexpr int maxTombstonesPerUser = 16;

    explicit MemoryLeaseStore(qint64 tombstoneRetentionMs = defaultTombstoneRetentionMs);
    ~MemoryLeaseStore() override;

    WatchResult acquire(const AcquireRequest &request) override;
    HeartbeatResult renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                          qint64 nowMs) override;
    StopResult release(const QString &userId, const StreamId &streamId, qint64 nowMs) override;
    ListResult list(const QString &userId, qint64 nowMs) override;
    SweepResult sweep(qint64 nowMs, int maxLeases) override;
    // The key's bytes and hash pick the stripe and cell directly (no narrowing, no hashing).
    WatchResult acquireByKey(const UserKey &user, const AcquireRequest &request) override;
    HeartbeatResult renewByKey(const UserKey &user, const StreamId &streamId, qint64 ttlMs,
                               qint64 nowMs) override;
    StopResult releaseByKey(const UserKey &user, const StreamId &streamId, qint64 nowMs) override;
    ListResult listByKey(const UserKey &user, qint64 nowMs) override;
    void prefetch(QStringView userId, PrefetchStage stage) override;
    void prefetchByKey(const UserKey &user, PrefetchStage stage) override;
    bool isReachable() override { return true; }
    qint64 storedLeaseCount() override;
    // Distinct video ids that the stored leases hold (each kept once). For tests and gauges.
    std::size_t storedVideoCount() const { return m_videos.size(); }

private:
    // Ordered for the hot path: every call reads expiresAtMs and streamId first.
    struct StoredLease
    {
        qint64 expiresAtMs = 0;
        StreamId streamId;
        InternTable::Ref videoId; // results copy its text: no conversion
        qint64 startedAtMs = 0;
        qint64 lastHeartbeatAtMs = 0;
        // Most clients send no device id: out of line, it costs 8 bytes instead of 40.
        std::unique_ptr<std::string> deviceId;

        std::string_view device() const
        {
            return deviceId ? std::string_view(*deviceId) : std::string_view();
        }
    };
    struct Tombstone
    {
        StreamId streamId;
        qint64 endedAtMs = 0;
        bool evicted = false; // otherwise expired
    };
    // A user and all of its leases, in grant order (the oldest first), in one block (see
    // create() for where it comes from): the header, then room for `capacity` leases. One block per
    // user means one cache miss for the user's data however many streams it holds. Only create()
    // and destroy() make and free one; growing moves the user to a bigger block (see emplaceLease).
    class UserRecord
    {
    public:
        // Users with one lease take a small block of the stripe's pool, users with two or three a
        // large one (capacity 3), users under a higher limit a block of the general heap.
        static UserRecord *create(SlotPool &pool, std::string_view key, std::uint32_t capacity);
        static void destroy(SlotPool &pool, UserRecord *record);

        std::string_view key() const { return m_key.view(); }
        std::size_t size() const { return m_size; }
        bool empty() const { return m_size == 0; }
        std::uint32_t capacity() const { return m_capacity; }
        StoredLease &operator[](std::size_t i) { return leases()[i]; }
        const StoredLease &operator[](std::size_t i) const { return leases()[i]; }
        // Keeps the first `count` leases (the block stays: a user going from three streams to
        // one and back would otherwise move twice each time).
        void truncate(std::size_t count);
        void eraseAt(std::size_t i);
        // A fresh lease after the others; the block must have room (size() < capacity()).
        StoredLease &emplaceBack();
        // The same user in a block with room for `capacity` leases; this one is freed.
        UserRecord *movedTo(SlotPool &pool, std::uint32_t capacity);
        // Asks the caches for the whole block (a cache hint: see LeaseStore::prefetch).
        void prefetchLeases() const;
        // Rarely needed: kept out of line.
        std::unique_ptr<std::vector<Tombstone>> tombstones;

    private:
        UserRecord(std::string_view key, std::uint32_t capacity);
        ~UserRecord();
        // Gives a block back where create() took it from.
        static void release(SlotPool &pool, void *block, std::uint32_t capacity);
        static std::size_t blockBytes(std::uint32_t capacity)
        {
            return sizeof(UserRecord) + capacity * sizeof(StoredLease);
        }
        StoredLease *leases() { return reinterpret_cast<StoredLease *>(this + 1); }
        const StoredLease *leases() const
        {
            return reinterpret_cast<const StoredLease *>(this + 1);
        }

        CompactId m_key;
        std::uint32_t m_size = 0;
        std::uint32_t m_capacity = 0;
    };
    static_assert(sizeof(UserRecord) % alignof(StoredLease) == 0,
                  "the leases follow the header in the same block");
    using UserMap = RecordTable<UserRecord>;
    // A user id as ASCII bytes (on the caller's stack) with its hash, computed once per call: it
    // picks the stripe and the cell.
    struct HashedKey
    {
        std::string_view text;
        std::size_t hash = 0;
    };
    struct alignas(64) Stripe
    {
        std::mutex mutex;
        UserMap users;
        SlotPool records; // the users' blocks, but for users under a limit above 3
    };
    static constexpr std::size_t stripeCount = 256;

    static std::size_t hashOf(std::string_view text);
    // Cache hints are taken once the records outgrow the last-level cache (ChunkSource's huge
    // page threshold, 32 MiB: about 140k users with three streams), and ignored before.
    bool hintsPayOff() const;
    Stripe &stripeFor(const HashedKey &userKey);
    void prefetch(const HashedKey &userKey, PrefetchStage stage);
    // The operations proper, for a user given both as bytes with hash and as text (for results).
    WatchResult acquire(const HashedKey &userKey, const QString &userId,
                        const AcquireRequest &request);
    HeartbeatResult renew(const HashedKey &userKey, const QString &userId, const StreamId &streamId,
                          qint64 ttlMs, qint64 nowMs);
    StopResult release(const HashedKey &userKey, const QString &userId, const StreamId &streamId,
                       qint64 nowMs);
    ListResult list(const HashedKey &userKey, const QString &userId, qint64 nowMs);
    // Moves the user's leases that expired by nowMs into `expired`, remembering them.
    void removeExpired(UserRecord &user, const QString &userId, qint64 nowMs,
                       QList<Lease> &expired);
    static void remember(UserRecord &user, const StreamId &streamId, qint64 endedAtMs,
                         bool evicted);
    // A fresh lease after the user's others, moving the user to a bigger block when it has no
    // room (the table's cell then points at the new block: `user` is updated).
    static StoredLease &emplaceLease(Stripe &stripe, std::size_t cell, UserRecord *&user);
    // Frees the user when it holds nothing left to answer for; true when it did.
    static bool eraseIfEmpty(Stripe &stripe, std::size_t cell);
    static constexpr std::size_t npos = std::size_t(-1);
    // The position of the lease with this id, or npos.
    static std::size_t indexOf(const UserRecord &user, const StreamId &streamId);
    static Lease toLease(const StoredLease &stored, const QString &userId);
    static QList<Lease> toLeases(const UserRecord &user, const QString &userId);

    const qint64 m_tombstoneRetentionMs;
    ChunkSource m_chunks; // before the stripes: their records live in it
    InternTable m_videos; // the leases' video ids
    std::array<Stripe, stripeCount> m_stripes;
    std::atomic<qint64> m_leaseCount{0};
    std::atomic<std::size_t> m_sweepCursor{0};
};

} // namespace vs
