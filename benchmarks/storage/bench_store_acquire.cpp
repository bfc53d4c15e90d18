// Acquire throughput per store, in process: `bench_store_acquire [--ops N] [--window W]
// [--redis redis://HOST:PORT/DB] [--dir DIR]`. Each store gets the same request stream (10 000
// users, a new video each time, limit 3, reject), driven through acquireAsync with W calls in
// flight, as the HTTP server drives it. The memory store answers inline, so its figure is the
// baseline of the same run.

#include "LeaseStoreFactory.h"
#include "RedisScripts.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

namespace {

double run(vs::LeaseStore &store, int operations, int window)
{
    int sent = 0;
    int answered = 0;
    int inFlight = 0;
    int failed = 0;
    bool pumping = false;
    QElapsedTimer timer;
    // Keeps `window` calls in flight. A loop, not recursion: the memory store answers inline.
    std::function<void()> pump = [&] {
        if (pumping)
            return;
        pumping = true;
        while (sent < operations && inFlight < window) {
            const int i = sent++;
            ++inFlight;
            store.acquireAsync(vs::AcquireRequest{QStringLiteral("user%1").arg(i % 10'000),
                                                  QStringLiteral("video%1").arg(i),
                                                  {},
                                                  3,
                                                  60'000,
                                                  vs::AtLimitBehaviour::Reject,
                                                  1'700'000'000'000 + i},
                               [&](vs::WatchResult result) {
                                   --inFlight;
                                   ++answered;
                                   if (result.outcome == vs::WatchResult::Outcome::StoreUnavailable)
                                       ++failed;
                                   if (answered == operations)
                                       QCoreApplication::exit(0);
                                   else
                                       pump();
                               });
        }
        pumping = false;
    };
    timer.start();
    pump();
    if (answered < operations)
        QCoreApplication::exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (failed > 0)
        std::fprintf(stderr, "  %d calls failed (store unavailable)\n", failed);
    return operations / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption opsOption(QStringLiteral("ops"), QStringLiteral("Acquires per store."),
                                       QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption windowOption(QStringLiteral("window"),
                                          QStringLiteral("Calls in flight."), QStringLiteral("W"),
                                          QStringLiteral("256"));
    const QCommandLineOption redisOption(QStringLiteral("redis"),
                                         QStringLiteral("Redis URL (omit to skip Redis)."),
                                         QStringLiteral("URL"));
    const QCommandLineOption scriptOption(
        QStringLiteral("print-acquire-script"),
        QStringLiteral("Print the Redis acquire script (for SCRIPT LOAD and redis-benchmark) "
                       "and exit."));
    parser.addOptions({opsOption, windowOption, redisOption, scriptOption});
    parser.addHelpOption();
    parser.process(app);
    if (parser.isSet(scriptOption)) {
        std::fputs(vs::RedisScripts::source(vs::RedisScripts::Script::Acquire).constData(), stdout);
        return 0;
    }
    const int operations = parser.value(opsOption).toInt();
    const int window = parser.value(windowOption).toInt();
    QTemporaryDir directory;

    QStringList specs{QStringLiteral("memory"), QStringLiteral("sqlite")};
    if (parser.isSet(redisOption))
        specs.append(parser.value(redisOption));
    std::printf("store, acquires/s (ops=%d, window=%d)\n", operations, window);
    for (const QString &spec : specs) {
        vs::LeaseStoreCreation creation = vs::createLeaseStore(spec, directory.path());
        if (!creation.store) {
            std::fprintf(stderr, "%s\n", qPrintable(creation.error));
            return 1;
        }
        const double rate = run(*creation.store, operations, window);
        std::printf("%s, %.0f\n", qPrintable(creation.description.section(u'/', 0, 2)), rate);
        std::fflush(stdout);
    }
    return 0;
}
