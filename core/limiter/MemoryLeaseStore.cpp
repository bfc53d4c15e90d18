#include "MemoryLeaseStore.h"

#include "AdmissionRules.h"
#include "AsciiChunk.h"
#include "IdRules.h"

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

MemoryLeaseStore::UserRecord::UserRecord(std::string_view key, std::uint32_t capacity)
    : m_key(key)
    , m_capacity(capacity)
{}

MemoryLeaseStore::UserRecord::~UserRecord()
{
    truncate(0);
}

MemoryLeaseStore::UserRecord *
MemoryLeaseStore::UserRecord::create(SlotPool &pool, std::string_view key, std::uint32_t capacity)
{
    static_assert(sizeof(UserRecord) + sizeof(StoredLease) <= SlotPool::smallBytes);
    static_assert(sizeof(UserRecord) + 3 * sizeof(StoredLease) <= SlotPool::largeBytes);
    void *block = capacity == 1   ? pool.allocateSmall()
                  : capacity <= 3 ? pool.allocateLarge()
                                  : ::operator new(blockBytes(capacity));
    try {
        return new (block) UserRecord(key, capacity);
    } catch (...) { // a long key's heap block
        release(pool, block, capacity);
        throw;
    }
}

void MemoryLeaseStore::UserRecord::destroy(SlotPool &pool, UserRecord *record)
{
    const std::uint32_t capacity = record->m_capacity;
    record->~UserRecord();
    release(pool, record, capacity);
}

void MemoryLeaseStore::UserRecord::release(SlotPool &pool, void *block, std::uint32_t capacity)
{
    if (capacity == 1)
        pool.freeSmall(block);
    else if (capacity <= 3)
        pool.freeLarge(block);
    else
        ::operator delete(block);
}

void MemoryLeaseStore::UserRecord::truncate(std::size_t count)
{
    StoredLease *all = leases();
    for (std::size_t i = count; i < m_size; ++i)
        all[i].~StoredLease();
    m_size = std::uint32_t(std::min<std::size_t>(count, m_size));
}

void MemoryLeaseStore::UserRecord::eraseAt(std::size_t i)
{
    StoredLease *all = leases();
    for (std::size_t next = i + 1; next < m_size; ++next)
        all[next - 1] = std::move(all[next]);
    truncate(m_size - 1);
}

MemoryLeaseStore::StoredLease &MemoryLeaseStore::UserRecord::emplaceBack()
{
    StoredLease *lease = new (leases() + m_size) StoredLease();
    ++m_size;
    return *lease;
}

MemoryLeaseStore::UserRecord *MemoryLeaseStore::UserRecord::movedTo(SlotPool &pool,
                                                                    std::uint32_t capacity)
{
    UserRecord *moved = create(pool, key(), capacity);
    moved->tombstones = std::move(tombstones);
    for (std::size_t i = 0; i < m_size; ++i)
        moved->emplaceBack() = std::move(leases()[i]);
    destroy(pool, this);
    return moved;
}

void MemoryLeaseStore::UserRecord::prefetchLeases() const
{
    const char *begin = reinterpret_cast<const char *>(this);
    const char *end = begin + sizeof(UserRecord) + m_size * sizeof(StoredLease);
    for (const char *line = begin; line < end; line += 64)
        __builtin_prefetch(line);
    __builtin_prefetch(end - 1);
}

MemoryLeaseStore::MemoryLeaseStore(qint64 tombstoneRetentionMs)
    : m_tombstoneRetentionMs(tombstoneRetentionMs)
{
    for (Stripe &stripe : m_stripes)
        stripe.records.useSource(m_chunks);
}

MemoryLeaseStore::~MemoryLeaseStore()
{
    for (Stripe &stripe : m_stripes) {
        UserMap &users = stripe.users;
        for (std::size_t cell = 0; cell < users.cellCount(); ++cell) {
            if (UserRecord *user = users.recordAt(cell))
                UserRecord::destroy(stripe.records, user);
        }
    }
}

std::size_t MemoryLeaseStore::hashOf(std::string_view text)
{
    // The same hash as UserKey's, so keyed and text calls find the same cell.
    return UserKey::hashOf(text);
}

MemoryLeaseStore::Stripe &MemoryLeaseStore::stripeFor(const HashedKey &userKey)
{
    // The table inside a stripe uses the low bits of the same hash (modulo its cell count), so
    // the stripe is picked from high bits to keep the two independent.
    return m_stripes[(userKey.hash >> 48) % stripeCount];
}

bool MemoryLeaseStore::hintsPayOff() const
{
    // The records of a smaller store stay in the caches: a hint would cost its hashing and
    // narrowing and save nothing (docs/PERFORMANCE.md, session 7).
    return m_chunks.usedBytes() >= ChunkSource::hugePageThreshold;
}

