// Does the desktop app stay responsive while 100k simulated users run at full speed, and does
// the engine run as fast with the window reading it as without?
//
// A 10 ms watchdog QTimer on the GUI thread records how late each tick fires; lateness is time
// the GUI thread was busy (painting charts, refreshing the table, draining the event log).
// Phases, in one process so the machine's load is shared alike:
//   1. baseline: the window open and idle, same watchdog, same wall time budget;
//   2. headless: the same scenario on a SimulationEngine with no window (engine wall time);
//   3. window: the scenario started from the window at full speed, watchdog running.
//
// Usage: ui_responsiveness_benchmark [users=100000] [duration_s=1800] [idle_s=5]
// (QT_QPA_PLATFORM defaults to offscreen.)

#include "MainWindow.h"
#include "StreamsPanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace vs;

namespace {

struct Lateness
{
    std::vector<double> lateMs;

    double max() const
    {
        return lateMs.empty() ? 0 : *std::max_element(lateMs.begin(), lateMs.end());
    }
    double percentile(double fraction) const
    {
        if (lateMs.empty())
            return 0;
        std::vector<double> sorted = lateMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, std::size_t(fraction * double(sorted.size())))];
    }
    qsizetype over(double ms) const
    {
        return std::count_if(lateMs.begin(), lateMs.end(), [ms](double late) { return late > ms; });
    }
};

// Runs the event loop until `done` says so, ticking a 10 ms watchdog.
Lateness watch(const std::function<bool()> &done, qint64 maxWallMs)
{
    Lateness result;
    QElapsedTimer wall;
    wall.start();
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    watchdog.setInterval(10);
    QEventLoop loop;
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        const double elapsed = double(sinceTick.nsecsElapsed()) / 1e6;
        sinceTick.restart();
        result.lateMs.push_back(std::max(0.0, elapsed - 10.0));
        if (done() || wall.elapsed() > maxWallMs)
            loop.quit();
    });
    watchdog.start();
    loop.exec();
    return result;
}

Scenario benchmarkScenario(int users, double durationS)
{
    Scenario scenario;
    scenario.name = QStringLiteral("responsiveness");
    scenario.users = users;
    scenario.durationS = durationS;
    scenario.arrivalsPerUserPerHour = 2;
    scenario.watchMeanS = 1800;
    scenario.heartbeatS = 30;
    scenario.abandonProbability = 0.05;
    scenario.retryMaxAttempts = 2;
    scenario.planMix = {{QStringLiteral("basic"), 0.3},
                        {QStringLiteral("premium"), 0.2},
                        {QStringLiteral("standard"), 0.5}};
    scenario.policy.planLimits = {{QStringLiteral("basic"), 1},
                                  {QStringLiteral("standard"), 2},
                                  {QStringLiteral("premium"), 4}};
    return scenario;
}

void printLateness(const char *phase, const Lateness &lateness, double wallS)
{
    std::printf("| %-28s | %7.1f | %6zu | %7.2f | %7.2f | %7.2f | %5lld |\n", phase, wallS,
                lateness.lateMs.size(), lateness.percentile(0.5), lateness.percentile(0.99),
                lateness.max(), static_cast<long long>(lateness.over(50)));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int users = args.size() > 1 ? args.at(1).toInt() : 100'000;
    const double durationS = args.size() > 2 ? args.at(2).toDouble() : 1800;
    const double idleS = args.size() > 3 ? args.at(3).toDouble() : 5;

    QTemporaryDir settingsDir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("VideoStreamsBenchmark"));

    const Scenario scenario = benchmarkScenario(users, durationS);
    std::printf("scenario: %d users, %.0f simulated s, %.1f starts/user/h, full speed\n\n", users,
                durationS, scenario.arrivalsPerUserPerHour);

    // 2. headless first: the engine's own pace, nobody reading.
    double headlessWallS = 0;
    qint64 headlessEvents = 0;
    {
        SimulationEngine engine;
        engine.setSpeed(0);
        engine.load(scenario);
        QElapsedTimer wall;
        wall.start();
        engine.start();
        engine.waitForFinished(3'600'000);
        headlessWallS = double(wall.nsecsElapsed()) / 1e9;
        headlessEvents = engine.snapshot()->events;
    }

    MainWindow window;
    window.resize(1440, 900);
    window.show();
    window.setScenario(scenario);

    // 1. baseline: the same window, idle.
    QElapsedTimer wall;
    wall.start();
    const Lateness idle = watch([] { return false; }, qint64(idleS * 1000));
    const double idleWallS = double(wall.nsecsElapsed()) / 1e9;

    // 3. the run from the window.
    int tableRefreshes = 0;
    int largestTable = 0;
    QObject::connect(window.streamsPanel(), &StreamsPanel::refreshed, &window, [&](int rows) {
        ++tableRefreshes;
        largestTable = std::max(largestTable, rows);
    });
    wall.restart();
    if (!window.startRun()) {
        std::fprintf(stderr, "the run did not start\n");
        return 1;
    }
    const Lateness running = watch(
        [&] {
            const auto state = window.engine().state();
            return state == SimulationSnapshot::State::Finished ||
                   state == SimulationSnapshot::State::Failed;
        },
        3'600'000);
    const double windowWallS = double(wall.nsecsElapsed()) / 1e9;
    const SnapshotPointer last = window.engine().snapshot();

    std::printf("| phase                        | wall s  | ticks  | p50 ms  | p99 ms  | max ms  | "
                ">50ms |\n");
    std::printf("|------------------------------|---------|--------|---------|---------|---------|-"
                "------|\n");
    printLateness("baseline: window idle", idle, idleWallS);
    printLateness("run from the window", running, windowWallS);
    std::printf(
        "\nengine wall time: headless %.2f s (%lld events), with the window %.2f s (%lld events): "
        "%.2fx\n",
        headlessWallS, static_cast<long long>(headlessEvents), windowWallS,
        static_cast<long long>(last->events), windowWallS / std::max(headlessWallS, 1e-9));
    std::printf("peak active streams %d at the end, table refreshes %d, largest table %d rows\n",
                last->activeStreams, tableRefreshes, largestTable);
    return 0;
}
