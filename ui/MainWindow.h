#pragma once

#include "EventCollector.h"
#include "MemoryLeaseStore.h"
#include "Scenario.h"
#include "SimulationEngine.h"
#include "StreamLimiter.h"
#include "SystemClock.h"

#include <QMainWindow>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QTimer;

namespace vs {

class ChartsPanel;
class EmbeddedTarget;
class EventLogPanel;
class LanguageSwitcher;
class RunControls;
class ScenarioPanel;
class ServerPanel;
class StreamsPanel;

// The desktop app: scenario editor, run controls, live charts, active streams, embedded server
// with the live policy, and the event log, around one SimulationEngine. The engine runs on its
// own thread; this window reads its snapshots ten times a second and never waits for it.
//
// The embedded server serves the engine's in-process core (the same StreamLimiter the simulated
// viewers use), or a standalone core on the system clock when the run targets an HTTP endpoint.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    static constexpr int refreshIntervalMs = 100;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    SimulationEngine &engine() { return m_engine; }
    ServerPanel *serverPanel() const { return m_serverPanel; }
    StreamsPanel *streamsPanel() const { return m_streamsPanel; }
    ChartsPanel *chartsPanel() const { return m_chartsPanel; }
    LanguageSwitcher *languageSwitcher() const { return m_languages; }

    // The scenario the panels describe, validated by the scenario's own rules.
    ScenarioParseResult currentScenario() const;
    void setScenario(const Scenario &scenario);

    // File operations without dialogs; on failure they return false and `error` says why.
    bool openScenario(const QString &path, QString *error = nullptr);
    bool saveScenario(const QString &path, QString *error = nullptr);
    bool exportReportJson(const QString &path, QString *error = nullptr);
    bool exportReportCsv(const QString &path, QString *error = nullptr);
    bool exportChartsPng(const QString &path, QString *error = nullptr);

    // Starts the embedded server on `host`:`port` (0: any free port).
    bool startServer(const QString &host, quint16 port);

public slots:
    bool startRun();
    void pauseRun();
    void resumeRun();
    void stopRun();
    void resetRun();
    // Reads the engine's latest snapshot now instead of at the next tick.
    void refreshNow();

    // Switches the GUI to `code` ("en", "es", "de") and remembers the choice. False for a
    // language the app does not have.
    bool setLanguage(const QString &code);

    // The run state as the status bar shows it, in the GUI's language.
    static QString stateText(SimulationSnapshot::State state);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createDocks();
    void createMenus();
    void createStatusBar();
    void retranslateUi();
    QString coreDescription() const;
    void restoreSettings();
    void saveSettings() const;

    void prepareRun(const Scenario &scenario);
    void attachCore();
    void detachCore();
    void applyPolicy(const Policy &policy);
    void validateScenario();
    void onStateChanged();
    void onFinished();
    void showSnapshot(const SimulationSnapshot &snapshot);
    void updateTitle();

    void openScenarioWithDialog();
    void saveScenarioWithDialog(bool askForPath);
    void exportWithDialog(const QString &filter, const QString &suffix,
                          bool (MainWindow::*exporter)(const QString &, QString *));
    void showApiDocumentation();
    void saveOpenApiDocumentWithDialog();
    void showAbout();
    void reportError(const QString &text);

    LanguageSwitcher *m_languages;

    // The standalone core (declared before the engine, so destroyed after it).
    MemoryLeaseStore m_standaloneStore;
    SystemClock m_systemClock;
    StreamLimiter m_standaloneLimiter;
    EventCollector m_events;
    SimulationEngine m_engine;
    EmbeddedTarget *m_attachedTarget = nullptr;

    ScenarioPanel *m_scenarioPanel = nullptr;
    RunControls *m_runControls = nullptr;
    ChartsPanel *m_chartsPanel = nullptr;
    StreamsPanel *m_streamsPanel = nullptr;
    ServerPanel *m_serverPanel = nullptr;
    EventLogPanel *m_eventLog = nullptr;
    QDockWidget *m_scenarioDock = nullptr;
    QDockWidget *m_streamsDock = nullptr;
    QDockWidget *m_serverDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QTimer *m_refreshTimer = nullptr;

    QLabel *m_stateLabel = nullptr;
    QLabel *m_timeLabel = nullptr;
    QLabel *m_activeLabel = nullptr;
    QLabel *m_grantsLabel = nullptr;
    QLabel *m_denialsLabel = nullptr;
    QLabel *m_serverLabel = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportPngAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_apiAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QActionGroup *m_languageActions = nullptr;
    QList<QAction *> m_exportActions;

    SnapshotPointer m_shownSnapshot;
    SimulationSnapshot::State m_shownState = SimulationSnapshot::State::Idle;
    qint64 m_loggedErrors = 0;
    int m_tick = 0;
    bool m_scenarioValid = true;
    QString m_scenarioPath;
};

} // namespace vs
