#include "SqliteLeaseStore.h"

#include <chrono>

#include "SqliteSchema.h"
#include "SqliteSession.h"
#include "SqliteWalSync.h"
#include "StorageLog.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace vs {

namespace {

// What an SQLite error means for someone starting the service, by its primary result code.
QString explain(const QSqlError &error)
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    switch (code) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return QStringLiteral("the database is locked by another process (is another "
                              "videostreams using it?)");
    case 8: // SQLITE_READONLY
        return QStringLiteral("the database is read-only; check the file's permissions");
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return QStringLiteral("the file is not a valid VideoStreams database or is corrupt (%1); "
                              "move it away or restore a backup")
            .arg(error.databaseText());
    case 13: // SQLITE_FULL
        return QStringLiteral("the disk is full");
    case 14: // SQLITE_CANTOPEN
        return QStringLiteral("the file cannot be opened; check the path and permissions");
    default:
        return error.text();
    }
}

QString connectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("vs-sqlite-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

SqliteLeaseStore::SqliteLeaseStore(const QString &path, const Options &options)
    : m_path(path)
    , m_options(options)
{}

SqliteLeaseStore::OpenResult SqliteLeaseStore::open(const QString &path, const Options &options)
{
    OpenResult result;
    const QString prefix = QStringLiteral("SQLite store %1: ").arg(QDir::toNativeSeparators(path));
    if (path.isEmpty()) {
        result.error = QStringLiteral("SQLite store: the database path is empty");
        return result;
    }
    const QFileInfo file(path);
    if (file.exists() && file.isDir()) {
        result.error = prefix + QStringLiteral("is a directory, not a database file");
        return result;
    }
    if (!QDir().mkpath(file.absolutePath())) {
        result.error = prefix + QStringLiteral("cannot create the directory %1")
                                    .arg(QDir::toNativeSeparators(file.absolutePath()));
        return result;
    }
    if (file.exists() && !file.isWritable()) {
        result.error = prefix + QStringLiteral("the file is not writable; check its permissions");
        return result;
    }
    if (!QFileInfo(file.absolutePath()).isWritable()) {
        // WAL mode keeps -wal and -shm files beside the database.
        result.error = prefix + QStringLiteral("the directory %1 is not writable")
                                    .arg(QDir::toNativeSeparators(file.absolutePath()));
        return result;
    }

    std::unique_ptr<SqliteLeaseStore> store(new SqliteLeaseStore(file.absoluteFilePath(), options));
    const QString error = store->start();
    if (!error.isEmpty()) {
        result.error = prefix + error;
        return result;
    }
    result.store = std::move(store);
    return result;
}

QString SqliteLeaseStore::start()
{
    auto opened = std::make_shared<std::promise<QString>>();
    std::future<QString> openedFuture = opened->get_future();
    m_writer = std::thread([this, opened] { writerLoop(opened); });
    const QString error = openedFuture.get();
    if (!error.isEmpty())
        m_writer.join();
    return error;
}

SqliteLeaseStore::~SqliteLeaseStore()
{
    if (m_writer.joinable()) {
        {
            std::lock_guard lock(m_queueMutex);
            m_stopping = true;
        }
        m_queueReady.notify_all();
        m_writer.join();
    }
}

void SqliteLeaseStore::writerLoop(std::shared_ptr<std::promise<QString>> opened)
{
    const QString name = connectionName();
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database.setDatabaseName(m_path);
        database.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
        SqliteSession session(database, m_options.tombstoneRetentionMs);

        const QString error = [&]() -> QString {
            if (!session.database().open())
                return explain(session.database().lastError());
            QSqlQuery query(session.database());
            // An exclusive lock: one process owns the file, so two services can never disagree
            // about a user's streams. WAL + FULL for the startup transaction (migrations).
            const QString pragmas[] = {
                QStringLiteral("PRAGMA locking_mode = EXCLUSIVE"),
                QStringLiteral("PRAGMA journal_mode = WAL"),
                QStringLiteral("PRAGMA synchronous = FULL"),
                // 16 MB of page cache (default 2 MB): a working set of many users' pages stays
                // in memory instead of being re-read for every decision.
                QStringLiteral("PRAGMA cache_size = -16384"),
            };
            for (const QString &pragma : pragmas) {
                if (!query.exec(pragma))
                    return explain(query.lastError());
                if (query.next() && pragma.contains(QLatin1String("journal_mode")) &&
                    query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive))
                    return QStringLiteral("cannot switch the database to WAL mode");
                query.finish();
            }
            // Taking the write lock now turns "another process has it" into a startup error.
            if (!query.exec(QStringLiteral("BEGIN EXCLUSIVE")))
                return explain(query.lastError());
            const QString migrationError = SqliteSchema::migrate(session.database());
            if (!migrationError.isEmpty()) {
                query.exec(QStringLiteral("ROLLBACK"));
                return migrationError;
            }
            if (!query.exec(QStringLiteral("COMMIT")))
                return explain(query.lastError());
            // From here on, COMMIT writes the WAL without an fsync: the syncer thread adds the
            // fsync FULL would do before anyone hears about the commit (SqliteWalSync).
            if (!query.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
                return explain(query.lastError());
            const QString prepareError = session.prepare();
            if (!prepareError.isEmpty())
                return prepareError;
            try {
                m_leaseCount.store(session.countLeases());
                session.loadMirror();
            } catch (const SqliteSession::Error &failure) {
                return failure.message;
            }
            return {};
        }();
        opened->set_value(error);

        if (error.isEmpty()) {
            m_syncer = std::thread([this] { syncLoop(); });
            std::deque<Job> batch;
            // The usual batch size of late, decaying, to tell a loaded store from a quiet one.
            std::size_t recentBatch = 0;
            const auto groupWait = std::chrono::microseconds(m_options.groupCommitWaitUs);
            for (;;) {
                {
                    std::unique_lock lock(m_queueMutex);
                    m_queueReady.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                    if (m_queue.empty())
                        break; // stopping, and every queued call has been answered
                    // The first call of a wave wakes the writer at once; the rest of the wave
                    // (the previous batch's callers coming back) arrives within moments. Without
                    // this wait, closed-loop load alternates a full batch with a batch of one,
                    // paying two fsyncs per round.
                    const std::size_t expected = recentBatch * 3 / 4;
                    if (expected > 1 && m_queue.size() < expected && groupWait.count() > 0) {
                        m_queueReady.wait_for(lock, groupWait, [this, expected] {
                            return m_stopping || m_queue.size() >= expected;
                        });
                    }
                    const std::size_t take =
                        std::min(m_queue.size(), std::size_t(std::max(1, m_options.maxBatch)));
                    std::move(m_queue.begin(), m_queue.begin() + qsizetype(take),
                              std::back_inserter(batch));
                    m_queue.erase(m_queue.begin(), m_queue.begin() + qsizetype(take));
                }
                recentBatch = std::max(batch.size(), recentBatch - recentBatch / 4);
                runBatch(session, batch);
                batch.clear();
            }
            // Every committed batch is answered before the connection closes (closing
            // checkpoints the WAL and deletes it).
            stopSyncer();
        }
        session.database().close();
    }
    QSqlDatabase::removeDatabase(name);
}

