#include <QTest>

#include "Policy.h"

#include <QJsonDocument>

using namespace vs;

class tst_Policy : public QObject
{
    Q_OBJECT

private slots:
    void limitForPrecedence_data();
    void limitForPrecedence();
    void defaults();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void missingFieldsKeepBase();
    void parseErrorNamesField_data();
    void parseErrorNamesField();
};

namespace {

Policy samplePolicy()
{
    Policy policy;
    policy.defaultLimit = 3;
    policy.planLimits = {{QStringLiteral("basic"), 1},
                         {QStringLiteral("standard"), 2},
                         {QStringLiteral("premium"), 4}};
    policy.userOverrides = {{QStringLiteral("vip"), 10}, {QStringLiteral("banned"), 0}};
    return policy;
}

QJsonObject parse(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s", text.constData());
    return document.object();
}

} // namespace

void tst_Policy::limitForPrecedence_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("limit");

    QTest::newRow("default, no plan") << QStringLiteral("alice") << QString() << 3;
    QTest::newRow("plan basic") << QStringLiteral("alice") << QStringLiteral("basic") << 1;
    QTest::newRow("plan premium") << QStringLiteral("alice") << QStringLiteral("premium") << 4;
    QTest::newRow("unknown plan falls back to default")
        << QStringLiteral("alice") << QStringLiteral("gold") << 3;
    QTest::newRow("override beats plan") << QStringLiteral("vip") << QStringLiteral("basic") << 10;
    QTest::newRow("override without plan") << QStringLiteral("vip") << QString() << 10;
    QTest::newRow("override of zero beats plan")
        << QStringLiteral("banned") << QStringLiteral("premium") << 0;
    QTest::newRow("plan names are case-sensitive")
        << QStringLiteral("alice") << QStringLiteral("Premium") << 3;
}

void tst_Policy::limitForPrecedence()
{
    QFETCH(QString, user);
    QFETCH(QString, plan);
    QFETCH(int, limit);
    QCOMPARE(samplePolicy().limitFor(user, plan), limit);
}

void tst_Policy::defaults()
{
    const Policy policy;
    QCOMPARE(policy.defaultLimit, 3);
    QCOMPARE(policy.leaseTtlSeconds, 90);
    QCOMPARE(policy.leaseTtlMs(), 90'000);
    QVERIFY(policy.atLimit == AtLimitBehaviour::Reject);
    QCOMPARE(policy.limitFor(QStringLiteral("anyone")), 3);
    // An empty object is the default policy.
    const PolicyParseResult parsed = Policy::fromJson(QJsonObject());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.policy, Policy());
}

void tst_Policy::jsonRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("defaults") << QByteArray("{}");
    QTest::newRow("everything") << QByteArray(
        R"({"default_limit": 2, "plans": {"basic": 1, "premium": 4},
                          "user_overrides": {"vip": 10, "u-1": 0}, "lease_ttl_s": 30,
                          "at_limit": "evict_oldest"})");
    QTest::newRow("never expires") << QByteArray(R"({"lease_ttl_s": 0, "at_limit": "reject"})");
    QTest::newRow("extremes") << QByteArray(
        R"({"default_limit": 1000000, "lease_ttl_s": 31536000})");
    QTest::newRow("zero limit") << QByteArray(R"({"default_limit": 0})");
}

void tst_Policy::jsonRoundTrip()
{
    QFETCH(QByteArray, json);

    const PolicyParseResult first = Policy::fromJson(parse(json));
    QVERIFY2(first.ok(), qPrintable(first.error));
    const QJsonObject written = first.policy.toJson();
    // What toJson writes carries every field, so GET's answer is a complete PUT body.
    for (const char *field :
         {"default_limit", "plans", "user_overrides", "lease_ttl_s", "at_limit"})
        QVERIFY2(written.contains(QLatin1String(field)), field);
    const PolicyParseResult second = Policy::fromJson(written);
    QVERIFY2(second.ok(), qPrintable(second.error));
    QCOMPARE(second.policy, first.policy);
    // And through text, as the HTTP API does.
    const QByteArray text = QJsonDocument(written).toJson(QJsonDocument::Compact);
    QCOMPARE(Policy::fromJson(parse(text)).policy, first.policy);
}

