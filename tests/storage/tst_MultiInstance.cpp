// Three `videostreams serve` processes on one redis-server enforce one limit together: 54
// concurrent keep-alive clients spread over them hammer the same few users with watch and stop,
// every answer is checked (StreamLoad), then every instance must list exactly the streams the
// answers imply. The limit is set through one instance (PUT /v1/policy) and must reach all.

#include "HttpConnection.h"
#include "RedisTestServer.h"
#include "ServeProcess.h"
#include "StreamLoad.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <array>
#include <memory>

class tst_MultiInstance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void limitHoldsAcrossInstances_data();
    void limitHoldsAcrossInstances();

private:
    QList<quint16> ports() const;

    RedisTestServer m_redis;
    std::array<ServeProcess, 3> m_instances;
};

void tst_MultiInstance::initTestCase()
{
    const QString error = m_redis.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString store =
        QStringLiteral("redis://127.0.0.1:%1?timeout_ms=5000").arg(m_redis.port());
    for (ServeProcess &instance : m_instances) {
        const QString startError = instance.start(
            {QStringLiteral("--store"), store, QStringLiteral("--ttl"), QStringLiteral("0")});
        QVERIFY2(startError.isEmpty(), qPrintable(startError));
    }
}

void tst_MultiInstance::cleanupTestCase()
{
    for (ServeProcess &instance : m_instances) {
        if (instance.isRunning()) {
            const QString error = instance.stop();
            QVERIFY2(error.isEmpty(), qPrintable(error)); // no instance crashed meanwhile
        }
    }
}

QList<quint16> tst_MultiInstance::ports() const
{
    QList<quint16> ports;
    for (const ServeProcess &instance : m_instances)
        ports.append(instance.port());
    return ports;
}

void tst_MultiInstance::limitHoldsAcrossInstances_data()
{
    QTest::addColumn<QStringList>("users");
    QTest::addColumn<int>("limit");
    QTest::newRow("three users, limit 2")
        << QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}
        << 2;
    QTest::newRow("one user, limit 1") << QStringList{QStringLiteral("dave")} << 1;
}

void tst_MultiInstance::limitHoldsAcrossInstances()
{
    QFETCH(QStringList, users);
    QFETCH(int, limit);
    constexpr int clients = 54;
    constexpr int requestsPerClient = 30;

    // The policy goes in through the first instance and must reach the others.
    HttpConnection first(m_instances[0].port());
    const QByteArray policy =
        R"({"default_limit":)" + QByteArray::number(limit) + R"(,"lease_ttl_s":0})";
    QCOMPARE(first.request("PUT", "/v1/policy", policy).status, 200);
    const QByteArray expectedLimit =
        QByteArray(R"("default_limit":)") + QByteArray::number(limit) + ',';
    for (ServeProcess &instance : m_instances) {
        HttpConnection connection(instance.port());
        QTRY_VERIFY_WITH_TIMEOUT(
            connection.request("GET", "/v1/policy").body.contains(expectedLimit), 10'000);
    }

    StreamLoad load(ports(), users, limit, clients);
    load.start(requestsPerClient);
    QTRY_VERIFY_WITH_TIMEOUT(load.isIdle(), 120'000);
    QVERIFY2(load.violations().isEmpty(), qPrintable(load.violations().join(u'\n')));
    QCOMPARE(load.answered(), clients * requestsPerClient);
    // The load really contended: both grants and refusals happened.
    QVERIFY(load.count(201) > 0);
    QVERIFY(load.count(409) > 0);

    // Audit: every instance lists exactly the streams granted and not stopped.
    for (const QString &user : users) {
        for (ServeProcess &instance : m_instances) {
            HttpConnection connection(instance.port());
            const HttpConnection::StreamList list = connection.listStreams(user);
            QCOMPARE(list.response.status, 200);
            QSet<QByteArray> listed;
            for (const QJsonValue &stream : list.streams)
                listed.insert(stream.toObject().value(u"stream_id").toString().toLatin1());
            QVERIFY(listed.size() <= limit);
            QCOMPARE(listed, load.expected(user));
        }
        // Clean up for the next row: stop what is left.
        HttpConnection connection(m_instances[0].port());
        for (const QByteArray &id : load.expected(user))
            QCOMPARE(connection.request("DELETE", "/v1/users/" + user.toLatin1() + "/streams/" + id)
                         .status,
                     204);
    }
}

QTEST_GUILESS_MAIN(tst_MultiInstance)
#include "tst_MultiInstance.moc"
