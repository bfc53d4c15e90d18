// The original service's two calls (PRODUCT.md §2), byte for byte.

#include "HttpTestHarness.h"

#include <QtTest>

class OriginalContractTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void watchAnswersTheVideoIdWhateverTheContentType_data();
    void watchAnswersTheVideoIdWhateverTheContentType();
    void fourthStreamIsRefusedWithTheOriginalMessage();
    void sameVideoAtTheLimitIsTheSameStream();
    void listNamesTheActiveVideos();
    void expiredStreamsStopCountingAtTheirExpiry();
    void invalidInputIsAProblem_data();
    void invalidInputIsAProblem();

private:
    std::unique_ptr<HttpTestHarness> m_http;
};

void OriginalContractTest::init()
{
    m_http = std::make_unique<HttpTestHarness>();
    QVERIFY(m_http->isListening());
}

void OriginalContractTest::cleanup()
{
    m_http.reset();
}

void OriginalContractTest::watchAnswersTheVideoIdWhateverTheContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("json") << QByteArray("application/json") << "1234567"
                          << QByteArray(R"({"video_id": "42"})")
                          << QByteArray(R"({"video_id":"42"})");
    // What the original's Postman collection and superagent client actually sent.
    QTest::newRow("form-urlencoded")
        << QByteArray("application/x-www-form-urlencoded") << "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        << QByteArray(R"({"video_id":"e07fc1f9-0ae7-4b2c-9f1e-1234567890ab"})")
        << QByteArray(R"({"video_id":"e07fc1f9-0ae7-4b2c-9f1e-1234567890ab"})");
    QTest::newRow("text/plain") << QByteArray("text/plain") << "u1"
                                << QByteArray("{\n  \"video_id\" : \"v\"\n}")
                                << QByteArray(R"({"video_id":"v"})");
    QTest::newRow("no content type")
        << QByteArray() << "u2" << QByteArray(R"({"video_id":"v","extra":[1,2]})")
        << QByteArray(R"({"video_id":"v"})");
}

void OriginalContractTest::watchAnswersTheVideoIdWhateverTheContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QString, userId);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const auto reply =
        m_http->send("POST", QStringLiteral("/user/%1/stream").arg(userId), body, headers);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, expected);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    QCOMPARE(m_http->store().list(userId, m_http->clock().nowMs()).active.size(), 1);
}

void OriginalContractTest::fourthStreamIsRefusedWithTheOriginalMessage()
{
    for (int video = 1; video <= 3; ++video) {
        const auto reply =
            m_http->postJson(QStringLiteral("/user/1234567/stream"),
                             QByteArray(R"({"video_id":")") + QByteArray::number(video) + "\"}");
        QCOMPARE(reply.status, 200);
    }
    const auto refused =
        m_http->postJson(QStringLiteral("/user/1234567/stream"), R"({"video_id":"4"})");
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.body, QByteArray(R"({"message":"User watching too many video streams."})"));
    QCOMPARE(m_http->store().list(QStringLiteral("1234567"), m_http->clock().nowMs()).active.size(),
             3);
}

void OriginalContractTest::sameVideoAtTheLimitIsTheSameStream()
{
    for (const char *video : {"a", "b", "c"})
        QCOMPARE(m_http
                     ->postJson(QStringLiteral("/user/u/stream"),
                                QByteArray(R"({"video_id":")") + video + "\"}")
                     .status,
                 200);
    const auto again = m_http->postJson(QStringLiteral("/user/u/stream"), R"({"video_id":"b"})");
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body, QByteArray(R"({"video_id":"b"})"));
    QCOMPARE(m_http->store().list(QStringLiteral("u"), m_http->clock().nowMs()).active.size(), 3);
}

void OriginalContractTest::listNamesTheActiveVideos()
{
    auto empty = m_http->get(QStringLiteral("/user/nobody/streams"));
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.body, QByteArray(R"({"streams":[]})"));

    m_http->postJson(QStringLiteral("/user/u/stream"), R"({"video_id":"first"})");
    m_http->clock().advanceMs(1);
    m_http->postJson(QStringLiteral("/user/u/stream"), R"({"video_id":"second"})");
    const auto listed = m_http->get(QStringLiteral("/user/u/streams"));
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body, QByteArray(R"({"streams":["first","second"]})"));
}

void OriginalContractTest::expiredStreamsStopCountingAtTheirExpiry()
{
    for (const char *video : {"a", "b", "c"})
        m_http->postJson(QStringLiteral("/user/u/stream"),
                         QByteArray(R"({"video_id":")") + video + "\"}");
    m_http->clock().advanceMs(m_http->limiter().policy().leaseTtlMs() - 1);
    QCOMPARE(m_http->postJson(QStringLiteral("/user/u/stream"), R"({"video_id":"d"})").status, 403);
    m_http->clock().advanceMs(1);
    QCOMPARE(m_http->get(QStringLiteral("/user/u/streams")).body, QByteArray(R"({"streams":[]})"));
    QCOMPARE(m_http->postJson(QStringLiteral("/user/u/stream"), R"({"video_id":"d"})").status, 200);
}

void OriginalContractTest::invalidInputIsAProblem_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    QTest::newRow("not json") << "/user/u/stream" << QByteArray("video_id=1") << QString();
    QTest::newRow("empty body") << "/user/u/stream" << QByteArray() << QString();
    QTest::newRow("array") << "/user/u/stream" << QByteArray("[]") << QString();
    QTest::newRow("missing video") << "/user/u/stream" << QByteArray("{}") << "video_id";
    QTest::newRow("numeric video")
        << "/user/u/stream" << QByteArray(R"({"video_id":7})") << "video_id";
    QTest::newRow("bad video") << "/user/u/stream" << QByteArray(R"({"video_id":"a b"})")
                               << "video_id";
    QTest::newRow("bad user") << "/user/a%20b/stream" << QByteArray(R"({"video_id":"v"})")
                              << "user_id";
    QTest::newRow("long user") << QStringLiteral("/user/%1/stream").arg(QString(129, u'x'))
                               << QByteArray(R"({"video_id":"v"})") << "user_id";
}

void OriginalContractTest::invalidInputIsAProblem()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);

    const auto reply =
        m_http->send("POST", path, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.contentType, QByteArray("application/problem+json"));
    const QJsonObject problem = reply.json();
    QCOMPARE(problem.value(u"status").toInt(), 400);
    QVERIFY(!problem.value(u"detail").toString().isEmpty());
    QCOMPARE(problem.value(u"request_id").toString().toLatin1(), reply.header("X-Request-Id"));
    if (!field.isEmpty())
        QCOMPARE(problem.value(u"field").toString(), field);
    QCOMPARE(m_http->store().storedLeaseCount(), 0);
}

QTEST_GUILESS_MAIN(OriginalContractTest)
#include "tst_OriginalContract.moc"
