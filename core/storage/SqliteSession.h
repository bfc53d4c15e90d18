#pragma once

#include "LeaseStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <QHash>

#include <vector>

namespace vs {

// The SQL side of SqliteLeaseStore: prepared statements and the decisions made with them.
// Lives on the store's writer thread only, which runs every call inside a transaction; a failed
// statement throws SqliteSession::Error so the whole transaction is rolled back.
//
// Decisions read a mirror of the leases table held in memory (loadMirror at startup), so a call
// runs only the statements that change rows, not a SELECT of the user's leases first. The store
// owns the file exclusively, so nobody else changes the table behind the mirror. Every change is
// applied to the mirror after its statement succeeded; when a batch is rolled back, the store
// reloads the mirror from the file.
class SqliteSession
{
public:
    struct Error
    {
        QString message;
    };

    SqliteSession(QSqlDatabase database, qint64 tombstoneRetentionMs);

    // Prepares every statement; returns an error message, empty on success.
    QString prepare();
    QSqlDatabase &database() { return m_database; }

    // Each returns its result and adds the change in stored leases to `leaseDelta`.
    WatchResult acquire(const AcquireRequest &request, qint64 &leaseDelta);
    HeartbeatResult renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                          qint64 nowMs, qint64 &leaseDelta);
    StopResult release(const QString &userId, const StreamId &streamId, qint64 nowMs,
                       qint64 &leaseDelta);
    ListResult list(const QString &userId, qint64 nowMs, qint64 &leaseDelta);
    SweepResult sweep(qint64 nowMs, int maxLeases, qint64 &leaseDelta);
    // Also learns the next grant-order id; call once after opening.
    qint64 countLeases();
    // (Re)reads every lease into the mirror; throws Error.
    void loadMirror();

    // Runs one statement that returns nothing (BEGIN, COMMIT, ...); returns an error message.
    QString execute(QSqlQuery &statement);

    QSqlQuery &begin() { return m_begin; }
    QSqlQuery &commit() { return m_commit; }
    QSqlQuery &rollback() { return m_rollback; }

private:
    struct Row
    {
        qint64 id = 0;
        Lease lease;
    };

    // The row at the current record of `query`, a SELECT of the lease columns (in their fixed
    // order, see SqliteSession.cpp).
    static Row rowAt(const QSqlQuery &query);
    std::vector<Row> loadUser(const QString &userId) const;
    void forget(const Row &row);       // removes the row from the mirror
    void updateMirror(const Row &row); // after an UPDATE of its expiry
    // Deletes the user's leases that expired by nowMs, reporting them; returns the rest.
    std::vector<Row> removeExpired(std::vector<Row> rows, qint64 nowMs, QList<Lease> &expired,
                                   qint64 &leaseDelta);
    void deleteLease(const Row &row);
    void remember(const Lease &lease, qint64 endedAtMs, bool evicted);
    void run(QSqlQuery &query);

    QSqlDatabase m_database;
    const qint64 m_tombstoneRetentionMs;
    qint64 m_nextLeaseId = 1; // grant order across users; ids are unique per file
    QSqlQuery m_begin;
    QSqlQuery m_commit;
    QSqlQuery m_rollback;
    QSqlQuery m_insertLease;
    QSqlQuery m_updateExpiry;
    QSqlQuery m_deleteLease;
    QSqlQuery m_insertTombstone;
    QSqlQuery m_trimTombstones;
    QSqlQuery m_findTombstone;
    QSqlQuery m_selectExpired;
    QSqlQuery m_forgetTombstones;
    QSqlQuery m_countLeases;
    QSqlQuery m_selectAll;
    QHash<QString, std::vector<Row>> m_mirror; // user -> leases in grant order
};

} // namespace vs
