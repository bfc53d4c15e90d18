#include "SimulationWorker.h"

#include "EmbeddedTarget.h"
#include "HttpTarget.h"
#include "SimulationRun.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcSimulation)

namespace vs {

namespace {

constexpr qint64 sliceNs = 20'000'000; // a slice of as-fast-as-possible work between checks
constexpr qint64 publishIntervalNs = 100'000'000;
constexpr qint64 eventsPerCheck = 8192;

} // namespace

SimulationWorker::SimulationWorker(const Scenario &scenario, const std::atomic<double> &speed)
    : m_scenario(scenario)
    , m_speed(speed)
{
    if (scenario.targetKind == Scenario::TargetKind::Embedded) {
        auto embedded = std::make_unique<EmbeddedTarget>(
            scenario.policy, SimulationRun::assignPlans(scenario), scenario.videos);
        m_embedded = embedded.get();
        m_target = std::move(embedded);
        m_run = std::make_unique<SimulationRun>(scenario, *m_target);
    }
    m_stepTimer.setParent(this); // moves to the engine thread with the worker
    m_stepTimer.setSingleShot(true);
    m_stepTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_stepTimer, &QTimer::timeout, this, &SimulationWorker::step);
    auto idle = std::make_shared<SimulationSnapshot>();
    idle->durationS = scenario.durationS;
    if (m_run)
        *idle = m_run->snapshot(SimulationSnapshot::State::Idle);
    m_latest.store(std::move(idle));
}

SimulationWorker::~SimulationWorker()
{
    m_run.reset(); // before the target it listens to
}

SimulationReport SimulationWorker::finalReport() const
{
    std::lock_guard lock(m_doneMutex);
    return m_report;
}

bool SimulationWorker::waitForFinished(int timeoutMs)
{
    std::unique_lock lock(m_doneMutex);
    return m_doneCondition.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                    [this] { return m_done; });
}

