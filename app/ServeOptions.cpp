#include "ServeOptions.h"

#include "ApiController.h"
#include "Policy.h"

#include <QCommandLineParser>

#include <algorithm>

#include <cstdio>

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "videostreams serve: %s\n(see videostreams serve --help)\n",
                 qPrintable(message));
}

} // namespace

QString ServeOptions::setListen(const QString &text)
{
    QString hostText;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != u':')
            return QStringLiteral("--listen: expected [IPv6]:PORT, got '%1'").arg(text);
        hostText = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0)
            return QStringLiteral("--listen: expected HOST:PORT, got '%1'").arg(text);
        hostText = text.left(colon);
        portText = text.mid(colon + 1);
        if (hostText.contains(u':'))
            return QStringLiteral("--listen: write IPv6 addresses in brackets, e.g. [::1]:8080");
    }
    bool ok = false;
    const uint parsedPort = portText.toUInt(&ok);
    if (!ok || parsedPort > 65535)
        return QStringLiteral("--listen: port must be a number from 0 to 65535, got '%1'")
            .arg(portText);
    QHostAddress parsedAddress;
    if (hostText == u"localhost")
        parsedAddress = QHostAddress(QHostAddress::LocalHost);
    else if (!parsedAddress.setAddress(hostText))
        return QStringLiteral("--listen: '%1' is not an IP address (or localhost)").arg(hostText);
    address = parsedAddress;
    host = text.startsWith(u'[') ? u'[' + hostText + u']' : hostText;
    port = quint16(parsedPort);
    return {};
}