void SqliteLeaseStore::runBatch(SqliteSession &session, std::deque<Job> &batch)
{
    const auto failAll = [this, &batch](const QString &error) {
        Deliveries deliveries;
        answer(batch, error, deliveries);
        post(std::move(deliveries));
    };
    if (m_syncFailed.load()) {
        failAll(syncFailure());
        return;
    }
    if (m_mirrorStale) {
        try {
            session.loadMirror();
            m_mirrorStale = false;
        } catch (const SqliteSession::Error &failure) {
            failAll(QStringLiteral("SQLite store %1: cannot read the leases: %2")
                        .arg(m_path, failure.message));
            return;
        }
    }
    QString error = session.execute(session.begin());
    qint64 delta = 0;
    if (error.isEmpty()) {
        for (Job &job : batch) {
            try {
                delta += job.apply(session);
            } catch (const SqliteSession::Error &failure) {
                error = failure.message;
                break;
            }
        }
    }
    if (error.isEmpty() && m_options.failBatchForTests && m_options.failBatchForTests())
        error = QStringLiteral("batch failed on purpose by a test");
    if (error.isEmpty())
        error = session.execute(session.commit());
    if (!error.isEmpty()) {
        // Nothing of this batch is durable, so none of its decisions may be reported.
        session.execute(session.rollback());
        // The batch's changes already reached the in-memory mirror: read it again from the
        // file before the next decision.
        m_mirrorStale = true;
        error = QStringLiteral("SQLite store %1: %2").arg(m_path, error);
        if (m_healthy.exchange(false))
            qCWarning(vsStore).noquote() << error;
        failAll(error);
        return;
    }
    m_leaseCount.fetch_add(delta, std::memory_order_relaxed);
    m_commitCount.fetch_add(1, std::memory_order_relaxed);
    if (!m_syncFailed.load() && !m_healthy.exchange(true))
        qCInfo(vsStore) << "SQLite store writable again:" << m_path;
    // Committed but not yet durable: the syncer answers the callers after the fsync.
    {
        std::lock_guard lock(m_syncMutex);
        m_committed.push_back(std::move(batch));
    }
    m_syncReady.notify_one();
}

