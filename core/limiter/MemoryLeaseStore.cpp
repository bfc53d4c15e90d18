#include "MemoryLeaseStore.h"

#include "AdmissionRules.h"

#include <algorithm>
#include <functional>

namespace vs {

namespace {

std::string toKey(const QString &id)
{
    // Ids are validated ASCII, so Latin-1 is exact and cheaper than UTF-8.
    return id.toLatin1().toStdString();
}

} // namespace

MemoryLeaseStore::MemoryLeaseStore(qint64 tombstoneRetentionMs)
    : m_tombstoneRetentionMs(tombstoneRetentionMs)
{}

MemoryLeaseStore::~MemoryLeaseStore() = default;

MemoryLeaseStore::Stripe &MemoryLeaseStore::stripeFor(const std::string &userKey)
{
    // Mix the high bits in: std::hash of a string is good, but the low bits alone pick the stripe.
    const std::size_t hash = std::hash<std::string>{}(userKey);
    return m_stripes[(hash ^ (hash >> 17)) % stripeCount];
}

Lease MemoryLeaseStore::toLease(const StoredLease &stored, const QString &userId)
{
    Lease lease;
    lease.streamId = stored.streamId;
    lease.userId = userId;
    lease.videoId = QString::fromLatin1(stored.videoId);
    lease.deviceId = QString::fromLatin1(stored.deviceId);
    lease.startedAtMs = stored.startedAtMs;
    lease.lastHeartbeatAtMs = stored.lastHeartbeatAtMs;
    lease.expiresAtMs = stored.expiresAtMs;
    return lease;
}

QList<Lease> MemoryLeaseStore::toLeases(const std::vector<StoredLease> &stored,
                                        const QString &userId)
{
    QList<Lease> leases;
    leases.reserve(qsizetype(stored.size()));
    for (const StoredLease &lease : stored)
        leases.append(toLease(lease, userId));
    return leases;
}

void MemoryLeaseStore::remember(UserEntry &entry, const StreamId &streamId, qint64 endedAtMs,
                                bool evicted)
{
    if (!entry.tombstones)
        entry.tombstones = std::make_unique<std::vector<Tombstone>>();
    auto &tombstones = *entry.tombstones;
    if (tombstones.size() >= std::size_t(maxTombstonesPerUser))
        tombstones.erase(tombstones.begin());
    tombstones.push_back(Tombstone{streamId, endedAtMs, evicted});
}

void MemoryLeaseStore::removeExpired(UserEntry &entry, const QString &userId, qint64 nowMs,
                                     QList<Lease> &expired)
{
    auto &leases = entry.leases;
    const auto firstExpired =
        std::stable_partition(leases.begin(), leases.end(),
                              [nowMs](const StoredLease &l) { return nowMs < l.expiresAtMs; });
    if (firstExpired == leases.end())
        return;
    for (auto it = firstExpired; it != leases.end(); ++it) {
        expired.append(toLease(*it, userId));
        remember(entry, it->streamId, it->expiresAtMs, false);
    }
    m_leaseCount.fetch_sub(leases.end() - firstExpired, std::memory_order_relaxed);
    leases.erase(firstExpired, leases.end());
}

void MemoryLeaseStore::eraseIfEmpty(UserMap &users, UserMap::iterator it)
{
    if (it->second.leases.empty() && (!it->second.tombstones || it->second.tombstones->empty()))
        users.erase(it);
}

WatchResult MemoryLeaseStore::acquire(const AcquireRequest &request)
{
    WatchResult result;
    result.limit = request.limit;
    const std::string userKey = toKey(request.userId);
    const std::string videoKey = toKey(request.videoId);
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const auto [it, inserted] = stripe.users.try_emplace(userKey);
    UserEntry &entry = it->second;
    if (!inserted)
        removeExpired(entry, request.userId, request.nowMs, result.expired);

    auto &leases = entry.leases;
    const AdmissionPlan plan = planAdmission(
        leases, [&](const StoredLease &l) { return l.videoId == videoKey; },
        [](const StoredLease &l) { return l.startedAtMs; }, request.limit, request.atLimit);

    switch (plan.kind) {
    case AdmissionPlan::Kind::Reuse: {
        StoredLease &lease = leases[std::size_t(plan.reuseIndex)];
        lease.lastHeartbeatAtMs = request.nowMs;
        lease.expiresAtMs = leaseExpiry(request.nowMs, request.ttlMs);
        result.outcome = WatchResult::Outcome::Reused;
        result.lease = toLease(lease, request.userId);
        break;
    }
    case AdmissionPlan::Kind::Grant: {
        if (!plan.evictIndexes.empty()) {
            std::vector<bool> evict(leases.size(), false);
            for (int index : plan.evictIndexes) {
                evict[std::size_t(index)] = true;
                result.evicted.append(toLease(leases[std::size_t(index)], request.userId));
                remember(entry, leases[std::size_t(index)].streamId, request.nowMs, true);
            }
            std::size_t kept = 0;
            for (std::size_t i = 0; i < leases.size(); ++i) {
                if (!evict[i])
                    leases[kept++] = std::move(leases[i]);
            }
            leases.resize(kept);
            m_leaseCount.fetch_sub(qint64(plan.evictIndexes.size()), std::memory_order_relaxed);
        }
        StoredLease lease;
        lease.streamId = StreamId::generate();
        lease.videoId = videoKey;
        lease.deviceId = toKey(request.deviceId);
        lease.startedAtMs = request.nowMs;
        lease.lastHeartbeatAtMs = request.nowMs;
        lease.expiresAtMs = leaseExpiry(request.nowMs, request.ttlMs);
        leases.push_back(std::move(lease));
        m_leaseCount.fetch_add(1, std::memory_order_relaxed);
        result.outcome = WatchResult::Outcome::Granted;
        result.lease = toLease(leases.back(), request.userId);
        break;
    }
    case AdmissionPlan::Kind::Reject:
        result.outcome = WatchResult::Outcome::Rejected;
        break;
    }
    result.activeCount = int(leases.size());
    if (result.outcome == WatchResult::Outcome::Rejected)
        result.active = toLeases(leases, request.userId);
    eraseIfEmpty(stripe.users, it);
    return result;
}

HeartbeatResult MemoryLeaseStore::renew(const QString &userId, const StreamId &streamId,
                                        qint64 ttlMs, qint64 nowMs)
{
    HeartbeatResult result;
    const std::string userKey = toKey(userId);
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const auto it = stripe.users.find(userKey);
    if (it == stripe.users.end())
        return result;
    UserEntry &entry = it->second;
    removeExpired(entry, userId, nowMs, result.expired);

    const auto lease = std::find_if(entry.leases.begin(), entry.leases.end(),
                                    [&](const StoredLease &l) { return l.streamId == streamId; });
    if (lease != entry.leases.end()) {
        lease->lastHeartbeatAtMs = nowMs;
        lease->expiresAtMs = leaseExpiry(nowMs, ttlMs);
        result.outcome = HeartbeatResult::Outcome::Renewed;
        result.lease = toLease(*lease, userId);
        return result;
    }
    if (entry.tombstones) {
        const auto &tombstones = *entry.tombstones;
        const auto ended = std::find_if(tombstones.rbegin(), tombstones.rend(),
                                        [&](const Tombstone &t) { return t.streamId == streamId; });
        if (ended != tombstones.rend()) {
            result.outcome = ended->evicted ? HeartbeatResult::Outcome::Evicted
                                            : HeartbeatResult::Outcome::Expired;
        }
    }
    eraseIfEmpty(stripe.users, it);
    return result;
}

StopResult MemoryLeaseStore::release(const QString &userId, const StreamId &streamId, qint64 nowMs)
{
    StopResult result;
    const std::string userKey = toKey(userId);
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const auto it = stripe.users.find(userKey);
    if (it == stripe.users.end())
        return result;
    UserEntry &entry = it->second;
    removeExpired(entry, userId, nowMs, result.expired);

    const auto lease = std::find_if(entry.leases.begin(), entry.leases.end(),
                                    [&](const StoredLease &l) { return l.streamId == streamId; });
    if (lease != entry.leases.end()) {
        result.outcome = StopResult::Outcome::Stopped;
        result.lease = toLease(*lease, userId);
        entry.leases.erase(lease);
        m_leaseCount.fetch_sub(1, std::memory_order_relaxed);
    }
    eraseIfEmpty(stripe.users, it);
    return result;
}

ListResult MemoryLeaseStore::list(const QString &userId, qint64 nowMs)
{
    ListResult result;
    const std::string userKey = toKey(userId);
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const auto it = stripe.users.find(userKey);
    if (it == stripe.users.end())
        return result;
    removeExpired(it->second, userId, nowMs, result.expired);
    result.active = toLeases(it->second.leases, userId);
    eraseIfEmpty(stripe.users, it);
    return result;
}

SweepResult MemoryLeaseStore::sweep(qint64 nowMs, int maxLeases)
{
    SweepResult result;
    const qint64 forgetBeforeMs = nowMs - m_tombstoneRetentionMs;
    // Start where the previous sweep stopped so a bounded sweep still reaches every stripe.
    const std::size_t first = m_sweepCursor.load(std::memory_order_relaxed);
    for (std::size_t step = 0; step < stripeCount; ++step) {
        const std::size_t index = (first + step) % stripeCount;
        Stripe &stripe = m_stripes[index];
        std::lock_guard lock(stripe.mutex);
        for (auto it = stripe.users.begin(); it != stripe.users.end();) {
            if (result.expired.size() >= maxLeases) {
                m_sweepCursor.store(index, std::memory_order_relaxed);
                result.more = true;
                return result;
            }
            UserEntry &entry = it->second;
            const QString userId = [&] {
                const bool anyExpired =
                    std::any_of(entry.leases.begin(), entry.leases.end(),
                                [nowMs](const StoredLease &l) { return nowMs >= l.expiresAtMs; });
                return anyExpired ? QString::fromLatin1(it->first) : QString();
            }();
            if (!userId.isNull())
                removeExpired(entry, userId, nowMs, result.expired);
            if (entry.tombstones) {
                auto &tombstones = *entry.tombstones;
                std::erase_if(tombstones,
                              [&](const Tombstone &t) { return t.endedAtMs < forgetBeforeMs; });
            }
            const auto next = std::next(it);
            eraseIfEmpty(stripe.users, it);
            it = next;
        }
    }
    m_sweepCursor.store(first, std::memory_order_relaxed);
    return result;
}

qint64 MemoryLeaseStore::storedLeaseCount()
{
    return m_leaseCount.load(std::memory_order_relaxed);
}

} // namespace vs