std::optional<ServeOptions> ServeOptions::parse(const QStringList &arguments, int &exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run the stream-limit HTTP service (the original two calls, /v1, "
                       "/healthz, /readyz, /metrics)."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"),
        QStringLiteral("Address to listen on, HOST:PORT or [IPv6]:PORT; port 0 picks a free "
                       "port (default 127.0.0.1:8080)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption limitOption(
        QStringLiteral("limit"), QStringLiteral("Default concurrent streams per user (default 3)."),
        QStringLiteral("N"));
    const QCommandLineOption ttlOption(
        QStringLiteral("ttl"),
        QStringLiteral("Lease TTL without a heartbeat, in seconds; 0 = never expires (default "
                       "90)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption atLimitOption(
        QStringLiteral("at-limit"),
        QStringLiteral("What a request at the limit gets: reject or evict_oldest (default "
                       "reject)."),
        QStringLiteral("reject|evict_oldest"));
    const QCommandLineOption logFormatOption(
        QStringLiteral("log-format"),
        QStringLiteral("One line per request as text or json (default text)."),
        QStringLiteral("text|json"), QStringLiteral("text"));
    const QCommandLineOption storeOption(
        QStringLiteral("store"),
        QStringLiteral("Where leases live: memory, sqlite[:PATH] (durable, default: leases.db in "
                       "the data directory) or redis://[:PASSWORD@]HOST[:PORT][/DB] (shared by "
                       "instances)."),
        QStringLiteral("SPEC"), QStringLiteral("sqlite"));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Directory for the default SQLite file (default: the user's application "
                       "data directory)."),
        QStringLiteral("DIR"));
    const QCommandLineOption authOption(
        QStringLiteral("auth"),
        QStringLiteral("Authentication: none (trust every client; for 127.0.0.1 only) or jwt "
                       "(HS256 bearer tokens; needs --jwt-secret-file). Default none."),
        QStringLiteral("none|jwt"), QStringLiteral("none"));
    const QCommandLineOption jwtSecretFileOption(
        QStringLiteral("jwt-secret-file"),
        QStringLiteral("File holding the HS256 secret (at least 32 bytes; chmod 600)."),
        QStringLiteral("FILE"));
    const QCommandLineOption jwtIssuerOption(QStringLiteral("jwt-issuer"),
                                             QStringLiteral("Require this iss claim in tokens."),
                                             QStringLiteral("ISSUER"));
    const QCommandLineOption jwtAudienceOption(
        QStringLiteral("jwt-audience"),
        QStringLiteral("Require tokens' aud claim to include this value."),
        QStringLiteral("AUDIENCE"));
    const QCommandLineOption metricsOption(
        QStringLiteral("metrics"),
        QStringLiteral("/metrics without a token (open) or only with the admin or metrics "
                       "scope (protected). Default: protected with --auth jwt, else open."),
        QStringLiteral("open|protected"));
    const QCommandLineOption maxConnectionsOption(
        QStringLiteral("max-connections"),
        QStringLiteral("Concurrent connections; more get 503 (default 512)."), QStringLiteral("N"));
    const QCommandLineOption maxClientConnectionsOption(
        QStringLiteral("max-connections-per-client"),
        QStringLiteral("Concurrent connections from one client address; more get 503 (default 0 "
                       "= no per-client cap)."),
        QStringLiteral("N"));
    const QCommandLineOption maxBodyOption(
        QStringLiteral("max-body-bytes"),
        QStringLiteral("Largest request body, up to 65536; larger get 413 (default 65536)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption requestRateOption(
        QStringLiteral("request-rate"),
        QStringLiteral("Requests per second per connection, bursts of twice that; more get 429 "
                       "(default 0 = unlimited)."),
        QStringLiteral("N"));
    parser.addOptions({helpOption, listenOption, limitOption, ttlOption, atLimitOption,
                       logFormatOption, storeOption, dataDirOption, authOption, jwtSecretFileOption,
                       jwtIssuerOption, jwtAudienceOption, metricsOption, maxConnectionsOption,
                       maxClientConnectionsOption, maxBodyOption, requestRateOption});

    exitCode = 2;
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return std::nullopt;
    }
    if (parser.isSet(helpOption)) {
        // Qt's first line names the binary's path; the subcommand is what the user typed.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: videostreams serve [options]"));
        std::fputs(qPrintable(help), stdout);
        exitCode = 0;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument '%1'")
                       .arg(parser.positionalArguments().constFirst()));
        return std::nullopt;
    }

    ServeOptions options;
    if (const QString error = options.setListen(parser.value(listenOption)); !error.isEmpty()) {
        printError(error);
        return std::nullopt;
    }
    if (parser.isSet(limitOption)) {
        bool ok = false;
        const int limit = parser.value(limitOption).toInt(&ok);
        if (!ok || limit < 0 || limit > vs::Policy::maxLimit) {
            printError(QStringLiteral("--limit must be a whole number from 0 to %1, got '%2'")
                           .arg(vs::Policy::maxLimit)
                           .arg(parser.value(limitOption)));
            return std::nullopt;
        }
        options.limit = limit;
    }
    if (parser.isSet(ttlOption)) {
        bool ok = false;
        const qint64 ttl = parser.value(ttlOption).toLongLong(&ok);
        if (!ok || ttl < 0 || ttl > vs::Policy::maxLeaseTtlSeconds) {
            printError(QStringLiteral("--ttl must be a whole number of seconds from 0 to %1, got "
                                      "'%2'")
                           .arg(vs::Policy::maxLeaseTtlSeconds)
                           .arg(parser.value(ttlOption)));
            return std::nullopt;
        }
        options.ttlSeconds = ttl;
    }
    if (parser.isSet(atLimitOption)) {
        options.atLimit = vs::atLimitBehaviourFromString(parser.value(atLimitOption));
        if (!options.atLimit) {
            printError(QStringLiteral("--at-limit must be reject or evict_oldest, got '%1'")
                           .arg(parser.value(atLimitOption)));
            return std::nullopt;
        }
    }
    const auto format = vs::logFormatFromString(parser.value(logFormatOption));
    if (!format) {
        printError(QStringLiteral("--log-format must be text or json, got '%1'")
                       .arg(parser.value(logFormatOption)));
        return std::nullopt;
    }
    options.logFormat = *format;
    options.store = parser.value(storeOption);
    options.dataDir = parser.value(dataDirOption);

    const QString auth = parser.value(authOption);
    if (auth != u"none" && auth != u"jwt") {
        printError(QStringLiteral("--auth must be none or jwt, got '%1'").arg(auth));
        return std::nullopt;
    }
    options.jwtAuth = auth == u"jwt";
    options.jwtSecretFile = parser.value(jwtSecretFileOption);
    options.jwtIssuer = parser.value(jwtIssuerOption);
    options.jwtAudience = parser.value(jwtAudienceOption);
    if (options.jwtAuth && options.jwtSecretFile.isEmpty()) {
        printError(QStringLiteral("--auth jwt needs --jwt-secret-file FILE"));
        return std::nullopt;
    }
    if (!options.jwtAuth && (parser.isSet(jwtSecretFileOption) || parser.isSet(jwtIssuerOption) ||
                             parser.isSet(jwtAudienceOption))) {
        printError(QStringLiteral("--jwt-secret-file, --jwt-issuer and --jwt-audience need "
                                  "--auth jwt"));
        return std::nullopt;
    }
    options.metricsOpen = !options.jwtAuth;
    if (parser.isSet(metricsOption)) {
        const QString metrics = parser.value(metricsOption);
        if (metrics != u"open" && metrics != u"protected") {
            printError(
                QStringLiteral("--metrics must be open or protected, got '%1'").arg(metrics));
            return std::nullopt;
        }
        options.metricsOpen = metrics == u"open";
    }
    const auto readCount = [&parser](const QCommandLineOption &option, qint64 minimum,
                                     qint64 maximum, qint64 &out) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < minimum || value > maximum) {
            printError(QStringLiteral("--%1 must be a whole number from %2 to %3, got '%4'")
                           .arg(option.names().constFirst())
                           .arg(minimum)
                           .arg(maximum)
                           .arg(parser.value(option)));
            return false;
        }
        out = value;
        return true;
    };
    qint64 maxConnections = options.limits.maxConnections;
    qint64 maxClientConnections = options.limits.maxConnectionsPerClient;
    qint64 maxBody = options.limits.maxBodyBytes;
    qint64 requestRate = qint64(options.limits.requestsPerSecond);
    if (!readCount(maxConnectionsOption, 1, 100'000, maxConnections) ||
        !readCount(maxClientConnectionsOption, 0, 100'000, maxClientConnections) ||
        !readCount(maxBodyOption, 1024, vs::ApiController::maxBodyBytes, maxBody) ||
        !readCount(requestRateOption, 0, 1'000'000, requestRate))
        return std::nullopt;
    options.limits.maxConnections = int(maxConnections);
    options.limits.maxConnectionsPerClient = int(maxClientConnections);
    options.limits.maxBodyBytes = maxBody;
    options.limits.requestsPerSecond = double(requestRate);
    options.limits.requestBurst = double(std::max<qint64>(1, requestRate * 2));
    exitCode = 0;
    return options;
}
