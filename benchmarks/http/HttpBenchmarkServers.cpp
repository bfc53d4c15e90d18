// Two servers in one process, for wrk to compare in the same run:
//   bare: a plain QHttpServer whose POST /v1/users/<arg>/streams returns a constant;
//   api:  the real ApiServer (memory store, system clock, sweeper, request log on).
// Prints "bare http://127.0.0.1:PORT" and "api http://127.0.0.1:PORT", then serves until killed.
// benchmarks/http/run.sh drives wrk against both and prints a table.

#include "ApiServer.h"
#include "MemoryLeaseStore.h"
#include "PeriodicSweeper.h"
#include "StreamLimiter.h"
#include "SystemClock.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QTcpServer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    QHttpServer bare;
    bare.route(QStringLiteral("/v1/users/<arg>/streams"), QHttpServerRequest::Method::Post,
               [](const QString &) { return QStringLiteral("{\"stream_id\":\"constant\"}"); });
    auto *bareTcp = new QTcpServer(&bare);
    if (!bareTcp->listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "bare server: %s\n", qPrintable(bareTcp->errorString()));
        return 1;
    }
    bare.bind(bareTcp);

    vs::MemoryLeaseStore store;
    vs::SystemClock clock;
    vs::StreamLimiter limiter(store, clock);
    vs::PeriodicSweeper sweeper(limiter, 1000);
    sweeper.start();
    vs::ApiServer api(limiter);
    QString error;
    const quint16 apiPort = api.listen(QHostAddress::LocalHost, 0, &error);
    if (apiPort == 0) {
        std::fprintf(stderr, "api server: %s\n", qPrintable(error));
        return 1;
    }

    std::printf("bare http://127.0.0.1:%u\napi http://127.0.0.1:%u\n",
                unsigned(bareTcp->serverPort()), unsigned(apiPort));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
