#include "EmbeddedTarget.h"
#include "SimulationEngine.h"
#include "SimulationRun.h"

#include <QSignalSpy>
#include <QTest>

using namespace vs;

namespace {

Scenario quickScenario(double durationS)
{
    Scenario s;
    s.name = QStringLiteral("engine");
    s.seed = 11;
    s.durationS = durationS;
    s.users = 200;
    s.arrivalsPerUserPerHour = 4;
    s.videos = 100;
    s.watchMeanS = 600;
    s.heartbeatS = 30;
    s.policy.defaultLimit = 2;
    return s;
}

} // namespace

class tst_SimulationEngine : public QObject
{
    Q_OBJECT

private slots:
    void runsToTheEndOnItsThread();
    void pauseResumeStop();
    void pacedSpeedFollowsTheWallClock();
    void embeddedTargetIsReachable();
};

void tst_SimulationEngine::runsToTheEndOnItsThread()
{
    const Scenario scenario = quickScenario(3600);
    SimulationEngine engine;
    QVERIFY(engine.load(scenario).isEmpty());
    QVERIFY(engine.state() == SimulationSnapshot::State::Idle);
    QSignalSpy finished(&engine, &SimulationEngine::finished);
    QSignalSpy published(&engine, &SimulationEngine::snapshotPublished);
    engine.start();
    QVERIFY(finished.wait(60'000));
    QVERIFY(published.count() >= 1);
    const auto last = published.last().at(0).value<SnapshotPointer>();
    QVERIFY(last->state == SimulationSnapshot::State::Finished);
    QVERIFY(engine.state() == SimulationSnapshot::State::Finished);

    // The threaded engine gives exactly what the bare run gives.
    EmbeddedTarget target(scenario.policy, SimulationRun::assignPlans(scenario), scenario.videos);
    SimulationRun run(scenario, target);
    QVERIFY(run.begin(1'700'000'000'000).isEmpty());
    run.runToEnd();
    QCOMPARE(engine.report().toJsonBytes(), run.report().toJsonBytes());
    QVERIFY(engine.report().completed);
    QCOMPARE(last->totals, engine.report().totals);
}

void tst_SimulationEngine::pauseResumeStop()
{
    SimulationEngine engine;
    QVERIFY(engine.load(quickScenario(30 * 24 * 3600.0)).isEmpty());
    engine.setSpeed(3600); // an hour per wall second: the run cannot end during the test
    QSignalSpy states(&engine, &SimulationEngine::stateChanged);
    engine.start();
    QTRY_VERIFY(engine.state() == SimulationSnapshot::State::Running);
    engine.pause();
    QTRY_VERIFY(engine.state() == SimulationSnapshot::State::Paused);
    const double pausedAt = engine.snapshot()->simulatedS;
    engine.resume();
    QTRY_VERIFY(engine.snapshot()->simulatedS > pausedAt);
    QVERIFY(engine.state() == SimulationSnapshot::State::Running);
    QSignalSpy finished(&engine, &SimulationEngine::finished);
    engine.stop();
    QVERIFY(finished.wait(10'000));
    QVERIFY(engine.state() == SimulationSnapshot::State::Stopped);
    QVERIFY(!engine.report().completed);
    QVERIFY(engine.report().simulatedS < 30 * 24 * 3600.0);

    engine.reset();
    QVERIFY(engine.state() == SimulationSnapshot::State::Idle);
    QCOMPARE(engine.snapshot()->simulatedS, 0.0);
}

void tst_SimulationEngine::pacedSpeedFollowsTheWallClock()
{
    SimulationEngine engine;
    QVERIFY(engine.load(quickScenario(3600)).isEmpty());
    engine.setSpeed(1);
    engine.start();
    QTRY_VERIFY(engine.state() == SimulationSnapshot::State::Running);
    QTRY_VERIFY(engine.snapshot()->simulatedS > 0.2);
    // At 1x, an hour of simulated time cannot be over after a fraction of a second.
    QVERIFY(engine.snapshot()->simulatedS < 600);
    engine.setSpeed(0);
    QVERIFY(engine.waitForFinished(60'000));
    QTRY_VERIFY(engine.state() == SimulationSnapshot::State::Finished);
}

void tst_SimulationEngine::embeddedTargetIsReachable()
{
    SimulationEngine engine;
    Scenario scenario = quickScenario(24 * 3600.0);
    QVERIFY(engine.load(scenario).isEmpty());
    EmbeddedTarget *target = engine.embeddedTarget();
    QVERIFY(target);
    QCOMPARE(target->userCount(), 200);
    QCOMPARE(target->capacity(), 400);
    engine.setSpeed(600);
    engine.start();
    QTRY_VERIFY(!target->activeStreams().isEmpty());
    // A live policy change reaches the core.
    Policy policy = target->policy();
    policy.defaultLimit = 1;
    target->setPolicy(policy);
    QCOMPARE(target->capacity(), 200);
    const Lease lease = target->activeStreams().constFirst();
    target->stopStream(lease.userId, lease.streamId.toString());
    engine.stop();
    QVERIFY(engine.waitForFinished(10'000));
    QCOMPARE(engine.report().limitViolations, 0);
}

QTEST_GUILESS_MAIN(tst_SimulationEngine)
#include "tst_SimulationEngine.moc"
