// The rules every LeaseStore must keep, run against each backend (one global data row per
// backend): memory, SQLite and a real redis-server started by the test.

#include "LeaseStore.h"
#include "ManualClock.h"
#include "StoreFixture.h"

#include <QSet>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace vs;

namespace {

constexpr qint64 ttlMs = 10'000;

} // namespace

class tst_LeaseStoreContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void grantsUntilTheLimitThenRejects_data();
    void grantsUntilTheLimitThenRejects();
    void grantedLeaseCarriesItsFields();
    void sameVideoReusesItsStreamEvenAtTheLimit();
    void usersDoNotShareSlots();
    void evictOldestEndsTheOldestStream();
    void evictOldestAfterALoweredLimitEndsEnough();
    void loweringTheLimitKeepsRunningStreams();
    void leaseStopsCountingAtItsExpiryInstant();
    void expiredLeaseIsReportedExactlyOnce();
    void renewExtendsTheLease();
    void renewTellsWhyAStreamIsGone_data();
    void renewTellsWhyAStreamIsGone();
    void renewIsScopedToTheUser();
    void releaseEndsTheStreamOnce();
    void listShowsActiveStreamsOldestFirst();
    void zeroTtlNeverExpires();
    void sweepWorksInBoundedBatches();
    void sweepForgetsOldTombstones();
    void storedLeaseCountFollowsChanges();
    void asyncCallsDecideLikeSyncCalls();
    void concurrentAcquiresNeverExceedTheLimit();

private:
    WatchResult acquire(const QString &user, const QString &video, int limit = 3,
                        AtLimitBehaviour atLimit = AtLimitBehaviour::Reject, qint64 ttl = ttlMs,
                        const QString &device = {});

    StoreFixture m_fixture;
    ManualClock m_clock;
    std::unique_ptr<LeaseStore> m_store;
};

void tst_LeaseStoreContract::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("memory") << QStringLiteral("memory");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("redis") << QStringLiteral("redis");
}

void tst_LeaseStoreContract::initTestCase()
{
    const QString error = m_fixture.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_LeaseStoreContract::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_clock.setNowMs(1'700'000'000'000);
    QString error;
    m_store = m_fixture.create(backend, &error);
    QVERIFY2(m_store, qPrintable(error));
}

void tst_LeaseStoreContract::cleanup()
{
    m_store.reset();
}

WatchResult tst_LeaseStoreContract::acquire(const QString &user, const QString &video, int limit,
                                            AtLimitBehaviour atLimit, qint64 ttl,
                                            const QString &device)
{
    return m_store->acquire(
        AcquireRequest{user, video, device, limit, ttl, atLimit, m_clock.nowMs()});
}

void tst_LeaseStoreContract::grantsUntilTheLimitThenRejects_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("limit 0") << 0;
    QTest::newRow("limit 1") << 1;
    QTest::newRow("limit 3") << 3;
    QTest::newRow("limit 5") << 5;
}

void tst_LeaseStoreContract::grantsUntilTheLimitThenRejects()
{
    QFETCH(int, limit);
    QSet<QString> ids;
    for (int i = 0; i < limit; ++i) {
        m_clock.advanceMs(1);
        const WatchResult result = acquire(u"u1"_qs, QStringLiteral("v%1").arg(i), limit);
        QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
        QCOMPARE(result.activeCount, i + 1);
        ids.insert(result.lease.streamId.toString());
    }
    QCOMPARE(ids.size(), limit);
    const WatchResult rejected = acquire(u"u1"_qs, u"another"_qs, limit);
    QCOMPARE(rejected.outcome, WatchResult::Outcome::Rejected);
    QCOMPARE(rejected.activeCount, limit);
    QCOMPARE(rejected.active.size(), limit);
    for (int i = 0; i < limit; ++i)
        QCOMPARE(rejected.active.at(i).videoId, QStringLiteral("v%1").arg(i)); // oldest first
}

void tst_LeaseStoreContract::grantedLeaseCarriesItsFields()
{
    const qint64 now = m_clock.nowMs();
    const WatchResult result =
        acquire(u"user-1"_qs, u"video.9"_qs, 3, AtLimitBehaviour::Reject, ttlMs, u"tv"_qs);
    QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(result.lease.userId, u"user-1"_qs);
    QCOMPARE(result.lease.videoId, u"video.9"_qs);
    QCOMPARE(result.lease.deviceId, u"tv"_qs);
    QCOMPARE(result.lease.startedAtMs, now);
    QCOMPARE(result.lease.lastHeartbeatAtMs, now);
    QCOMPARE(result.lease.expiresAtMs, now + ttlMs);
    QVERIFY(!result.lease.streamId.isNull());
    const ListResult listed = m_store->list(u"user-1"_qs, now);
    QCOMPARE(listed.active.size(), 1);
    QCOMPARE(listed.active.first(), result.lease);
}

