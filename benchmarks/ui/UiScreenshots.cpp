// Takes the README screenshots of the desktop app offscreen: a demo scenario run to the end on
// the embedded core, the embedded server on, a stream selected. Called by scripts/screenshots.sh.
//
// Usage: ui_screenshots OUTPUT_DIR

#include "ActiveStreamsModel.h"
#include "ChartsPanel.h"
#include "MainWindow.h"
#include "ServerPanel.h"
#include "StreamsPanel.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace vs;

namespace {

// Runs the event loop for `ms` (no QtTest in a tool).
void pump(int ms)
{
    const QDeadlineTimer until(ms);
    while (!until.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(5);
    }
}

bool save(QWidget *widget, const QString &path)
{
    const QPixmap pixmap = widget->grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("wrote %s (%dx%d)\n", qPrintable(path), pixmap.width(), pixmap.height());
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    if (app.arguments().size() != 2) {
        std::fprintf(stderr, "usage: ui_screenshots OUTPUT_DIR\n");
        return 2;
    }
    const QDir out(app.arguments().at(1));
    if (!out.exists() && !QDir().mkpath(out.path())) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(out.path()));
        return 1;
    }

    // Fresh settings: the screenshots must not depend on whoever ran the app last.
    QTemporaryDir settingsDir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("VideoStreamsScreenshots"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VS_VERSION_STRING));

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    pump(300);
    window.startServer(QStringLiteral("127.0.0.1"), 0);

    // The first-start demo scenario, with a limit tight enough to show denials.
    if (!window.startRun())
        return 1;
    const QDeadlineTimer deadline(120'000);
    while (window.engine().state() != SimulationSnapshot::State::Finished && !deadline.hasExpired())
        pump(50);
    if (window.engine().state() != SimulationSnapshot::State::Finished) {
        std::fprintf(stderr, "the demo run did not finish\n");
        return 1;
    }
    window.refreshNow();
    pump(300);
    while (window.streamsPanel()->isRefreshing())
        pump(20);
    auto *table = window.findChild<QTableView *>(QStringLiteral("streamsTableView"));
    if (table && table->model()->rowCount() > 3)
        table->selectRow(2);
    pump(200);

    bool ok = save(&window, out.filePath(QStringLiteral("window.png")));
    ok = save(window.chartsPanel(), out.filePath(QStringLiteral("charts.png"))) && ok;
    for (const auto &[dock, file] :
         {std::pair{"scenarioDock", "scenario.png"}, std::pair{"serverDock", "server.png"},
          std::pair{"streamsDock", "streams.png"}, std::pair{"eventLogDock", "event-log.png"}}) {
        auto *widget = window.findChild<QDockWidget *>(QString::fromLatin1(dock));
        ok = widget && save(widget, out.filePath(QString::fromLatin1(file))) && ok;
    }
    return ok ? 0 : 1;
}
