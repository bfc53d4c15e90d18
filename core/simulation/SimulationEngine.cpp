#include "SimulationEngine.h"

#include "EmbeddedTarget.h"
#include "SimulationWorker.h"

namespace vs {

SimulationEngine::SimulationEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<vs::SnapshotPointer>();
    qRegisterMetaType<vs::SimulationSnapshot::State>();
    m_thread.setObjectName(QStringLiteral("simulation"));
    m_thread.start();
    createWorker();
}

SimulationEngine::~SimulationEngine()
{
    destroyWorker();
    m_thread.quit();
    m_thread.wait();
}

QString SimulationEngine::load(const Scenario &scenario)
{
    if (scenario.targetKind == Scenario::TargetKind::Http &&
        scenario.clock == Scenario::ClockMode::Virtual) {
        return QStringLiteral("clock: the http target runs in real time only");
    }
    destroyWorker();
    m_scenario = scenario;
    createWorker();
    return {};
}

Scenario SimulationEngine::scenario() const
{
    return m_scenario;
}

void SimulationEngine::createWorker()
{
    auto *worker = new SimulationWorker(m_scenario, m_speed);
    worker->moveToThread(&m_thread);
    connect(worker, &SimulationWorker::published, this, &SimulationEngine::snapshotPublished);
    connect(worker, &SimulationWorker::stateChanged, this, &SimulationEngine::stateChanged);
    connect(worker, &SimulationWorker::finished, this, &SimulationEngine::finished);
    m_worker = worker;
}

void SimulationEngine::destroyWorker()
{
    if (!m_worker)
        return;
    SimulationWorker *worker = m_worker;
    m_worker = nullptr;
    disconnect(worker, nullptr, this, nullptr);
    // Deleted on its own thread, where its timer and any sockets live; wait so that the target
    // handed out by embeddedTarget() is gone when this returns.
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
}

void SimulationEngine::start()
{
    QMetaObject::invokeMethod(m_worker, &SimulationWorker::start, Qt::QueuedConnection);
}

void SimulationEngine::pause()
{
    QMetaObject::invokeMethod(m_worker, &SimulationWorker::pause, Qt::QueuedConnection);
}

void SimulationEngine::resume()
{
    QMetaObject::invokeMethod(m_worker, &SimulationWorker::resume, Qt::QueuedConnection);
}

void SimulationEngine::stop()
{
    QMetaObject::invokeMethod(m_worker, &SimulationWorker::stop, Qt::QueuedConnection);
}

void SimulationEngine::reset()
{
    load(m_scenario);
}

void SimulationEngine::setSpeed(double factor)
{
    m_speed.store(factor > 0 ? factor : 0);
}

double SimulationEngine::speed() const
{
    return m_speed.load();
}

SnapshotPointer SimulationEngine::snapshot() const
{
    return m_worker->latestSnapshot();
}

SimulationSnapshot::State SimulationEngine::state() const
{
    return snapshot()->state;
}

SimulationReport SimulationEngine::report() const
{
    return m_worker->finalReport();
}

EmbeddedTarget *SimulationEngine::embeddedTarget() const
{
    return m_worker->embeddedTarget();
}

bool SimulationEngine::waitForFinished(int timeoutMs)
{
    return m_worker->waitForFinished(timeoutMs);
}

} // namespace vs
