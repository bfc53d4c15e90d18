// `videostreams simulate SCENARIO.json`: runs a scenario headless, writes the report and turns
// the thresholds into the exit code (0 all pass, 99 any fails, 2 bad scenario or arguments).

#include "Commands.h"

#include "Scenario.h"
#include "SimulationEngine.h"
#include "SimulationReport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QSaveFile>

#include <cmath>
#include <cstdio>
#include <unistd.h>

using namespace vs;

namespace {

constexpr int exitPassed = 0;
constexpr int exitBadInput = 2;
constexpr int exitThresholdFailed = 99;

int fail(const QString &message)
{
    std::fprintf(stderr, "videostreams simulate: %s\n", qUtf8Printable(message));
    return exitBadInput;
}

QString clockText(double seconds)
{
    const auto total = qint64(seconds);
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600, 2, 10, QLatin1Char('0'))
        .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString progressLine(const SimulationSnapshot &s)
{
    const double denialRatio =
        s.totals.attempts > 0 ? double(s.totals.denials) / double(s.totals.attempts) : 0;
    return QStringLiteral("simulated %1 / %2  speed %3x  active %4  watching %5  denial ratio "
                          "%6%  errors %7")
        .arg(clockText(s.simulatedS), clockText(s.durationS))
        .arg(s.speed, 0, 'f', 0)
        .arg(s.activeStreams)
        .arg(s.viewersWatching)
        .arg(denialRatio * 100, 0, 'f', 2)
        .arg(s.totals.errors);
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

void printSummary(const SimulationReport &report)
{
    const SimulationCounters &t = report.totals;
    std::fprintf(stderr,
                 "%s: %.0f simulated s, attempts %lld, grants %lld, reuses %lld, denials %lld "
                 "(%.2f%%), stops %lld, expiries %lld, evictions %lld, errors %lld, peak active "
                 "%d, mean active %.1f, limit violations %lld, latency p50/p95/p99/max "
                 "%.2f/%.2f/%.2f/%.2f ms\n",
                 qUtf8Printable(report.scenario.name), report.simulatedS,
                 static_cast<long long>(t.attempts), static_cast<long long>(t.grants),
                 static_cast<long long>(t.reuses), static_cast<long long>(t.denials),
                 report.denialRatio * 100, static_cast<long long>(t.stops),
                 static_cast<long long>(t.expiries), static_cast<long long>(t.evictions),
                 static_cast<long long>(t.errors), report.peakActive, report.meanActive,
                 static_cast<long long>(report.limitViolations), report.latency.p50Ms,
                 report.latency.p95Ms, report.latency.p99Ms, report.latency.maxMs);
    for (const ThresholdResult &threshold : report.thresholds) {
        std::fprintf(stderr, "  threshold %s: value %g, limit %g: %s\n",
                     qUtf8Printable(threshold.name), threshold.value, threshold.limit,
                     threshold.passed ? "pass" : "FAIL");
    }
}

} // namespace

int runSimulateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run a scenario headless and write a report. Exit status: 0 when every "
                       "threshold passes, 99 when any fails, 2 for a bad scenario or arguments."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SCENARIO.json"),
                                 QStringLiteral("The scenario file (see docs/SCENARIOS.md)."));
    const QCommandLineOption reportOption(QStringLiteral("report"),
                                          QStringLiteral("Write the JSON report to FILE."),
                                          QStringLiteral("FILE.json"));
    const QCommandLineOption csvOption(QStringLiteral("csv"),
                                       QStringLiteral("Write the per-second series to FILE."),
                                       QStringLiteral("FILE.csv"));
    const QCommandLineOption durationOption(
        QStringLiteral("duration"), QStringLiteral("Override duration_s."), QStringLiteral("S"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Override seed."),
                                        QStringLiteral("N"));
    const QCommandLineOption targetOption(
        QStringLiteral("target"),
        QStringLiteral("Run against the VideoStreams endpoint at URL (real clock)."),
        QStringLiteral("URL"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("No progress line and no summary."));
    parser.addOptions(
        {reportOption, csvOption, durationOption, seedOption, targetOption, quietOption});
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qUtf8Printable(parser.helpText()), stdout);
        return exitPassed;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(QStringLiteral("expected exactly one scenario file (see --help)"));

    const ScenarioParseResult parsed = Scenario::load(positional.first());
    if (!parsed.ok())
        return fail(parsed.error);
    Scenario scenario = parsed.scenario;

    if (parser.isSet(durationOption)) {
        bool ok = false;
        const double duration = parser.value(durationOption).toDouble(&ok);
        if (!ok || !std::isfinite(duration) || duration <= 0 || duration > Scenario::maxDurationS)
            return fail(QStringLiteral("--duration must be a number of seconds greater than 0 "
                                       "and at most %1")
                            .arg(Scenario::maxDurationS));
        scenario.durationS = duration;
    }
    if (parser.isSet(seedOption)) {
        bool ok = false;
        const qulonglong seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok || seed > (1ULL << 53))
            return fail(QStringLiteral("--seed must be an integer from 0 to 2^53"));
        scenario.seed = seed;
    }
    if (parser.isSet(targetOption)) {
        QJsonObject json = scenario.toJson();
        json.insert(QStringLiteral("target"),
                    QJsonObject{{QStringLiteral("kind"), QStringLiteral("http")},
                                {QStringLiteral("url"), parser.value(targetOption)},
                                {QStringLiteral("connections"), scenario.connections},
                                {QStringLiteral("timeout_s"), scenario.timeoutS}});
        json.remove(QStringLiteral("clock"));
        json.remove(QStringLiteral("policy"));
        const ScenarioParseResult retargeted = Scenario::fromJson(json);
        if (!retargeted.ok())
            return fail(QStringLiteral("--target: ") % retargeted.error);
        scenario = retargeted.scenario;
    }

    const bool quiet = parser.isSet(quietOption);
    if (quiet)
        QLoggingCategory::setFilterRules(QStringLiteral("vs.sim.info=false"));
    const bool interactive = isatty(STDERR_FILENO) != 0;

    SimulationEngine engine;
    const QString loadError = engine.load(scenario);
    if (!loadError.isEmpty())
        return fail(loadError);

    QEventLoop loop;
    int published = 0;
    QObject::connect(
        &engine, &SimulationEngine::snapshotPublished, &loop, [&](const SnapshotPointer &snapshot) {
            if (quiet)
                return;
            // One line per second when stderr is a file or a CI log.
            if (interactive) {
                std::fprintf(stderr, "\r%s\033[K", qUtf8Printable(progressLine(*snapshot)));
            } else if (published++ % 10 == 0) {
                std::fprintf(stderr, "%s\n", qUtf8Printable(progressLine(*snapshot)));
            }
        });
    QObject::connect(&engine, &SimulationEngine::finished, &loop, &QEventLoop::quit);
    engine.start();
    loop.exec();
    engine.waitForFinished(60'000);
    if (!quiet && interactive)
        std::fputc('\n', stderr);

    const SimulationReport report = engine.report();
    if (!report.error.isEmpty())
        return fail(QStringLiteral("the run failed: ") % report.error);
    if (parser.isSet(reportOption)) {
        const QString error = writeFile(parser.value(reportOption), report.toJsonBytes());
        if (!error.isEmpty())
            return fail(error);
    }
    if (parser.isSet(csvOption)) {
        const QString error = writeFile(parser.value(csvOption), report.toCsv());
        if (!error.isEmpty())
            return fail(error);
    }
    if (!quiet)
        printSummary(report);
    return report.passed() ? exitPassed : exitThresholdFailed;
}
