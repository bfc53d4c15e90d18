// The versioned API: every /v1 route, its statuses and its problems.

#include "HttpTestHarness.h"

#include "IdRules.h"
#include "MemoryLeaseStore.h"

#include <QJsonArray>
#include <QtTest>

class StreamsApiTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void watchGrantsAStream();
    void watchAgainReusesTheStream();
    void watchAtTheLimitConflictsAndListsActiveStreams();
    void evictOldestGrantsAndTheOldestLearnsOnHeartbeat();
    void heartbeatExtendsTheLease();
    void heartbeatAfterExpiryIsGone();
    void stopEndsTheStream();
    void getFindsExactlyTheAskedStream();
    void streamsAreAddressedThroughTheirOwner_data();
    void streamsAreAddressedThroughTheirOwner();
    void listShowsLimitAndStreams();
    void errorStatuses_data();
    void errorStatuses();
    void wrongMethodListsTheAllowedOnes_data();
    void wrongMethodListsTheAllowedOnes();
    void bodyOver64KiBIsTooLarge();
    void requestIdIsEchoedWhenSane_data();
    void requestIdIsEchoedWhenSane();

private:
    QJsonObject startStream(const QString &user, const QString &video, int expectedStatus = 201);

    std::unique_ptr<HttpTestHarness> m_http;
};

void StreamsApiTest::init()
{
    m_http = std::make_unique<HttpTestHarness>();
    QVERIFY(m_http->isListening());
}

void StreamsApiTest::cleanup()
{
    m_http.reset();
}

QJsonObject StreamsApiTest::startStream(const QString &user, const QString &video,
                                        int expectedStatus)
{
    const auto reply = m_http->postJson(QStringLiteral("/v1/users/%1/streams").arg(user),
                                        QByteArray(R"({"video_id":")") + video.toLatin1() + "\"}");
    if (reply.status != expectedStatus)
        qWarning("expected %d, got %d: %s", expectedStatus, reply.status, reply.body.constData());
    return reply.status == expectedStatus ? reply.json() : QJsonObject();
}

void StreamsApiTest::watchGrantsAStream()
{
    const qint64 now = m_http->clock().nowMs();
    const auto reply = m_http->postJson(QStringLiteral("/v1/users/u1/streams"),
                                        R"({"video_id":"v1","device_id":"tv-1","plan":"basic"})");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    const QJsonObject stream = reply.json();
    const QString streamId = stream.value(u"stream_id").toString();
    QCOMPARE(streamId.size(), 22);
    QCOMPARE(reply.header("Location"), "/v1/users/u1/streams/" + streamId.toLatin1());
    QCOMPARE(stream.value(u"user_id").toString(), QStringLiteral("u1"));
    QCOMPARE(stream.value(u"video_id").toString(), QStringLiteral("v1"));
    QCOMPARE(stream.value(u"device_id").toString(), QStringLiteral("tv-1"));
    const auto started =
        QDateTime::fromString(stream.value(u"started_at").toString(), Qt::ISODateWithMs);
    QCOMPARE(started.toMSecsSinceEpoch(), now);
    QVERIFY(stream.value(u"started_at").toString().endsWith(u'Z'));
    const auto expires =
        QDateTime::fromString(stream.value(u"expires_at").toString(), Qt::ISODateWithMs);
    QCOMPARE(expires.toMSecsSinceEpoch(), now + 90'000);
    QCOMPARE(stream.value(u"heartbeat_interval_s").toInt(), 30);

    // Location points at the stream.
    const auto fetched = m_http->get(QString::fromLatin1(reply.header("Location")));
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.json(), stream);
}

