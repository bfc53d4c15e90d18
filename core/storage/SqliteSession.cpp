#include "SqliteSession.h"

#include "AdmissionRules.h"
#include "SqliteLeaseStore.h"

#include <QSqlError>
#include <QVariant>

namespace vs {

namespace {

QByteArray idBytes(const StreamId &id)
{
    return QByteArray(reinterpret_cast<const char *>(id.bytes().data()), StreamId::byteCount);
}

StreamId idFromBytes(const QByteArray &bytes)
{
    std::array<std::uint8_t, StreamId::byteCount> raw{};
    if (bytes.size() == StreamId::byteCount)
        std::copy(bytes.begin(), bytes.end(), raw.begin());
    return StreamId::fromBytes(raw);
}

// Statements bind by name: Qt 6.4 turns every positional bindValue(int) into a QString::arg and a
// hash lookup of ":N" (a third of the writer's instructions per grant); a named one is a hash
// lookup of a string built once.
const QString streamParameter = QStringLiteral(":stream");
const QString userParameter = QStringLiteral(":user");
const QString ownerParameter = QStringLiteral(":owner");
const QString videoParameter = QStringLiteral(":video");
const QString deviceParameter = QStringLiteral(":device");
const QString startedParameter = QStringLiteral(":started");
const QString heartbeatParameter = QStringLiteral(":heartbeat");
const QString expiresParameter = QStringLiteral(":expires");
const QString idParameter = QStringLiteral(":id");
const QString endedParameter = QStringLiteral(":ended");
const QString evictedParameter = QStringLiteral(":evicted");
const QString nowParameter = QStringLiteral(":now");
const QString limitParameter = QStringLiteral(":limit");
const QString beforeParameter = QStringLiteral(":before");

// Columns of every lease SELECT, in this order.
const char leaseColumns[] = "id, stream_id, user_id, video_id, device_id, started_at_ms, "
                            "last_heartbeat_at_ms, expires_at_ms";

} // namespace

SqliteSession::SqliteSession(QSqlDatabase database, qint64 tombstoneRetentionMs)
    : m_database(std::move(database))
    , m_tombstoneRetentionMs(tombstoneRetentionMs)
    , m_begin(m_database)
    , m_commit(m_database)
    , m_rollback(m_database)
    , m_insertLease(m_database)
    , m_updateExpiry(m_database)
    , m_deleteLease(m_database)
    , m_insertTombstone(m_database)
    , m_trimTombstones(m_database)
    , m_findTombstone(m_database)
    , m_selectExpired(m_database)
    , m_forgetTombstones(m_database)
    , m_countLeases(m_database)
    , m_selectAll(m_database)
{}

QString SqliteSession::prepare()
{
    const QString columns = QString::fromLatin1(leaseColumns);
    const std::pair<QSqlQuery *, QString> statements[] = {
        {&m_begin, QStringLiteral("BEGIN IMMEDIATE")},
        {&m_commit, QStringLiteral("COMMIT")},
        {&m_rollback, QStringLiteral("ROLLBACK")},
        {&m_insertLease,
         QStringLiteral("INSERT INTO leases (stream_id, user_id, video_id, device_id, "
                        "started_at_ms, last_heartbeat_at_ms, expires_at_ms, id) "
                        "VALUES (:stream, :user, :video, COALESCE(:device, ''), :started, "
                        ":heartbeat, :expires, :id)")},
        {&m_updateExpiry,
         QStringLiteral("UPDATE leases SET last_heartbeat_at_ms = :heartbeat, expires_at_ms = "
                        ":expires WHERE id = :id")},
        {&m_deleteLease, QStringLiteral("DELETE FROM leases WHERE id = :id")},
        {&m_insertTombstone,
         QStringLiteral("INSERT OR REPLACE INTO tombstones (stream_id, user_id, ended_at_ms, "
                        "evicted) VALUES (:stream, :user, :ended, :evicted)")},
        {&m_trimTombstones,
         // Keeps the newest maxTombstonesPerUser (and any tied with the last kept). Written to
         // need no temporary table: the NOT IN (SELECT ... LIMIT) form opened and freed one per
         // expiry, and freeing it trimmed the writer's malloc arena (madvise + TLB shootdown),
         // which cut long runs from 16k to 2k decisions/s.
         // (:user and :owner are the same value: a placeholder used twice costs Qt a slower
         // binding path.)
         QStringLiteral("DELETE FROM tombstones WHERE user_id = :user AND ended_at_ms < (SELECT "
                        "ended_at_ms FROM tombstones WHERE user_id = :owner ORDER BY "
                        "ended_at_ms DESC LIMIT 1 OFFSET %1)")
             .arg(SqliteLeaseStore::maxTombstonesPerUser - 1)},
        {&m_findTombstone,
         QStringLiteral("SELECT evicted FROM tombstones WHERE stream_id = :stream AND user_id = "
                        ":user")},
        {&m_selectExpired,
         QStringLiteral("SELECT ") + columns +
             QStringLiteral(" FROM leases WHERE expires_at_ms <= :now ORDER BY expires_at_ms, "
                            "id LIMIT :limit")},
        {&m_forgetTombstones,
         QStringLiteral("DELETE FROM tombstones WHERE (user_id, stream_id) IN (SELECT user_id, "
                        "stream_id FROM tombstones WHERE ended_at_ms < :before LIMIT :limit)")},
        {&m_countLeases, QStringLiteral("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM leases")},
        {&m_selectAll,
         QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM leases ORDER BY id")},
    };
    for (const auto &[query, sql] : statements) {
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return QStringLiteral("cannot prepare \"") + sql + QStringLiteral("\": ") +
                   query->lastError().text();
    }
    return {};
}

QString SqliteSession::execute(QSqlQuery &statement)
{
    if (statement.exec()) {
        statement.finish();
        return {};
    }
    return statement.lastError().text();
}

void SqliteSession::run(QSqlQuery &query)
{
    if (!query.exec())
        throw Error{query.lastError().text()};
}

SqliteSession::Row SqliteSession::rowAt(const QSqlQuery &query)
{
    Row row;
    row.id = query.value(0).toLongLong();
    row.lease.streamId = idFromBytes(query.value(1).toByteArray());
    row.lease.userId = query.value(2).toString();
    row.lease.videoId = query.value(3).toString();
    row.lease.deviceId = query.value(4).toString();
    row.lease.startedAtMs = query.value(5).toLongLong();
    row.lease.lastHeartbeatAtMs = query.value(6).toLongLong();
    row.lease.expiresAtMs = query.value(7).toLongLong();
    return row;
}

void SqliteSession::loadMirror()
{
    m_mirror.clear();
    run(m_selectAll);
    while (m_selectAll.next()) {
        Row row = rowAt(m_selectAll);
        // In grant order, so each user's rows stay in grant order too.
        m_mirror[row.lease.userId].push_back(std::move(row));
    }
    m_selectAll.finish();
}

std::vector<SqliteSession::Row> SqliteSession::loadUser(const QString &userId) const
{
    const auto found = m_mirror.constFind(userId);
    return found == m_mirror.cend() ? std::vector<Row>() : *found;
}

void SqliteSession::forget(const Row &row)
{
    const auto found = m_mirror.find(row.lease.userId);
    if (found == m_mirror.end())
        return;
    std::erase_if(*found, [&row](const Row &kept) { return kept.id == row.id; });
    if (found->empty())
        m_mirror.erase(found);
}

void SqliteSession::deleteLease(const Row &row)
{
    m_deleteLease.bindValue(idParameter, row.id);
    run(m_deleteLease);
    forget(row);
}

void SqliteSession::updateMirror(const Row &row)
{
    const auto found = m_mirror.find(row.lease.userId);
    if (found == m_mirror.end())
        return;
    for (Row &kept : *found) {
        if (kept.id == row.id)
            kept.lease = row.lease;
    }
}

void SqliteSession::remember(const Lease &lease, qint64 endedAtMs, bool evicted)
{
    m_insertTombstone.bindValue(streamParameter, idBytes(lease.streamId));
    m_insertTombstone.bindValue(userParameter, lease.userId);
    m_insertTombstone.bindValue(endedParameter, endedAtMs);
    m_insertTombstone.bindValue(evictedParameter, evicted ? 1 : 0);
    run(m_insertTombstone);
    m_trimTombstones.bindValue(userParameter, lease.userId);
    m_trimTombstones.bindValue(ownerParameter, lease.userId);
    run(m_trimTombstones);
}

std::vector<SqliteSession::Row> SqliteSession::removeExpired(std::vector<Row> rows, qint64 nowMs,
                                                             QList<Lease> &expired,
                                                             qint64 &leaseDelta)
{
    std::vector<Row> active;
    active.reserve(rows.size());
    for (Row &row : rows) {
        if (row.lease.isActiveAt(nowMs)) {
            active.push_back(std::move(row));
            continue;
        }
        deleteLease(row);
        remember(row.lease, row.lease.expiresAtMs, false);
        expired.append(row.lease);
        --leaseDelta;
    }
    return active;
}

WatchResult SqliteSession::acquire(const AcquireRequest &request, qint64 &leaseDelta)
{
    WatchResult result;
    result.limit = request.limit;
    std::vector<Row> active =
        removeExpired(loadUser(request.userId), request.nowMs, result.expired, leaseDelta);

    const AdmissionPlan plan = planAdmission(
        active, [&](const Row &row) { return row.lease.videoId == request.videoId; },
        [](const Row &row) { return row.lease.startedAtMs; }, request.limit, request.atLimit);

    switch (plan.kind) {
    case AdmissionPlan::Kind::Reuse: {
        Row &row = active[std::size_t(plan.reuseIndex)];
        row.lease.lastHeartbeatAtMs = request.nowMs;
        row.lease.expiresAtMs = leaseExpiry(request.nowMs, request.ttlMs);
        m_updateExpiry.bindValue(heartbeatParameter, row.lease.lastHeartbeatAtMs);
        m_updateExpiry.bindValue(expiresParameter, row.lease.expiresAtMs);
        m_updateExpiry.bindValue(idParameter, row.id);
        run(m_updateExpiry);
        updateMirror(row);
        result.outcome = WatchResult::Outcome::Reused;
        result.lease = row.lease;
        result.activeCount = int(active.size());
        break;
    }
    case AdmissionPlan::Kind::Grant: {
        for (int index : plan.evictIndexes) {
            const Row &row = active[std::size_t(index)];
            deleteLease(row);
            remember(row.lease, request.nowMs, true);
            result.evicted.append(row.lease);
            --leaseDelta;
        }
        Lease lease;
        lease.streamId = StreamId::generate();
        lease.userId = request.userId;
        lease.videoId = request.videoId;
        lease.deviceId = request.deviceId;
        lease.startedAtMs = request.nowMs;
        lease.lastHeartbeatAtMs = request.nowMs;
        lease.expiresAtMs = leaseExpiry(request.nowMs, request.ttlMs);
        m_insertLease.bindValue(streamParameter, idBytes(lease.streamId));
        m_insertLease.bindValue(userParameter, lease.userId);
        m_insertLease.bindValue(videoParameter, lease.videoId);
        m_insertLease.bindValue(deviceParameter, lease.deviceId);
        m_insertLease.bindValue(startedParameter, lease.startedAtMs);
        m_insertLease.bindValue(heartbeatParameter, lease.lastHeartbeatAtMs);
        m_insertLease.bindValue(expiresParameter, lease.expiresAtMs);
        const qint64 id = m_nextLeaseId++;
        m_insertLease.bindValue(idParameter, id);
        run(m_insertLease);
        m_mirror[lease.userId].push_back(Row{id, lease});
        ++leaseDelta;
        result.outcome = WatchResult::Outcome::Granted;
        result.lease = lease;
        result.activeCount = int(active.size() - plan.evictIndexes.size()) + 1;
        break;
    }
    case AdmissionPlan::Kind::Reject:
        result.outcome = WatchResult::Outcome::Rejected;
        result.activeCount = int(active.size());
        for (const Row &row : active)
            result.active.append(row.lease);
        break;
    }
    return result;
}

HeartbeatResult SqliteSession::renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                                     qint64 nowMs, qint64 &leaseDelta)
{
    HeartbeatResult result;
    std::vector<Row> active = removeExpired(loadUser(userId), nowMs, result.expired, leaseDelta);
    for (Row &row : active) {
        if (row.lease.streamId != streamId)
            continue;
        row.lease.lastHeartbeatAtMs = nowMs;
        row.lease.expiresAtMs = leaseExpiry(nowMs, ttlMs);
        m_updateExpiry.bindValue(heartbeatParameter, row.lease.lastHeartbeatAtMs);
        m_updateExpiry.bindValue(expiresParameter, row.lease.expiresAtMs);
        m_updateExpiry.bindValue(idParameter, row.id);
        run(m_updateExpiry);
        updateMirror(row);
        result.outcome = HeartbeatResult::Outcome::Renewed;
        result.lease = row.lease;
        return result;
    }
    m_findTombstone.bindValue(streamParameter, idBytes(streamId));
    m_findTombstone.bindValue(userParameter, userId);
    run(m_findTombstone);
    if (m_findTombstone.next()) {
        result.outcome = m_findTombstone.value(0).toInt() != 0 ? HeartbeatResult::Outcome::Evicted
                                                               : HeartbeatResult::Outcome::Expired;
    }
    m_findTombstone.finish();
    return result;
}

StopResult SqliteSession::release(const QString &userId, const StreamId &streamId, qint64 nowMs,
                                  qint64 &leaseDelta)
{
    StopResult result;
    const std::vector<Row> active =
        removeExpired(loadUser(userId), nowMs, result.expired, leaseDelta);
    for (const Row &row : active) {
        if (row.lease.streamId != streamId)
            continue;
        deleteLease(row);
        --leaseDelta;
        result.outcome = StopResult::Outcome::Stopped;
        result.lease = row.lease;
        break;
    }
    return result;
}

ListResult SqliteSession::list(const QString &userId, qint64 nowMs, qint64 &leaseDelta)
{
    ListResult result;
    const std::vector<Row> active =
        removeExpired(loadUser(userId), nowMs, result.expired, leaseDelta);
    for (const Row &row : active)
        result.active.append(row.lease);
    return result;
}

SweepResult SqliteSession::sweep(qint64 nowMs, int maxLeases, qint64 &leaseDelta)
{
    SweepResult result;
    const int batch = std::max(0, maxLeases);
    // One row more than the batch tells whether another call is needed.
    m_selectExpired.bindValue(nowParameter, nowMs);
    m_selectExpired.bindValue(limitParameter, batch + 1);
    run(m_selectExpired);
    std::vector<Row> rows;
    while (m_selectExpired.next()) {
        if (int(rows.size()) == batch) {
            result.more = true;
            break;
        }
        Row row = rowAt(m_selectExpired);
        rows.push_back(std::move(row));
    }
    m_selectExpired.finish();
    for (const Row &row : rows) {
        deleteLease(row);
        remember(row.lease, row.lease.expiresAtMs, false);
        result.expired.append(row.lease);
        --leaseDelta;
    }
    // Forgetting old tombstones is bounded too; what is left goes with the next sweep.
    m_forgetTombstones.bindValue(beforeParameter, nowMs - m_tombstoneRetentionMs);
    m_forgetTombstones.bindValue(limitParameter, std::max(batch, 1));
    run(m_forgetTombstones);
    return result;
}

qint64 SqliteSession::countLeases()
{
    run(m_countLeases);
    qint64 count = 0;
    if (m_countLeases.next()) {
        count = m_countLeases.value(0).toLongLong();
        // Grant order continues after the newest lease on file.
        m_nextLeaseId = std::max(m_nextLeaseId, m_countLeases.value(1).toLongLong() + 1);
    }
    m_countLeases.finish();
    return count;
}

} // namespace vs