void SqliteLeaseStore::syncLoop()
{
    SqliteWalSync wal(m_path, m_options.walFlushForTests);
    std::deque<std::deque<Job>> batches;
    Deliveries deliveries;
    for (;;) {
        {
            std::unique_lock lock(m_syncMutex);
            m_syncReady.wait(lock, [this] { return m_syncStopping || !m_committed.empty(); });
            if (m_committed.empty())
                break;
            // One fsync covers every batch committed so far.
            batches.swap(m_committed);
        }
        if (m_options.beforeWalSyncForTests)
            m_options.beforeWalSyncForTests();
        QString error = syncFailure();
        if (error.isEmpty()) {
            error = wal.sync();
            m_walSyncCount.fetch_add(1, std::memory_order_relaxed);
            if (!error.isEmpty()) {
                // After a failed fsync the kernel may have dropped the dirty pages: what SQLite
                // believes is on disk may not be. Fail closed from here on.
                error = QStringLiteral("SQLite store %1: %2; refusing every call until restarted")
                            .arg(m_path, error);
                {
                    std::lock_guard lock(m_syncMutex);
                    m_syncFailure = error;
                }
                m_syncFailed.store(true);
                m_healthy.store(false);
                qCCritical(vsStore).noquote() << error;
            }
        }
        for (std::deque<Job> &batch : batches)
            answer(batch, error, deliveries);
        batches.clear();
        post(std::move(deliveries));
        deliveries.clear();
    }
}

void SqliteLeaseStore::answer(std::deque<Job> &jobs, const QString &error, Deliveries &deliveries)
{
    for (Job &job : jobs) {
        job.finish(error);
        if (job.deliver)
            deliveries.push_back(std::move(job.deliver));
    }
}

void SqliteLeaseStore::post(Deliveries deliveries)
{
    if (deliveries.empty())
        return;
    // One event for all: posting one per call cost the syncer an allocation and a lock of the
    // receiving thread's event queue per call, and that thread an event dispatch per call.
    QMetaObject::invokeMethod(
        &m_callbackContext,
        [deliveries = std::move(deliveries)] {
            for (const std::function<void()> &deliver : deliveries)
                deliver();
        },
        Qt::QueuedConnection);
}

void SqliteLeaseStore::stopSyncer()
{
    {
        std::lock_guard lock(m_syncMutex);
        m_syncStopping = true;
    }
    m_syncReady.notify_all();
    m_syncer.join();
}

QString SqliteLeaseStore::syncFailure()
{
    if (!m_syncFailed.load())
        return {};
    std::lock_guard lock(m_syncMutex);
    return m_syncFailure;
}

void SqliteLeaseStore::enqueue(Job job)
{
    {
        std::lock_guard lock(m_queueMutex);
        m_queue.push_back(std::move(job));
    }
    m_queueReady.notify_one();
}

template<typename Result>
Result SqliteLeaseStore::runSync(std::function<Result(SqliteSession &, qint64 &)> work)
{
    auto result = std::make_shared<Result>();
    std::promise<void> committed;
    std::future<void> committedFuture = committed.get_future();
    enqueue(Job{[work = std::move(work), result](SqliteSession &session) {
                    qint64 delta = 0;
                    *result = work(session, delta);
                    return delta;
                },
                [result, &committed](const QString &error) {
                    if (!error.isEmpty())
                        *result = storeUnavailableResult<Result>(error);
                    committed.set_value();
                },
                {}}); // the caller waits on its own thread: nothing to deliver
    committedFuture.wait();
    return std::move(*result);
}