void StreamsApiTest::watchAgainReusesTheStream()
{
    const QJsonObject first = startStream(QStringLiteral("u"), QStringLiteral("v"));
    m_http->clock().advanceMs(5'000);
    const QJsonObject again = startStream(QStringLiteral("u"), QStringLiteral("v"), 200);
    QCOMPARE(again.value(u"stream_id"), first.value(u"stream_id"));
    QVERIFY(again.value(u"expires_at").toString() > first.value(u"expires_at").toString());
    QCOMPARE(m_http->store().storedLeaseCount(), 1);
}

void StreamsApiTest::watchAtTheLimitConflictsAndListsActiveStreams()
{
    QStringList ids;
    for (const char *video : {"a", "b", "c"})
        ids << startStream(QStringLiteral("u"), QString::fromLatin1(video))
                   .value(u"stream_id")
                   .toString();
    const auto reply =
        m_http->postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"d"})");
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.contentType, QByteArray("application/problem+json"));
    const QJsonObject problem = reply.json();
    QCOMPARE(problem.value(u"limit").toInt(), 3);
    QVERIFY(problem.value(u"type").toString().endsWith(u"/limit-reached"));
    const QJsonArray active = problem.value(u"active_streams").toArray();
    QCOMPARE(active.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(active.at(i).toObject().value(u"stream_id").toString(), ids.at(i));
    // The same video is still reused at the limit.
    startStream(QStringLiteral("u"), QStringLiteral("b"), 200);
}

void StreamsApiTest::evictOldestGrantsAndTheOldestLearnsOnHeartbeat()
{
    vs::Policy policy = m_http->limiter().policy();
    policy.atLimit = vs::AtLimitBehaviour::EvictOldest;
    policy.defaultLimit = 1;
    m_http->limiter().setPolicy(policy);

    const QString oldest =
        startStream(QStringLiteral("u"), QStringLiteral("a")).value(u"stream_id").toString();
    m_http->clock().advanceMs(1);
    QVERIFY(!startStream(QStringLiteral("u"), QStringLiteral("b")).isEmpty());
    const auto reply =
        m_http->send("POST", QStringLiteral("/v1/users/u/streams/%1/heartbeat").arg(oldest));
    QCOMPARE(reply.status, 410);
    QCOMPARE(reply.json().value(u"reason").toString(), QStringLiteral("evicted"));
    QVERIFY(reply.json().value(u"type").toString().endsWith(u"/stream-evicted"));
}

