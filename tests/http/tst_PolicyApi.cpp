// GET/PUT /v1/policy: what GET returns, PUT accepts; invalid values name the field.

#include "HttpTestHarness.h"

#include <QJsonDocument>
#include <QtTest>

class PolicyApiTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void getReturnsTheDefaults();
    void putReplacesAndGetReturnsItBack();
    void newLimitAppliesToTheNextRequest();
    void invalidPolicyNamesTheField_data();
    void invalidPolicyNamesTheField();

private:
    std::unique_ptr<HttpTestHarness> m_http;
};

void PolicyApiTest::init()
{
    m_http = std::make_unique<HttpTestHarness>();
    QVERIFY(m_http->isListening());
}

void PolicyApiTest::cleanup()
{
    m_http.reset();
}

void PolicyApiTest::getReturnsTheDefaults()
{
    const auto reply = m_http->get(QStringLiteral("/v1/policy"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    const QJsonObject policy = reply.json();
    QCOMPARE(policy.value(u"default_limit").toInt(), 3);
    QCOMPARE(policy.value(u"lease_ttl_s").toInt(), 90);
    QCOMPARE(policy.value(u"at_limit").toString(), QStringLiteral("reject"));
    QVERIFY(policy.value(u"plans").isObject());
    QVERIFY(policy.value(u"user_overrides").isObject());
}

void PolicyApiTest::putReplacesAndGetReturnsItBack()
{
    const QByteArray body = R"({"default_limit":2,"plans":{"basic":1,"premium":4},
        "user_overrides":{"vip":10},"lease_ttl_s":30,"at_limit":"evict_oldest"})";
    const auto put = m_http->send("PUT", QStringLiteral("/v1/policy"), body);
    QCOMPARE(put.status, 200);
    const QJsonObject expected = QJsonDocument::fromJson(body).object();
    QCOMPARE(put.json(), expected);
    QCOMPARE(m_http->get(QStringLiteral("/v1/policy")).json(), expected);
    QCOMPARE(m_http->limiter().policy().limitFor(QStringLiteral("vip")), 10);

    // Replacing, not merging: what is left out returns to its default.
    const auto minimal =
        m_http->send("PUT", QStringLiteral("/v1/policy"), R"({"default_limit":5})");
    QCOMPARE(minimal.status, 200);
    const QJsonObject after = m_http->get(QStringLiteral("/v1/policy")).json();
    QCOMPARE(after.value(u"default_limit").toInt(), 5);
    QCOMPARE(after.value(u"lease_ttl_s").toInt(), 90);
    QCOMPARE(after.value(u"plans").toObject().size(), 0);

    // GET's output is valid PUT input.
    const auto roundTrip = m_http->send("PUT", QStringLiteral("/v1/policy"),
                                        m_http->get(QStringLiteral("/v1/policy")).body);
    QCOMPARE(roundTrip.status, 200);
    QCOMPARE(roundTrip.json(), after);
}

void PolicyApiTest::newLimitAppliesToTheNextRequest()
{
    QCOMPARE(m_http->send("PUT", QStringLiteral("/v1/policy"), R"({"default_limit":1})").status,
             200);
    QCOMPARE(m_http->postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"a"})").status,
             201);
    QCOMPARE(m_http->postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"b"})").status,
             409);
    QCOMPARE(m_http->send("PUT", QStringLiteral("/v1/policy"), R"({"default_limit":2})").status,
             200);
    QCOMPARE(m_http->postJson(QStringLiteral("/v1/users/u/streams"), R"({"video_id":"b"})").status,
             201);
}

void PolicyApiTest::invalidPolicyNamesTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    QTest::newRow("negative limit") << QByteArray(R"({"default_limit":-1})") << "default_limit";
    QTest::newRow("fractional limit") << QByteArray(R"({"default_limit":1.5})") << "default_limit";
    QTest::newRow("string limit") << QByteArray(R"({"default_limit":"3"})") << "default_limit";
    QTest::newRow("huge limit") << QByteArray(R"({"default_limit":1e12})") << "default_limit";
    QTest::newRow("plans array") << QByteArray(R"({"plans":[1]})") << "plans";
    QTest::newRow("plan limit string") << QByteArray(R"({"plans":{"basic":"1"}})") << "plans.basic";
    QTest::newRow("plan bad name") << QByteArray(R"({"plans":{"a b":1}})") << "plans.a b";
    QTest::newRow("override negative")
        << QByteArray(R"({"user_overrides":{"u":-2}})") << "user_overrides.u";
    QTest::newRow("ttl negative") << QByteArray(R"({"lease_ttl_s":-5})") << "lease_ttl_s";
    QTest::newRow("ttl null") << QByteArray(R"({"lease_ttl_s":null})") << "lease_ttl_s";
    QTest::newRow("at_limit unknown") << QByteArray(R"({"at_limit":"evict_newest"})") << "at_limit";
    QTest::newRow("unknown field") << QByteArray(R"({"defaultLimit":3})") << "defaultLimit";
    QTest::newRow("not json") << QByteArray("default_limit=3") << QString();
    QTest::newRow("array") << QByteArray("[]") << QString();
}

void PolicyApiTest::invalidPolicyNamesTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);

    const vs::Policy before = m_http->limiter().policy();
    const auto reply = m_http->send("PUT", QStringLiteral("/v1/policy"), body,
                                    {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.contentType, QByteArray("application/problem+json"));
    const QJsonObject problem = reply.json();
    QCOMPARE(problem.value(u"field").toString(), field);
    if (!field.isEmpty())
        QVERIFY2(problem.value(u"detail").toString().contains(field),
                 qPrintable(problem.value(u"detail").toString()));
    QCOMPARE(m_http->limiter().policy(), before);
}

QTEST_GUILESS_MAIN(PolicyApiTest)
#include "tst_PolicyApi.moc"
