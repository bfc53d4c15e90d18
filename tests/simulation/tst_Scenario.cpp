#include "Scenario.h"

#include <QJsonDocument>
#include <QTest>

using namespace vs;

class tst_Scenario : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValid();
    void roundTrip();
    void invalid_data();
    void invalid();
    void httpTargetDefaultsToRealClock();
};

void tst_Scenario::defaultsAreValid()
{
    const ScenarioParseResult result = Scenario::fromJson(QJsonObject());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.scenario, Scenario());
}

void tst_Scenario::roundTrip()
{
    const QByteArray json = R"({
        "name": "peak", "seed": 42, "duration_s": 7200, "clock": "virtual",
        "target": {"kind": "embedded"},
        "policy": {"default_limit": 2, "plans": {"basic": 1, "premium": 4}, "lease_ttl_s": 60,
                   "at_limit": "evict_oldest"},
        "population": {"users": 500, "plan_mix": {"basic": 0.25, "premium": 0.75}},
        "arrivals": {"per_user_per_hour": 2, "stages": [{"until_s": 3600, "multiplier": 0.5},
                                                       {"until_s": 7200, "multiplier": 3}]},
        "catalog": {"videos": 100, "distribution": "zipf", "zipf_s": 1.2},
        "watch": {"distribution": "lognormal", "mean_s": 600, "sigma": 0.7},
        "heartbeat_s": 20, "abandon_probability": 0.1,
        "retry": {"max_attempts": 3, "backoff_s": 2},
        "thresholds": {"denial_ratio_max": 0.1, "latency_p99_ms_max": 50,
                       "error_ratio_max": 0, "limit_violations_max": 0}
    })";
    const ScenarioParseResult first = Scenario::fromJsonBytes(json);
    QVERIFY2(first.ok(), qPrintable(first.error));
    const Scenario &s = first.scenario;
    QCOMPARE(s.seed, 42u);
    QVERIFY(s.policy.atLimit == AtLimitBehaviour::EvictOldest);
    QCOMPARE(s.policy.planLimits.value(QStringLiteral("premium")), 4);
    QCOMPARE(s.planMix.size(), std::size_t(2));
    QCOMPARE(s.stages.size(), std::size_t(2));
    QCOMPARE(s.multiplierAt(100), 0.5);
    QCOMPARE(s.multiplierAt(5000), 3.0);
    QCOMPARE(s.multiplierAt(9000), 1.0);
    QVERIFY(s.catalog == Scenario::CatalogDistribution::Zipf);
    QCOMPARE(*s.thresholds.limitViolationsMax, 0);

    const ScenarioParseResult second = Scenario::fromJsonBytes(s.toJsonBytes());
    QVERIFY2(second.ok(), qPrintable(second.error));
    QCOMPARE(second.scenario, s);
}

