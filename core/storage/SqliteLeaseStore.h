#pragma once

#include "LeaseStore.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace vs {

class SqliteSession;

// Leases in an SQLite file (Qt SQL, QSQLITE), durable before a call returns.
//
// One writer thread owns the connection. Callers queue jobs; the writer runs every queued job in
// one transaction and commits once: concurrent callers share one fsync ("group commit"). Jobs run
// one after another, so every decision for a user is atomic. The file is opened in WAL mode with
// an exclusive lock, so a second process on the same file is a clear startup error instead of two
// limiters that silently disagree.
//
// Durability is pipelined: the writer commits with synchronous=NORMAL and hands the committed
// batch to a syncer thread, which fsyncs the WAL (SqliteWalSync) and only then answers the
// batch's callers, while the writer already runs the next batch. Every call therefore returns only
// after its decision is on disk (what synchronous=FULL guarantees), but the SQL work of batch N+1
// overlaps the fsync of batch N. A failed fsync fails its callers and every later call: after a
// lost write the file can no longer be trusted.
//
// The *Async methods do not block: `done` runs on the event loop of the thread that created the
// store once the batch is committed and synced. Called from any other thread they block like the
// synchronous methods (the LeaseStore default).
class SqliteLeaseStore final : public LeaseStore
{
public:
    struct Options
    {
        qint64 tombstoneRetentionMs = 15 * 60 * 1000;
        int busyTimeoutMs = 2000; // how long opening waits for another process's lock
        int maxBatch = 1024;      // jobs per transaction
        // Under load, how long the writer may wait for the callers of the previous batch to
        // send their next calls, so they share one commit instead of splitting into a large
        // and a tiny one (PostgreSQL's commit_delay). Never waited for a lone call. 0: off.
        int groupCommitWaitUs = 1000;
        // Tests only: runs on the syncer thread before each fsync of the WAL, so a test can hold
        // the fsync and watch what happens meanwhile.
        std::function<void()> beforeWalSyncForTests;
        // Tests only: flushes the WAL instead of fdatasync (SqliteWalSync::Flush: returns 0 or
        // an errno), so a test can make the fsync fail as a failing disk would.
        std::function<int(int descriptor)> walFlushForTests;
        // Tests only: runs on the writer thread after a batch's calls ran inside its
        // transaction, just before COMMIT; returning true fails the batch there as a failed
        // statement or COMMIT would (rolled back, every call of it gets StoreUnavailable).
        std::function<bool()> failBatchForTests;
    };

    struct OpenResult
    {
        std::unique_ptr<SqliteLeaseStore> store;
        QString error; // names the file and the problem; empty on success
    };

    static constexpr int maxTombstonesPerUser = 16;

    // Opens (creating or migrating) the database at `path`; its directory is created if needed.
    static OpenResult open(const QString &path, const Options &options);
    static OpenResult open(const QString &path) { return open(path, Options()); }
    ~SqliteLeaseStore() override;

    WatchResult acquire(const AcquireRequest &request) override;
    HeartbeatResult renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                          qint64 nowMs) override;
    StopResult release(const QString &userId, const StreamId &streamId, qint64 nowMs) override;
    ListResult list(const QString &userId, qint64 nowMs) override;
    SweepResult sweep(qint64 nowMs, int maxLeases) override;
    bool isReachable() override;
    qint64 storedLeaseCount() override;

    void acquireAsync(const AcquireRequest &request,
                      std::function<void(WatchResult)> done) override;
    void renewAsync(const QString &userId, const StreamId &streamId, qint64 ttlMs, qint64 nowMs,
                    std::function<void(HeartbeatResult)> done) override;
    void releaseAsync(const QString &userId, const StreamId &streamId, qint64 nowMs,
                      std::function<void(StopResult)> done) override;
    void listAsync(const QString &userId, qint64 nowMs,
                   std::function<void(ListResult)> done) override;

    const QString &path() const { return m_path; }
    // Transactions committed so far: concurrent callers share them, so this grows slower than
    // the number of calls. For tests and benchmarks.
    qint64 commitCount() const { return m_commitCount.load(std::memory_order_relaxed); }
    // fsyncs of the WAL so far: one covers every batch committed while the previous one ran.
    qint64 walSyncCount() const { return m_walSyncCount.load(std::memory_order_relaxed); }

private:
    // One decision: `apply` runs on the writer thread inside the batch's transaction and returns
    // the change in the number of stored leases; `finish` gets the error (empty when durable)
    // and runs on the syncer thread after the fsync, or on the writer thread when the batch
    // failed before that. `deliver` (async calls only) then runs on the store's thread: the
    // callbacks of one fsync go there together, in one queued event.
    struct Job
    {
        std::function<qint64(SqliteSession &)> apply;
        std::function<void(const QString &error)> finish;
        std::function<void()> deliver;
    };
    using Deliveries = std::vector<std::function<void()>>;

    SqliteLeaseStore(const QString &path, const Options &options);
    QString start();
    void writerLoop(std::shared_ptr<std::promise<QString>> opened);
    void runBatch(SqliteSession &session, std::deque<Job> &batch);
    void syncLoop();
    void answer(std::deque<Job> &jobs, const QString &error, Deliveries &deliveries);
    void post(Deliveries deliveries);
    void stopSyncer();
    QString syncFailure();
    void enqueue(Job job);

    template<typename Result> Result runSync(std::function<Result(SqliteSession &, qint64 &)> work);
    template<typename Result>
    void runAsync(std::function<Result(SqliteSession &, qint64 &)> work,
                  std::function<void(Result)> done);

    const QString m_path;
    const Options m_options;
    QObject m_callbackContext; // lives in the creating thread: async results are delivered there

    std::mutex m_queueMutex;
    std::condition_variable m_queueReady;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::thread m_writer;

    // Committed batches waiting for the fsync that makes them durable, oldest first.
    std::mutex m_syncMutex;
    std::condition_variable m_syncReady;
    std::deque<std::deque<Job>> m_committed;
    bool m_syncStopping = false;
    QString m_syncFailure; // set once, by the first failed fsync; guarded by m_syncMutex
    std::atomic<bool> m_syncFailed{false};
    std::thread m_syncer; // started and joined by the writer thread

    std::atomic<qint64> m_leaseCount{0};
    std::atomic<qint64> m_commitCount{0};
    std::atomic<qint64> m_walSyncCount{0};
    std::atomic<bool> m_healthy{true};
    bool m_mirrorStale = false; // writer thread only: a rolled-back batch changed the mirror
};

} // namespace vs
