#include <QTest>

#include "ManualClock.h"
#include "MemoryLeaseStore.h"
#include "StreamLimiter.h"

#include <QHash>
#include <QSet>

#include <atomic>
#include <barrier>
#include <mutex>
#include <random>
#include <thread>

using namespace vs;

namespace {

// Failures seen on worker threads; QTest macros may only run on the test thread.
class Problems
{
public:
    void add(const QString &problem)
    {
        std::lock_guard lock(m_mutex);
        if (m_problems.size() < 20)
            m_problems.append(problem);
        ++m_count;
    }
    QString summary() const
    {
        std::lock_guard lock(m_mutex);
        return QStringLiteral("%1 problems, first: %2")
            .arg(m_count)
            .arg(m_problems.join(QStringLiteral(" | ")));
    }
    int count() const
    {
        std::lock_guard lock(m_mutex);
        return m_count;
    }

private:
    mutable std::mutex m_mutex;
    QStringList m_problems;
    int m_count = 0;
};

// Follows the event stream:
// - at every Granted event it asks the limiter for the user's streams (an atomic snapshot the
//   store takes after the grant) and records any moment the user holds more than the limit;
// - it keeps every event, and audit() checks them once the threads are done: every stream
//   granted once, ended (stopped, evicted or expired) at most once, renewed or reused only if it
//   was granted, and the streams still live per user.
// The checks do not depend on the order events arrive in: two threads' events may reach an
// observer in another order than the store committed them (a stop's event after the next
// grant's, a reuse before the grant it reuses), so counting "live" as events arrive could
// overshoot without the store ever having done so.
class AuditingObserver final : public LimiterObserver
{
public:
    AuditingObserver(StreamLimiter &limiter, Problems &problems, bool checkLimitAtGrant)
        : m_limiter(limiter)
        , m_problems(problems)
        , m_checkLimitAtGrant(checkLimitAtGrant)
    {}

    void onLimiterEvent(const LimiterEvent &event) override
    {
        if (event.type == LimiterEvent::Type::Granted && m_checkLimitAtGrant) {
            // Outside our lock: list() may report expiries back into this observer.
            const ListResult snapshot = m_limiter.list(event.lease.userId);
            if (snapshot.active.size() > event.limit)
                m_problems.add(QStringLiteral("%1 holds %2 streams, limit %3")
                                   .arg(event.lease.userId)
                                   .arg(snapshot.active.size())
                                   .arg(event.limit));
            m_grantChecks.fetch_add(1, std::memory_order_relaxed);
        }
        std::lock_guard lock(m_mutex);
        m_events.append(event);
    }

    // Call when no thread uses the limiter any more.
    void audit()
    {
        std::lock_guard lock(m_mutex);
        QHash<QString, QString> ownerOf; // stream -> user, for every stream ever granted
        QSet<QString> ended;
        for (const LimiterEvent &event : std::as_const(m_events)) {
            ++m_counts[int(event.type)];
            if (event.type != LimiterEvent::Type::Granted)
                continue;
            const QString id = event.lease.streamId.toString();
            if (ownerOf.contains(id))
                m_problems.add(QStringLiteral("stream %1 granted twice").arg(id));
            ownerOf.insert(id, event.lease.userId);
        }
        for (const LimiterEvent &event : std::as_const(m_events)) {
            const QString id = event.lease.streamId.toString();
            const QString type = QString::fromLatin1(toString(event.type));
            switch (event.type) {
            case LimiterEvent::Type::Granted:
            case LimiterEvent::Type::Rejected:
                break;
            case LimiterEvent::Type::Reused:
            case LimiterEvent::Type::Renewed:
                if (ownerOf.value(id) != event.lease.userId)
                    m_problems.add(QStringLiteral("%1 of %2, never granted to %3")
                                       .arg(type, id, event.lease.userId));
                break;
            case LimiterEvent::Type::Stopped:
            case LimiterEvent::Type::Evicted:
            case LimiterEvent::Type::Expired:
                if (ownerOf.value(id) != event.lease.userId)
                    m_problems.add(QStringLiteral("%1 of %2, never granted to %3")
                                       .arg(type, id, event.lease.userId));
                if (ended.contains(id))
                    m_problems.add(
                        QStringLiteral("%1 of %2, which had already ended").arg(type, id));
                ended.insert(id);
                break;
            }
        }
        for (auto it = ownerOf.begin(); it != ownerOf.end(); ++it) {
            if (!ended.contains(it.key()))
                m_live[it.value()].insert(it.key());
        }
    }

    QSet<QString> live(const QString &user) const { return m_live.value(user); }
    int count(LimiterEvent::Type type) const { return m_counts[int(type)]; }
    qint64 liveTotal() const
    {
        qint64 total = 0;
        for (const QSet<QString> &streams : m_live)
            total += streams.size();
        return total;
    }
    int grantChecks() const { return m_grantChecks.load(); }

private:
    StreamLimiter &m_limiter;
    Problems &m_problems;
    const bool m_checkLimitAtGrant;
    std::mutex m_mutex;
    QList<LimiterEvent> m_events;
    QHash<QString, QSet<QString>> m_live;
    int m_counts[7] = {};
    std::atomic<int> m_grantChecks{0};
};

QString userName(int index)
{
    return QStringLiteral("user-%1").arg(index);
}

} // namespace