void MemoryLeaseStore::prefetch(QStringView userId, PrefetchStage stage)
{
    // StreamLimiter asks before it validates: an id no user can have is not worth narrowing.
    if (!hintsPayOff() || userId.size() > IdRules::maxLength)
        return;
    const AsciiId user(userId);
    prefetch(HashedKey{user.view(), hashOf(user.view())}, stage);
}

void MemoryLeaseStore::prefetchByKey(const UserKey &user, PrefetchStage stage)
{
    if (hintsPayOff())
        prefetch(HashedKey{user.bytes(), user.hash()}, stage);
}

void MemoryLeaseStore::prefetch(const HashedKey &userKey, PrefetchStage stage)
{
    Stripe &stripe = stripeFor(userKey);
    if (stage == PrefetchStage::Slot) {
        stripe.users.prefetchCell(userKey.hash);
        return;
    }
    // A hint is not worth waiting for: when another thread holds the stripe, skip it.
    if (!stripe.mutex.try_lock())
        return;
    if (const UserRecord *user = stripe.users.guess(userKey.hash)) {
        // The record's first lines hold the header and the first lease; the stage after asks for
        // the rest, once the header (with the lease count) has arrived.
        const char *record = reinterpret_cast<const char *>(user);
        if (stage == PrefetchStage::Entry) {
            __builtin_prefetch(record);
            __builtin_prefetch(record + sizeof(UserRecord) + sizeof(StoredLease) - 1);
        } else {
            user->prefetchLeases();
        }
    }
    stripe.mutex.unlock();
}

Lease MemoryLeaseStore::toLease(const StoredLease &stored, const QString &userId)
{
    Lease lease;
    lease.streamId = stored.streamId;
    lease.userId = userId;
    lease.videoId = stored.videoId.text();
    if (stored.deviceId)
        lease.deviceId = fromAscii(*stored.deviceId);
    lease.startedAtMs = stored.startedAtMs;
    lease.lastHeartbeatAtMs = stored.lastHeartbeatAtMs;
    lease.expiresAtMs = stored.expiresAtMs;
    return lease;
}

QList<Lease> MemoryLeaseStore::toLeases(const UserRecord &user, const QString &userId)
{
    QList<Lease> leases;
    leases.reserve(qsizetype(user.size()));
    for (std::size_t i = 0; i < user.size(); ++i)
        leases.append(toLease(user[i], userId));
    return leases;
}

void MemoryLeaseStore::remember(UserRecord &user, const StreamId &streamId, qint64 endedAtMs,
                                bool evicted)
{
    if (!user.tombstones)
        user.tombstones = std::make_unique<std::vector<Tombstone>>();
    auto &tombstones = *user.tombstones;
    if (tombstones.size() >= std::size_t(maxTombstonesPerUser))
        tombstones.erase(tombstones.begin());
    tombstones.push_back(Tombstone{streamId, endedAtMs, evicted});
}

void MemoryLeaseStore::removeExpired(UserRecord &user, const QString &userId, qint64 nowMs,
                                     QList<Lease> &expired)
{
    const std::size_t count = user.size();
    std::size_t kept = 0;
    // Compacts in place, keeping grant order; expired leases are reported in that order too.
    for (std::size_t i = 0; i < count; ++i) {
        StoredLease &lease = user[i];
        if (nowMs < lease.expiresAtMs) {
            if (kept != i)
                user[kept] = std::move(lease);
            ++kept;
            continue;
        }
        expired.append(toLease(lease, userId));
        remember(user, lease.streamId, lease.expiresAtMs, false);
    }
    if (kept == count)
        return;
    m_leaseCount.fetch_sub(qint64(count - kept), std::memory_order_relaxed);
    user.truncate(kept);
}

std::size_t MemoryLeaseStore::indexOf(const UserRecord &user, const StreamId &streamId)
{
    for (std::size_t i = 0; i < user.size(); ++i) {
        if (user[i].streamId == streamId)
            return i;
    }
    return npos;
}

MemoryLeaseStore::StoredLease &MemoryLeaseStore::emplaceLease(Stripe &stripe, std::size_t cell,
                                                              UserRecord *&user)
{
    if (user->size() == user->capacity()) {
        // From one straight to three (the pool's large block holds three), then half as many
        // again, for users under a plan with a high limit.
        const std::uint32_t capacity = user->capacity();
        user = user->movedTo(stripe.records, capacity < 3 ? 3 : capacity + capacity / 2);
        stripe.users.replaceAt(cell, user);
    }
    return user->emplaceBack();
}

