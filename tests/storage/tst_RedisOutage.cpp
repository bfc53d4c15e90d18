// Redis stopped in the middle of load on two `serve` instances, then started again (with its
// data, as after maintenance): while it is down every answer is a 503 problem+json with
// Retry-After and /readyz fails; nobody crashes; afterwards grants resume by themselves and the
// stored streams are exactly those the answers imply (plus, possibly, the outcome of requests
// that got no definite answer). No stream is granted twice (StreamLoad checks every answer).

#include "HttpConnection.h"
#include "RedisTestServer.h"
#include "ServeProcess.h"
#include "StreamLoad.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <array>

class tst_RedisOutage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void outageUnderLoad_data();
    void outageUnderLoad();

private:
    RedisTestServer m_redis;
    std::array<ServeProcess, 2> m_instances;
};

void tst_RedisOutage::initTestCase()
{
    m_redis.setPersistent(true);
    const QString error = m_redis.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // A short timeout so a stalled call fails fast; the policy (limit 2, no expiry) goes in
    // through the command line of the first instance, which seeds Redis.
    const QString store = QStringLiteral("redis://127.0.0.1:%1?timeout_ms=300").arg(m_redis.port());
    for (ServeProcess &instance : m_instances) {
        const QString startError =
            instance.start({QStringLiteral("--store"), store, QStringLiteral("--ttl"),
                            QStringLiteral("0"), QStringLiteral("--limit"), QStringLiteral("2")});
        QVERIFY2(startError.isEmpty(), qPrintable(startError));
    }
}

void tst_RedisOutage::cleanupTestCase()
{
    for (ServeProcess &instance : m_instances) {
        const QString error = instance.stop();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void tst_RedisOutage::outageUnderLoad_data()
{
    QTest::addColumn<int>("clients");
    QTest::newRow("50 clients on two instances") << 50;
}

void tst_RedisOutage::outageUnderLoad()
{
    QFETCH(int, clients);
    const QStringList users{QStringLiteral("erin"), QStringLiteral("frank"),
                            QStringLiteral("grace")};
    constexpr int limit = 2;
    for (ServeProcess &instance : m_instances) {
        HttpConnection connection(instance.port());
        QTRY_COMPARE_WITH_TIMEOUT(connection.request("GET", "/readyz").status, 200, 10'000);
    }

    StreamLoad load({m_instances[0].port(), m_instances[1].port()}, users, limit, clients);
    load.start(0);
    QTRY_VERIFY_WITH_TIMEOUT(load.count(201) >= 100, 60'000);
    QCOMPARE(load.count(503), 0);

    // Outage: 503s with Retry-After (checked per answer by StreamLoad) and /readyz fails.
    load.setUnavailableAllowed(true);
    m_redis.stop();
    QTRY_VERIFY_WITH_TIMEOUT(load.count(503) >= 100, 30'000);
    const int grantedDuringOutage = load.count(201);
    for (ServeProcess &instance : m_instances) {
        HttpConnection connection(instance.port());
        const HttpConnection::Response ready = connection.request("GET", "/readyz");
        QCOMPARE(ready.status, 503);
        QCOMPARE(ready.headers.value("content-type"), QByteArray("application/problem+json"));
        QVERIFY(ready.headers.value("retry-after").toInt() > 0);
        QVERIFY(instance.isRunning());
    }
    QTRY_VERIFY_WITH_TIMEOUT(load.count(503) >= 200, 30'000);
    QCOMPARE(load.count(201), grantedDuringOutage); // fail closed: no grant without Redis

    // Back: service resumes by itself.
    const QString error = m_redis.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(load.count(201) >= grantedDuringOutage + 100, 60'000);
    load.stop();
    QTRY_VERIFY_WITH_TIMEOUT(load.isIdle(), 30'000);
    QVERIFY2(load.violations().isEmpty(), qPrintable(load.violations().join(u'\n')));
    for (ServeProcess &instance : m_instances) {
        HttpConnection connection(instance.port());
        QTRY_COMPARE_WITH_TIMEOUT(connection.request("GET", "/readyz").status, 200, 10'000);
    }

    // Audit on both instances: what the answers imply, at most the limit, each video once.
    for (const QString &user : users) {
        for (ServeProcess &instance : m_instances) {
            HttpConnection connection(instance.port());
            const HttpConnection::StreamList list = connection.listStreams(user);
            QCOMPARE(list.response.status, 200);
            QSet<QByteArray> listed;
            QSet<QByteArray> videos;
            for (const QJsonValue &value : list.streams) {
                const QJsonObject stream = value.toObject();
                const QByteArray id = stream.value(u"stream_id").toString().toLatin1();
                const QByteArray video = stream.value(u"video_id").toString().toLatin1();
                QVERIFY2(!videos.contains(video), video.constData());
                videos.insert(video);
                listed.insert(id);
                // Not confirmed by a 201: then its watch got no definite answer.
                if (!load.expected(user).contains(id))
                    QVERIFY2(load.ambiguousVideos(user).contains(video), id.constData());
            }
            QVERIFY(listed.size() <= limit);
            QVERIFY(listed.contains(load.expected(user)));
        }
    }
}

QTEST_GUILESS_MAIN(tst_RedisOutage)
#include "tst_RedisOutage.moc"
