// The shared policy: two instances (each a store, a limiter and a policy source) on one
// redis-server, as two `serve` processes would be. A change published through one reaches the
// other; the stored policy wins over an instance's own; bad stored values and outages never
// change a limiter's policy.

#include "ManualClock.h"
#include "RedisLeaseStore.h"
#include "RedisPolicySource.h"
#include "RedisTestServer.h"
#include "StreamLimiter.h"

#include <QRegularExpression>
#include <QTest>

#include <atomic>

#include <memory>

using namespace vs;

namespace {

std::atomic<int> invalidPolicyWarnings{0};
QtMessageHandler previousHandler = nullptr;

// Counts the source's warnings, so a test can wait until a poll has read a bad value.
void countingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.contains(QLatin1String("invalid policy")))
        ++invalidPolicyWarnings;
    if (previousHandler)
        previousHandler(type, context, message);
}

// What one `videostreams serve --store redis://...` holds.
struct Instance
{
    explicit Instance(const RedisEndpoint &endpoint)
        : store(RedisLeaseStore::Options{endpoint, 60'000, false})
        , limiter(store, clock)
        , source(RedisPolicySource::Options{endpoint, 20})
    {}

    ManualClock clock;
    RedisLeaseStore store;
    StreamLimiter limiter;
    RedisPolicySource source;
};

Policy policyWithLimit(int limit)
{
    Policy policy;
    policy.defaultLimit = limit;
    policy.planLimits.insert(QStringLiteral("premium"), limit + 2);
    policy.leaseTtlSeconds = 30;
    return policy;
}

} // namespace

class tst_RedisPolicySource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void publishedPolicyReachesEveryInstance_data();
    void publishedPolicyReachesEveryInstance();
    void storedPolicyWinsOverTheInitialOne();
    void malformedStoredPolicyIsIgnored();
    void publishFailsWhileRedisIsDown();

private:
    RedisEndpoint endpoint() const;
    // Publishes and waits for the answer; returns the error.
    static QString publish(Instance &instance, const Policy &policy);

    RedisTestServer m_server;
};

void tst_RedisPolicySource::initTestCase()
{
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_RedisPolicySource::init()
{
    if (!m_server.isRunning())
        QVERIFY(m_server.start().isEmpty());
    QVERIFY(m_server.command({QByteArrayLiteral("FLUSHALL")}).startsWith("+OK"));
}

RedisEndpoint tst_RedisPolicySource::endpoint() const
{
    RedisEndpoint endpoint;
    endpoint.port = m_server.port();
    endpoint.connectTimeoutMs = 500;
    endpoint.commandTimeoutMs = 500;
    endpoint.minBackoffMs = 20;
    endpoint.maxBackoffMs = 100;
    return endpoint;
}

QString tst_RedisPolicySource::publish(Instance &instance, const Policy &policy)
{
    bool answered = false;
    QString error;
    instance.source.publish(policy, [&](const QString &result) {
        error = result;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 5000))
        return QStringLiteral("no answer within 5 s");
    return error;
}

void tst_RedisPolicySource::publishedPolicyReachesEveryInstance_data()
{
    QTest::addColumn<int>("publisher");
    QTest::newRow("through the first") << 0;
    QTest::newRow("through the second") << 1;
}

void tst_RedisPolicySource::publishedPolicyReachesEveryInstance()
{
    QFETCH(int, publisher);
    Instance first(endpoint());
    Instance second(endpoint());
    first.source.attach(first.limiter, policyWithLimit(3));
    QTRY_VERIFY(
        m_server.command({QByteArrayLiteral("EXISTS"), RedisPolicySource::key()}).startsWith(":1"));
    second.source.attach(second.limiter, policyWithLimit(3));

    Instance *instances[] = {&first, &second};
    const Policy changed = policyWithLimit(1);
    QCOMPARE(publish(*instances[publisher], changed), QString());
    // The publisher applies it before answering; the other one within a poll.
    QCOMPARE(instances[publisher]->limiter.policy(), changed);
    QTRY_COMPARE(instances[1 - publisher]->limiter.policy(), changed);

    // And it decides: the user's second stream is refused by the other instance.
    Instance &other = *instances[1 - publisher];
    QCOMPARE(other.limiter.watch({QStringLiteral("u1"), QStringLiteral("v1"), {}, {}}).outcome,
             WatchResult::Outcome::Granted);
    QCOMPARE(other.limiter.watch({QStringLiteral("u1"), QStringLiteral("v2"), {}, {}}).outcome,
             WatchResult::Outcome::Rejected);
    QCOMPARE(m_server.command({QByteArrayLiteral("GET"), RedisPolicySource::key()})
                 .contains(RedisPolicySource::serialize(changed)),
             true);
}

void tst_RedisPolicySource::storedPolicyWinsOverTheInitialOne()
{
    Instance first(endpoint());
    first.source.attach(first.limiter, policyWithLimit(5));
    QTRY_VERIFY(
        m_server.command({QByteArrayLiteral("EXISTS"), RedisPolicySource::key()}).startsWith(":1"));

    // A second instance started with another --limit adopts the shared policy.
    Instance second(endpoint());
    second.limiter.setPolicy(policyWithLimit(2));
    second.source.attach(second.limiter, policyWithLimit(2));
    QTRY_COMPARE(second.limiter.policy(), policyWithLimit(5));
    QCOMPARE(first.limiter.policy(), policyWithLimit(5));
}

void tst_RedisPolicySource::malformedStoredPolicyIsIgnored()
{
    Instance instance(endpoint());
    instance.limiter.setPolicy(policyWithLimit(4));
    QVERIFY(m_server
                .command({QByteArrayLiteral("SET"), RedisPolicySource::key(),
                          QByteArrayLiteral(R"({"default_limit":"many"})")})
                .startsWith("+OK"));
    invalidPolicyWarnings = 0;
    previousHandler = qInstallMessageHandler(countingHandler);
    instance.source.attach(instance.limiter, policyWithLimit(4));
    // Once a poll has read the bad value, the limiter must still have its own policy.
    QTRY_VERIFY(invalidPolicyWarnings.load() > 0);
    qInstallMessageHandler(previousHandler);
    QCOMPARE(instance.limiter.policy(), policyWithLimit(4));
    QVERIFY(m_server
                .command({QByteArrayLiteral("SET"), RedisPolicySource::key(),
                          RedisPolicySource::serialize(policyWithLimit(7))})
                .startsWith("+OK"));
    QTRY_COMPARE(instance.limiter.policy(), policyWithLimit(7));
}

void tst_RedisPolicySource::publishFailsWhileRedisIsDown()
{
    Instance instance(endpoint());
    instance.source.attach(instance.limiter, policyWithLimit(3));
    QTRY_COMPARE(instance.limiter.policy(), policyWithLimit(3));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unavailable")));
    m_server.stop();

    const QString error = publish(instance, policyWithLimit(1));
    // "unavailable" or "closed the connection", depending on when the connection noticed.
    QVERIFY2(error.contains(QStringLiteral("127.0.0.1")), qPrintable(error));
    QCOMPARE(instance.limiter.policy(), policyWithLimit(3)); // nothing changed

    QVERIFY(m_server.start().isEmpty()); // same port, empty: the next publish stores it again
    QTRY_VERIFY_WITH_TIMEOUT(publish(instance, policyWithLimit(1)).isEmpty(), 5000);
    QCOMPARE(instance.limiter.policy(), policyWithLimit(1));
}

QTEST_GUILESS_MAIN(tst_RedisPolicySource)
#include "tst_RedisPolicySource.moc"