class tst_LimiterConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void neverMoreThanTheLimit_data();
    void neverMoreThanTheLimit();
};

void tst_LimiterConcurrency::neverMoreThanTheLimit_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("evictOldest");
    QTest::addColumn<bool>("clockMoves");    // a thread advances time, so leases expire
    QTest::addColumn<bool>("policyChanges"); // a thread keeps replacing the policy

    // Few users and few videos per user keep every thread at the limit most of the time.
    QTest::newRow("one user, reject") << 1 << 8 << 3 << false << false << false;
    QTest::newRow("one user, evict_oldest") << 1 << 8 << 3 << true << false << false;
    QTest::newRow("one user, limit 1, evict_oldest") << 1 << 8 << 1 << true << false << false;
    QTest::newRow("one user, evict_oldest, expiring") << 1 << 8 << 2 << true << true << false;
    QTest::newRow("one user, reject, expiring") << 1 << 8 << 2 << false << true << false;
    QTest::newRow("many users, reject") << 50 << 8 << 3 << false << false << false;
    QTest::newRow("many users, evict_oldest") << 50 << 8 << 3 << true << false << false;
    QTest::newRow("many users, evict_oldest, expiring") << 50 << 8 << 2 << true << true << false;
    QTest::newRow("one user, policy changing") << 1 << 8 << 3 << false << true << true;
    QTest::newRow("many users, policy changing") << 20 << 8 << 3 << true << true << true;
}

