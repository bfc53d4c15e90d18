#pragma once

#include "Scenario.h"
#include "SimulationReport.h"
#include "SimulationSnapshot.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace vs {

class EmbeddedTarget;
class SimulationWorker;

// Runs one scenario on its own thread and publishes immutable snapshots about 10 times per
// second without ever waiting for readers. Control methods may be called from any thread; the
// signals are delivered on the thread that owns the engine.
//
// Typical use: load(scenario), start(), read snapshot() on a timer or react to
// snapshotPublished(), and take report() once finished() arrives.
class SimulationEngine : public QObject
{
    Q_OBJECT

public:
    static constexpr int publishIntervalMs = 100;

    explicit SimulationEngine(QObject *parent = nullptr);
    ~SimulationEngine() override;

    // Prepares a run (state Idle), discarding the previous one. Returns an error message when
    // the scenario cannot run (e.g. an http target with a virtual clock).
    QString load(const Scenario &scenario);
    Scenario scenario() const;

    void start();
    void pause();
    void resume();
    void stop();
    // Back to Idle with the same scenario, a fresh target and zeroed statistics.
    void reset();

    // Simulated seconds per wall second: 0 means as fast as possible. Virtual clock only; a
    // real clock always runs at 1.
    void setSpeed(double factor);
    double speed() const;

    SnapshotPointer snapshot() const;
    SimulationSnapshot::State state() const;
    // The final report, once finished() was emitted (before that: an empty one).
    SimulationReport report() const;

    // The in-process core of an embedded run (nullptr for http), for the GUI's active-streams
    // table and live policy changes. Valid until the next load() or reset().
    EmbeddedTarget *embeddedTarget() const;

    // Blocks the calling thread until the run ends or `timeoutMs` passes. For tests and the CLI;
    // signals queued for the caller's thread are delivered after it returns.
    bool waitForFinished(int timeoutMs);

signals:
    void snapshotPublished(vs::SnapshotPointer snapshot);
    void stateChanged(vs::SimulationSnapshot::State state);
    void finished();

private:
    void createWorker();
    void destroyWorker();

    Scenario m_scenario;
    QThread m_thread;
    SimulationWorker *m_worker = nullptr; // lives on m_thread
    std::atomic<double> m_speed{0};
};

} // namespace vs