void tst_LeaseStoreContract::sameVideoReusesItsStreamEvenAtTheLimit()
{
    const WatchResult first = acquire(u"u"_qs, u"a"_qs, 2);
    acquire(u"u"_qs, u"b"_qs, 2);
    m_clock.advanceMs(5000);
    const WatchResult again = acquire(u"u"_qs, u"a"_qs, 2);
    QCOMPARE(again.outcome, WatchResult::Outcome::Reused);
    QCOMPARE(again.lease.streamId, first.lease.streamId);
    QCOMPARE(again.lease.startedAtMs, first.lease.startedAtMs);
    QCOMPARE(again.lease.lastHeartbeatAtMs, m_clock.nowMs());
    QCOMPARE(again.lease.expiresAtMs, m_clock.nowMs() + ttlMs);
    QCOMPARE(again.activeCount, 2);
    QCOMPARE(m_store->list(u"u"_qs, m_clock.nowMs()).active.size(), 2);
}

void tst_LeaseStoreContract::usersDoNotShareSlots()
{
    QCOMPARE(acquire(u"alice"_qs, u"v"_qs, 1).outcome, WatchResult::Outcome::Granted);
    QCOMPARE(acquire(u"bob"_qs, u"v"_qs, 1).outcome, WatchResult::Outcome::Granted);
    QCOMPARE(acquire(u"alice"_qs, u"w"_qs, 1).outcome, WatchResult::Outcome::Rejected);
}

void tst_LeaseStoreContract::evictOldestEndsTheOldestStream()
{
    const WatchResult oldest = acquire(u"u"_qs, u"a"_qs, 2, AtLimitBehaviour::EvictOldest);
    m_clock.advanceMs(10);
    const WatchResult middle = acquire(u"u"_qs, u"b"_qs, 2, AtLimitBehaviour::EvictOldest);
    m_clock.advanceMs(10);
    const WatchResult newest = acquire(u"u"_qs, u"c"_qs, 2, AtLimitBehaviour::EvictOldest);
    QCOMPARE(newest.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(newest.evicted.size(), 1);
    QCOMPARE(newest.evicted.first().streamId, oldest.lease.streamId);
    QCOMPARE(newest.activeCount, 2);

    const ListResult listed = m_store->list(u"u"_qs, m_clock.nowMs());
    QCOMPARE(listed.active.size(), 2);
    QCOMPARE(listed.active.at(0).streamId, middle.lease.streamId);
    QCOMPARE(listed.active.at(1).streamId, newest.lease.streamId);

    const HeartbeatResult late =
        m_store->renew(u"u"_qs, oldest.lease.streamId, ttlMs, m_clock.nowMs());
    QCOMPARE(late.outcome, HeartbeatResult::Outcome::Evicted);
}

void tst_LeaseStoreContract::evictOldestAfterALoweredLimitEndsEnough()
{
    for (int i = 0; i < 4; ++i) {
        m_clock.advanceMs(1);
        acquire(u"u"_qs, QStringLiteral("v%1").arg(i), 4, AtLimitBehaviour::EvictOldest);
    }
    m_clock.advanceMs(1);
    const WatchResult result = acquire(u"u"_qs, u"new"_qs, 2, AtLimitBehaviour::EvictOldest);
    QCOMPARE(result.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(result.evicted.size(), 3);
    QCOMPARE(result.evicted.at(0).videoId, u"v0"_qs);
    QCOMPARE(result.evicted.at(1).videoId, u"v1"_qs);
    QCOMPARE(result.evicted.at(2).videoId, u"v2"_qs);
    QCOMPARE(result.activeCount, 2);
}

void tst_LeaseStoreContract::loweringTheLimitKeepsRunningStreams()
{
    for (int i = 0; i < 3; ++i)
        acquire(u"u"_qs, QStringLiteral("v%1").arg(i), 3);
    const WatchResult rejected = acquire(u"u"_qs, u"x"_qs, 1);
    QCOMPARE(rejected.outcome, WatchResult::Outcome::Rejected);
    QCOMPARE(rejected.active.size(), 3);
    QCOMPARE(m_store->list(u"u"_qs, m_clock.nowMs()).active.size(), 3);
}

void tst_LeaseStoreContract::leaseStopsCountingAtItsExpiryInstant()
{
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs, 1);
    m_clock.setNowMs(granted.lease.expiresAtMs - 1);
    QCOMPARE(acquire(u"u"_qs, u"b"_qs, 1).outcome, WatchResult::Outcome::Rejected);
    m_clock.setNowMs(granted.lease.expiresAtMs);
    const WatchResult after = acquire(u"u"_qs, u"b"_qs, 1);
    QCOMPARE(after.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(after.expired.size(), 1);
    QCOMPARE(after.expired.first().streamId, granted.lease.streamId);
}

void tst_LeaseStoreContract::expiredLeaseIsReportedExactlyOnce()
{
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs);
    m_clock.advanceMs(ttlMs);
    const ListResult first = m_store->list(u"u"_qs, m_clock.nowMs());
    QCOMPARE(first.active.size(), 0);
    QCOMPARE(first.expired.size(), 1);
    QCOMPARE(first.expired.first().streamId, granted.lease.streamId);
    QCOMPARE(first.expired.first().expiresAtMs, granted.lease.expiresAtMs);
    QCOMPARE(m_store->list(u"u"_qs, m_clock.nowMs()).expired.size(), 0);
    QCOMPARE(m_store->sweep(m_clock.nowMs(), 100).expired.size(), 0);
    QCOMPARE(acquire(u"u"_qs, u"b"_qs).expired.size(), 0);
}

void tst_LeaseStoreContract::renewExtendsTheLease()
{
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs, 1);
    m_clock.advanceMs(ttlMs - 1);
    const HeartbeatResult renewed =
        m_store->renew(u"u"_qs, granted.lease.streamId, ttlMs, m_clock.nowMs());
    QCOMPARE(renewed.outcome, HeartbeatResult::Outcome::Renewed);
    QCOMPARE(renewed.lease.expiresAtMs, m_clock.nowMs() + ttlMs);
    QCOMPARE(renewed.lease.lastHeartbeatAtMs, m_clock.nowMs());
    QCOMPARE(renewed.lease.startedAtMs, granted.lease.startedAtMs);
    m_clock.advanceMs(ttlMs - 1);
    QCOMPARE(acquire(u"u"_qs, u"b"_qs, 1).outcome, WatchResult::Outcome::Rejected);
}