void tst_LimiterConcurrency::neverMoreThanTheLimit()
{
    QFETCH(int, users);
    QFETCH(int, threads);
    QFETCH(int, limit);
    QFETCH(bool, evictOldest);
    QFETCH(bool, clockMoves);
    QFETCH(bool, policyChanges);

    constexpr int operationsPerThread = 2500;
    constexpr int videosPerUser = 6;

    ManualClock clock;
    MemoryLeaseStore store;
    Policy policy;
    policy.defaultLimit = limit;
    policy.leaseTtlSeconds = 1;
    policy.atLimit = evictOldest ? AtLimitBehaviour::EvictOldest : AtLimitBehaviour::Reject;
    StreamLimiter limiter(store, clock, policy);
    Problems problems;
    // With a changing policy "the limit" of a snapshot is ambiguous; the per-decision check below
    // still holds.
    AuditingObserver observer(limiter, problems, !policyChanges);
    limiter.addObserver(&observer);

    std::atomic<bool> workersDone{false};
    std::atomic<int> grants{0};
    std::atomic<int> rejections{0};
    std::barrier start(threads + 1);

    auto worker = [&](int index) {
        std::mt19937 random(quint32(1000 + index));
        QList<QPair<QString, QString>> mine; // (user, stream id) this thread was granted
        const QString neverIssued = StreamId::generate().toString();
        start.arrive_and_wait();
        for (int op = 0; op < operationsPerThread; ++op) {
            const QString user = userName(int(random() % quint32(users)));
            const int dice = int(random() % 100);
            if (dice < 50 || mine.isEmpty()) {
                const QString video = QStringLiteral("v%1").arg(random() % videosPerUser);
                const WatchResult result = limiter.watch({user, video, {}, {}});
                switch (result.outcome) {
                case WatchResult::Outcome::Granted:
                    grants.fetch_add(1);
                    // activeCount is counted inside the store's atomic decision: the exact
                    // state at the moment of this grant.
                    if (result.activeCount > result.limit)
                        problems.add(QStringLiteral("grant left %1 with %2 streams, limit %3")
                                         .arg(user)
                                         .arg(result.activeCount)
                                         .arg(result.limit));
                    if (!evictOldest && !policyChanges && !result.evicted.isEmpty())
                        problems.add(QStringLiteral("evicted under reject"));
                    mine.append({user, result.lease.streamId.toString()});
                    break;
                case WatchResult::Outcome::Rejected:
                    rejections.fetch_add(1);
                    // Refusing is only allowed at the limit, and must list what is active.
                    if (result.activeCount < result.limit)
                        problems.add(QStringLiteral("rejected %1 below the limit (%2 of %3)")
                                         .arg(user)
                                         .arg(result.activeCount)
                                         .arg(result.limit));
                    if (result.active.size() != result.activeCount)
                        problems.add(QStringLiteral("rejection lists %1 streams, counts %2")
                                         .arg(result.active.size())
                                         .arg(result.activeCount));
                    if (evictOldest && !policyChanges && result.limit > 0)
                        problems.add(QStringLiteral("rejected under evict_oldest"));
                    break;
                case WatchResult::Outcome::Reused:
                    if (result.lease.videoId != video || result.lease.userId != user)
                        problems.add(QStringLiteral("reused someone else's stream"));
                    break;
                default:
                    problems.add(
                        QStringLiteral("unexpected watch outcome %1").arg(int(result.outcome)));
                }
            } else if (dice < 75) {
                const auto &[owner, id] = mine.at(qsizetype(random() % quint32(mine.size())));
                const HeartbeatResult result = limiter.heartbeat(owner, id);
                const bool allowed =
                    result.outcome == HeartbeatResult::Outcome::Renewed ||
                    result.outcome == HeartbeatResult::Outcome::Unknown ||
                    (clockMoves && result.outcome == HeartbeatResult::Outcome::Expired) ||
                    ((evictOldest || policyChanges) &&
                     result.outcome == HeartbeatResult::Outcome::Evicted);
                if (!allowed)
                    problems.add(QStringLiteral("heartbeat outcome %1").arg(int(result.outcome)));
            } else if (dice < 90) {
                const qsizetype at = qsizetype(random() % quint32(mine.size()));
                const auto [owner, id] = mine.takeAt(at);
                const StopResult result = limiter.stop(owner, id);
                if (result.outcome == StopResult::Outcome::Stopped &&
                    result.lease.streamId.toString() != id)
                    problems.add(QStringLiteral("stopped the wrong stream"));
            } else if (dice < 95) {
                // Addressing a stream through anyone but its owner finds nothing, and an id
                // never issued finds nothing either.
                const auto &[owner, id] = mine.at(qsizetype(random() % quint32(mine.size())));
                const QString other = owner + QStringLiteral("-other");
                if (limiter.heartbeat(other, id).outcome != HeartbeatResult::Outcome::Unknown ||
                    limiter.stop(other, id).outcome != StopResult::Outcome::Unknown ||
                    limiter.stop(owner, neverIssued).outcome != StopResult::Outcome::Unknown)
                    problems.add(QStringLiteral("a stream was found under the wrong user"));
            } else {
                const ListResult result = limiter.list(user);
                if (!policyChanges && result.active.size() > limit)
                    problems.add(QStringLiteral("list shows %1 streams for %2")
                                     .arg(result.active.size())
                                     .arg(user));
            }
        }
    };

    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back(worker, i);
    std::thread clockThread;
    if (clockMoves) {
        clockThread = std::thread([&] {
            while (!workersDone.load()) {
                clock.advanceMs(7); // a TTL of 1 s passes every ~140 steps
                if (policyChanges) {
                    Policy next = limiter.policy();
                    next.defaultLimit = 1 + int(clock.nowMs() % 4);
                    next.atLimit = (clock.nowMs() / 7) % 2 ? AtLimitBehaviour::EvictOldest
                                                           : AtLimitBehaviour::Reject;
                    limiter.setPolicy(next);
                }
                limiter.sweep(50);
                std::this_thread::yield();
            }
        });
    }
    start.arrive_and_wait();
    for (std::thread &thread : pool)
        thread.join();
    workersDone.store(true);
    if (clockThread.joinable())
        clockThread.join();

    QVERIFY2(problems.count() == 0, qPrintable(problems.summary()));

    // Final audit. Listing every user first also discovers the leases that expired unseen, so
    // their Expired events are in before the events are checked.
    const int finalLimit = limiter.policy().defaultLimit;
    QHash<QString, ListResult> listed;
    for (int i = 0; i < users; ++i)
        listed.insert(userName(i), limiter.list(userName(i)));
    observer.audit();
    QVERIFY2(problems.count() == 0, qPrintable(problems.summary()));
    QVERIFY(grants.load() > 0);
    if (!evictOldest && !policyChanges)
        QVERIFY(rejections.load() > 0); // the runs really reached the limit
    if (!policyChanges)
        QVERIFY(observer.grantChecks() == observer.count(LimiterEvent::Type::Granted));
    if (!clockMoves)
        QCOMPARE(observer.count(LimiterEvent::Type::Expired), 0);
    if (!evictOldest && !policyChanges)
        QCOMPARE(observer.count(LimiterEvent::Type::Evicted), 0);
    QCOMPARE(observer.count(LimiterEvent::Type::Granted), grants.load());
    QCOMPARE(observer.count(LimiterEvent::Type::Rejected), rejections.load());

    // What the store holds is exactly what the events say is live.
    for (auto it = listed.cbegin(); it != listed.cend(); ++it) {
        QSet<QString> held;
        for (const Lease &lease : it->active)
            held.insert(lease.streamId.toString());
        QCOMPARE(held.size(), it->active.size());
        QCOMPARE(held, observer.live(it.key()));
        if (!policyChanges)
            QVERIFY2(it->active.size() <= finalLimit, qPrintable(it.key()));
    }
    QCOMPARE(store.storedLeaseCount(), observer.liveTotal());
    QVERIFY2(problems.count() == 0, qPrintable(problems.summary()));
}

QTEST_APPLESS_MAIN(tst_LimiterConcurrency)
#include "tst_LimiterConcurrency.moc"
