#include "EmbeddedTarget.h"
#include "SimulationRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace vs;

namespace {

constexpr qint64 startMs = 1'700'000'000'000;

Scenario smallScenario()
{
    Scenario s;
    s.name = QStringLiteral("test");
    s.seed = 7;
    s.durationS = 2 * 3600;
    s.users = 300;
    s.arrivalsPerUserPerHour = 3;
    s.videos = 200;
    s.catalog = Scenario::CatalogDistribution::Zipf;
    s.watch = Scenario::WatchDistribution::Lognormal;
    s.watchMeanS = 900;
    s.watchSigma = 0.8;
    s.heartbeatS = 30;
    s.abandonProbability = 0.1;
    s.retryMaxAttempts = 3;
    s.retryBackoffS = 20;
    s.policy.defaultLimit = 2;
    s.policy.planLimits = {{QStringLiteral("basic"), 1}, {QStringLiteral("premium"), 4}};
    s.policy.leaseTtlSeconds = 90;
    s.planMix = {{QStringLiteral("basic"), 0.3}, {QStringLiteral("premium"), 0.7}};
    return s;
}

struct Finished
{
    SimulationReport report;
    int coreActive = 0;
    int engineActive = 0;
};

Finished runEmbedded(const Scenario &scenario)
{
    EmbeddedTarget target(scenario.policy, SimulationRun::assignPlans(scenario), scenario.videos);
    SimulationRun run(scenario, target);
    const QString error = run.begin(startMs);
    if (!error.isEmpty())
        qFatal("begin failed: %s", qPrintable(error));
    run.runToEnd();
    Finished finished;
    finished.report = run.report();
    finished.coreActive = int(target.activeStreams(10'000'000).size());
    finished.engineActive = run.snapshot(SimulationSnapshot::State::Finished).activeStreams;
    return finished;
}

// A server that ignores the limit: grants everything, so the checker must notice.
class LimitIgnoringTarget final : public Target
{
public:
    bool isSynchronous() const override { return true; }
    bool supportsVirtualTime() const override { return true; }
    QString open(qint64 start) override
    {
        m_startMs = start;
        return {};
    }
    void advanceTo(qint64 simulatedUs) override { m_nowMs = m_startMs + simulatedUs / 1000; }
    void send(const TargetCall &call) override
    {
        TargetReply reply;
        reply.call = call;
        reply.limit = 1;
        reply.decidedAtMs = m_nowMs;
        reply.expiresAtMs = m_nowMs + 90'000;
        reply.outcome = call.kind == TargetCall::Kind::Watch       ? TargetReply::Outcome::Granted
                        : call.kind == TargetCall::Kind::Heartbeat ? TargetReply::Outcome::Renewed
                                                                   : TargetReply::Outcome::Stopped;
        deliver(reply);
    }
    void forget(quint32, quint32) override {}

private:
    qint64 m_startMs = 0;
    qint64 m_nowMs = 0;
};

} // namespace

class tst_SimulationRun : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedGivesByteIdenticalReport();
    void differentSeedGivesDifferentRun();
    void engineAgreesWithTheCore_data();
    void engineAgreesWithTheCore();
    void littlesLaw_data();
    void littlesLaw();
    void checkerCatchesABrokenTarget();
    void stagesShapeTheArrivalRate();
    void retriesFollowDenials();
    void seriesCoversEverySecond();
    void csvAndJsonSeriesAgree();
};

void tst_SimulationRun::sameSeedGivesByteIdenticalReport()
{
    const Finished first = runEmbedded(smallScenario());
    const Finished second = runEmbedded(smallScenario());
    QVERIFY(first.report.totals.grants > 100);
    QCOMPARE(first.report.toJsonBytes(), second.report.toJsonBytes());
    QCOMPARE(first.report.toCsv(), second.report.toCsv());
}