void StreamsApiTest::heartbeatExtendsTheLease()
{
    const QString id =
        startStream(QStringLiteral("u"), QStringLiteral("v")).value(u"stream_id").toString();
    m_http->clock().advanceMs(60'000);
    const auto reply =
        m_http->send("POST", QStringLiteral("/v1/users/u/streams/%1/heartbeat").arg(id));
    QCOMPARE(reply.status, 200);
    const auto expires =
        QDateTime::fromString(reply.json().value(u"expires_at").toString(), Qt::ISODateWithMs);
    QCOMPARE(expires.toMSecsSinceEpoch(), m_http->clock().nowMs() + 90'000);
    m_http->clock().advanceMs(89'999);
    QCOMPARE(
        m_http->send("POST", QStringLiteral("/v1/users/u/streams/%1/heartbeat").arg(id)).status,
        200);
}

void StreamsApiTest::heartbeatAfterExpiryIsGone()
{
    const QString id =
        startStream(QStringLiteral("u"), QStringLiteral("v")).value(u"stream_id").toString();
    m_http->clock().advanceMs(90'000);
    const auto reply =
        m_http->send("POST", QStringLiteral("/v1/users/u/streams/%1/heartbeat").arg(id));
    QCOMPARE(reply.status, 410);
    QCOMPARE(reply.json().value(u"reason").toString(), QStringLiteral("expired"));
}

void StreamsApiTest::stopEndsTheStream()
{
    const QString id =
        startStream(QStringLiteral("u"), QStringLiteral("v")).value(u"stream_id").toString();
    const auto stopped = m_http->send("DELETE", QStringLiteral("/v1/users/u/streams/%1").arg(id));
    QCOMPARE(stopped.status, 204);
    QVERIFY(stopped.body.isEmpty());
    QCOMPARE(m_http->store().storedLeaseCount(), 0);
    const auto again = m_http->send("DELETE", QStringLiteral("/v1/users/u/streams/%1").arg(id));
    QCOMPARE(again.status, 404);
    QVERIFY(again.json().value(u"type").toString().endsWith(u"/unknown-stream"));
}

void StreamsApiTest::getFindsExactlyTheAskedStream()
{
    const QJsonObject first = startStream(QStringLiteral("u"), QStringLiteral("v1"));
    const QJsonObject second = startStream(QStringLiteral("u"), QStringLiteral("v2"));
    for (const QJsonObject &stream : {first, second}) {
        const QString id = stream.value(u"stream_id").toString();
        const auto reply = m_http->get(QStringLiteral("/v1/users/u/streams/") + id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json(), stream);
    }
    // A well-formed id the user does not hold, a malformed one, and a held id written with
    // non-zero padding bits (the same bytes, but not the id's one text form): all unknown.
    QString padded = second.value(u"stream_id").toString();
    padded.back() = padded.back() == u'A' ? u'B' : QChar(padded.back().unicode() + 1);
    for (const QString &id :
         {QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA"), QStringLiteral("short"), padded}) {
        const auto reply = m_http->get(QStringLiteral("/v1/users/u/streams/") + id);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().value(u"type").toString(),
                 QStringLiteral("https://videostreams.example/problems/unknown-stream"));
    }
}

void StreamsApiTest::streamsAreAddressedThroughTheirOwner_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("get") << QByteArray("GET") << QString();
    QTest::newRow("delete") << QByteArray("DELETE") << QString();
    QTest::newRow("heartbeat") << QByteArray("POST") << QStringLiteral("/heartbeat");
}

void StreamsApiTest::streamsAreAddressedThroughTheirOwner()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    const QString id =
        startStream(QStringLiteral("owner"), QStringLiteral("v")).value(u"stream_id").toString();
    const auto reply =
        m_http->send(method, QStringLiteral("/v1/users/intruder/streams/%1%2").arg(id, suffix));
    QCOMPARE(reply.status, 404);
    QCOMPARE(m_http->store().list(QStringLiteral("owner"), m_http->clock().nowMs()).active.size(),
             1);
}

void StreamsApiTest::listShowsLimitAndStreams()
{
    vs::Policy policy;
    policy.planLimits.insert(QStringLiteral("premium"), 4);
    m_http->limiter().setPolicy(policy);
    startStream(QStringLiteral("u"), QStringLiteral("a"));
    m_http->clock().advanceMs(1);
    startStream(QStringLiteral("u"), QStringLiteral("b"));

    const auto reply = m_http->get(QStringLiteral("/v1/users/u/streams"));
    QCOMPARE(reply.status, 200);
    const QJsonObject list = reply.json();
    QCOMPARE(list.value(u"user_id").toString(), QStringLiteral("u"));
    QCOMPARE(list.value(u"limit").toInt(), 3);
    QCOMPARE(list.value(u"active").toInt(), 2);
    const QJsonArray streams = list.value(u"streams").toArray();
    QCOMPARE(streams.size(), 2);
    QCOMPARE(streams.at(0).toObject().value(u"video_id").toString(), QStringLiteral("a"));
    QCOMPARE(streams.at(1).toObject().value(u"video_id").toString(), QStringLiteral("b"));

    QCOMPARE(m_http->get(QStringLiteral("/v1/users/u/streams?plan=premium")).json().value(u"limit"),
             4);
    QCOMPARE(m_http->get(QStringLiteral("/v1/users/nobody/streams")).body,
             QByteArray(R"({"user_id":"nobody","limit":3,"active":0,"streams":[]})"));
}

void StreamsApiTest::errorStatuses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");

    const QString streams = QStringLiteral("/v1/users/u/streams");
    const QString unknownStream = QStringLiteral("/v1/users/u/streams/AAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("bad json") << QByteArray("POST") << streams << QByteArray("{") << 400
                              << "invalid-request" << QString();
    QTest::newRow("not an object") << QByteArray("POST") << streams << QByteArray("\"v\"") << 400
                                   << "invalid-request" << QString();
    QTest::newRow("empty body") << QByteArray("POST") << streams << QByteArray() << 400
                                << "invalid-request" << QString();
    QTest::newRow("missing video") << QByteArray("POST") << streams
                                   << QByteArray(R"({"device_id":"d"})") << 400 << "invalid-request"
                                   << "video_id";
    QTest::newRow("video number") << QByteArray("POST") << streams
                                  << QByteArray(R"({"video_id":1})") << 400 << "invalid-request"
                                  << "video_id";
    QTest::newRow("video empty") << QByteArray("POST") << streams
                                 << QByteArray(R"({"video_id":""})") << 400 << "invalid-request"
                                 << "video_id";
    QTest::newRow("device object")
        << QByteArray("POST") << streams << QByteArray(R"({"video_id":"v","device_id":{}})") << 400
        << "invalid-request"
        << "device_id";
    QTest::newRow("device bad char")
        << QByteArray("POST") << streams << QByteArray(R"({"video_id":"v","device_id":"a/b"})")
        << 400 << "invalid-request"
        << "device_id";
    QTest::newRow("plan bool") << QByteArray("POST") << streams
                               << QByteArray(R"({"video_id":"v","plan":true})") << 400
                               << "invalid-request"
                               << "plan";
    QTest::newRow("unknown field")
        << QByteArray("POST") << streams << QByteArray(R"({"video_id":"v","videoId":"v"})") << 400
        << "invalid-request"
        << "videoId";
    QTest::newRow("bad user") << QByteArray("POST") << QStringLiteral("/v1/users/%C3%A9/streams")
                              << QByteArray(R"({"video_id":"v"})") << 400 << "invalid-request"
                              << "user_id";
    QTest::newRow("bad user on list")
        << QByteArray("GET") << QStringLiteral("/v1/users/a%2Fb/streams") << QByteArray() << 400
        << "invalid-request"
        << "user_id";
    QTest::newRow("bad plan on list")
        << QByteArray("GET") << QStringLiteral("/v1/users/u/streams?plan=a%20b") << QByteArray()
        << 400 << "invalid-request"
        << "plan";
    QTest::newRow("heartbeat unknown") << QByteArray("POST") << unknownStream + u"/heartbeat"
                                       << QByteArray() << 404 << "unknown-stream" << QString();
    QTest::newRow("heartbeat malformed id")
        << QByteArray("POST") << QStringLiteral("/v1/users/u/streams/xyz/heartbeat") << QByteArray()
        << 404 << "unknown-stream" << QString();
    QTest::newRow("delete unknown") << QByteArray("DELETE") << unknownStream << QByteArray() << 404
                                    << "unknown-stream" << QString();
    QTest::newRow("get unknown") << QByteArray("GET") << unknownStream << QByteArray() << 404
                                 << "unknown-stream" << QString();
    QTest::newRow("delete bad user")
        << QByteArray("DELETE") << QStringLiteral("/v1/users/a%20b/streams/x") << QByteArray()
        << 400 << "invalid-request"
        << "user_id";
    QTest::newRow("unknown route") << QByteArray("GET") << QStringLiteral("/v2/users")
                                   << QByteArray() << 404 << "not-found" << QString();
    QTest::newRow("trailing slash") << QByteArray("GET") << QStringLiteral("/v1/policy/")
                                    << QByteArray() << 404 << "not-found" << QString();
    QTest::newRow("empty user segment") << QByteArray("GET") << QStringLiteral("/v1/users//streams")
                                        << QByteArray() << 404 << "not-found" << QString();
    QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/") << QByteArray() << 404
                          << "not-found" << QString();
    QTest::newRow("wrong method") << QByteArray("PATCH") << streams << QByteArray() << 405
                                  << "method-not-allowed" << QString();
}

void StreamsApiTest::errorStatuses()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, field);

    const auto reply = m_http->send(method, path, body, {{"Content-Type", "application/json"}});
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.contentType, QByteArray("application/problem+json"));
    const QJsonObject problem = reply.json();
    QCOMPARE(problem.value(u"type").toString(),
             QString::fromLatin1(vs::ApiResponse::problemTypeBase) + type);
    QCOMPARE(problem.value(u"status").toInt(), status);
    QVERIFY(!problem.value(u"title").toString().isEmpty());
    QVERIFY(!problem.value(u"detail").toString().isEmpty());
    QCOMPARE(problem.value(u"request_id").toString().toLatin1(), reply.header("X-Request-Id"));
    QCOMPARE(problem.value(u"field").toString(), field);
    QCOMPARE(m_http->store().storedLeaseCount(), 0);
}