void tst_Policy::missingFieldsKeepBase()
{
    const PolicyParseResult result =
        Policy::fromJson(parse(R"({"lease_ttl_s": 15})"), samplePolicy());
    QVERIFY(result.ok());
    Policy expected = samplePolicy();
    expected.leaseTtlSeconds = 15;
    QCOMPARE(result.policy, expected);

    // A given map replaces the base's map rather than merging into it.
    const PolicyParseResult replaced =
        Policy::fromJson(parse(R"({"plans": {"family": 5}})"), samplePolicy());
    QVERIFY(replaced.ok());
    QCOMPARE(replaced.policy.planLimits, (QHash<QString, int>{{QStringLiteral("family"), 5}}));
    QCOMPARE(replaced.policy.userOverrides, samplePolicy().userOverrides);
}

void tst_Policy::parseErrorNamesField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");

    QTest::newRow("unknown field")
        << QByteArray(R"({"max_streams": 3})") << QStringLiteral("max_streams");
    QTest::newRow("limit is a string")
        << QByteArray(R"({"default_limit": "3"})") << QStringLiteral("default_limit");
    QTest::newRow("limit negative")
        << QByteArray(R"({"default_limit": -1})") << QStringLiteral("default_limit");
    QTest::newRow("limit fractional")
        << QByteArray(R"({"default_limit": 2.5})") << QStringLiteral("default_limit");
    QTest::newRow("limit too large")
        << QByteArray(R"({"default_limit": 1000001})") << QStringLiteral("default_limit");
    QTest::newRow("limit null") << QByteArray(R"({"default_limit": null})")
                                << QStringLiteral("default_limit");
    QTest::newRow("limit boolean")
        << QByteArray(R"({"default_limit": true})") << QStringLiteral("default_limit");
    QTest::newRow("plans not an object")
        << QByteArray(R"({"plans": [1, 2]})") << QStringLiteral("plans");
    QTest::newRow("plan limit negative")
        << QByteArray(R"({"plans": {"premium": -4}})") << QStringLiteral("plans.premium");
    QTest::newRow("plan limit string")
        << QByteArray(R"({"plans": {"basic": "1"}})") << QStringLiteral("plans.basic");
    QTest::newRow("plan name invalid")
        << QByteArray(R"({"plans": {"gold plan": 2}})") << QStringLiteral("plans.gold plan");
    QTest::newRow("plan name empty")
        << QByteArray(R"({"plans": {"": 2}})") << QStringLiteral("plans.");
    QTest::newRow("override not an object")
        << QByteArray(R"({"user_overrides": 5})") << QStringLiteral("user_overrides");
    QTest::newRow("override limit fractional")
        << QByteArray(R"({"user_overrides": {"alice": 1.5}})")
        << QStringLiteral("user_overrides.alice");
    QTest::newRow("override user invalid")
        << QByteArray(R"({"user_overrides": {"a/b": 1}})") << QStringLiteral("user_overrides.a/b");
    QTest::newRow("ttl negative") << QByteArray(R"({"lease_ttl_s": -5})")
                                  << QStringLiteral("lease_ttl_s");
    QTest::newRow("ttl over a year")
        << QByteArray(R"({"lease_ttl_s": 31536001})") << QStringLiteral("lease_ttl_s");
    QTest::newRow("ttl string") << QByteArray(R"({"lease_ttl_s": "90"})")
                                << QStringLiteral("lease_ttl_s");
    QTest::newRow("at_limit unknown")
        << QByteArray(R"({"at_limit": "evict_newest"})") << QStringLiteral("at_limit");
    QTest::newRow("at_limit wrong case")
        << QByteArray(R"({"at_limit": "Reject"})") << QStringLiteral("at_limit");
    QTest::newRow("at_limit number")
        << QByteArray(R"({"at_limit": 1})") << QStringLiteral("at_limit");
}

void tst_Policy::parseErrorNamesField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);

    const Policy base = samplePolicy();
    const PolicyParseResult result = Policy::fromJson(parse(json), base);
    QVERIFY(!result.ok());
    QCOMPARE(result.field, field);
    QVERIFY2(result.error.startsWith(field + u':'), qPrintable(result.error));
    // The message says what would be accepted, not only that something is wrong.
    QVERIFY2(result.error.size() > field.size() + 10, qPrintable(result.error));
}

QTEST_APPLESS_MAIN(tst_Policy)
#include "tst_Policy.moc"
