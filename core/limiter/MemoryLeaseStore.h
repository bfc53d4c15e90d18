#pragma once

#include "FlatStringMap.h"
#include "LeaseStore.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace vs {

// Leases in process memory, built for speed: users are spread over independently locked
// stripes, so threads working for different users rarely meet and no lock is global.
// Each stripe keeps its users in a FlatStringMap (one slot holds the user id and the lease list).
// Ids are ASCII (IdRules), so they are kept as std::string, whose short-string buffer holds
// ids up to 15 characters without a heap allocation: about 230 bytes per active stream for a
// million users with one stream each, under 180 with three each (docs/PERFORMANCE.md).
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
    bool isReachable() override { return true; }
    qint64 storedLeaseCount() override;

private:
    struct StoredLease
    {
        StreamId streamId;
        std::string videoId;
        // Most clients send no device id: out of line, it costs 8 bytes instead of 32.
        std::unique_ptr<std::string> deviceId;

        std::string_view device() const
        {
            return deviceId ? std::string_view(*deviceId) : std::string_view();
        }
        qint64 startedAtMs = 0;
        qint64 lastHeartbeatAtMs = 0;
        qint64 expiresAtMs = 0;
    };
    struct Tombstone
    {
        StreamId streamId;
        qint64 endedAtMs = 0;
        bool evicted = false; // otherwise expired
    };
    struct UserEntry
    {
        std::vector<StoredLease> leases; // in grant order, so the oldest comes first
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
    static Lease toLease(const StoredLease &stored, const QString &userId);
    static QList<Lease> toLeases(const std::vector<StoredLease> &stored, const QString &userId);

    const qint64 m_tombstoneRetentionMs;
    std::array<Stripe, stripeCount> m_stripes;
    std::atomic<qint64> m_leaseCount{0};
    std::atomic<std::size_t> m_sweepCursor{0};
};

} // namespace vs
