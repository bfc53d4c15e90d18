// videostreams: the desktop app (no arguments), `serve` (the HTTP service) and `simulate`
// (a headless scripted run). main() only picks the application type and the subcommand.

#include "Commands.h"

#include <QCoreApplication>
#ifdef VS_WITH_GUI
#include <QApplication>
#endif

#include <cstdio>

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("VideoStreams"));
    QCoreApplication::setApplicationName(QStringLiteral("videostreams"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VS_VERSION_STRING));
}

const char *usageText()
{
    return "Usage: videostreams [COMMAND] [OPTIONS]\n"
           "\n"
           "Limit and simulate concurrent video streams.\n"
           "\n"
           "Commands:\n"
           "  (none)      open the desktop simulator and client\n"
           "  serve       run the stream-limit HTTP service\n"
           "  simulate    run a scenario file headless and write a report\n"
           "\n"
           "Options:\n"
           "  -h, --help     show this help (COMMAND --help for a command's options)\n"
           "  -v, --version  show the version\n";
}

} // namespace

int main(int argc, char *argv[])
{
    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();

    if (command == u"--help" || command == u"-h" || command == u"help") {
        std::fputs(usageText(), stdout);
        return 0;
    }
    if (command == u"--version" || command == u"-v") {
        std::printf("videostreams %s\n", VS_VERSION_STRING);
        return 0;
    }

    if (command == u"serve" || command == u"simulate") {
        // serve runs on Qt's own poll() event dispatcher rather than GLib's: every answer arms and
        // disarms its socket's write notifier, which GLib turns into two eventfd writes (and a
        // wake-up) per request, while Qt's dispatcher only edits its table. serve needs nothing
        // from GLib; a QT_NO_GLIB already set is left alone.
        if (command == u"serve" && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
            qputenv("QT_NO_GLIB", "1");
        QCoreApplication app(argc, argv);
        setApplicationIdentity();
        QStringList arguments = app.arguments();
        arguments.removeAt(1); // the subcommand: each command's parser sees only its options
        return command == u"serve" ? runServeCommand(arguments) : runSimulateCommand(arguments);
    }

    if (!command.isEmpty() && !command.startsWith(u'-')) {
        std::fprintf(stderr, "videostreams: unknown command '%s'\n\n%s", argv[1], usageText());
        return 2;
    }

#ifdef VS_WITH_GUI
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv); // runGuiCommand explains that this build has no window
#endif
    setApplicationIdentity();
    return runGuiCommand(app.arguments());
}
