// `videostreams serve`: the stream-limit HTTP service, headless.

#include "Commands.h"

#include "ApiServer.h"
#include "BufferedLogHandler.h"
#include "JwtVerifier.h"
#include "PeriodicSweeper.h"
#include "SecretFile.h"
#include "ServeOptions.h"
#include "ServeSignalHandler.h"
#include "ServeStoreFactory.h"
#include "StreamLimiter.h"
#include "SystemClock.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include <unistd.h>

namespace {

// --log-format json: every line on stderr is one JSON object. Request lines (vs.http info
// messages that are objects) already are; anything else (warnings, other categories, the stop
// line) is wrapped.
QByteArray jsonLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && qstrcmp(context.category, "vs.http") == 0 && type == QtInfoMsg &&
        message.startsWith(u'{'))
        return message.toUtf8() + '\n';
    static const char *const levels[] = {"debug", "warning", "critical", "fatal", "info"};
    const QJsonObject line{
        {QStringLiteral("level"), QLatin1String(levels[qBound(0, int(type), 4)])},
        {QStringLiteral("category"),
         QString::fromLatin1(context.category ? context.category : "default")},
        {QStringLiteral("message"), message},
    };
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

// The same for a request line handed over as bytes (BufferedLogHandler::info).
std::optional<QByteArray> jsonRequestLine(const char *category, QByteArrayView message)
{
    if (qstrcmp(category, "vs.http") != 0 || !message.startsWith('{'))
        return std::nullopt;
    return message.toByteArray() + '\n';
}

vs::Policy initialPolicy(const ServeOptions &options)
{
    vs::Policy policy;
    if (options.limit)
        policy.defaultLimit = *options.limit;
    if (options.ttlSeconds)
        policy.leaseTtlSeconds = *options.ttlSeconds;
    if (options.atLimit)
        policy.atLimit = *options.atLimit;
    return policy;
}

} // namespace

int runServeCommand(const QStringList &arguments)
{
    int exitCode = 0;
    const std::optional<ServeOptions> options = ServeOptions::parse(arguments, exitCode);
    if (!options)
        return exitCode;

    // Every log line, the one per request included, goes to stderr in one write per event-loop
    // pass; declared first so that it outlives (and flushes after) everything that logs.
    const bool json = options->logFormat == vs::LogFormat::Json;
    vs::BufferedLogHandler logHandler(
        STDERR_FILENO, json ? vs::BufferedLogHandler::Formatter(&jsonLogLine) : nullptr,
        json ? vs::BufferedLogHandler::DirectFormatter(&jsonRequestLine) : nullptr);
    logHandler.install();

    ServeSignalHandler signalHandler;
    if (!signalHandler.install()) {
        std::fputs("videostreams serve: cannot install the SIGINT/SIGTERM handlers\n", stderr);
        return 1;
    }
    QObject::connect(&signalHandler, &ServeSignalHandler::stopRequested,
                     QCoreApplication::instance(), [](int signalNumber) {
                         qCInfo(vs::lcHttp, "signal %d received, stopping", signalNumber);
                         QCoreApplication::quit();
                     });

    QString storeError;
    bool storeSpecInvalid = false;
    std::unique_ptr<vs::PolicySource> policySource;
    const std::unique_ptr<vs::LeaseStore> store =
        createLeaseStore(*options, &storeError, &storeSpecInvalid, &policySource);
    if (!store) {
        // A malformed spec is a bad option like any other (the same hint, exit code 2); a store
        // that would not open is not the command line's fault (exit code 1).
        std::fprintf(stderr, "videostreams serve: %s\n%s", qPrintable(storeError),
                     storeSpecInvalid ? "(see videostreams serve --help)\n" : "");
        return storeSpecInvalid ? 2 : 1;
    }
    vs::SystemClock clock;
    vs::StreamLimiter limiter(*store, clock, initialPolicy(*options));
    vs::PeriodicSweeper sweeper(limiter, 1000);
    vs::ApiServer server(limiter, options->logFormat);
    if (policySource) {
        // Shared stores share the policy: the stored one wins, PUT /v1/policy writes it.
        policySource->attach(limiter, initialPolicy(*options));
        server.setPolicySource(policySource.get());
    }

    vs::ServerSecurity security;
    security.limits = options->limits;
    security.access.metricsOpen = options->metricsOpen;
    if (options->jwtAuth) {
        const vs::SecretFileResult secret = vs::SecretFile::load(options->jwtSecretFile);
        if (!secret.ok()) {
            std::fprintf(stderr, "videostreams serve: %s\n", qPrintable(secret.error));
            return 2;
        }
        if (!secret.warning.isEmpty())
            qCWarning(vs::lcHttp, "%s", qPrintable(secret.warning));
        vs::JwtVerifier::Options jwt;
        jwt.secret = secret.secret;
        jwt.issuer = options->jwtIssuer;
        jwt.audience = options->jwtAudience;
        security.verifier = std::make_shared<const vs::JwtVerifier>(jwt, clock);
    } else if (options->address != QHostAddress(QHostAddress::LocalHost) &&
               options->address != QHostAddress(QHostAddress::LocalHostIPv6)) {
        qCWarning(vs::lcHttp,
                  "listening on %s without --auth jwt: every client may read and "
                  "stop every user's streams and change the policy",
                  qPrintable(options->host));
    }
    server.setSecurity(std::move(security));

    QString error;
    const quint16 port = server.listen(options->address, options->port, &error);
    if (port == 0) {
        std::fprintf(stderr, "videostreams serve: cannot listen on %s:%u: %s\n",
                     qPrintable(options->host), unsigned(options->port), qPrintable(error));
        return 1;
    }
    sweeper.start();

    // Tools wait for exactly this line.
    std::printf("listening on http://%s:%u\n", qPrintable(options->host), unsigned(port));
    std::fflush(stdout);

    const int result = QCoreApplication::exec();
    sweeper.stop();
    return result;
}
