// What only the SQLite store promises: durability across a reopen, group commit, the schema
// version, and clear startup errors that name the file.

#include "SqliteLeaseStore.h"
#include "SqliteSchema.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace vs;

namespace {

// Counts the queued calls (QEvent::MetaCall) delivered in the thread it is installed in.
class MetaCallCounter : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::MetaCall)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

// Holds the store's writer in front of a COMMIT (through Options::failBatchForTests) when asked,
// so that the calls queued meanwhile form the next batch.
class WriterGate
{
public:
    // Hooks the gate into `options`; the gate must outlive the store opened with them.
    void install(SqliteLeaseStore::Options &options)
    {
        options.failBatchForTests = [this] {
            if (m_holdNext.exchange(false)) {
                m_holding.release();
                m_resume.acquire();
            }
            return false;
        };
    }
    void holdNextBatch() { m_holdNext = true; }
    bool waitUntilHeld() { return m_holding.tryAcquire(1, 10'000); }
    void resume(int times = 1) { m_resume.release(times); }

private:
    std::atomic<bool> m_holdNext{false};
    QSemaphore m_holding;
    QSemaphore m_resume;
};

QByteArray idBytes(const StreamId &id)
{
    return QByteArray(reinterpret_cast<const char *>(id.bytes().data()), StreamId::byteCount);
}

} // namespace

class tst_SqliteLeaseStore : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void reopenKeepsEveryUnexpiredLease();
    void reopenKeepsTombstones();
    void concurrentCallersShareCommits();
    void asyncResultsArriveAfterTheCommit();
    void answersWaitForTheWalSyncWhileTheNextBatchCommits();
    void asyncAnswersOfOneSyncArriveInOneEvent();
    void failedWalSyncFailsEveryLaterCall();
    void rolledBackBatchLeavesNoDecisionBehind();
    void startupErrorsNameTheFile_data();
    void startupErrorsNameTheFile();
    void secondOpenOfTheSameFileIsRefused();
    void newerSchemaIsRefused();
    void freshFileGetsTheLatestSchema();
    void version1FileIsMigrated();
    void version2FileIsMigrated();
    void grantsOfOneBatchShareTheirPages();
    void tombstonesAreCappedPerUser();

private:
    QString dbPath() const { return m_directory->filePath(QStringLiteral("leases.db")); }
    // Writes dbPath() as an older release left it: the schema `statements`, then the rows
    // `fill` inserts through a query on the same connection. Fails the test on any error.
    void writeOldFile(const QStringList &statements,
                      const std::function<void(QSqlQuery &)> &fill) const;

    std::unique_ptr<QTemporaryDir> m_directory;
};

void tst_SqliteLeaseStore::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

