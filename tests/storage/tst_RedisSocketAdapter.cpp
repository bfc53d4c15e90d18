// How the Qt event loop drives a hiredis connection: every command issued in one event-loop pass
// goes out in one write without arming the write notifier, and a write larger than the socket
// takes waits for room instead of losing data.

#include "RedisSocketAdapter.h"
#include "RedisTestServer.h"

#include <QTest>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

using namespace vs;

namespace {

struct Replies
{
    int count = 0;
    long long lastInteger = -1;
    QByteArray lastError;
};

void countReply(redisAsyncContext *, void *reply, void *privateData)
{
    auto *replies = static_cast<Replies *>(privateData);
    const auto *redis = static_cast<const redisReply *>(reply);
    if (!redis) {
        replies->lastError = QByteArrayLiteral("no reply");
        return;
    }
    ++replies->count;
    if (redis->type == REDIS_REPLY_INTEGER)
        replies->lastInteger = redis->integer;
    if (redis->type == REDIS_REPLY_ERROR)
        replies->lastError = QByteArray(redis->str, int(redis->len));
}

void noteConnect(const redisAsyncContext *context, int status)
{
    *static_cast<int *>(context->data) = status == REDIS_OK ? 1 : -1;
}

} // namespace

class tst_RedisSocketAdapter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void commandsOfOnePassGoOutInOneWrite();
    void eachPassWritesOnce();
    void writeLargerThanTheSocketWaitsForRoom();

private:
    RedisTestServer m_server;
    redisAsyncContext *m_context = nullptr;
    RedisSocketAdapter *m_adapter = nullptr;
    int m_connected = 0;
};

void tst_RedisSocketAdapter::initTestCase()
{
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_RedisSocketAdapter::init()
{
    QVERIFY(m_server.command({QByteArrayLiteral("FLUSHALL")}).startsWith("+OK"));
    m_connected = 0;
    m_context = redisAsyncConnect("127.0.0.1", m_server.port());
    QVERIFY(m_context && !m_context->err);
    m_context->data = &m_connected;
    m_adapter = new RedisSocketAdapter(this);
    QVERIFY(m_adapter->attach(m_context));
    redisAsyncSetConnectCallback(m_context, &noteConnect);
    QTRY_COMPARE(m_connected, 1);
}

void tst_RedisSocketAdapter::cleanup()
{
    if (m_context)
        redisAsyncFree(m_context);
    m_context = nullptr;
    delete m_adapter;
    m_adapter = nullptr;
}

void tst_RedisSocketAdapter::commandsOfOnePassGoOutInOneWrite()
{
    const RedisSocketAdapter::Statistics before = m_adapter->statistics();
    Replies replies;
    for (int i = 0; i < 200; ++i)
        redisAsyncCommand(m_context, &countReply, &replies, "INCR counter");
    // Nothing is written until the loop is about to block.
    QCOMPARE(m_adapter->statistics().flushes, before.flushes);

    QTRY_COMPARE(replies.count, 200);
    QVERIFY2(replies.lastError.isEmpty(), replies.lastError.constData());
    QCOMPARE(replies.lastInteger, 200LL); // all of them, in order
    const RedisSocketAdapter::Statistics after = m_adapter->statistics();
    QCOMPARE(after.flushes, before.flushes + 1);
    QCOMPARE(after.writeNotifierArms, before.writeNotifierArms);
}

void tst_RedisSocketAdapter::eachPassWritesOnce()
{
    const RedisSocketAdapter::Statistics before = m_adapter->statistics();
    Replies replies;
    for (int pass = 1; pass <= 5; ++pass) {
        for (int i = 0; i < 10; ++i)
            redisAsyncCommand(m_context, &countReply, &replies, "INCR counter");
        QTRY_COMPARE(replies.count, pass * 10);
    }
    QCOMPARE(replies.lastInteger, 50LL);
    const RedisSocketAdapter::Statistics after = m_adapter->statistics();
    QCOMPARE(after.flushes, before.flushes + 5);
    QCOMPARE(after.writeNotifierArms, before.writeNotifierArms);
}

void tst_RedisSocketAdapter::writeLargerThanTheSocketWaitsForRoom()
{
    const RedisSocketAdapter::Statistics before = m_adapter->statistics();
    // 16 MiB in one pass: more than a loopback socket buffer (at most 4 MiB) takes at once.
    const QByteArray value(1024 * 1024, 'x');
    Replies replies;
    for (int i = 0; i < 16; ++i) {
        redisAsyncCommand(m_context, &countReply, &replies, "APPEND big %b", value.constData(),
                          std::size_t(value.size()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(replies.count, 16, 30'000);
    QVERIFY2(replies.lastError.isEmpty(), replies.lastError.constData());
    QCOMPARE(replies.lastInteger, 16LL * value.size());
    const RedisSocketAdapter::Statistics after = m_adapter->statistics();
    QCOMPARE(after.flushes, before.flushes + 1);
    QVERIFY(after.writeNotifierArms > before.writeNotifierArms);
}

QTEST_GUILESS_MAIN(tst_RedisSocketAdapter)
#include "tst_RedisSocketAdapter.moc"