void tst_SimulationRun::differentSeedGivesDifferentRun()
{
    Scenario other = smallScenario();
    other.seed = 8;
    QVERIFY(runEmbedded(smallScenario()).report.toJsonBytes() !=
            runEmbedded(other).report.toJsonBytes());
}

void tst_SimulationRun::engineAgreesWithTheCore_data()
{
    QTest::addColumn<QString>("atLimit");
    QTest::addColumn<double>("abandon");
    QTest::addColumn<double>("heartbeatS");
    QTest::newRow("reject") << "reject" << 0.0 << 30.0;
    QTest::newRow("reject, abandoning viewers") << "reject" << 0.3 << 30.0;
    QTest::newRow("evict_oldest") << "evict_oldest" << 0.1 << 30.0;
    QTest::newRow("heartbeats slower than the TTL") << "reject" << 0.0 << 120.0;
}

void tst_SimulationRun::engineAgreesWithTheCore()
{
    QFETCH(QString, atLimit);
    QFETCH(double, abandon);
    QFETCH(double, heartbeatS);
    Scenario s = smallScenario();
    s.policy.atLimit = *atLimitBehaviourFromString(atLimit);
    s.abandonProbability = abandon;
    s.heartbeatS = heartbeatS;
    const Finished finished = runEmbedded(s);
    const SimulationReport &r = finished.report;
    QCOMPARE(r.limitViolations, 0);
    QCOMPARE(finished.engineActive, finished.coreActive);
    QCOMPARE(r.totals.errors, 0);
    QVERIFY(r.totals.grants > 0);
    if (s.policy.atLimit == AtLimitBehaviour::EvictOldest) {
        QVERIFY(r.totals.evictions > 0);
        QCOMPARE(r.totals.denials, 0);
    } else {
        QVERIFY(r.totals.denials > 0);
        QCOMPARE(r.totals.evictions, 0);
    }
    if (abandon > 0 || heartbeatS > 90)
        QVERIFY(r.totals.expiries > 0);
    else
        QCOMPARE(r.totals.expiries, 0);
    int users = 0;
    for (int count : r.usersByActiveCount)
        users += count;
    QCOMPARE(users, s.users);
}

void tst_SimulationRun::littlesLaw_data()
{
    QTest::addColumn<QString>("distribution");
    QTest::newRow("exponential") << "exponential";
    QTest::newRow("lognormal") << "lognormal";
    QTest::newRow("fixed") << "fixed";
}

void tst_SimulationRun::littlesLaw()
{
    QFETCH(QString, distribution);
    Scenario s;
    s.seed = 3;
    // Long against the mean watch (the empty start and the cut-off end bias the average by about
    // watch/duration, here 0.5%), with as many grants as ten days of 1000 users but few
    // heartbeats and simulated seconds, so the test stays quick under the sanitizers.
    s.durationS = 4 * 24 * 3600.0;
    s.users = 2500;
    s.arrivalsPerUserPerHour = 1.5;
    s.videos = 5'000'000; // practically no reuse: one viewer per stream
    s.watch = distribution == u"exponential" ? Scenario::WatchDistribution::Exponential
              : distribution == u"lognormal" ? Scenario::WatchDistribution::Lognormal
                                             : Scenario::WatchDistribution::Fixed;
    s.watchMeanS = 1800;
    s.watchSigma = 1.0;
    s.heartbeatS = 600;
    s.policy.defaultLimit = 1; // binding: about half the attempts are denied
    s.policy.leaseTtlSeconds = 1800;
    const SimulationReport r = runEmbedded(s).report;
    QVERIFY(r.totals.denials > r.totals.attempts / 10);
    QCOMPARE(r.totals.expiries, 0);
    const double grantRatePerS = double(r.totals.grants) / s.durationS;
    const double expected = grantRatePerS * s.watchMeanS;
    QVERIFY2(
        std::abs(r.meanActive - expected) < expected * 0.03,
        qPrintable(
            QStringLiteral("mean active %1, Little's law %2").arg(r.meanActive).arg(expected)));
}