void tst_LeaseStoreContract::renewTellsWhyAStreamIsGone_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<HeartbeatResult::Outcome>("expected");
    QTest::newRow("expired") << u"expired"_qs << HeartbeatResult::Outcome::Expired;
    QTest::newRow("expired and swept") << u"swept"_qs << HeartbeatResult::Outcome::Expired;
    QTest::newRow("evicted") << u"evicted"_qs << HeartbeatResult::Outcome::Evicted;
    QTest::newRow("stopped") << u"stopped"_qs << HeartbeatResult::Outcome::Unknown;
    QTest::newRow("never existed") << u"never"_qs << HeartbeatResult::Outcome::Unknown;
}

void tst_LeaseStoreContract::renewTellsWhyAStreamIsGone()
{
    QFETCH(QString, how);
    QFETCH(HeartbeatResult::Outcome, expected);
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs, 1, AtLimitBehaviour::EvictOldest);
    StreamId id = granted.lease.streamId;
    if (how == u"expired") {
        m_clock.advanceMs(ttlMs);
    } else if (how == u"swept") {
        m_clock.advanceMs(ttlMs);
        QCOMPARE(m_store->sweep(m_clock.nowMs(), 100).expired.size(), 1);
    } else if (how == u"evicted") {
        m_clock.advanceMs(1);
        QCOMPARE(acquire(u"u"_qs, u"b"_qs, 1, AtLimitBehaviour::EvictOldest).evicted.size(), 1);
    } else if (how == u"stopped") {
        QCOMPARE(m_store->release(u"u"_qs, id, m_clock.nowMs()).outcome,
                 StopResult::Outcome::Stopped);
    } else {
        id = StreamId::generate();
    }
    QCOMPARE(m_store->renew(u"u"_qs, id, ttlMs, m_clock.nowMs()).outcome, expected);
}

void tst_LeaseStoreContract::renewIsScopedToTheUser()
{
    const WatchResult granted = acquire(u"alice"_qs, u"a"_qs);
    QCOMPARE(m_store->renew(u"bob"_qs, granted.lease.streamId, ttlMs, m_clock.nowMs()).outcome,
             HeartbeatResult::Outcome::Unknown);
    QCOMPARE(m_store->release(u"bob"_qs, granted.lease.streamId, m_clock.nowMs()).outcome,
             StopResult::Outcome::Unknown);
    QCOMPARE(m_store->list(u"alice"_qs, m_clock.nowMs()).active.size(), 1);
}

