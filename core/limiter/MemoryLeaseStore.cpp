#include "MemoryLeaseStore.h"

#include "AdmissionRules.h"
#include "AsciiChunk.h"

#include <algorithm>
#include <functional>

namespace vs {

namespace {

// An id narrowed to ASCII bytes on the stack: the hot path looks users up without allocating.
// Ids arrive validated (IdRules: at most 128 ASCII characters); anything longer or wider still
// works, through the heap and with the same mapping as QString::toLatin1.
class AsciiId
{
public:
    explicit AsciiId(QStringView id)
    {
        const qsizetype size = id.size();
        char *out = m_buffer.data();
        if (size > qsizetype(m_buffer.size())) {
            m_heap = id.toLatin1().toStdString();
            m_view = m_heap;
            return;
        }
        m_view = std::string_view(out, std::size_t(size));
        const char16_t *in = id.utf16();
        if (AsciiChunk::available && size >= qsizetype(AsciiChunk::size) && narrowChunks(in, size))
            return;
        for (qsizetype i = 0; i < size; ++i)
            out[i] = QChar(in[i]).toLatin1();
    }
    std::string_view view() const { return m_view; }

private:
    // Eight units per step, the last chunk overlapping the one before; false (with the buffer
    // partly written) when a unit is not ASCII, for the scalar loop to redo.
    bool narrowChunks(const char16_t *in, qsizetype size)
    {
        const qsizetype lastChunk = size - qsizetype(AsciiChunk::size);
        for (qsizetype at = 0;; at = std::min(at + qsizetype(AsciiChunk::size), lastChunk)) {
            const AsciiChunk chunk(in + at);
            if (!chunk.isAscii())
                return false;
            chunk.storeBytes(m_buffer.data() + at);
            if (at == lastChunk)
                return true;
        }
    }