template<typename Result>
void SqliteLeaseStore::runAsync(std::function<Result(SqliteSession &, qint64 &)> work,
                                std::function<void(Result)> done)
{
    if (QThread::currentThread() != m_callbackContext.thread()) {
        done(runSync<Result>(std::move(work)));
        return;
    }
    auto result = std::make_shared<Result>();
    enqueue(Job{[work = std::move(work), result](SqliteSession &session) {
                    qint64 delta = 0;
                    *result = work(session, delta);
                    return delta;
                },
                [result](const QString &error) {
                    if (!error.isEmpty())
                        *result = storeUnavailableResult<Result>(error);
                },
                [result, done = std::move(done)] {
                    done(std::move(*result));
                }});
}

WatchResult SqliteLeaseStore::acquire(const AcquireRequest &request)
{
    return runSync<WatchResult>([request](SqliteSession &session, qint64 &delta) {
        return session.acquire(request, delta);
    });
}

HeartbeatResult SqliteLeaseStore::renew(const QString &userId, const StreamId &streamId,
                                        qint64 ttlMs, qint64 nowMs)
{
    return runSync<HeartbeatResult>([=](SqliteSession &session, qint64 &delta) {
        return session.renew(userId, streamId, ttlMs, nowMs, delta);
    });
}

StopResult SqliteLeaseStore::release(const QString &userId, const StreamId &streamId, qint64 nowMs)
{
    return runSync<StopResult>([=](SqliteSession &session, qint64 &delta) {
        return session.release(userId, streamId, nowMs, delta);
    });
}

ListResult SqliteLeaseStore::list(const QString &userId, qint64 nowMs)
{
    return runSync<ListResult>(
        [=](SqliteSession &session, qint64 &delta) { return session.list(userId, nowMs, delta); });
}

SweepResult SqliteLeaseStore::sweep(qint64 nowMs, int maxLeases)
{
    // SweepResult has no outcome: a failed commit reports nothing swept and the store as down.
    auto result = std::make_shared<SweepResult>();
    std::promise<void> committed;
    std::future<void> committedFuture = committed.get_future();
    enqueue(Job{[=](SqliteSession &session) {
                    qint64 delta = 0;
                    *result = session.sweep(nowMs, maxLeases, delta);
                    return delta;
                },
                [result, &committed](const QString &error) {
                    if (!error.isEmpty()) {
                        *result = SweepResult{};
                        result->storeAvailable = false;
                    }
                    committed.set_value();
                },
                {}}); // the caller waits on its own thread: nothing to deliver
    committedFuture.wait();
    return std::move(*result);
}

bool SqliteLeaseStore::isReachable()
{
    return m_healthy.load();
}

qint64 SqliteLeaseStore::storedLeaseCount()
{
    return m_leaseCount.load(std::memory_order_relaxed);
}

void SqliteLeaseStore::acquireAsync(const AcquireRequest &request,
                                    std::function<void(WatchResult)> done)
{
    runAsync<WatchResult>([request](SqliteSession &session,
                                    qint64 &delta) { return session.acquire(request, delta); },
                          std::move(done));
}

void SqliteLeaseStore::renewAsync(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                                  qint64 nowMs, std::function<void(HeartbeatResult)> done)
{
    runAsync<HeartbeatResult>(
        [=](SqliteSession &session, qint64 &delta) {
            return session.renew(userId, streamId, ttlMs, nowMs, delta);
        },
        std::move(done));
}

void SqliteLeaseStore::releaseAsync(const QString &userId, const StreamId &streamId, qint64 nowMs,
                                    std::function<void(StopResult)> done)
{
    runAsync<StopResult>(
        [=](SqliteSession &session, qint64 &delta) {
            return session.release(userId, streamId, nowMs, delta);
        },
        std::move(done));
}

void SqliteLeaseStore::listAsync(const QString &userId, qint64 nowMs,
                                 std::function<void(ListResult)> done)
{
    runAsync<ListResult>(
        [=](SqliteSession &session, qint64 &delta) { return session.list(userId, nowMs, delta); },
        std::move(done));
}

} // namespace vs
