// Simulated events per second in virtual time, on one core.
//   bench_simulation [--users N] [--hours H] [--seed N]
// Runs the same scenario three ways in one process so the figures share one machine state:
//   engine+core  the embedded target (StreamLimiter + MemoryLeaseStore on a ManualClock)
//   engine only  a target that grants everything at once (the engine's own cost)
//   core only    StreamLimiter heartbeats in a loop on one hot lease, through the text API and
//                through the pre-validated UserKey path the embedded target uses

#include "EmbeddedTarget.h"
#include "SimulationRun.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <ctime>

using namespace vs;

namespace {

// CPU time of this thread: the machine is shared, so wall time alone measures the neighbours.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Stopwatch
{
    QElapsedTimer wall;
    qint64 cpuStartNs = threadCpuNs();
    Stopwatch() { wall.start(); }
    qint64 cpuNs() const { return threadCpuNs() - cpuStartNs; }
};

// Grants every watch and renews every heartbeat: measures the event loop, not the core.
class InstantTarget final : public Target
{
public:
    bool isSynchronous() const override { return true; }
    bool supportsVirtualTime() const override { return true; }
    QString open(qint64 startMs) override
    {
        m_startMs = startMs;
        return {};
    }
    void advanceTo(qint64 simulatedUs) override { m_nowMs = m_startMs + simulatedUs / 1000; }
    void send(const TargetCall &call) override
    {
        TargetReply reply;
        reply.call = call;
        reply.limit = 1'000'000;
        reply.decidedAtMs = m_nowMs;
        reply.expiresAtMs = m_nowMs + 90'000;
        switch (call.kind) {
        case TargetCall::Kind::Watch:
            reply.outcome = TargetReply::Outcome::Granted;
            break;
        case TargetCall::Kind::Heartbeat:
            reply.outcome = TargetReply::Outcome::Renewed;
            break;
        case TargetCall::Kind::Stop:
            reply.outcome = TargetReply::Outcome::Stopped;
            break;
        }
        deliver(reply);
    }
    void forget(quint32, quint32) override {}

private:
    qint64 m_startMs = 0;
    qint64 m_nowMs = 0;
};

Scenario benchmarkScenario(int users, double hours, quint64 seed)
{
    Scenario s;
    s.name = QStringLiteral("benchmark");
    s.seed = seed;
    s.durationS = hours * 3600;
    s.users = users;
    s.arrivalsPerUserPerHour = 0.5;
    s.stages = {{6 * 3600.0, 0.5}, {18 * 3600.0, 1.0}, {23 * 3600.0, 3.0}};
    s.videos = 50'000;
    s.catalog = Scenario::CatalogDistribution::Zipf;
    s.zipfS = 1.0;
    s.watch = Scenario::WatchDistribution::Lognormal;
    s.watchMeanS = 2400;
    s.watchSigma = 0.8;
    s.heartbeatS = 30;
    s.abandonProbability = 0.05;
    s.retryMaxAttempts = 3;
    s.retryBackoffS = 10;
    s.policy.defaultLimit = 2;
    s.policy.leaseTtlSeconds = 90;
    return s;
}

void report(const char *label, qint64 events, const Stopwatch &watch, const SimulationReport &r)
{
    const double seconds = double(watch.cpuNs()) / 1e9;
    const double wallSeconds = double(watch.wall.nsecsElapsed()) / 1e9;
    std::printf(
        "%-12s %10lld events in %6.3f s CPU (%6.3f s wall) = %9.0f events/s CPU, %9.0f/s "
        "wall  (grants %lld, heartbeats %lld, denials %lld, mean active %.1f, simulated "
        "%.0f s, %.0fx real time)\n",
        label, static_cast<long long>(events), seconds, wallSeconds, double(events) / seconds,
        double(events) / wallSeconds, static_cast<long long>(r.totals.grants),
        static_cast<long long>(r.totals.heartbeats), static_cast<long long>(r.totals.denials),
        r.meanActive, r.simulatedS, r.simulatedS / seconds);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int users = 100'000;
    double hours = 24;
    quint64 seed = 1;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--users")
            users = args[i + 1].toInt();
        else if (args[i] == u"--hours")
            hours = args[i + 1].toDouble();
        else if (args[i] == u"--seed")
            seed = args[i + 1].toULongLong();
    }
    const Scenario scenario = benchmarkScenario(users, hours, seed);
    std::printf("scenario: %d users, %.1f simulated hours, heartbeat %.0f s, TTL %lld s\n", users,
                hours, scenario.heartbeatS,
                static_cast<long long>(scenario.policy.leaseTtlSeconds));

    {
        EmbeddedTarget target(scenario.policy, SimulationRun::assignPlans(scenario),
                              scenario.videos);
        SimulationRun run(scenario, target);
        run.begin(1'700'000'000'000);
        Stopwatch watch;
        run.runToEnd();
        report("engine+core", run.events(), watch, run.report());
    }
    {
        InstantTarget target;
        SimulationRun run(scenario, target);
        run.begin(1'700'000'000'000);
        Stopwatch watch;
        run.runToEnd();
        report("engine only", run.events(), watch, run.report());
    }
    {
        ManualClock clock;
        MemoryLeaseStore store;
        StreamLimiter limiter(store, clock, scenario.policy);
        const QString user = QStringLiteral("u1");
        const QString stream = limiter.watch(WatchRequest{user, QStringLiteral("v1"), {}, {}})
                                   .lease.streamId.toString();
        constexpr int calls = 2'000'000;
        const auto print = [](const char *label, const Stopwatch &watch) {
            const double seconds = double(watch.cpuNs()) / 1e9;
            std::printf("%-12s %10d heartbeats in %6.3f s CPU (%6.3f s wall) = %9.0f calls/s CPU\n",
                        label, calls, seconds, double(watch.wall.nsecsElapsed()) / 1e9,
                        calls / seconds);
        };
        {
            Stopwatch watch;
            for (int i = 0; i < calls; ++i) {
                clock.advanceMs(1);
                limiter.heartbeat(user, stream);
            }
            print("core (text)", watch);
        }
        {
            const UserKey key = *UserKey::fromString(user);
            const StreamId id = *StreamId::fromString(stream);
            Stopwatch watch;
            for (int i = 0; i < calls; ++i) {
                clock.advanceMs(1);
                limiter.heartbeat(key, id);
            }
            print("core (key)", watch);
        }
    }
    return 0;
}