    std::array<char, 128> m_buffer;
    std::string m_heap;
    std::string_view m_view;
};

QString fromAscii(std::string_view text)
{
    return QString::fromLatin1(QByteArrayView(text.data(), qsizetype(text.size())));
}

} // namespace

MemoryLeaseStore::StoredLease &MemoryLeaseStore::LeaseList::emplaceBack()
{
    if (m_size == 0) {
        m_first = StoredLease();
    } else {
        // Room for two at once: the usual limit is 3, and growing one by one would allocate
        // and copy twice on the way there.
        if (m_rest.capacity() == 0)
            m_rest.reserve(2);
        m_rest.emplace_back();
    }
    ++m_size;
    return (*this)[m_size - 1];
}

void MemoryLeaseStore::LeaseList::prefetchRest() const
{
    const char *begin = reinterpret_cast<const char *>(m_rest.data());
    const char *end = begin + m_rest.size() * sizeof(StoredLease);
    for (const char *line = begin; line < end; line += 64)
        __builtin_prefetch(line);
}

void MemoryLeaseStore::LeaseList::truncate(std::size_t count)
{
    if (count >= m_size)
        return;
    if (count == 0)
        m_first = StoredLease(); // frees a long video id or a device id now, not at reuse
    // Keeps the vector's block, like std::vector::erase: a user going from three streams to one
    // and back would otherwise free and allocate it again every time. The whole entry, block
    // included, goes when the user holds nothing.
    m_rest.resize(count > 0 ? count - 1 : 0);
    m_size = std::uint32_t(count);
}

void MemoryLeaseStore::LeaseList::eraseAt(std::size_t i)
{
    for (std::size_t next = i + 1; next < m_size; ++next)
        (*this)[next - 1] = std::move((*this)[next]);
    truncate(m_size - 1);
}

MemoryLeaseStore::MemoryLeaseStore(qint64 tombstoneRetentionMs)
    : m_tombstoneRetentionMs(tombstoneRetentionMs)
{}

MemoryLeaseStore::~MemoryLeaseStore() = default;

std::size_t MemoryLeaseStore::hashOf(std::string_view text)
{
    // The same hash as UserKey's, so keyed and text calls find the same slot.
    return UserKey::hashOf(text);
}

MemoryLeaseStore::Stripe &MemoryLeaseStore::stripeFor(const HashedKey &userKey)
{
    // The map inside a stripe uses the low bits of the same hash (modulo its bucket count), so
    // the stripe is picked from high bits to keep the two independent.
    return m_stripes[(userKey.hash >> 48) % stripeCount];
}

void MemoryLeaseStore::prefetch(QStringView userId, PrefetchStage stage)
{
    const AsciiId user(userId);
    prefetch(HashedKey{user.view(), hashOf(user.view())}, stage);
}

void MemoryLeaseStore::prefetchByKey(const UserKey &user, PrefetchStage stage)
{
    prefetch(HashedKey{user.bytes(), user.hash()}, stage);
}

void MemoryLeaseStore::prefetch(const HashedKey &userKey, PrefetchStage stage)
{
    Stripe &stripe = stripeFor(userKey);
    if (stage == PrefetchStage::Slot) {
        stripe.users.prefetchSlot(userKey.hash);
        return;
    }
    // A hint is not worth waiting for: when another thread holds the stripe, skip it.
    if (!stripe.mutex.try_lock())
        return;
    if (stage == PrefetchStage::Entry) {
        stripe.users.prefetchEntry(userKey.hash);
    } else if (const UserEntry *entry = stripe.users.guessValue(userKey.hash)) {
        entry->leases.prefetchRest();
    }
    stripe.mutex.unlock();
}

Lease MemoryLeaseStore::toLease(const StoredLease &stored, const QString &userId)
{
    Lease lease;
    lease.streamId = stored.streamId;
    lease.userId = userId;
    lease.videoId = fromAscii(stored.videoId.view());
    if (stored.deviceId)
        lease.deviceId = fromAscii(*stored.deviceId);
    lease.startedAtMs = stored.startedAtMs;
    lease.lastHeartbeatAtMs = stored.lastHeartbeatAtMs;
    lease.expiresAtMs = stored.expiresAtMs;
    return lease;
}

QList<Lease> MemoryLeaseStore::toLeases(const LeaseList &stored, const QString &userId)
{
    QList<Lease> leases;
    leases.reserve(qsizetype(stored.size()));
    for (std::size_t i = 0; i < stored.size(); ++i)
        leases.append(toLease(stored[i], userId));
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
    LeaseList &leases = entry.leases;
    const std::size_t count = leases.size();
    std::size_t kept = 0;
    // Compacts in place, keeping grant order; expired leases are reported in that order too.
    for (std::size_t i = 0; i < count; ++i) {
        StoredLease &lease = leases[i];
        if (nowMs < lease.expiresAtMs) {
            if (kept != i)
                leases[kept] = std::move(lease);
            ++kept;
            continue;
        }
        expired.append(toLease(lease, userId));
        remember(entry, lease.streamId, lease.expiresAtMs, false);
    }
    if (kept == count)
        return;
    m_leaseCount.fetch_sub(qint64(count - kept), std::memory_order_relaxed);
    leases.truncate(kept);
}

std::size_t MemoryLeaseStore::indexOf(const LeaseList &leases, const StreamId &streamId)
{
    for (std::size_t i = 0; i < leases.size(); ++i) {
        if (leases[i].streamId == streamId)
            return i;
    }
    return npos;
}

void MemoryLeaseStore::eraseIfEmpty(UserMap &users, std::size_t slot)
{
    const UserEntry &entry = users.valueAt(slot);
    if (entry.leases.empty() && (!entry.tombstones || entry.tombstones->empty()))
        users.eraseAt(slot);
}

WatchResult MemoryLeaseStore::acquire(const AcquireRequest &request)
{
    const AsciiId user(request.userId);
    return acquire(HashedKey{user.view(), hashOf(user.view())}, request.userId, request);
}

WatchResult MemoryLeaseStore::acquireByKey(const UserKey &user, const AcquireRequest &request)
{
    return acquire(HashedKey{user.bytes(), user.hash()}, user.text(), request);
}

WatchResult MemoryLeaseStore::acquire(const HashedKey &userKey, const QString &userId,
                                      const AcquireRequest &request)
{
    WatchResult result;
    result.limit = request.limit;
    const AsciiId video(request.videoId);
    if (userKey.text.empty()) {
        // The limiter validates ids first; a direct caller gets an answer, not an empty user.
        result.outcome = WatchResult::Outcome::InvalidRequest;
        result.failure =
            Failure{QStringLiteral("user_id must not be empty"), QStringLiteral("user_id")};
        return result;
    }
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const std::size_t slot = stripe.users.findOrInsert(userKey.text, userKey.hash);
    UserEntry &entry = stripe.users.valueAt(slot);
    removeExpired(entry, userId, request.nowMs, result.expired);

    LeaseList &leases = entry.leases;
    const AdmissionPlan plan = planAdmission(
        leases, [&](const StoredLease &l) { return l.videoId.view() == video.view(); },
        [](const StoredLease &l) { return l.startedAtMs; }, request.limit, request.atLimit);

    switch (plan.kind) {
    case AdmissionPlan::Kind::Reuse: {
        StoredLease &lease = leases[std::size_t(plan.reuseIndex)];
        lease.lastHeartbeatAtMs = request.nowMs;
        lease.expiresAtMs = leaseExpiry(request.nowMs, request.ttlMs);
        result.outcome = WatchResult::Outcome::Reused;
        // The request's strings already hold the same ids: share them instead of converting.
        result.lease = Lease{lease.streamId,
                             userId,
                             request.videoId,
                             AsciiId(request.deviceId).view() == lease.device()
                                 ? request.deviceId
                                 : QString::fromLatin1(lease.device()),
                             lease.startedAtMs,
                             lease.lastHeartbeatAtMs,
                             lease.expiresAtMs};
        break;
    }
    case AdmissionPlan::Kind::Grant: {
        if (!plan.evictIndexes.empty()) {
            std::vector<bool> evict(leases.size(), false);
            for (int index : plan.evictIndexes) {
                evict[std::size_t(index)] = true;
                result.evicted.append(toLease(leases[std::size_t(index)], userId));
                remember(entry, leases[std::size_t(index)].streamId, request.nowMs, true);
            }
            std::size_t kept = 0;
            for (std::size_t i = 0; i < leases.size(); ++i) {
                if (!evict[i]) {
                    if (kept != i)
                        leases[kept] = std::move(leases[i]);
                    ++kept;
                }
            }
            leases.truncate(kept);
            m_leaseCount.fetch_sub(qint64(plan.evictIndexes.size()), std::memory_order_relaxed);
        }
        StoredLease &lease = leases.emplaceBack();
        lease.streamId = StreamId::generate();
        lease.videoId.assign(video.view());
        if (!request.deviceId.isEmpty())
            lease.deviceId = std::make_unique<std::string>(AsciiId(request.deviceId).view());
        lease.startedAtMs = request.nowMs;
        lease.lastHeartbeatAtMs = request.nowMs;
        lease.expiresAtMs = leaseExpiry(request.nowMs, request.ttlMs);
        m_leaseCount.fetch_add(1, std::memory_order_relaxed);
        result.outcome = WatchResult::Outcome::Granted;
        result.lease = Lease{lease.streamId,    userId,
                             request.videoId,   request.deviceId,
                             lease.startedAtMs, lease.lastHeartbeatAtMs,
                             lease.expiresAtMs};
        break;
    }
    case AdmissionPlan::Kind::Reject:
        result.outcome = WatchResult::Outcome::Rejected;
        break;
    }
    result.activeCount = int(leases.size());
    if (result.outcome == WatchResult::Outcome::Rejected)
        result.active = toLeases(leases, userId);
    eraseIfEmpty(stripe.users, slot);
    return result;
}

HeartbeatResult MemoryLeaseStore::renew(const QString &userId, const StreamId &streamId,
                                        qint64 ttlMs, qint64 nowMs)
{
    const AsciiId user(userId);
    return renew(HashedKey{user.view(), hashOf(user.view())}, userId, streamId, ttlMs, nowMs);
}

HeartbeatResult MemoryLeaseStore::renewByKey(const UserKey &user, const StreamId &streamId,
                                             qint64 ttlMs, qint64 nowMs)
{
    return renew(HashedKey{user.bytes(), user.hash()}, user.text(), streamId, ttlMs, nowMs);
}

HeartbeatResult MemoryLeaseStore::renew(const HashedKey &userKey, const QString &userId,
                                        const StreamId &streamId, qint64 ttlMs, qint64 nowMs)
{
    HeartbeatResult result;
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const std::size_t slot = stripe.users.find(userKey.text, userKey.hash);
    if (slot == UserMap::npos)
        return result;
    UserEntry &entry = stripe.users.valueAt(slot);
    removeExpired(entry, userId, nowMs, result.expired);

    const std::size_t index = indexOf(entry.leases, streamId);
    if (index != npos) {
        StoredLease &lease = entry.leases[index];
        lease.lastHeartbeatAtMs = nowMs;
        lease.expiresAtMs = leaseExpiry(nowMs, ttlMs);
        result.outcome = HeartbeatResult::Outcome::Renewed;
        result.lease = toLease(lease, userId);
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
    eraseIfEmpty(stripe.users, slot);
    return result;
}

StopResult MemoryLeaseStore::release(const QString &userId, const StreamId &streamId, qint64 nowMs)
{
    const AsciiId user(userId);
    return release(HashedKey{user.view(), hashOf(user.view())}, userId, streamId, nowMs);
}

StopResult MemoryLeaseStore::releaseByKey(const UserKey &user, const StreamId &streamId,
                                          qint64 nowMs)
{
    return release(HashedKey{user.bytes(), user.hash()}, user.text(), streamId, nowMs);
}

StopResult MemoryLeaseStore::release(const HashedKey &userKey, const QString &userId,
                                     const StreamId &streamId, qint64 nowMs)
{
    StopResult result;
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const std::size_t slot = stripe.users.find(userKey.text, userKey.hash);
    if (slot == UserMap::npos)
        return result;
    UserEntry &entry = stripe.users.valueAt(slot);
    removeExpired(entry, userId, nowMs, result.expired);

    const std::size_t index = indexOf(entry.leases, streamId);
    if (index != npos) {
        result.outcome = StopResult::Outcome::Stopped;
        result.lease = toLease(entry.leases[index], userId);
        entry.leases.eraseAt(index);
        m_leaseCount.fetch_sub(1, std::memory_order_relaxed);
    }
    eraseIfEmpty(stripe.users, slot);
    return result;
}

ListResult MemoryLeaseStore::list(const QString &userId, qint64 nowMs)
{
    const AsciiId user(userId);
    return list(HashedKey{user.view(), hashOf(user.view())}, userId, nowMs);
}

ListResult MemoryLeaseStore::listByKey(const UserKey &user, qint64 nowMs)
{
    return list(HashedKey{user.bytes(), user.hash()}, user.text(), nowMs);
}

ListResult MemoryLeaseStore::list(const HashedKey &userKey, const QString &userId, qint64 nowMs)
{
    ListResult result;
    Stripe &stripe = stripeFor(userKey);

    std::lock_guard lock(stripe.mutex);
    const std::size_t slot = stripe.users.find(userKey.text, userKey.hash);
    if (slot == UserMap::npos)
        return result;
    UserEntry &entry = stripe.users.valueAt(slot);
    removeExpired(entry, userId, nowMs, result.expired);
    result.active = toLeases(entry.leases, userId);
    eraseIfEmpty(stripe.users, slot);
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
        UserMap &users = stripe.users;
        for (std::size_t slot = 0; slot < users.size();) {
            if (result.expired.size() >= maxLeases) {
                m_sweepCursor.store(index, std::memory_order_relaxed);
                result.more = true;
                return result;
            }
            UserEntry &entry = users.valueAt(slot);
            bool anyExpired = false;
            for (std::size_t i = 0; i < entry.leases.size() && !anyExpired; ++i)
                anyExpired = nowMs >= entry.leases[i].expiresAtMs;
            if (anyExpired)
                removeExpired(entry, fromAscii(users.keyAt(slot)), nowMs, result.expired);
            if (entry.tombstones) {
                std::erase_if(*entry.tombstones,
                              [&](const Tombstone &t) { return t.endedAtMs < forgetBeforeMs; });
            }
            const std::size_t before = users.size();
            eraseIfEmpty(users, slot);
            // An erase moves the last entry into this position: look at it again.
            if (users.size() == before)
                ++slot;
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