void tst_SimulationRun::checkerCatchesABrokenTarget()
{
    Scenario s = smallScenario();
    s.thresholds.limitViolationsMax = 0;
    LimitIgnoringTarget target;
    SimulationRun run(s, target);
    QVERIFY(run.begin(startMs).isEmpty());
    run.runToEnd();
    const SimulationReport r = run.report();
    QVERIFY(r.limitViolations > 0);
    QVERIFY(!r.passed());
}

void tst_SimulationRun::stagesShapeTheArrivalRate()
{
    Scenario s = smallScenario();
    s.durationS = 3 * 3600;
    s.retryMaxAttempts = 1;
    s.stages = {{3600, 0.0}, {7200, 4.0}};
    const SimulationReport r = runEmbedded(s).report;
    qint64 perHour[3] = {0, 0, 0};
    for (int i = 0; i < r.series.size(); ++i) {
        const SeriesPoint &p = r.series.at(i);
        perHour[std::min<qint64>((p.second - 1) / 3600, 2)] += p.counters.attempts;
    }
    QCOMPARE(perHour[0], 0);
    // 300 users x 3/h x 4 = 3600 expected in the peak, 900 after it.
    QVERIFY2(perHour[1] > 3300 && perHour[1] < 3900, qPrintable(QString::number(perHour[1])));
    QVERIFY2(perHour[2] > 780 && perHour[2] < 1020, qPrintable(QString::number(perHour[2])));
}

void tst_SimulationRun::retriesFollowDenials()
{
    Scenario once = smallScenario();
    once.retryMaxAttempts = 1;
    Scenario thrice = smallScenario();
    thrice.retryMaxAttempts = 3;
    const SimulationReport a = runEmbedded(once).report;
    const SimulationReport b = runEmbedded(thrice).report;
    QVERIFY(a.totals.denials > 0);
    QVERIFY(b.totals.attempts > a.totals.attempts);
}

void tst_SimulationRun::seriesCoversEverySecond()
{
    Scenario s = smallScenario();
    s.durationS = 100.5;
    const SimulationReport r = runEmbedded(s).report;
    QCOMPARE(r.series.size(), 101);
    QCOMPARE(r.series.at(0).second, 1);
    QCOMPARE(r.series.last().second, 101);
    SimulationCounters sum;
    for (int i = 0; i < r.series.size(); ++i)
        sum += r.series.at(i).counters;
    QCOMPARE(sum, r.totals);
}

// The two forms of the series a report offers hold the same columns and the same numbers, so a
// script may read either (docs/SCENARIOS.md).
void tst_SimulationRun::csvAndJsonSeriesAgree()
{
    const SimulationReport r = runEmbedded(smallScenario()).report;
    const QJsonObject series = r.toJson().value(QLatin1String("series")).toObject();
    const QList<QByteArray> lines = r.toCsv().trimmed().split('\n');
    QCOMPARE(lines.size(), r.series.size() + 1);
    const QList<QByteArray> columns = lines.first().split(',');
    QCOMPARE(series.size(), columns.size());
    for (int column = 0; column < columns.size(); ++column) {
        const QString name = QString::fromLatin1(columns[column]);
        QVERIFY2(series.contains(name), qPrintable(name + u" is missing from the JSON series"));
        const QJsonArray values = series.value(name).toArray();
        QCOMPARE(values.size(), r.series.size());
        for (int row = 0; row < values.size(); ++row) {
            // The CSV prints latencies with 10 significant digits.
            const double csvValue = lines[row + 1].split(',')[column].toDouble();
            const double jsonValue = values[row].toDouble();
            QVERIFY2(qAbs(jsonValue - csvValue) <= 1e-6 * qMax(1.0, qAbs(jsonValue)),
                     qPrintable(QStringLiteral("%1 at second %2").arg(name).arg(row + 1)));
        }
    }
}

QTEST_GUILESS_MAIN(tst_SimulationRun)
#include "tst_SimulationRun.moc"