bool MemoryLeaseStore::eraseIfEmpty(Stripe &stripe, std::size_t cell)
{
    const UserRecord *user = stripe.users.recordAt(cell);
    if (!user->empty() || (user->tombstones && !user->tombstones->empty()))
        return false;
    UserRecord::destroy(stripe.records, stripe.users.eraseAt(cell));
    return true;
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
    UserMap &users = stripe.users;
    std::size_t cell = users.find(userKey.text, userKey.hash);
    if (cell == UserMap::npos) {
        UserRecord *arrived = UserRecord::create(stripe.records, userKey.text, 1);
        try {
            cell = users.insert(arrived, userKey.hash);
        } catch (...) { // the table could not grow
            UserRecord::destroy(stripe.records, arrived);
            throw;
        }
    }
    UserRecord *user = users.recordAt(cell);
    removeExpired(*user, userId, request.nowMs, result.expired);

    const AdmissionPlan plan = planAdmission(
        *user, [&](const StoredLease &l) { return l.videoId.view() == video.view(); },
        [](const StoredLease &l) { return l.startedAtMs; }, request.limit, request.atLimit);

    switch (plan.kind) {
    case AdmissionPlan::Kind::Reuse: {
        StoredLease &lease = (*user)[std::size_t(plan.reuseIndex)];
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
        // The new lease's parts first: when memory runs out here, no lease has been evicted for
        // nothing, and once the lease exists nothing may throw (a half-made one would stay).
        InternTable::Ref videoRef = m_videos.intern(video.view(), hashOf(video.view()));
        std::unique_ptr<std::string> device;
        if (!request.deviceId.isEmpty())
            device = std::make_unique<std::string>(AsciiId(request.deviceId).view());
        if (!plan.evictIndexes.empty()) {
            UserRecord &leases = *user;
            std::vector<bool> evict(leases.size(), false);
            for (int index : plan.evictIndexes) {
                evict[std::size_t(index)] = true;
                result.evicted.append(toLease(leases[std::size_t(index)], userId));
                remember(leases, leases[std::size_t(index)].streamId, request.nowMs, true);
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
        StoredLease &lease = emplaceLease(stripe, cell, user);
        lease.streamId = StreamId::generate();
        lease.videoId = std::move(videoRef);
        lease.deviceId = std::move(device);
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
    result.activeCount = int(user->size());
    if (result.outcome == WatchResult::Outcome::Rejected)
        result.active = toLeases(*user, userId);
    eraseIfEmpty(stripe, cell);
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
    const std::size_t cell = stripe.users.find(userKey.text, userKey.hash);
    if (cell == UserMap::npos)
        return result;
    UserRecord &user = *stripe.users.recordAt(cell);
    removeExpired(user, userId, nowMs, result.expired);

    const std::size_t index = indexOf(user, streamId);
    if (index != npos) {
        StoredLease &lease = user[index];
        lease.lastHeartbeatAtMs = nowMs;
        lease.expiresAtMs = leaseExpiry(nowMs, ttlMs);
        result.outcome = HeartbeatResult::Outcome::Renewed;
        result.lease = toLease(lease, userId);
        return result;
    }
    if (user.tombstones) {
        const auto &tombstones = *user.tombstones;
        const auto ended = std::find_if(tombstones.rbegin(), tombstones.rend(),
                                        [&](const Tombstone &t) { return t.streamId == streamId; });
        if (ended != tombstones.rend()) {
            result.outcome = ended->evicted ? HeartbeatResult::Outcome::Evicted
                                            : HeartbeatResult::Outcome::Expired;
        }
    }
    eraseIfEmpty(stripe, cell);
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
    const std::size_t cell = stripe.users.find(userKey.text, userKey.hash);
    if (cell == UserMap::npos)
        return result;
    UserRecord &user = *stripe.users.recordAt(cell);
    removeExpired(user, userId, nowMs, result.expired);

    const std::size_t index = indexOf(user, streamId);
    if (index != npos) {
        result.outcome = StopResult::Outcome::Stopped;
        result.lease = toLease(user[index], userId);
        user.eraseAt(index);
        m_leaseCount.fetch_sub(1, std::memory_order_relaxed);
    }
    eraseIfEmpty(stripe, cell);
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
    const std::size_t cell = stripe.users.find(userKey.text, userKey.hash);
    if (cell == UserMap::npos)
        return result;
    UserRecord &user = *stripe.users.recordAt(cell);
    removeExpired(user, userId, nowMs, result.expired);
    result.active = toLeases(user, userId);
    eraseIfEmpty(stripe, cell);
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
        for (std::size_t cell = 0; cell < users.cellCount();) {
            if (result.expired.size() >= maxLeases) {
                m_sweepCursor.store(index, std::memory_order_relaxed);
                result.more = true;
                return result;
            }
            UserRecord *user = users.recordAt(cell);
            if (!user) {
                ++cell;
                continue;
            }
            bool anyExpired = false;
            for (std::size_t i = 0; i < user->size() && !anyExpired; ++i)
                anyExpired = nowMs >= (*user)[i].expiresAtMs;
            if (anyExpired)
                removeExpired(*user, fromAscii(user->key()), nowMs, result.expired);
            if (user->tombstones) {
                std::erase_if(*user->tombstones,
                              [&](const Tombstone &t) { return t.endedAtMs < forgetBeforeMs; });
            }
            // An erase may shift the next user back into this cell: look at it again.
            if (!eraseIfEmpty(stripe, cell))
                ++cell;
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
