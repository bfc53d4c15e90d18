#include "Commands.h"

#ifdef VS_WITH_GUI
#include "MainWindow.h"
#include "ServerPanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#endif

#include <cstdio>

// `videostreams [OPTIONS]`: the desktop app. The embedded HTTP server starts with the window
// unless --no-server is given; a port that is taken is reported in the window, not fatal.
int runGuiCommand(const QStringList &arguments)
{
#ifndef VS_WITH_GUI
    Q_UNUSED(arguments);
    std::fputs("videostreams: this build has no desktop app (VS_BUILD_GUI=OFF); "
               "see videostreams --help\n",
               stderr);
    return 2;
#else
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Open the VideoStreams desktop simulator and client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenarioOption({QStringLiteral("s"), QStringLiteral("scenario")},
                                            QStringLiteral("Open this scenario file."),
                                            QStringLiteral("file"));
    const QCommandLineOption hostOption(
        QStringLiteral("host"),
        QStringLiteral(
            "Address of the embedded server (default: the last one used, else 127.0.0.1)."),
        QStringLiteral("address"));
    const QCommandLineOption portOption(
        {QStringLiteral("p"), QStringLiteral("port")},
        QStringLiteral("Port of the embedded server (default: the last one used, else 8080; 0: any "
                       "free port)."),
        QStringLiteral("port"));
    const QCommandLineOption noServerOption(
        QStringLiteral("no-server"), QStringLiteral("Do not start the embedded HTTP server."));
    parser.addOptions({scenarioOption, hostOption, portOption, noServerOption});
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "videostreams: unexpected argument '%s' (use --scenario FILE)\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }
    bool portOk = true;
    const uint port = parser.isSet(portOption) ? parser.value(portOption).toUInt(&portOk) : 0;
    if (!portOk || port > 65535) {
        std::fprintf(stderr, "videostreams: --port must be a number from 0 to 65535, not '%s'\n",
                     qPrintable(parser.value(portOption)));
        return 2;
    }

    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/videostreams-256.png")));
    vs::MainWindow window;
    if (parser.isSet(scenarioOption)) {
        QString error;
        if (!window.openScenario(parser.value(scenarioOption), &error)) {
            std::fprintf(stderr, "videostreams: %s\n", qPrintable(error));
            return 2;
        }
    }
    if (!parser.isSet(noServerOption)) {
        vs::ServerPanel *server = window.serverPanel();
        window.startServer(parser.isSet(hostOption) ? parser.value(hostOption) : server->host(),
                           parser.isSet(portOption) ? quint16(port) : server->requestedPort());
    }
    window.show();
    return QApplication::exec();
#endif
}