void tst_LeaseStoreContract::releaseEndsTheStreamOnce()
{
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs, 1);
    const StopResult stopped = m_store->release(u"u"_qs, granted.lease.streamId, m_clock.nowMs());
    QCOMPARE(stopped.outcome, StopResult::Outcome::Stopped);
    QCOMPARE(stopped.lease, granted.lease);
    QCOMPARE(m_store->release(u"u"_qs, granted.lease.streamId, m_clock.nowMs()).outcome,
             StopResult::Outcome::Unknown);
    QCOMPARE(acquire(u"u"_qs, u"b"_qs, 1).outcome, WatchResult::Outcome::Granted);
}

void tst_LeaseStoreContract::listShowsActiveStreamsOldestFirst()
{
    QCOMPARE(m_store->list(u"nobody"_qs, m_clock.nowMs()).outcome, ListResult::Outcome::Listed);
    QCOMPARE(m_store->list(u"nobody"_qs, m_clock.nowMs()).active.size(), 0);
    for (const QString &video : {u"c"_qs, u"a"_qs, u"b"_qs}) {
        m_clock.advanceMs(1);
        acquire(u"u"_qs, video, 5);
    }
    const ListResult listed = m_store->list(u"u"_qs, m_clock.nowMs());
    QCOMPARE(listed.active.size(), 3);
    QCOMPARE(listed.active.at(0).videoId, u"c"_qs);
    QCOMPARE(listed.active.at(1).videoId, u"a"_qs);
    QCOMPARE(listed.active.at(2).videoId, u"b"_qs);
}

void tst_LeaseStoreContract::zeroTtlNeverExpires()
{
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs, 1, AtLimitBehaviour::Reject, 0);
    QCOMPARE(granted.lease.expiresAtMs, Lease::neverExpires);
    m_clock.advanceMs(10LL * 365 * 24 * 3600 * 1000);
    QCOMPARE(acquire(u"u"_qs, u"b"_qs, 1, AtLimitBehaviour::Reject, 0).outcome,
             WatchResult::Outcome::Rejected);
    QCOMPARE(m_store->sweep(m_clock.nowMs(), 100).expired.size(), 0);
}

void tst_LeaseStoreContract::sweepWorksInBoundedBatches()
{
    for (int i = 0; i < 7; ++i)
        acquire(QStringLiteral("user%1").arg(i), u"v"_qs);
    const WatchResult keeper = acquire(u"keeper"_qs, u"v"_qs, 3, AtLimitBehaviour::Reject, 0);
    m_clock.advanceMs(ttlMs);

    QSet<QString> swept;
    const SweepResult first = m_store->sweep(m_clock.nowMs(), 3);
    QVERIFY(first.storeAvailable);
    QCOMPARE(first.expired.size(), 3);
    QVERIFY(first.more);
    int rounds = 1;
    SweepResult next = first;
    for (const Lease &lease : first.expired)
        swept.insert(lease.streamId.toString());
    while (next.more && rounds < 10) {
        next = m_store->sweep(m_clock.nowMs(), 3);
        QVERIFY(next.expired.size() <= 3);
        for (const Lease &lease : next.expired)
            QVERIFY2(!swept.contains(lease.streamId.toString()), "an expiry was reported twice");
        for (const Lease &lease : next.expired)
            swept.insert(lease.streamId.toString());
        ++rounds;
    }
    QCOMPARE(swept.size(), 7);
    QCOMPARE(m_store->sweep(m_clock.nowMs(), 3).expired.size(), 0);
    QCOMPARE(m_store->storedLeaseCount(), 1);
    QCOMPARE(m_store->list(u"keeper"_qs, m_clock.nowMs()).active.first(), keeper.lease);
}

void tst_LeaseStoreContract::sweepForgetsOldTombstones()
{
    const WatchResult granted = acquire(u"u"_qs, u"a"_qs);
    m_clock.advanceMs(ttlMs);
    QCOMPARE(m_store->sweep(m_clock.nowMs(), 100).expired.size(), 1);
    m_clock.advanceMs(StoreFixture::tombstoneRetentionMs - 1);
    m_store->sweep(m_clock.nowMs(), 100);
    QCOMPARE(m_store->renew(u"u"_qs, granted.lease.streamId, ttlMs, m_clock.nowMs()).outcome,
             HeartbeatResult::Outcome::Expired);
    m_clock.advanceMs(2);
    m_store->sweep(m_clock.nowMs(), 100);
    QCOMPARE(m_store->renew(u"u"_qs, granted.lease.streamId, ttlMs, m_clock.nowMs()).outcome,
             HeartbeatResult::Outcome::Unknown);
}

