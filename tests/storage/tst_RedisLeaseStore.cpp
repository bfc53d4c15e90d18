// What only the Redis store promises: server time, script reloading, passwords, the key layout,
// pipelined async calls, and failing closed while Redis is down, then recovering by itself.

#include "RedisLeaseStore.h"
#include "RedisTestServer.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSet>
#include <QTest>

#include <hiredis/hiredis.h>

#include <optional>

using namespace vs;

class tst_RedisLeaseStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void serverClockDecidesNotTheCaller();
    void reloadsScriptsAfterAFlush();
    void keysCarryTheUserHashTag();
    void manyAsyncCallsInFlight();
    void bookkeepingOfOnePassIsOneCommandEach();
    void failsClosedWhileDownAndRecovers();
    void unreachableServerFailsFast();
    void passwordIsSent();
    void nonBlockingSweepAnswersLater_data();
    void nonBlockingSweepAnswersLater();
    void nonBlockingSweepReportsAnOutage();
    void gaugeReadNeverWaitsForRedis();
    void reachabilityCheckNeverWaitsWhileConnecting();

private:
    RedisLeaseStore::Options options() const;
    WatchResult acquire(RedisLeaseStore &store, const QString &user, const QString &video,
                        qint64 nowMs);

    RedisTestServer m_server;
};