void SimulationWorker::setState(SimulationSnapshot::State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SimulationWorker::start()
{
    if (m_state != SimulationSnapshot::State::Idle)
        return;
    if (!m_run && m_scenario.targetKind == Scenario::TargetKind::Http) {
        // Made here, on the engine's thread, where its sockets and timers must live.
        auto http = std::make_unique<HttpTarget>(m_scenario.targetUrl, m_scenario.connections,
                                                 m_scenario.timeoutS,
                                                 SimulationRun::assignPlans(m_scenario));
        http->setTimeSource([this] { return pacedTargetUs(); });
        m_target = std::move(http);
        m_run = std::make_unique<SimulationRun>(m_scenario, *m_target);
    }
    if (!m_run) {
        finishRun(SimulationSnapshot::State::Failed,
                  QStringLiteral("the %1 target is not available in this build")
                      .arg(toString(m_scenario.targetKind)));
        return;
    }
    const bool virtualClock = m_scenario.clock == Scenario::ClockMode::Virtual;
    const qint64 startMs =
        virtualClock ? qint64(1'700'000'000'000) : QDateTime::currentMSecsSinceEpoch();
    m_wall.start();
    if (!m_target->isSynchronous())
        // Answers still arrive while paused; they must not move simulated time on.
        m_run->setRealTimeSource([this] {
            return m_state == SimulationSnapshot::State::Running ? pacedTargetUs() : m_run->nowUs();
        });
    const QString error = m_run->begin(startMs);
    if (!error.isEmpty()) {
        finishRun(SimulationSnapshot::State::Failed, error);
        return;
    }
    qCInfo(lcSimulation) << "running" << m_scenario.name << "for" << m_scenario.durationS
                         << "simulated seconds against the" << toString(m_scenario.targetKind)
                         << "target";
    rebase();
    setState(SimulationSnapshot::State::Running);
    publish();
    scheduleStep(0);
}

void SimulationWorker::pause()
{
    if (m_state != SimulationSnapshot::State::Running)
        return;
    m_wallSpentNs += m_wall.nsecsElapsed();
    m_stepTimer.stop();
    setState(SimulationSnapshot::State::Paused);
    publish();
}

void SimulationWorker::resume()
{
    if (m_state != SimulationSnapshot::State::Paused)
        return;
    m_wall.restart();
    m_lastPublishNs = 0;
    rebase();
    setState(SimulationSnapshot::State::Running);
    scheduleStep(0);
}

void SimulationWorker::stop()
{
    if (m_state != SimulationSnapshot::State::Running &&
        m_state != SimulationSnapshot::State::Paused)
        return;
    if (m_state == SimulationSnapshot::State::Running)
        m_wallSpentNs += m_wall.nsecsElapsed();
    m_stepTimer.stop();
    finishRun(SimulationSnapshot::State::Stopped);
}

void SimulationWorker::rebase()
{
    m_baseWallNs = m_wall.nsecsElapsed();
    m_baseSimulatedUs = m_run ? m_run->nowUs() : 0;
    m_lastPublishSimulatedUs = m_baseSimulatedUs;
    m_baseSpeed = m_scenario.clock == Scenario::ClockMode::Real ? 1.0 : m_speed.load();
}

qint64 SimulationWorker::pacedTargetUs()
{
    const double elapsedUs = double(m_wall.nsecsElapsed() - m_baseWallNs) / 1000.0;
    return m_baseSimulatedUs + qint64(elapsedUs * m_baseSpeed);
}

void SimulationWorker::scheduleStep(int delayMs)
{
    m_stepTimer.start(std::max(delayMs, 0));
}

void SimulationWorker::step()
{
    if (m_state != SimulationSnapshot::State::Running)
        return;
    const double wanted = m_scenario.clock == Scenario::ClockMode::Real ? 1.0 : m_speed.load();
    if (wanted != m_baseSpeed)
        rebase();

    int nextDelayMs = 0;
    if (m_baseSpeed <= 0) {
        const qint64 sliceStart = m_wall.nsecsElapsed();
        do {
            m_run->runUntil(m_run->durationUs(), eventsPerCheck);
        } while (!m_run->reachedEnd() && m_wall.nsecsElapsed() - sliceStart < sliceNs);
    } else {
        m_run->runUntil(pacedTargetUs());
        // Sleep until the next event is due, but wake often enough to publish.
        const qint64 nextUs = std::min(m_run->nextEventUs(), m_run->durationUs());
        const double waitUs = double(nextUs - m_run->nowUs()) / m_baseSpeed;
        nextDelayMs = int(std::clamp(waitUs / 1000.0, 0.0, 50.0));
    }

    const qint64 nowNs = m_wall.nsecsElapsed();
    if (nowNs - m_lastPublishNs >= publishIntervalNs)
        publish();

    if (m_run->reachedEnd()) {
        if (m_endReachedNs < 0)
            m_endReachedNs = nowNs;
        // Late answers still count. The target ends every request by its timeout, so this
        // waits at most that long; the extra second only covers the target's timer granularity.
        const bool waitMore = m_target->inFlight() > 0 &&
                              double(nowNs - m_endReachedNs) < m_scenario.timeoutS * 1e9 + 1e9;
        if (!waitMore) {
            m_wallSpentNs += m_wall.nsecsElapsed();
            finishRun(SimulationSnapshot::State::Finished);
            return;
        }
        nextDelayMs = 5;
    }
    scheduleStep(nextDelayMs);
}

void SimulationWorker::publish()
{
    if (!m_run)
        return;
    const qint64 nowNs = m_wall.isValid() ? m_wall.nsecsElapsed() : 0;
    const qint64 spanNs = nowNs - m_lastPublishNs;
    if (spanNs > 0 && m_state == SimulationSnapshot::State::Running) {
        m_measuredSpeed =
            double(m_run->nowUs() - m_lastPublishSimulatedUs) * 1000.0 / double(spanNs);
    }
    m_lastPublishNs = nowNs;
    m_lastPublishSimulatedUs = m_run->nowUs();

    auto snapshot = std::make_shared<SimulationSnapshot>(m_run->snapshot(m_state));
    snapshot->speed = m_measuredSpeed;
    const bool running = m_state == SimulationSnapshot::State::Running;
    snapshot->wallS = double(m_wallSpentNs + (running ? nowNs : 0)) / 1e9;
    SnapshotPointer shared = std::move(snapshot);
    m_latest.store(shared, std::memory_order_release);
    emit published(shared);
}

void SimulationWorker::finishRun(SimulationSnapshot::State state, const QString &error)
{
    m_stepTimer.stop();
    SimulationReport report;
    if (m_run) {
        m_run->finish();
        report = m_run->report();
    } else {
        report.scenario = m_scenario;
        report.evaluateThresholds();
    }
    report.error = error;
    if (!error.isEmpty()) {
        report.completed = false;
        qCWarning(lcSimulation) << "run failed:" << error;
    }
    {
        std::lock_guard lock(m_doneMutex);
        m_report = report;
    }
    m_state = state;
    if (m_run) {
        publish();
    }
    auto last = std::make_shared<SimulationSnapshot>(*m_latest.load());
    last->state = state;
    last->error = error;
    m_latest.store(std::move(last));
    emit stateChanged(state);
    {
        std::lock_guard lock(m_doneMutex);
        m_done = true;
    }
    m_doneCondition.notify_all();
    emit finished();
}

} // namespace vs