void tst_Scenario::invalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");

    QTest::newRow("unknown top-level field") << QByteArray(R"({"users": 5})") << "users";
    QTest::newRow("unknown nested field")
        << QByteArray(R"({"watch": {"mean": 5}})") << "watch.mean";
    QTest::newRow("name wrong type") << QByteArray(R"({"name": 5})") << "name";
    QTest::newRow("seed negative") << QByteArray(R"({"seed": -1})") << "seed";
    QTest::newRow("seed fractional") << QByteArray(R"({"seed": 1.5})") << "seed";
    QTest::newRow("duration zero") << QByteArray(R"({"duration_s": 0})") << "duration_s";
    QTest::newRow("duration string") << QByteArray(R"({"duration_s": "60"})") << "duration_s";
    QTest::newRow("clock unknown") << QByteArray(R"({"clock": "fast"})") << "clock";
    QTest::newRow("target kind unknown")
        << QByteArray(R"({"target": {"kind": "grpc"}})") << "target.kind";
    QTest::newRow("http without url")
        << QByteArray(R"({"target": {"kind": "http"}})") << "target.url";
    QTest::newRow("http bad url") << QByteArray(R"({"target": {"kind": "http", "url": "ftp://x"}})")
                                  << "target.url";
    QTest::newRow("http with virtual clock")
        << QByteArray(
               R"({"clock": "virtual", "target": {"kind": "http", "url": "http://127.0.0.1:1"}})")
        << "clock";
    QTest::newRow("connections zero")
        << QByteArray(R"({"target": {"kind": "http", "url": "http://h:1", "connections": 0}})")
        << "target.connections";
    QTest::newRow("policy limit negative")
        << QByteArray(R"({"policy": {"default_limit": -1}})") << "policy.default_limit";
    QTest::newRow("policy unknown field")
        << QByteArray(R"({"policy": {"limit": 2}})") << "policy.limit";
    QTest::newRow("users zero") << QByteArray(R"({"population": {"users": 0}})")
                                << "population.users";
    QTest::newRow("users too many")
        << QByteArray(R"({"population": {"users": 1e9}})") << "population.users";
    QTest::newRow("plan fraction above one")
        << QByteArray(R"({"population": {"plan_mix": {"basic": 1.5}}})")
        << "population.plan_mix.basic";
    QTest::newRow("plan fractions not summing to one")
        << QByteArray(R"({"population": {"plan_mix": {"basic": 0.5, "premium": 0.2}}})")
        << "population.plan_mix";
    QTest::newRow("plan name invalid")
        << QByteArray(R"({"population": {"plan_mix": {"a b": 1}}})") << "population.plan_mix.a b";
    QTest::newRow("rate negative")
        << QByteArray(R"({"arrivals": {"per_user_per_hour": -1}})") << "arrivals.per_user_per_hour";
    QTest::newRow("stages not an array")
        << QByteArray(R"({"arrivals": {"stages": {}}})") << "arrivals.stages";
    QTest::newRow("stage not increasing")
        << QByteArray(R"({"arrivals": {"stages": [{"until_s": 10}, {"until_s": 5}]}})")
        << "arrivals.stages[1].until_s";
    QTest::newRow("stage without until")
        << QByteArray(R"({"arrivals": {"stages": [{"multiplier": 2}]}})")
        << "arrivals.stages[0].until_s";
    QTest::newRow("stage unknown field")
        << QByteArray(R"({"arrivals": {"stages": [{"until_s": 10, "x": 1}]}})")
        << "arrivals.stages[0].x";
    QTest::newRow("videos zero") << QByteArray(R"({"catalog": {"videos": 0}})") << "catalog.videos";
    QTest::newRow("zipf exponent zero")
        << QByteArray(R"({"catalog": {"distribution": "zipf", "zipf_s": 0}})") << "catalog.zipf_s";
    QTest::newRow("watch distribution unknown")
        << QByteArray(R"({"watch": {"distribution": "pareto"}})") << "watch.distribution";
    QTest::newRow("watch mean zero") << QByteArray(R"({"watch": {"mean_s": 0}})") << "watch.mean_s";
    QTest::newRow("heartbeat zero") << QByteArray(R"({"heartbeat_s": 0})") << "heartbeat_s";
    QTest::newRow("abandon above one")
        << QByteArray(R"({"abandon_probability": 1.01})") << "abandon_probability";
    QTest::newRow("retry attempts zero")
        << QByteArray(R"({"retry": {"max_attempts": 0}})") << "retry.max_attempts";
    QTest::newRow("threshold wrong type")
        << QByteArray(R"({"thresholds": {"denial_ratio_max": "0.1"}})")
        << "thresholds.denial_ratio_max";
    QTest::newRow("threshold unknown")
        << QByteArray(R"({"thresholds": {"p99": 5}})") << "thresholds.p99";
    QTest::newRow("violations fractional")
        << QByteArray(R"({"thresholds": {"limit_violations_max": 0.5}})")
        << "thresholds.limit_violations_max";
    QTest::newRow("section wrong type") << QByteArray(R"({"watch": []})") << "watch";
}

void tst_Scenario::invalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const ScenarioParseResult result = Scenario::fromJsonBytes(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.field, field);
    QVERIFY2(result.error.contains(field), qPrintable(result.error));
}

void tst_Scenario::httpTargetDefaultsToRealClock()
{
    const ScenarioParseResult result =
        Scenario::fromJsonBytes(R"({"target": {"kind": "http", "url": "http://127.0.0.1:8080"}})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.scenario.clock == Scenario::ClockMode::Real);
    QCOMPARE(result.scenario.targetUrl.port(), 8080);
}

QTEST_GUILESS_MAIN(tst_Scenario)
#include "tst_Scenario.moc"