void tst_SqliteLeaseStore::reopenKeepsEveryUnexpiredLease()
{
    const qint64 now = 1'700'000'000'000;
    QList<Lease> granted;
    {
        auto opened = SqliteLeaseStore::open(dbPath());
        QVERIFY2(opened.store, qPrintable(opened.error));
        for (int user = 0; user < 20; ++user) {
            for (int video = 0; video < 2; ++video) {
                const WatchResult result = opened.store->acquire(
                    AcquireRequest{QStringLiteral("user%1").arg(user),
                                   QStringLiteral("v%1").arg(video), QStringLiteral("dev"), 2,
                                   video == 0 ? 1000 : 60'000, AtLimitBehaviour::Reject, now});
                QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
                granted.append(result.lease);
            }
        }
    }
    auto reopened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(reopened.store, qPrintable(reopened.error));
    QCOMPARE(reopened.store->storedLeaseCount(), 40);
    const qint64 later = now + 1000; // the short leases have expired, the long ones not
    for (int user = 0; user < 20; ++user) {
        const ListResult listed = reopened.store->list(QStringLiteral("user%1").arg(user), later);
        QCOMPARE(listed.active.size(), 1);
        QCOMPARE(listed.active.first(), granted.at(user * 2 + 1));
        QCOMPARE(listed.expired.size(), 1);
        QCOMPARE(listed.expired.first(), granted.at(user * 2));
        // The reloaded stream still counts against the limit.
        const WatchResult third =
            reopened.store->acquire(AcquireRequest{QStringLiteral("user%1").arg(user),
                                                   QStringLiteral("x"),
                                                   {},
                                                   1,
                                                   60'000,
                                                   AtLimitBehaviour::Reject,
                                                   later});
        QCOMPARE(third.outcome, WatchResult::Outcome::Rejected);
    }
}

void tst_SqliteLeaseStore::reopenKeepsTombstones()
{
    const qint64 now = 1'700'000'000'000;
    StreamId evicted;
    {
        auto opened = SqliteLeaseStore::open(dbPath());
        QVERIFY2(opened.store, qPrintable(opened.error));
        evicted = opened.store
                      ->acquire(AcquireRequest{
                          u"u"_qs, u"a"_qs, {}, 1, 60'000, AtLimitBehaviour::EvictOldest, now})
                      .lease.streamId;
        opened.store->acquire(
            AcquireRequest{u"u"_qs, u"b"_qs, {}, 1, 60'000, AtLimitBehaviour::EvictOldest, now});
    }
    auto reopened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(reopened.store, qPrintable(reopened.error));
    QCOMPARE(reopened.store->renew(u"u"_qs, evicted, 60'000, now).outcome,
             HeartbeatResult::Outcome::Evicted);
}

void tst_SqliteLeaseStore::concurrentCallersShareCommits()
{
    auto opened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    constexpr int threads = 16;
    constexpr int callsPerThread = 50;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&store, t] {
            for (int i = 0; i < callsPerThread; ++i) {
                store.acquire(AcquireRequest{QStringLiteral("u%1-%2").arg(t).arg(i),
                                             u"v"_qs,
                                             {},
                                             3,
                                             60'000,
                                             AtLimitBehaviour::Reject,
                                             1'700'000'000'000});
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(store.storedLeaseCount(), threads * callsPerThread);
    // Every call waited for a commit, yet some commits carried several calls. (Not a timing
    // assert: with 16 callers queued behind one fsync, batches of one would mean no batching.)
    QVERIFY2(store.commitCount() < threads * callsPerThread,
             qPrintable(QStringLiteral("%1 commits").arg(store.commitCount())));
}

void tst_SqliteLeaseStore::asyncResultsArriveAfterTheCommit()
{
    auto opened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(opened.store, qPrintable(opened.error));
    constexpr int calls = 200;
    int answered = 0;
    for (int i = 0; i < calls; ++i) {
        opened.store->acquireAsync(AcquireRequest{QStringLiteral("u%1").arg(i % 10),
                                                  QStringLiteral("v%1").arg(i),
                                                  {},
                                                  3,
                                                  60'000,
                                                  AtLimitBehaviour::Reject,
                                                  1'700'000'000'000},
                                   [&answered](WatchResult) { ++answered; });
    }
    QCOMPARE(answered, 0); // never before returning: the caller's event loop delivers them
    QTRY_COMPARE(answered, calls);
    QCOMPARE(opened.store->storedLeaseCount(), 30);
    QVERIFY(opened.store->commitCount() < calls);
}

void tst_SqliteLeaseStore::answersWaitForTheWalSyncWhileTheNextBatchCommits()
{
    // Hold the syncer in front of its fsync: nobody may hear of a commit that is not on disk,
    // and the writer must go on committing the next batch meanwhile (the pipelining).
    QSemaphore syncing;
    QSemaphore allowSync;
    SqliteLeaseStore::Options options;
    options.beforeWalSyncForTests = [&] {
        syncing.release();
        allowSync.acquire();
    };
    auto opened = SqliteLeaseStore::open(dbPath(), options);
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    const auto request = [](int user) {
        return AcquireRequest{QStringLiteral("u%1").arg(user), u"v"_qs,          {}, 3, 60'000,
                              AtLimitBehaviour::Reject,        1'700'000'000'000};
    };
    QList<int> answered;
    store.acquireAsync(request(1), [&answered](WatchResult result) {
        QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
        answered.append(1);
    });
    QVERIFY(syncing.tryAcquire(1, 10'000)); // batch 1 is committed, its fsync is held
    QCOMPARE(store.commitCount(), 1);
    store.acquireAsync(request(2), [&answered](WatchResult result) {
        QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
        answered.append(2);
    });
    QTRY_COMPARE(store.commitCount(), 2); // committed while batch 1 still waits for its fsync
    QCoreApplication::processEvents();
    QVERIFY2(answered.isEmpty(), "an answer left before its commit was synced");

    allowSync.release(); // batch 1's fsync runs; batch 2 waits in the next one
    QVERIFY(syncing.tryAcquire(1, 10'000));
    QTRY_COMPARE(answered, QList<int>{1});
    allowSync.release(1'000); // everything else, including the store's shutdown
    QTRY_COMPARE(answered, (QList<int>{1, 2}));
    QCOMPARE(store.walSyncCount(), 2);
    QCOMPARE(store.storedLeaseCount(), 2);
}

void tst_SqliteLeaseStore::asyncAnswersOfOneSyncArriveInOneEvent()
{
    // The writer is held in front of the first call's COMMIT while 20 more are queued, so they
    // form a second batch; the two batches are synced by one or two fsyncs. Their callbacks
    // arrive in one queued event per fsync, not one per call.
    WriterGate writer;
    SqliteLeaseStore::Options options;
    writer.install(options);
    writer.holdNextBatch();
    auto opened = SqliteLeaseStore::open(dbPath(), options);
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    const auto unblockWriter = qScopeGuard([&] { writer.resume(1000); });
    MetaCallCounter metaCalls;
    QCoreApplication::instance()->installEventFilter(&metaCalls);
    const auto removeFilter =
        qScopeGuard([&metaCalls] { QCoreApplication::instance()->removeEventFilter(&metaCalls); });

    constexpr int calls = 21;
    QList<int> answered;
    for (int i = 0; i < calls; ++i) {
        store.acquireAsync(AcquireRequest{QStringLiteral("u%1").arg(i),
                                          u"v"_qs,
                                          {},
                                          3,
                                          60'000,
                                          AtLimitBehaviour::Reject,
                                          1'700'000'000'000},
                           [&answered, i](WatchResult result) {
                               QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
                               answered.append(i);
                           });
        if (i == 0)
            QVERIFY(writer.waitUntilHeld());
    }
    const qint64 syncsBefore = store.walSyncCount();
    writer.resume();
    QTRY_COMPARE(answered.size(), calls);
    for (int i = 0; i < calls; ++i)
        QCOMPARE(answered.at(i), i); // in call order
    QCOMPARE(store.commitCount(), 2);
    const qint64 syncs = store.walSyncCount() - syncsBefore;
    QVERIFY(syncs == 1 || syncs == 2);
    QCOMPARE(metaCalls.count, syncs);
}

void tst_SqliteLeaseStore::failedWalSyncFailsEveryLaterCall()
{
    // The disk fails one fsync (EIO) while two batches wait for it: one inside the fsync, one
    // committed behind it. Both must fail, and so must every call after, even once the disk
    // would sync again: the kernel may have dropped the pages SQLite believes are written.
    std::atomic<bool> diskFails{false};
    QSemaphore flushing;
    QSemaphore allowFlush;
    SqliteLeaseStore::Options options;
    options.walFlushForTests = [&](int descriptor) {
        if (!diskFails.load())
            return ::fdatasync(descriptor) == 0 ? 0 : errno;
        flushing.release();
        allowFlush.acquire();
        return EIO;
    };
    auto opened = SqliteLeaseStore::open(dbPath(), options);
    QVERIFY2(opened.store, qPrintable(opened.error));
    // Should a check fail while the syncer is held, the store's shutdown must not wait forever.
    const auto unblockSyncer = qScopeGuard([&] { allowFlush.release(1000); });
    SqliteLeaseStore &store = *opened.store;
    const qint64 now = 1'700'000'000'000;
    const auto request = [now](const QString &user) {
        return AcquireRequest{user, u"v"_qs, {}, 3, 60'000, AtLimitBehaviour::Reject, now};
    };
    const WatchResult kept = store.acquire(request(u"kept"_qs));
    QCOMPARE(kept.outcome, WatchResult::Outcome::Granted);
    QVERIFY(store.isReachable());

    diskFails = true;
    QList<WatchResult> answers;
    const auto collect = [&answers](WatchResult result) {
        answers.append(result);
    };
    store.acquireAsync(request(u"u1"_qs), collect);
    QVERIFY(flushing.tryAcquire(1, 10'000)); // batch 1 is committed and inside its fsync
    const qint64 commits = store.commitCount();
    store.acquireAsync(request(u"u2"_qs), collect);
    QTRY_COMPARE(store.commitCount(), commits + 1); // batch 2 is committed, waiting for a sync
    allowFlush.release();
    QTRY_COMPARE(answers.size(), 2);
    for (const WatchResult &answer : std::as_const(answers)) {
        QCOMPARE(answer.outcome, WatchResult::Outcome::StoreUnavailable);
        QVERIFY2(answer.failure.message.contains(u"cannot sync the write-ahead log"_qs),
                 qPrintable(answer.failure.message));
        QVERIFY2(answer.failure.message.contains(dbPath() + u"-wal"_qs),
                 qPrintable(answer.failure.message));
        QVERIFY2(answer.failure.message.contains(QString::fromLocal8Bit(std::strerror(EIO))),
                 qPrintable(answer.failure.message));
    }
    QVERIFY(!store.isReachable());

    // The disk works again; the store still refuses everything, without running another
    // transaction or trying another fsync.
    diskFails = false;
    const qint64 syncs = store.walSyncCount();
    const qint64 commitsBefore = store.commitCount();
    QCOMPARE(store.acquire(request(u"u3"_qs)).outcome, WatchResult::Outcome::StoreUnavailable);
    QCOMPARE(store.renew(u"kept"_qs, kept.lease.streamId, 60'000, now).outcome,
             HeartbeatResult::Outcome::StoreUnavailable);
    QCOMPARE(store.release(u"kept"_qs, kept.lease.streamId, now).outcome,
             StopResult::Outcome::StoreUnavailable);
    QCOMPARE(store.list(u"kept"_qs, now).outcome, ListResult::Outcome::StoreUnavailable);
    QVERIFY(!store.sweep(now + 120'000, 100).storeAvailable);
    bool answeredAsync = false;
    store.listAsync(u"kept"_qs, now, [&answeredAsync](ListResult result) {
        QCOMPARE(result.outcome, ListResult::Outcome::StoreUnavailable);
        answeredAsync = true;
    });
    QTRY_VERIFY(answeredAsync);
    QVERIFY(!store.isReachable());
    QCOMPARE(store.commitCount(), commitsBefore);
    QCOMPARE(store.walSyncCount(), syncs);

    // A restart reads the file again and serves; the stream synced before the failure is there.
    opened.store.reset();
    auto reopened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(reopened.store, qPrintable(reopened.error));
    QVERIFY(reopened.store->isReachable());
    const ListResult listed = reopened.store->list(u"kept"_qs, now);
    QCOMPARE(listed.outcome, ListResult::Outcome::Listed);
    QCOMPARE(listed.active, QList<Lease>{kept.lease});
}

void tst_SqliteLeaseStore::rolledBackBatchLeavesNoDecisionBehind()
{
    // One batch of decisions that build on each other (a renew, a grant, an eviction, a stop)
    // changes the in-memory mirror as it runs, then fails before COMMIT. Afterwards nothing of
    // it may show: the store must read the mirror again from the file, which never saw it.
    QSemaphore writerHeld;
    QSemaphore releaseWriter;
    std::atomic<int> batches{0};
    SqliteLeaseStore::Options options;
    options.failBatchForTests = [&] {
        switch (++batches) {
        case 2: // the gate: hold the writer so the next calls queue up into one batch
            writerHeld.release();
            releaseWriter.acquire();
            return false;
        case 3:
            return true;
        default:
            return false;
        }
    };
    auto opened = SqliteLeaseStore::open(dbPath(), options);
    QVERIFY2(opened.store, qPrintable(opened.error));
    // Should a check fail while the writer is held, the store's shutdown must not wait forever.
    const auto unblockWriter = qScopeGuard([&] { releaseWriter.release(1000); });
    SqliteLeaseStore &store = *opened.store;
    const qint64 now = 1'700'000'000'000;
    const auto request = [now](const QString &video) {
        return AcquireRequest{u"u"_qs, video, {}, 2, 60'000, AtLimitBehaviour::EvictOldest, now};
    };
    const WatchResult kept = store.acquire(request(u"kept"_qs)); // batch 1, committed
    QCOMPARE(kept.outcome, WatchResult::Outcome::Granted);

    bool gateAnswered = false;
    store.acquireAsync(
        AcquireRequest{u"gate"_qs, u"v"_qs, {}, 1, 60'000, AtLimitBehaviour::Reject, now},
        [&gateAnswered](WatchResult result) {
            QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
            gateAnswered = true;
        });
    QVERIFY(writerHeld.tryAcquire(1, 10'000));
    QList<Failure> failures;
    store.renewAsync(u"u"_qs, kept.lease.streamId, 600'000, now + 1000,
                     [&](HeartbeatResult result) {
                         QCOMPARE(result.outcome, HeartbeatResult::Outcome::StoreUnavailable);
                         failures.append(result.failure);
                     });
    for (const QString &video : {u"second"_qs, u"third"_qs}) { // the third evicts `kept`
        store.acquireAsync(request(video), [&](WatchResult result) {
            QCOMPARE(result.outcome, WatchResult::Outcome::StoreUnavailable);
            failures.append(result.failure);
        });
    }
    store.releaseAsync(u"u"_qs, kept.lease.streamId, now, [&](StopResult result) {
        QCOMPARE(result.outcome, StopResult::Outcome::StoreUnavailable);
        failures.append(result.failure);
    });
    releaseWriter.release();
    QTRY_VERIFY(gateAnswered);
    QTRY_COMPARE(failures.size(), 4);
    QCOMPARE(batches.load(), 3); // the four calls really shared one rolled-back batch
    for (const Failure &failure : std::as_const(failures))
        QVERIFY2(failure.message.contains(u"failed on purpose"_qs), qPrintable(failure.message));
    QVERIFY(!store.isReachable());

    // The state on disk: `kept` with its first expiry, nothing of the failed batch.
    const ListResult listed = store.list(u"u"_qs, now + 2000);
    QCOMPARE(listed.outcome, ListResult::Outcome::Listed);
    QCOMPARE(listed.active, QList<Lease>{kept.lease});
    QVERIFY(listed.expired.isEmpty());
    QVERIFY(store.isReachable());          // that batch committed
    QCOMPARE(store.storedLeaseCount(), 2); // `kept` and the gate's stream
    // The limit counts `kept` alone: one grant fits without evicting it.
    const WatchResult next = store.acquire(request(u"next"_qs));
    QCOMPARE(next.outcome, WatchResult::Outcome::Granted);
    QVERIFY(next.evicted.isEmpty());

    // A restart reads the same from the file.
    opened.store.reset();
    auto reopened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(reopened.store, qPrintable(reopened.error));
    QCOMPARE(reopened.store->list(u"u"_qs, now + 2000).active,
             (QList<Lease>{kept.lease, next.lease}));
    QCOMPARE(reopened.store->storedLeaseCount(), 3);
}

void tst_SqliteLeaseStore::startupErrorsNameTheFile_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("expectedText");
    QTest::newRow("corrupt") << u"corrupt"_qs << u"not a valid VideoStreams database"_qs;
    QTest::newRow("directory in the way") << u"directory"_qs << u"is a directory"_qs;
    // A file where the directory should be: unwritable even for root, who ignores permissions.
    QTest::newRow("directory cannot be made") << u"file-as-dir"_qs << u"cannot create"_qs;
    QTest::newRow("empty path") << u"empty"_qs << u"path is empty"_qs;
}

void tst_SqliteLeaseStore::startupErrorsNameTheFile()
{
    QFETCH(QString, problem);
    QFETCH(QString, expectedText);
    QString path = dbPath();
    if (problem == u"corrupt") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
    } else if (problem == u"directory") {
        QVERIFY(QDir().mkpath(path));
    } else if (problem == u"file-as-dir") {
        QFile blocker(m_directory->filePath(u"blocker"_qs));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        path = blocker.fileName() + u"/leases.db"_qs;
    } else if (problem == u"empty") {
        path.clear();
    }
    const auto opened = SqliteLeaseStore::open(path);
    QVERIFY(!opened.store);
    QVERIFY2(opened.error.contains(expectedText), qPrintable(opened.error));
    if (!path.isEmpty())
        QVERIFY2(opened.error.contains(path), qPrintable(opened.error));
}

void tst_SqliteLeaseStore::secondOpenOfTheSameFileIsRefused()
{
    auto first = SqliteLeaseStore::open(dbPath());
    QVERIFY2(first.store, qPrintable(first.error));
    SqliteLeaseStore::Options options;
    options.busyTimeoutMs = 100;
    const auto second = SqliteLeaseStore::open(dbPath(), options);
    QVERIFY(!second.store);
    QVERIFY2(second.error.contains(u"locked by another process"_qs), qPrintable(second.error));
    QVERIFY2(second.error.contains(dbPath()), qPrintable(second.error));
    // The first store is unaffected.
    QCOMPARE(
        first.store
            ->acquire(AcquireRequest{u"u"_qs, u"v"_qs, {}, 1, 1000, AtLimitBehaviour::Reject, 1})
            .outcome,
        WatchResult::Outcome::Granted);
}

void tst_SqliteLeaseStore::newerSchemaIsRefused()
{
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"newer"_qs);
        database.setDatabaseName(dbPath());
        QVERIFY(database.open());
        QSqlQuery query(database);
        QVERIFY(query.exec(u"PRAGMA user_version = 99"_qs));
        database.close();
    }
    QSqlDatabase::removeDatabase(u"newer"_qs);
    const auto opened = SqliteLeaseStore::open(dbPath());
    QVERIFY(!opened.store);
    QVERIFY2(opened.error.contains(u"schema version 99"_qs), qPrintable(opened.error));
    QVERIFY2(opened.error.contains(dbPath()), qPrintable(opened.error));
}

void tst_SqliteLeaseStore::freshFileGetsTheLatestSchema()
{
    {
        auto opened = SqliteLeaseStore::open(dbPath());
        QVERIFY2(opened.store, qPrintable(opened.error));
    }
    QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"check"_qs);
    database.setDatabaseName(dbPath());
    QVERIFY(database.open());
    {
        QSqlQuery query(database);
        QVERIFY(query.exec(u"PRAGMA user_version"_qs));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), SqliteSchema::latestVersion());
        QVERIFY(query.exec(u"PRAGMA journal_mode"_qs));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_qs);
    }
    database.close();
    database = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"check"_qs);
}

void tst_SqliteLeaseStore::writeOldFile(const QStringList &statements,
                                        const std::function<void(QSqlQuery &)> &fill) const
{
    const QString connection = u"old-file"_qs;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connection);
        database.setDatabaseName(dbPath());
        QVERIFY(database.open());
        QSqlQuery query(database);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement));
        fill(query);
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

void tst_SqliteLeaseStore::version1FileIsMigrated()
{
    // A file as the first release wrote it: one user with two leases (grant order by id) and a
    // tombstone.
    const StreamId first = StreamId::generate();
    const StreamId second = StreamId::generate();
    const StreamId ended = StreamId::generate();
    writeOldFile(
        {
            u"CREATE TABLE leases (id INTEGER PRIMARY KEY, stream_id BLOB NOT NULL UNIQUE, "
            "user_id TEXT NOT NULL, video_id TEXT NOT NULL, device_id TEXT NOT NULL, "
            "started_at_ms INTEGER NOT NULL, last_heartbeat_at_ms INTEGER NOT NULL, "
            "expires_at_ms INTEGER NOT NULL)"_qs,
            u"CREATE INDEX leases_by_user ON leases (user_id)"_qs,
            u"CREATE INDEX leases_by_expiry ON leases (expires_at_ms)"_qs,
            u"CREATE TABLE tombstones (stream_id BLOB PRIMARY KEY, user_id TEXT NOT NULL, "
            "ended_at_ms INTEGER NOT NULL, evicted INTEGER NOT NULL)"_qs,
            u"CREATE INDEX tombstones_by_user ON tombstones (user_id)"_qs,
            u"CREATE INDEX tombstones_by_end ON tombstones (ended_at_ms)"_qs,
            u"PRAGMA user_version = 1"_qs,
        },
        [&](QSqlQuery &query) {
            const auto insert = [&](qint64 id, const StreamId &streamId, const QString &video) {
                query.prepare(u"INSERT INTO leases VALUES (?, ?, 'u1', ?, '', 10, 10, ?)"_qs);
                query.addBindValue(id);
                query.addBindValue(idBytes(streamId));
                query.addBindValue(video);
                query.addBindValue(Lease::neverExpires);
                return query.exec();
            };
            QVERIFY(insert(7, second, u"v2"_qs));
            QVERIFY(insert(3, first, u"v1"_qs));
            query.prepare(u"INSERT INTO tombstones VALUES (?, 'u1', 5, 1)"_qs);
            query.addBindValue(idBytes(ended));
            QVERIFY(query.exec());
        });
    if (QTest::currentTestFailed())
        return;

    auto opened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    const ListResult listed = store.list(u"u1"_qs, 1000);
    QCOMPARE(listed.active.size(), 2);
    QCOMPARE(listed.active.at(0).streamId, first); // grant order kept
    QCOMPARE(listed.active.at(1).streamId, second);
    QCOMPARE(store.renew(u"u1"_qs, ended, 1000, 1000).outcome, HeartbeatResult::Outcome::Evicted);
    // New grants come after the migrated ones.
    const WatchResult granted = store.acquire(
        AcquireRequest{u"u1"_qs, u"v3"_qs, {}, 3, 0, AtLimitBehaviour::EvictOldest, 1000});
    QCOMPARE(granted.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(store.list(u"u1"_qs, 1000).active.last().streamId, granted.lease.streamId);
    QCOMPARE(store.storedLeaseCount(), 3);
}

void tst_SqliteLeaseStore::version2FileIsMigrated()
{
    // A file as schema version 2 left it: leases clustered by user (WITHOUT ROWID), two leases
    // of one user inserted against grant order, another user's lease, and a tombstone.
    const StreamId first = StreamId::generate();
    const StreamId second = StreamId::generate();
    const StreamId other = StreamId::generate();
    const StreamId ended = StreamId::generate();
    writeOldFile(
        {
            u"CREATE TABLE leases (user_id TEXT NOT NULL, id INTEGER NOT NULL, stream_id BLOB "
            "NOT NULL, video_id TEXT NOT NULL, device_id TEXT NOT NULL, started_at_ms INTEGER "
            "NOT NULL, last_heartbeat_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL, "
            "PRIMARY KEY (user_id, id)) WITHOUT ROWID"_qs,
            u"CREATE INDEX leases_by_expiry ON leases (expires_at_ms)"_qs,
            u"CREATE TABLE tombstones (user_id TEXT NOT NULL, stream_id BLOB NOT NULL, "
            "ended_at_ms INTEGER NOT NULL, evicted INTEGER NOT NULL, PRIMARY KEY (user_id, "
            "stream_id)) WITHOUT ROWID"_qs,
            u"CREATE INDEX tombstones_by_end ON tombstones (ended_at_ms)"_qs,
            u"CREATE INDEX tombstones_by_user_end ON tombstones (user_id, ended_at_ms)"_qs,
            u"PRAGMA user_version = 2"_qs,
        },
        [&](QSqlQuery &query) {
            const auto insert = [&](const QString &user, qint64 id, const StreamId &streamId,
                                    const QString &video) {
                query.prepare(u"INSERT INTO leases VALUES (?, ?, ?, ?, 'tv', 10, 20, ?)"_qs);
                query.addBindValue(user);
                query.addBindValue(id);
                query.addBindValue(idBytes(streamId));
                query.addBindValue(video);
                query.addBindValue(Lease::neverExpires);
                return query.exec();
            };
            QVERIFY(insert(u"u1"_qs, 9, second, u"v2"_qs));
            QVERIFY(insert(u"u0"_qs, 5, other, u"v9"_qs));
            QVERIFY(insert(u"u1"_qs, 3, first, u"v1"_qs));
            query.prepare(u"INSERT INTO tombstones VALUES ('u1', ?, 5, 0)"_qs);
            query.addBindValue(idBytes(ended));
            QVERIFY(query.exec());
        });
    if (QTest::currentTestFailed())
        return;

    auto opened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    const ListResult listed = store.list(u"u1"_qs, 1000);
    QCOMPARE(listed.active.size(), 2);
    QCOMPARE(listed.active.at(0).streamId, first); // grant order kept
    QCOMPARE(listed.active.at(1).streamId, second);
    QCOMPARE(listed.active.at(1).videoId, u"v2"_qs);
    QCOMPARE(listed.active.at(1).deviceId, u"tv"_qs);
    QCOMPARE(listed.active.at(1).startedAtMs, 10);
    QCOMPARE(listed.active.at(1).lastHeartbeatAtMs, 20);
    QCOMPARE(store.list(u"u0"_qs, 1000).active.size(), 1);
    QCOMPARE(store.renew(u"u1"_qs, ended, 1000, 1000).outcome, HeartbeatResult::Outcome::Expired);
    // The migrated rows are found by their id: a renew and a stop change them.
    QCOMPARE(store.renew(u"u1"_qs, first, 1000, 1000).outcome, HeartbeatResult::Outcome::Renewed);
    QCOMPARE(store.release(u"u0"_qs, other, 1000).outcome, StopResult::Outcome::Stopped);
    // New grants come after the migrated ones.
    const WatchResult granted = store.acquire(
        AcquireRequest{u"u1"_qs, u"v3"_qs, {}, 3, 0, AtLimitBehaviour::EvictOldest, 1000});
    QCOMPARE(granted.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(store.storedLeaseCount(), 3);

    opened.store.reset();
    auto reopened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(reopened.store, qPrintable(reopened.error));
    const ListResult again = reopened.store->list(u"u1"_qs, 1000);
    QCOMPARE(again.active.size(), 3);
    QCOMPARE(again.active.at(0).streamId, first);
    QCOMPARE(again.active.at(0).expiresAtMs, 2000); // the renew reached the file
    QCOMPARE(again.active.at(2).streamId, granted.lease.streamId);
    QVERIFY(reopened.store->list(u"u0"_qs, 1000).active.isEmpty());
}

void tst_SqliteLeaseStore::grantsOfOneBatchShareTheirPages()
{
    // Users are spread at random over the table, so with leases clustered by user every grant
    // of a batch dirtied its own page: one 4 KiB WAL frame (and its write and fsync) per grant.
    // In grant order, a batch of grants appends to the same few pages. Measured in WAL frames:
    // the WAL only grows here (far below the 1000-page automatic checkpoint).
    WriterGate writer;
    SqliteLeaseStore::Options options;
    writer.install(options);
    auto opened = SqliteLeaseStore::open(dbPath(), options);
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    const auto unblockWriter = qScopeGuard([&] { writer.resume(1000); });
    QString video = u"v1"_qs;
    const auto request = [&video](const QString &user) {
        return AcquireRequest{
            user, video, {}, 3, 60'000, AtLimitBehaviour::Reject, 1'700'000'000'000};
    };
    int answered = 0;
    const auto count = [&answered](WatchResult result) {
        QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
        ++answered;
    };
    // Runs `first`, holds its batch, queues `rest` behind it and lets both commit.
    const auto runInTwoBatches = [&](const QString &first, const QStringList &rest) {
        writer.holdNextBatch();
        store.acquireAsync(request(first), count);
        QVERIFY(writer.waitUntilHeld());
        for (const QString &user : rest)
            store.acquireAsync(request(user), count);
        writer.resume();
    };

    constexpr int users = 2000;
    QStringList everyone;
    for (int i = 1; i < users; ++i)
        everyone.append(QStringLiteral("user%1").arg(i));
    runInTwoBatches(u"user0"_qs, everyone);
    QTRY_COMPARE_WITH_TIMEOUT(answered, users, 30'000);

    const QString wal = dbPath() + u"-wal"_qs;
    const qint64 walBefore = QFileInfo(wal).size();
    const qint64 commitsBefore = store.commitCount();
    // A second stream for every 20th user: spread over the whole table.
    video = u"v2"_qs;
    QStringList spread;
    for (int i = 20; i < users; i += 20)
        spread.append(QStringLiteral("user%1").arg(i));
    runInTwoBatches(u"newcomer"_qs, spread);
    QTRY_COMPARE_WITH_TIMEOUT(answered, users + 1 + int(spread.size()), 30'000);
    QCOMPARE(store.commitCount(), commitsBefore + 2);

    const qint64 frameSize = 24 + 4096; // frame header + default page size
    const qint64 frames = (QFileInfo(wal).size() - walBefore) / frameSize;
    // Two commits of the table's and the expiry index's last pages and their parents (10
    // frames when written); with leases clustered by user (schema version 2) it was 51.
    QVERIFY2(frames <= 16, qPrintable(QStringLiteral("%1 WAL frames for %2 grants in 2 commits")
                                          .arg(frames)
                                          .arg(spread.size() + 1)));
}

void tst_SqliteLeaseStore::tombstonesAreCappedPerUser()
{
    auto opened = SqliteLeaseStore::open(dbPath());
    QVERIFY2(opened.store, qPrintable(opened.error));
    SqliteLeaseStore &store = *opened.store;
    // Limit 1 with evict_oldest: every watch evicts the previous stream, one ms apart.
    constexpr int watches = SqliteLeaseStore::maxTombstonesPerUser + 5;
    QList<StreamId> streams;
    for (int i = 0; i < watches; ++i) {
        const WatchResult result = store.acquire(AcquireRequest{
            u"u"_qs, u"v%1"_qs.arg(i), {}, 1, 0, AtLimitBehaviour::EvictOldest, 1000 + i});
        QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
        streams.append(result.lease.streamId);
    }
    // The newest maxTombstonesPerUser evicted streams still say why; older ones are forgotten.
    const int evicted = watches - 1;
    for (int i = 0; i < evicted; ++i) {
        const bool kept = i >= evicted - SqliteLeaseStore::maxTombstonesPerUser;
        QCOMPARE(store.renew(u"u"_qs, streams.at(i), 1000, 5000).outcome,
                 kept ? HeartbeatResult::Outcome::Evicted : HeartbeatResult::Outcome::Unknown);
    }
}

QTEST_GUILESS_MAIN(tst_SqliteLeaseStore)
#include "tst_SqliteLeaseStore.moc"