void StreamsApiTest::wrongMethodListsTheAllowedOnes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("put streams") << QByteArray("PUT") << "/v1/users/u/streams"
                                 << QByteArray("POST, GET");
    QTest::newRow("post stream") << QByteArray("POST") << "/v1/users/u/streams/x"
                                 << QByteArray("GET, DELETE");
    QTest::newRow("get heartbeat")
        << QByteArray("GET") << "/v1/users/u/streams/x/heartbeat" << QByteArray("POST");
    QTest::newRow("delete policy")
        << QByteArray("DELETE") << "/v1/policy" << QByteArray("GET, PUT");
    QTest::newRow("post metrics") << QByteArray("POST") << "/metrics" << QByteArray("GET");
    QTest::newRow("get original watch")
        << QByteArray("GET") << "/user/u/stream" << QByteArray("POST");
    QTest::newRow("post original list")
        << QByteArray("POST") << "/user/u/streams" << QByteArray("GET");
}

void StreamsApiTest::wrongMethodListsTheAllowedOnes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);

    const auto reply = m_http->send(method, path, "{}");
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), allow);
    QCOMPARE(reply.json().value(u"status").toInt(), 405);
}

void StreamsApiTest::bodyOver64KiBIsTooLarge()
{
    QByteArray body = R"({"video_id":"v","pad":")";
    body += QByteArray(64 * 1024, 'x') + "\"}";
    const auto reply = m_http->postJson(QStringLiteral("/v1/users/u/streams"), body);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.contentType, QByteArray("application/problem+json"));
    QCOMPARE(reply.json().value(u"status").toInt(), 413);
    QCOMPARE(m_http->store().storedLeaseCount(), 0);

    // Exactly the limit is still read (and then judged on its content).
    QByteArray atLimit = R"({"video_id":"v","device_id":"d","x":")";
    atLimit += QByteArray(64 * 1024 - atLimit.size() - 2, 'x') + "\"}";
    QCOMPARE(atLimit.size(), 64 * 1024);
    QCOMPARE(m_http->postJson(QStringLiteral("/v1/users/u/streams"), atLimit).status, 400);
}

