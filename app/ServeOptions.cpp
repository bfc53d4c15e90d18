#include "ServeOptions.h"

#include "Policy.h"

#include <QCommandLineParser>

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
    parser.addOptions({helpOption, listenOption, limitOption, ttlOption, atLimitOption,
                       logFormatOption, storeOption, dataDirOption});

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
    exitCode = 0;
    return options;
}