void tst_RedisLeaseStore::initTestCase()
{
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_RedisLeaseStore::init()
{
    if (!m_server.isRunning())
        QVERIFY(m_server.start().isEmpty());
    QVERIFY(m_server.command({QByteArrayLiteral("FLUSHALL")}).startsWith("+OK"));
}

RedisLeaseStore::Options tst_RedisLeaseStore::options() const
{
    RedisLeaseStore::Options options;
    options.endpoint.port = m_server.port();
    options.endpoint.connectTimeoutMs = 500;
    options.endpoint.commandTimeoutMs = 500;
    options.endpoint.minBackoffMs = 20;
    options.endpoint.maxBackoffMs = 100;
    return options;
}

WatchResult tst_RedisLeaseStore::acquire(RedisLeaseStore &store, const QString &user,
                                         const QString &video, qint64 nowMs)
{
    return store.acquire(
        AcquireRequest{user, video, {}, 2, 60'000, AtLimitBehaviour::Reject, nowMs});
}

void tst_RedisLeaseStore::serverClockDecidesNotTheCaller()
{
    // Two instances whose clocks are a day apart see the same lease times: Redis' TIME.
    RedisLeaseStore early(options());
    RedisLeaseStore late(options());
    const qint64 day = 24LL * 3600 * 1000;
    const WatchResult first = acquire(early, u"u"_qs, u"a"_qs, 1'000);
    QCOMPARE(first.outcome, WatchResult::Outcome::Granted);
    const WatchResult second = acquire(late, u"u"_qs, u"b"_qs, 1'000 + 400 * day);
    QCOMPARE(second.outcome, WatchResult::Outcome::Granted);
    const qint64 serverNow = QDateTime::currentMSecsSinceEpoch();
    for (const WatchResult *result : {&first, &second}) {
        QVERIFY(qAbs(result->lease.startedAtMs - serverNow) < 60'000);
        QCOMPARE(result->lease.expiresAtMs, result->lease.startedAtMs + 60'000);
    }
    // The late instance's clock would have expired the first lease; the server's has not.
    QCOMPARE(late.list(u"u"_qs, 1'000 + 400 * day).active.size(), 2);
}

void tst_RedisLeaseStore::reloadsScriptsAfterAFlush()
{
    RedisLeaseStore store(options());
    QCOMPARE(acquire(store, u"u"_qs, u"a"_qs, 0).outcome, WatchResult::Outcome::Granted);
    QVERIFY(m_server.command({QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("FLUSH")})
                .startsWith("+OK"));
    QCOMPARE(acquire(store, u"u"_qs, u"b"_qs, 0).outcome, WatchResult::Outcome::Granted);
    QVERIFY(m_server.command({QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("FLUSH")})
                .startsWith("+OK"));
    std::optional<WatchResult> asyncResult;
    store.acquireAsync(AcquireRequest{u"u"_qs, u"c"_qs, {}, 2, 60'000, AtLimitBehaviour::Reject, 0},
                       [&](WatchResult result) { asyncResult = std::move(result); });
    QTRY_VERIFY(asyncResult.has_value());
    QCOMPARE(asyncResult->outcome, WatchResult::Outcome::Rejected);
    QCOMPARE(asyncResult->active.size(), 2);
}

void tst_RedisLeaseStore::keysCarryTheUserHashTag()
{
    RedisLeaseStore store(options());
    acquire(store, u"user-7"_qs, u"a"_qs, 0);
    const QByteArray keys = m_server.command({QByteArrayLiteral("KEYS"), QByteArrayLiteral("*")});
    QVERIFY2(keys.contains("vs:{user-7}:leases"), keys.constData());
    QVERIFY2(keys.contains("vs:{user-7}:meta"), keys.constData());
    QVERIFY2(keys.contains("vs:{index}:due"), keys.constData());
}

void tst_RedisLeaseStore::manyAsyncCallsInFlight()
{
    RedisLeaseStore store(options());
    constexpr int calls = 500;
    constexpr int users = 50;
    int granted[users] = {};
    int answered = 0;
    for (int i = 0; i < calls; ++i) {
        const int user = i % users;
        store.acquireAsync(AcquireRequest{QStringLiteral("u%1").arg(user),
                                          QStringLiteral("v%1").arg(i),
                                          {},
                                          3,
                                          60'000,
                                          AtLimitBehaviour::Reject,
                                          0},
                           [&, user](WatchResult result) {
                               ++answered;
                               if (result.outcome == WatchResult::Outcome::Granted)
                                   ++granted[user];
                           });
    }
    QCOMPARE(answered, 0);
    QTRY_COMPARE_WITH_TIMEOUT(answered, calls, 20'000);
    for (int user = 0; user < users; ++user)
        QCOMPARE(granted[user], 3);
    QCOMPARE(store.storedLeaseCount(), users * 3);
}

// The sweep index and the lease count are updated for all calls answered in one event-loop pass
// with one ZADD and one INCRBY, not one of each per call.
void tst_RedisLeaseStore::bookkeepingOfOnePassIsOneCommandEach()
{
    RedisLeaseStore store(options());
    QCOMPARE(acquire(store, u"warm-up"_qs, u"v"_qs, 0).outcome, WatchResult::Outcome::Granted);
    QVERIFY(m_server.command({QByteArrayLiteral("CONFIG"), QByteArrayLiteral("RESETSTAT")})
                .startsWith("+OK"));

    constexpr int calls = 200;
    int granted = 0;
    for (int i = 0; i < calls; ++i) {
        store.acquireAsync(AcquireRequest{QStringLiteral("u%1").arg(i),
                                          QStringLiteral("v"),
                                          {},
                                          3,
                                          60'000,
                                          AtLimitBehaviour::Reject,
                                          0},
                           [&](WatchResult result) {
                               if (result.outcome == WatchResult::Outcome::Granted)
                                   ++granted;
                           });
    }
    QTRY_COMPARE_WITH_TIMEOUT(granted, calls, 20'000);
    QTRY_COMPARE(store.storedLeaseCount(), calls + 1);
    QVERIFY(m_server.command({QByteArrayLiteral("ZCARD"), QByteArrayLiteral("vs:{index}:due")})
                .startsWith(QByteArray(":" + QByteArray::number(calls + 1))));

    RedisEndpoint endpoint;
    endpoint.port = m_server.port();
    RedisSyncConnection connection(endpoint);
    QString error;
    const RedisSyncConnection::Reply info =
        connection.command({QByteArrayLiteral("INFO"), QByteArrayLiteral("commandstats")}, &error);
    QVERIFY2(info && info->type == REDIS_REPLY_STRING, qPrintable(error));
    const QByteArray stats(info->str, int(info->len));
    const auto callsOf = [&stats](const QByteArray &command) {
        const QByteArray key = "cmdstat_" + command + ":calls=";
        const qsizetype at = stats.indexOf(key);
        if (at < 0)
            return 0;
        const qsizetype start = at + key.size();
        return stats.mid(start, stats.indexOf(',', start) - start).toInt();
    };
    // Replies may arrive over a few reads, hence a few passes; one per call would be 200.
    const int zadds = callsOf("zadd");
    const int incrbys = callsOf("incrby");
    QVERIFY2(zadds >= 1 && zadds <= 5, stats.constData());
    QVERIFY2(incrbys >= 1 && incrbys <= 5, stats.constData());
}

void tst_RedisLeaseStore::failsClosedWhileDownAndRecovers()
{
    RedisLeaseStore store(options());
    QSet<QString> grantedIds;
    const WatchResult before = acquire(store, u"u"_qs, u"a"_qs, 0);
    QCOMPARE(before.outcome, WatchResult::Outcome::Granted);
    grantedIds.insert(before.lease.streamId.toString());
    QTRY_VERIFY(store.isReachable());

    m_server.stop();
    const WatchResult down = acquire(store, u"u"_qs, u"b"_qs, 0);
    QCOMPARE(down.outcome, WatchResult::Outcome::StoreUnavailable);
    QVERIFY2(down.failure.message.contains(u"unavailable"_qs), qPrintable(down.failure.message));
    QCOMPARE(store.renew(u"u"_qs, before.lease.streamId, 60'000, 0).outcome,
             HeartbeatResult::Outcome::StoreUnavailable);
    QCOMPARE(store.release(u"u"_qs, before.lease.streamId, 0).outcome,
             StopResult::Outcome::StoreUnavailable);
    QCOMPARE(store.list(u"u"_qs, 0).outcome, ListResult::Outcome::StoreUnavailable);
    QVERIFY(!store.sweep(0, 10).storeAvailable);
    std::optional<WatchResult> asyncDown;
    store.acquireAsync(AcquireRequest{u"u"_qs, u"c"_qs, {}, 2, 60'000, AtLimitBehaviour::Reject, 0},
                       [&](WatchResult result) { asyncDown = std::move(result); });
    QTRY_VERIFY(asyncDown.has_value());
    QCOMPARE(asyncDown->outcome, WatchResult::Outcome::StoreUnavailable);
    QTRY_VERIFY(!store.isReachable());

    // Redis restarts empty (no persistence in tests): service resumes by itself.
    QVERIFY(m_server.start().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(store.isReachable(), 10'000);
    // The async connection reconnects on its own, after its backoff.
    std::optional<WatchResult> asyncUp;
    QDeadlineTimer deadline(10'000);
    do {
        asyncUp.reset();
        store.acquireAsync(
            AcquireRequest{u"u"_qs, u"d"_qs, {}, 2, 60'000, AtLimitBehaviour::Reject, 0},
            [&](WatchResult result) { asyncUp = std::move(result); });
        QTRY_VERIFY(asyncUp.has_value());
    } while (asyncUp->outcome == WatchResult::Outcome::StoreUnavailable && !deadline.hasExpired());
    QCOMPARE(asyncUp->outcome, WatchResult::Outcome::Granted);
    QVERIFY(!grantedIds.contains(asyncUp->lease.streamId.toString()));
    // The blocking connection reconnects too (each call may need one retry after its backoff).
    WatchResult syncUp;
    do {
        syncUp = acquire(store, u"u"_qs, u"e"_qs, 0);
    } while (syncUp.outcome == WatchResult::Outcome::StoreUnavailable &&
             QTest::qWaitFor([] { return false; }, 20) == false && !deadline.hasExpired());
    QCOMPARE(syncUp.outcome, WatchResult::Outcome::Granted);
    QCOMPARE(acquire(store, u"u"_qs, u"f"_qs, 0).outcome, WatchResult::Outcome::Rejected);
}

void tst_RedisLeaseStore::unreachableServerFailsFast()
{
    RedisLeaseStore::Options unreachable = options();
    unreachable.endpoint.port = 1; // nothing listens on port 1
    RedisLeaseStore store(unreachable);
    const WatchResult result = acquire(store, u"u"_qs, u"a"_qs, 0);
    QCOMPARE(result.outcome, WatchResult::Outcome::StoreUnavailable);
    QVERIFY2(result.failure.message.contains(u"127.0.0.1:1"_qs),
             qPrintable(result.failure.message));
    QVERIFY(!store.isReachable());
    QCOMPARE(store.storedLeaseCount(), 0);
}

void tst_RedisLeaseStore::passwordIsSent()
{
    RedisTestServer secured;
    QVERIFY(secured.start(u"hunter2"_qs).isEmpty());
    RedisLeaseStore::Options withPassword = options();
    withPassword.endpoint.port = secured.port();
    withPassword.endpoint.password = u"hunter2"_qs;
    withPassword.endpoint.database = 1;
    RedisLeaseStore store(withPassword);
    QCOMPARE(acquire(store, u"u"_qs, u"a"_qs, 0).outcome, WatchResult::Outcome::Granted);
    std::optional<WatchResult> asyncResult;
    store.acquireAsync(AcquireRequest{u"u"_qs, u"b"_qs, {}, 2, 60'000, AtLimitBehaviour::Reject, 0},
                       [&](WatchResult result) { asyncResult = std::move(result); });
    QTRY_VERIFY(asyncResult.has_value());
    QCOMPARE(asyncResult->outcome, WatchResult::Outcome::Granted);

    RedisLeaseStore::Options wrongPassword = withPassword;
    wrongPassword.endpoint.password = u"wrong"_qs;
    RedisLeaseStore refused(wrongPassword);
    const WatchResult denied = acquire(refused, u"u"_qs, u"c"_qs, 0);
    QCOMPARE(denied.outcome, WatchResult::Outcome::StoreUnavailable);
    QVERIFY2(!denied.failure.message.contains(u"wrong"_qs), qPrintable(denied.failure.message));
}

void tst_RedisLeaseStore::nonBlockingSweepAnswersLater_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("leasesPerUser");
    QTest::addColumn<int>("maxLeases");
    QTest::newRow("one user") << 1 << 2 << 100;
    QTest::newRow("many users, one batch") << 20 << 2 << 100;
    QTest::newRow("more users than a batch") << 30 << 2 << 10;
}

void tst_RedisLeaseStore::nonBlockingSweepAnswersLater()
{
    QFETCH(int, users);
    QFETCH(int, leasesPerUser);
    QFETCH(int, maxLeases);
    RedisLeaseStore::Options storeOptions = options();
    storeOptions.useCallerClockForTests = true;
    storeOptions.nonBlockingSweep = true;
    RedisLeaseStore store(storeOptions);
    for (int user = 0; user < users; ++user) {
        for (int video = 0; video < leasesPerUser; ++video) {
            const WatchResult granted =
                store.acquire(AcquireRequest{QStringLiteral("u%1").arg(user),
                                             QStringLiteral("v%1").arg(video),
                                             {},
                                             leasesPerUser,
                                             1'000,
                                             AtLimitBehaviour::Reject,
                                             1'000});
            QCOMPARE(granted.outcome, WatchResult::Outcome::Granted);
        }
    }
    const qint64 later = 10'000;
    // Had the call waited for Redis, it would return the expired leases: it cannot know them yet.
    QVERIFY(store.sweep(later, maxLeases).expired.isEmpty());
    QVERIFY(store.isSweepRunning());
    // One sweep at a time: a call while it waits starts nothing and has nothing to hand out.
    QVERIFY(store.sweep(later, maxLeases).expired.isEmpty());

    const int total = users * leasesPerUser;
    QSet<QString> expired;
    QDeadlineTimer deadline(20'000);
    while (expired.size() < total && !deadline.hasExpired()) {
        QTRY_VERIFY(!store.isSweepRunning());
        const SweepResult result = store.sweep(later, maxLeases);
        QVERIFY(result.storeAvailable);
        QVERIFY2(result.expired.size() <= maxLeases, "a sweep must stay within its batch");
        for (const Lease &lease : result.expired) {
            QVERIFY2(!expired.contains(lease.streamId.toString()), "a lease expired twice");
            expired.insert(lease.streamId.toString());
        }
    }
    QCOMPARE(expired.size(), total);
    for (int user = 0; user < users; ++user) {
        const QByteArray key = QStringLiteral("vs:{u%1}:leases").arg(user).toLatin1();
        QCOMPARE(m_server.command({QByteArrayLiteral("HLEN"), key}), QByteArray(":0\r\n"));
    }
}

void tst_RedisLeaseStore::nonBlockingSweepReportsAnOutage()
{
    RedisLeaseStore::Options storeOptions = options();
    storeOptions.nonBlockingSweep = true;
    RedisLeaseStore store(storeOptions);
    QCOMPARE(acquire(store, u"u"_qs, u"a"_qs, 0).outcome, WatchResult::Outcome::Granted);
    QTRY_VERIFY(store.isReachable());
    m_server.stop();
    // Returns at once even though Redis cannot answer; the failure is reported by the next call.
    QVERIFY(store.sweep(0, 10).storeAvailable);
    QTRY_VERIFY(!store.isSweepRunning());
    QVERIFY(!store.sweep(0, 10).storeAvailable);
}

void tst_RedisLeaseStore::gaugeReadNeverWaitsForRedis()
{
    // /metrics reads the lease gauge on the server thread. With Redis hung (SIGSTOP) a blocking
    // GET would wait for the whole command timeout (10 s here); the gauge read answers at once
    // with the count it read before.
    RedisLeaseStore::Options slow = options();
    slow.endpoint.commandTimeoutMs = 10'000;
    RedisLeaseStore store(slow);
    for (const QString &user : {u"a"_qs, u"b"_qs, u"c"_qs})
        QCOMPARE(acquire(store, user, u"v"_qs, 1'000).outcome, WatchResult::Outcome::Granted);
    QTRY_COMPARE(store.storedLeaseCountForGauge(), 3);

    m_server.pause();
    const auto resumeServer = qScopeGuard([this] { m_server.resume(); });
    QElapsedTimer elapsed;
    elapsed.start();
    QCOMPARE(store.storedLeaseCountForGauge(), 3);
    QCOMPARE(store.storedLeaseCountForGauge(), 3); // its GET is still unanswered: no second one
    QVERIFY2(elapsed.elapsed() < 5'000, "the gauge read waited for Redis");

    m_server.resume();
    QCOMPARE(acquire(store, u"d"_qs, u"v"_qs, 1'000).outcome, WatchResult::Outcome::Granted);
    QTRY_COMPARE(store.storedLeaseCountForGauge(), 4);
}

void tst_RedisLeaseStore::reachabilityCheckNeverWaitsWhileConnecting()
{
    // /readyz asks on the server thread. A store made while Redis hangs is still connecting:
    // the blocking check would PING and wait for the whole command timeout (10 s here); the
    // asynchronous one returns at once and answers when Redis does.
    m_server.pause();
    const auto resumeServer = qScopeGuard([this] { m_server.resume(); });
    RedisLeaseStore::Options slow = options();
    slow.endpoint.connectTimeoutMs = 10'000;
    slow.endpoint.commandTimeoutMs = 10'000;
    RedisLeaseStore store(slow);

    std::optional<bool> reachable;
    QElapsedTimer elapsed;
    elapsed.start();
    store.isReachableAsync([&](bool answer) { reachable = answer; });
    QVERIFY2(elapsed.elapsed() < 5'000, "the reachability check waited for Redis");
    QVERIFY(!reachable.has_value());

    m_server.resume();
    QTRY_VERIFY(reachable.has_value());
    QVERIFY(*reachable);
}

QTEST_GUILESS_MAIN(tst_RedisLeaseStore)
#include "tst_RedisLeaseStore.moc"