void StreamsApiTest::requestIdIsEchoedWhenSane_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<bool>("echoed");

    QTest::newRow("uuid") << QByteArray("7c9e6679-7425-40de-944b-e07fc1f90ae7") << true;
    QTest::newRow("short") << QByteArray("a") << true;
    QTest::newRow("128 chars") << QByteArray(128, 'r') << true;
    QTest::newRow("129 chars") << QByteArray(129, 'r') << false;
    QTest::newRow("space") << QByteArray("a b") << false;
    QTest::newRow("quote") << QByteArray("a\"b") << false;
    QTest::newRow("non-ascii") << QByteArray("caf\xc3\xa9") << false;
    QTest::newRow("absent") << QByteArray() << false;
}

void StreamsApiTest::requestIdIsEchoedWhenSane()
{
    QFETCH(QByteArray, sent);
    QFETCH(bool, echoed);

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!sent.isEmpty())
        headers.append({"X-Request-Id", sent});
    const auto ok = m_http->send("GET", QStringLiteral("/healthz"), {}, headers);
    const auto problem = m_http->send("GET", QStringLiteral("/nowhere"), {}, headers);
    for (const auto &reply : {ok, problem}) {
        const QByteArray id = reply.header("X-Request-Id");
        QVERIFY(vs::IdRules::isValid(QByteArrayView(id)));
        if (echoed)
            QCOMPARE(id, sent);
        else
            QVERIFY(id != sent);
    }
    QCOMPARE(problem.json().value(u"request_id").toString().toLatin1(),
             problem.header("X-Request-Id"));
    // Generated ids differ per request.
    if (!echoed)
        QVERIFY(ok.header("X-Request-Id") != problem.header("X-Request-Id"));
}

QTEST_GUILESS_MAIN(StreamsApiTest)
#include "tst_StreamsApi.moc"