void tst_LeaseStoreContract::storedLeaseCountFollowsChanges()
{
    QCOMPARE(m_store->storedLeaseCount(), 0);
    const WatchResult a = acquire(u"u"_qs, u"a"_qs, 2, AtLimitBehaviour::EvictOldest);
    acquire(u"u"_qs, u"b"_qs, 2, AtLimitBehaviour::EvictOldest);
    acquire(u"v"_qs, u"a"_qs, 2, AtLimitBehaviour::EvictOldest);
    QCOMPARE(m_store->storedLeaseCount(), 3);
    m_clock.advanceMs(1);
    acquire(u"u"_qs, u"c"_qs, 2, AtLimitBehaviour::EvictOldest); // evicts a
    QCOMPARE(m_store->storedLeaseCount(), 3);
    m_store->release(u"v"_qs, m_store->list(u"v"_qs, m_clock.nowMs()).active.first().streamId,
                     m_clock.nowMs());
    QCOMPARE(m_store->storedLeaseCount(), 2);
    QVERIFY(m_store->isReachable());
    Q_UNUSED(a);
}

void tst_LeaseStoreContract::asyncCallsDecideLikeSyncCalls()
{
    std::optional<WatchResult> watched;
    m_store->acquireAsync(
        AcquireRequest{u"u"_qs, u"a"_qs, {}, 1, ttlMs, AtLimitBehaviour::Reject, m_clock.nowMs()},
        [&](WatchResult result) { watched = std::move(result); });
    QTRY_VERIFY(watched.has_value());
    QCOMPARE(watched->outcome, WatchResult::Outcome::Granted);
    const StreamId id = watched->lease.streamId;

    std::optional<WatchResult> rejected;
    m_store->acquireAsync(
        AcquireRequest{u"u"_qs, u"b"_qs, {}, 1, ttlMs, AtLimitBehaviour::Reject, m_clock.nowMs()},
        [&](WatchResult result) { rejected = std::move(result); });
    QTRY_VERIFY(rejected.has_value());
    QCOMPARE(rejected->outcome, WatchResult::Outcome::Rejected);

    std::optional<HeartbeatResult> renewed;
    m_store->renewAsync(u"u"_qs, id, ttlMs, m_clock.nowMs() + 5,
                        [&](HeartbeatResult result) { renewed = std::move(result); });
    QTRY_VERIFY(renewed.has_value());
    QCOMPARE(renewed->outcome, HeartbeatResult::Outcome::Renewed);
    QCOMPARE(renewed->lease.expiresAtMs, m_clock.nowMs() + 5 + ttlMs);

    std::optional<ListResult> listed;
    m_store->listAsync(u"u"_qs, m_clock.nowMs(),
                       [&](ListResult result) { listed = std::move(result); });
    QTRY_VERIFY(listed.has_value());
    QCOMPARE(listed->active.size(), 1);

    std::optional<StopResult> stopped;
    m_store->releaseAsync(u"u"_qs, id, m_clock.nowMs(),
                          [&](StopResult result) { stopped = std::move(result); });
    QTRY_VERIFY(stopped.has_value());
    QCOMPARE(stopped->outcome, StopResult::Outcome::Stopped);
}

void tst_LeaseStoreContract::concurrentAcquiresNeverExceedTheLimit()
{
    // Many threads race for the same few users; each user must end with exactly `limit` grants.
    constexpr int threads = 8;
    constexpr int attemptsPerThread = 40;
    constexpr int users = 4;
    constexpr int limit = 3;
    std::atomic<int> granted[users] = {};
    std::atomic<int> failures{0};
    const qint64 now = m_clock.nowMs();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < attemptsPerThread; ++i) {
                const int user = (t + i) % users;
                const WatchResult result =
                    m_store->acquire(AcquireRequest{QStringLiteral("user%1").arg(user),
                                                    QStringLiteral("video-%1-%2").arg(t).arg(i),
                                                    {},
                                                    limit,
                                                    ttlMs,
                                                    AtLimitBehaviour::Reject,
                                                    now});
                if (result.outcome == WatchResult::Outcome::Granted)
                    granted[user].fetch_add(1);
                else if (result.outcome != WatchResult::Outcome::Rejected ||
                         result.activeCount != limit)
                    failures.fetch_add(1);
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(failures.load(), 0);
    for (int user = 0; user < users; ++user) {
        QCOMPARE(granted[user].load(), limit);
        QCOMPARE(m_store->list(QStringLiteral("user%1").arg(user), now).active.size(), limit);
    }
}

QTEST_GUILESS_MAIN(tst_LeaseStoreContract)
#include "tst_LeaseStoreContract.moc"
