#include "SqliteSchema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace vs {

namespace {

// migrations[i] takes the file from version i to version i + 1. Append, never edit: files in the
// field were made by the old steps.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        {
            // Version 1. `id` keeps grant order (the oldest lease of a user has the smallest id);
            // stream ids are the 16 raw bytes.
            QStringLiteral("CREATE TABLE leases ("
                           " id INTEGER PRIMARY KEY,"
                           " stream_id BLOB NOT NULL UNIQUE,"
                           " user_id TEXT NOT NULL,"
                           " video_id TEXT NOT NULL,"
                           " device_id TEXT NOT NULL,"
                           " started_at_ms INTEGER NOT NULL,"
                           " last_heartbeat_at_ms INTEGER NOT NULL,"
                           " expires_at_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX leases_by_user ON leases (user_id)"),
            QStringLiteral("CREATE INDEX leases_by_expiry ON leases (expires_at_ms)"),
            // Streams that expired or were evicted, so a late heartbeat hears why.
            QStringLiteral("CREATE TABLE tombstones ("
                           " stream_id BLOB PRIMARY KEY,"
                           " user_id TEXT NOT NULL,"
                           " ended_at_ms INTEGER NOT NULL,"
                           " evicted INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX tombstones_by_user ON tombstones (user_id)"),
            QStringLiteral("CREATE INDEX tombstones_by_end ON tombstones (ended_at_ms)"),
        },
        {
            // Version 2: each user's leases and tombstones clustered under the user (WITHOUT
            // ROWID, primary key starting with user_id). A decision now touches one table page
            // per user instead of four index pages scattered by random stream ids. Stream ids
            // are 128 random bits, so the global UNIQUE index on them is gone.
            QStringLiteral("CREATE TABLE leases_v2 ("
                           " user_id TEXT NOT NULL,"
                           " id INTEGER NOT NULL,"
                           " stream_id BLOB NOT NULL,"
                           " video_id TEXT NOT NULL,"
                           " device_id TEXT NOT NULL,"
                           " started_at_ms INTEGER NOT NULL,"
                           " last_heartbeat_at_ms INTEGER NOT NULL,"
                           " expires_at_ms INTEGER NOT NULL,"
                           " PRIMARY KEY (user_id, id)) WITHOUT ROWID"),
            QStringLiteral("INSERT INTO leases_v2 SELECT user_id, id, stream_id, video_id, "
                           "device_id, started_at_ms, last_heartbeat_at_ms, expires_at_ms "
                           "FROM leases"),
            QStringLiteral("DROP TABLE leases"),
            QStringLiteral("ALTER TABLE leases_v2 RENAME TO leases"),
            QStringLiteral("CREATE INDEX leases_by_expiry ON leases (expires_at_ms)"),
            QStringLiteral("CREATE TABLE tombstones_v2 ("
                           " user_id TEXT NOT NULL,"
                           " stream_id BLOB NOT NULL,"
                           " ended_at_ms INTEGER NOT NULL,"
                           " evicted INTEGER NOT NULL,"
                           " PRIMARY KEY (user_id, stream_id)) WITHOUT ROWID"),
            QStringLiteral("INSERT INTO tombstones_v2 SELECT user_id, stream_id, ended_at_ms, "
                           "evicted FROM tombstones"),
            QStringLiteral("DROP TABLE tombstones"),
            QStringLiteral("ALTER TABLE tombstones_v2 RENAME TO tombstones"),
            QStringLiteral("CREATE INDEX tombstones_by_end ON tombstones (ended_at_ms)"),
            // Finds a user's 16th newest tombstone without a sort or temporary table.
            QStringLiteral("CREATE INDEX tombstones_by_user_end ON tombstones (user_id, "
                           "ended_at_ms)"),
        },
        {
            // Version 3: leases in grant order again (rowid table keyed by `id`), and no index
            // by user. Decisions read the writer's in-memory mirror, never the table, so
            // clustering by user no longer saves reads; it cost writes instead: every grant
            // landed on a different page (users are spread at random), one 4 KiB WAL frame per
            // grant. In grant order a batch of grants appends to the same last pages.
            QStringLiteral("CREATE TABLE leases_v3 ("
                           " id INTEGER PRIMARY KEY,"
                           " user_id TEXT NOT NULL,"
                           " stream_id BLOB NOT NULL,"
                           " video_id TEXT NOT NULL,"
                           " device_id TEXT NOT NULL,"
                           " started_at_ms INTEGER NOT NULL,"
                           " last_heartbeat_at_ms INTEGER NOT NULL,"
                           " expires_at_ms INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO leases_v3 SELECT id, user_id, stream_id, video_id, "
                           "device_id, started_at_ms, last_heartbeat_at_ms, expires_at_ms "
                           "FROM leases"),
            QStringLiteral("DROP TABLE leases"),
            QStringLiteral("ALTER TABLE leases_v3 RENAME TO leases"),
            QStringLiteral("CREATE INDEX leases_by_expiry ON leases (expires_at_ms)"),
        },
    };
    return steps;
}

} // namespace

int SqliteSchema::latestVersion()
{
    return int(migrations().size());
}

QString SqliteSchema::migrate(QSqlDatabase &database)
{
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return QStringLiteral("cannot read the schema version: ") + query.lastError().text();
    const int version = query.value(0).toInt();
    query.finish();
    if (version > latestVersion()) {
        return QStringLiteral("the file has schema version %1, newer than this build knows (%2); "
                              "use a newer VideoStreams or another file")
            .arg(version)
            .arg(latestVersion());
    }
    for (int step = version; step < latestVersion(); ++step) {
        for (const QString &statement : migrations().at(step)) {
            if (!query.exec(statement)) {
                return QStringLiteral("migration to schema version %1 failed: %2")
                    .arg(step + 1)
                    .arg(query.lastError().text());
            }
        }
        // PRAGMA takes no bound parameters; the number is ours.
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(step + 1)))
            return QStringLiteral("cannot write the schema version: ") + query.lastError().text();
    }
    return {};
}

} // namespace vs
