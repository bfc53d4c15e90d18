#pragma once

#include "CompactId.h"
#include "FlatStringMap.h"
#include "LeaseStore.h"

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
// Each stripe keeps its users in a FlatStringMap: one dense entry holds the user id and the lease
// list with the first lease inline. Ids are ASCII (IdRules) and kept as CompactId, inline up to 39
// characters (UUIDs included): docs/PERFORMANCE.md has the bytes per stream.
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
    // The key's bytes and hash pick the stripe and slot directly (no narrowing, no hashing).
    WatchResult acquireByKey(const UserKey &user, const AcquireRequest &request) override;
    HeartbeatResult renewByKey(const UserKey &user, const StreamId &streamId, qint64 ttlMs,
                               qint64 nowMs) override;
    StopResult releaseByKey(const UserKey &user, const StreamId &streamId, qint64 nowMs) override;
    ListResult listByKey(const UserKey &user, qint64 nowMs) override;
    void prefetch(QStringView userId, PrefetchStage stage) override;
    void prefetchByKey(const UserKey &user, PrefetchStage stage) override;
    bool isReachable() override { return true; }
    qint64 storedLeaseCount() override;

private:
    // Ordered for the hot path: every call reads expiresAtMs and streamId first.
    struct StoredLease
    {
        qint64 expiresAtMs = 0;
        StreamId streamId;
        CompactId videoId; // UUIDs fit inline
        qint64 startedAtMs = 0;
        qint64 lastHeartbeatAtMs = 0;
        // Most clients send no device id: out of line, it costs 8 bytes instead of 40.
        std::unique_ptr<std::string> deviceId;

        std::string_view device() const
        {
            return deviceId ? std::string_view(*deviceId) : std::string_view();
        }
    };
    // A user's leases in grant order, so the oldest comes first. Most users hold one: it lives
    // inline in the map entry (no heap block, no extra cache miss); the others go to a vector
    // whose heap block exists only while there are more.
    class LeaseList
    {
    public:
        std::size_t size() const { return m_size; }
        bool empty() const { return m_size == 0; }
        StoredLease &operator[](std::size_t i) { return i == 0 ? m_first : m_rest[i - 1]; }
        const StoredLease &operator[](std::size_t i) const
        {
            return i == 0 ? m_first : m_rest[i - 1];
        }
        // Asks the caches for leases 1..size-1 (a cache hint: see LeaseStore::prefetch).
        void prefetchRest() const;
        // A fresh lease after the others.
        StoredLease &emplaceBack();
        // Keeps the first `count` leases.
        void truncate(std::size_t count);
        void eraseAt(std::size_t i);

    private:
        std::uint32_t m_size = 0; // first: read before any lease
        StoredLease m_first;
        // Leases 1..size-1. A vector in place rather than behind a pointer: one heap block and one
        // cache miss less for users with several streams, for 16 bytes more per user.
        std::vector<StoredLease> m_rest;
    };
    struct Tombstone
    {
        StreamId streamId;
        qint64 endedAtMs = 0;
        bool evicted = false; // otherwise expired
    };
    struct UserEntry
    {
        LeaseList leases;
        std::unique_ptr<std::vector<Tombstone>> tombstones; // rarely needed: kept out of line
    };
    struct UserHash
    {
        std::size_t operator()(std::string_view key) const { return hashOf(key); }
    };
    using UserMap = FlatStringMap<UserEntry, UserHash>;
    // A user id as ASCII bytes (on the caller's stack) with its hash, computed once per call: it
    // picks the stripe and the slot.
    struct HashedKey
    {
        std::string_view text;
        std::size_t hash = 0;
    };
    struct alignas(64) Stripe
    {
        std::mutex mutex;
        UserMap users;
    };
    static constexpr std::size_t stripeCount = 256;

    static std::size_t hashOf(std::string_view text);
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
    // Moves the entry's leases that expired by nowMs into `expired`, remembering them.
    void removeExpired(UserEntry &entry, const QString &userId, qint64 nowMs,
                       QList<Lease> &expired);
    void remember(UserEntry &entry, const StreamId &streamId, qint64 endedAtMs, bool evicted);
    void eraseIfEmpty(UserMap &users, std::size_t slot);
    static constexpr std::size_t npos = std::size_t(-1);
    // The position of the lease with this id, or npos.
    static std::size_t indexOf(const LeaseList &leases, const StreamId &streamId);
    static Lease toLease(const StoredLease &stored, const QString &userId);
    static QList<Lease> toLeases(const LeaseList &stored, const QString &userId);

    const qint64 m_tombstoneRetentionMs;
    std::array<Stripe, stripeCount> m_stripes;
    std::atomic<qint64> m_leaseCount{0};
    std::atomic<std::size_t> m_sweepCursor{0};
};

} // namespace vs
