#include "MainWindow.h"

#include "ActiveStreamsModel.h"
#include "ApiServer.h"
#include "ChartsPanel.h"
#include "EmbeddedTarget.h"
#include "EventLogPanel.h"
#include "LanguageSwitcher.h"
#include "OpenApiDocument.h"
#include "PolicyEditor.h"
#include "RunControls.h"
#include "ScenarioPanel.h"
#include "ServerPanel.h"
#include "StreamsPanel.h"
#include "UiLog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace vs {

namespace {

QString durationText(double seconds)
{
    const qint64 total = qint64(seconds);
    const qint64 hours = total / 3600;
    const qint64 minutes = (total / 60) % 60;
    const qint64 secs = total % 60;
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(secs, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("MainWindow", "cannot write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

QString policySummary(const Policy &policy)
{
    return QCoreApplication::translate(
               "MainWindow", "default limit %1, %2 plan limit(s), TTL %3, at the limit: %4")
        .arg(policy.defaultLimit)
        .arg(policy.planLimits.size())
        .arg(policy.leaseTtlSeconds == 0
                 ? QCoreApplication::translate("MainWindow", "never")
                 : QCoreApplication::translate("MainWindow", "%1 s").arg(policy.leaseTtlSeconds))
        .arg(toString(policy.atLimit));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_languages(new LanguageSwitcher(this))
    , m_standaloneLimiter(m_standaloneStore, m_systemClock)
    , m_chartsPanel(new ChartsPanel(this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/videostreams-256.png")));
    setDockNestingEnabled(true);
    setCentralWidget(m_chartsPanel);

    m_runControls = new RunControls(this);
    addToolBar(Qt::TopToolBarArea, m_runControls);
    createDocks();
    createMenus();
    createStatusBar();
    retranslateUi();

    connect(m_runControls, &RunControls::startRequested, this, &MainWindow::startRun);
    connect(m_runControls, &RunControls::pauseRequested, this, &MainWindow::pauseRun);
    connect(m_runControls, &RunControls::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_runControls, &RunControls::stopRequested, this, &MainWindow::stopRun);
    connect(m_runControls, &RunControls::resetRequested, this, &MainWindow::resetRun);
    connect(m_runControls, &RunControls::speedChanged, this,
            [this](double speed) { m_engine.setSpeed(speed); });
    connect(m_runControls, &RunControls::targetChanged, this, [this] {
        m_scenarioPanel->setHttpTarget(m_runControls->targetKind() == Scenario::TargetKind::Http);
        validateScenario();
    });
    connect(m_scenarioPanel, &ScenarioPanel::changed, this, &MainWindow::validateScenario);
    connect(m_scenarioPanel, &ScenarioPanel::openRequested, this,
            &MainWindow::openScenarioWithDialog);
    connect(m_scenarioPanel, &ScenarioPanel::saveRequested, this,
            [this] { saveScenarioWithDialog(true); });
    connect(m_scenarioPanel, &ScenarioPanel::presetRequested, this, [this](const QString &path) {
        QString error;
        if (!openScenario(path, &error))
            reportError(error);
    });
    connect(m_serverPanel->policyEditor(), &PolicyEditor::applyRequested, this,
            &MainWindow::applyPolicy);
    connect(m_serverPanel->policyEditor(), &PolicyEditor::changed, this,
            &MainWindow::validateScenario);
    connect(m_serverPanel, &ServerPanel::message, m_eventLog, &EventLogPanel::appendMessage);
    connect(m_serverPanel, &ServerPanel::error, m_eventLog, &EventLogPanel::appendError);
    connect(m_serverPanel, &ServerPanel::servingChanged, this, [this] {
        m_serverLabel->setText(m_serverPanel->isServing()
                                   ? tr("Server: %1").arg(m_serverPanel->baseUrl())
                                   : tr("Server: off"));
    });
    connect(m_streamsPanel, &StreamsPanel::message, m_eventLog, &EventLogPanel::appendMessage);
    connect(&m_engine, &SimulationEngine::stateChanged, this, &MainWindow::onStateChanged);
    connect(&m_engine, &SimulationEngine::finished, this, &MainWindow::onFinished);

    m_engine.setSpeed(m_runControls->speed());
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshNow);
    m_refreshTimer->start(refreshIntervalMs);

    restoreSettings();
    // The saved choice, else the system's language. Every widget was built in English and
    // retranslates on the LanguageChange this sends: the same path as a switch from the menu.
    const QString language = QSettings().value(QStringLiteral("ui/language")).toString();
    if (language.isEmpty() || !m_languages->setLanguage(language))
        m_languages->setLanguage(LanguageSwitcher::systemLanguage());
    prepareRun(currentScenario().ok() ? currentScenario().scenario : Scenario());
    m_eventLog->appendMessage(tr("Ready. Press Start (F5) to run the scenario."));
}

MainWindow::~MainWindow()
{
    // The panels outlive these members (children go last): let go of every core first.
    detachCore();
    m_serverPanel->setLimiter(nullptr, QString());
}

void MainWindow::createDocks()
{
    // Titles come from retranslateUi.
    const auto dock = [this](QWidget *widget, const QString &name, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(this);
        d->setObjectName(name);
        d->setWidget(widget);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                       QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    m_scenarioPanel = new ScenarioPanel(this);
    m_scenarioPanel->setMinimumWidth(360);
    m_scenarioDock = dock(m_scenarioPanel, QStringLiteral("scenarioDock"), Qt::LeftDockWidgetArea);

    m_serverPanel = new ServerPanel(this);
    m_serverPanel->setMinimumWidth(320);
    m_serverDock = dock(m_serverPanel, QStringLiteral("serverDock"), Qt::RightDockWidgetArea);

    m_streamsPanel = new StreamsPanel(this);
    m_streamsDock = dock(m_streamsPanel, QStringLiteral("streamsDock"), Qt::BottomDockWidgetArea);
    m_eventLog = new EventLogPanel(this);
    m_logDock = dock(m_eventLog, QStringLiteral("eventLogDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(m_streamsDock, m_logDock, Qt::Horizontal);
    // The side docks run the full height; the bottom docks sit under the charts only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    resizeDocks({m_scenarioDock, m_serverDock}, {380, 360}, Qt::Horizontal);
    resizeDocks({m_streamsDock}, {260}, Qt::Vertical);
    resizeDocks({m_streamsDock, m_logDock}, {560, 440}, Qt::Horizontal);
}

void MainWindow::createMenus()
{
    // Texts come from retranslateUi.
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_openAction = m_fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton),
                                         QString(), this, &MainWindow::openScenarioWithDialog);
    m_openAction->setShortcut(QKeySequence::Open);
    m_saveAction =
        m_fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this,
                              [this] { saveScenarioWithDialog(false); });
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAsAction =
        m_fileMenu->addAction(QString(), this, [this] { saveScenarioWithDialog(true); });
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_fileMenu->addSeparator();
    m_exportJsonAction = m_fileMenu->addAction(QString(), this, [this] {
        exportWithDialog(tr("JSON report (*.json)"), QStringLiteral("json"),
                         &MainWindow::exportReportJson);
    });
    m_exportJsonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportCsvAction = m_fileMenu->addAction(QString(), this, [this] {
        exportWithDialog(tr("CSV, one line per simulated second (*.csv)"), QStringLiteral("csv"),
                         &MainWindow::exportReportCsv);
    });
    m_exportPngAction = m_fileMenu->addAction(QString(), this, [this] {
        exportWithDialog(tr("PNG image (*.png)"), QStringLiteral("png"),
                         &MainWindow::exportChartsPng);
    });
    m_exportPngAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportActions = {m_exportJsonAction, m_exportCsvAction, m_exportPngAction};
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->setObjectName(QStringLiteral("runMenu"));
    m_runMenu->addAction(m_runControls->startAction());
    m_runMenu->addAction(m_runControls->pauseAction());
    m_runMenu->addAction(m_runControls->resumeAction());
    m_runMenu->addAction(m_runControls->stopAction());
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_runControls->resetAction());

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    for (QDockWidget *d : {m_scenarioDock, m_serverDock, m_streamsDock, m_logDock})
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addAction(m_runControls->toggleViewAction());
    m_scenarioDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_serverDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_streamsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    m_logDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    m_viewMenu->addSeparator();
    m_fullScreenAction = m_viewMenu->addAction(QString(), this, [this](bool on) {
        setWindowState(on ? (windowState() | Qt::WindowFullScreen)
                          : (windowState() & ~Qt::WindowFullScreen));
    });
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);

    // Each language under its own name, so anyone can find theirs whatever the GUI speaks now.
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageActions = new QActionGroup(this);
    m_languageActions->setExclusive(true);
    for (const LanguageSwitcher::Language &language : LanguageSwitcher::languages()) {
        QAction *action = m_languageMenu->addAction(language.nativeName);
        action->setObjectName(QStringLiteral("language%1Action")
                                  .arg(language.code.left(1).toUpper() + language.code.mid(1)));
        action->setData(language.code);
        action->setCheckable(true);
        m_languageActions->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, code = language.code] { setLanguage(code); });
    }
    connect(m_languages, &LanguageSwitcher::languageChanged, this, [this](const QString &code) {
        for (QAction *action : m_languageActions->actions())
            action->setChecked(action->data().toString() == code);
    });

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_apiAction = m_helpMenu->addAction(QString(), this, &MainWindow::showApiDocumentation);
    m_apiAction->setObjectName(QStringLiteral("apiDocumentationAction"));
    m_apiAction->setShortcut(QKeySequence::HelpContents);
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_aboutQtAction = m_helpMenu->addAction(QString(), qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    const auto label = [this](const QString &name) {
        auto *l = new QLabel(this);
        l->setObjectName(name);
        l->setContentsMargins(6, 0, 6, 0);
        statusBar()->addPermanentWidget(l);
        return l;
    };
    m_stateLabel = label(QStringLiteral("stateLabel"));
    m_timeLabel = label(QStringLiteral("timeLabel"));
    m_activeLabel = label(QStringLiteral("activeStreamsLabel"));
    m_grantsLabel = label(QStringLiteral("grantsLabel"));
    m_denialsLabel = label(QStringLiteral("denialsLabel"));
    m_serverLabel = label(QStringLiteral("serverLabel"));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_openAction->setText(tr("&Open Scenario…"));
    m_saveAction->setText(tr("&Save Scenario"));
    m_saveAsAction->setText(tr("Save Scenario &As…"));
    m_exportJsonAction->setText(tr("Export Report as &JSON…"));
    m_exportCsvAction->setText(tr("Export Report as &CSV…"));
    m_exportPngAction->setText(tr("Export Charts as &PNG…"));
    m_quitAction->setText(tr("&Quit"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_apiAction->setText(tr("&API Documentation"));
    m_aboutAction->setText(tr("&About VideoStreams"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_scenarioDock->setWindowTitle(tr("Scenario"));
    m_serverDock->setWindowTitle(tr("Server and policy"));
    m_streamsDock->setWindowTitle(tr("Active streams"));
    m_logDock->setWindowTitle(tr("Event log"));

    m_stateLabel->setToolTip(tr("State of the run"));
    m_timeLabel->setToolTip(
        tr("Simulated time so far, of the scenario's duration, and the current speed"));
    m_activeLabel->setToolTip(tr("Streams active in the core now"));
    m_grantsLabel->setToolTip(tr("Streams granted in the last simulated second"));
    m_denialsLabel->setToolTip(tr("Starts denied in the last simulated second"));
    m_serverLabel->setToolTip(tr("The embedded HTTP server"));
    m_serverLabel->setText(m_serverPanel->isServing()
                               ? tr("Server: %1").arg(m_serverPanel->baseUrl())
                               : tr("Server: off"));
    m_stateLabel->setText(stateText(m_engine.state()));

    // Texts that depend on the state: the core's description, the validation message, the
    // window title and the numbers of the last snapshot.
    m_serverPanel->setLimiter(m_attachedTarget != nullptr ? &m_attachedTarget->limiter()
                                                          : &m_standaloneLimiter,
                              coreDescription());
    validateScenario();
    updateTitle();
    if (m_shownSnapshot)
        showSnapshot(*m_shownSnapshot);
}

QString MainWindow::coreDescription() const
{
    return m_attachedTarget != nullptr ? tr("the simulation's core (clock: simulated time)")
                                       : tr("a standalone core (clock: system time)");
}

bool MainWindow::setLanguage(const QString &code)
{
    if (!m_languages->setLanguage(code))
        return false;
    QSettings().setValue(QStringLiteral("ui/language"), code);
    return true;
}

QString MainWindow::stateText(SimulationSnapshot::State state)
{
    using State = SimulationSnapshot::State;
    switch (state) {
    case State::Idle:
        return tr("idle");
    case State::Running:
        return tr("running");
    case State::Paused:
        return tr("paused");
    case State::Finished:
        return tr("finished");
    case State::Stopped:
        return tr("stopped");
    case State::Failed:
        return tr("failed");
    }
    return tr("unknown");
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1440, 900);
    m_runControls->setSpeedIndex(
        settings.value(QStringLiteral("run/speedIndex"), int(RunControls::speeds().size()) - 1)
            .toInt());
    m_serverPanel->setAddress(
        settings.value(QStringLiteral("server/host"), QStringLiteral("127.0.0.1")).toString(),
        quint16(settings.value(QStringLiteral("server/port"), 8080).toUInt()));
    m_scenarioPath = settings.value(QStringLiteral("scenario/path")).toString();
    const QByteArray last = settings.value(QStringLiteral("scenario/last")).toByteArray();
    const ScenarioParseResult parsed =
        last.isEmpty() ? ScenarioParseResult() : Scenario::fromJsonBytes(last);
    if (!last.isEmpty() && !parsed.ok())
        qCWarning(lcUi) << "ignoring the saved scenario:" << parsed.error;
    setScenario(parsed.ok() ? parsed.scenario : Scenario());
    if (!parsed.ok() || last.isEmpty()) {
        // A first start shows a scenario that says something within seconds.
        Scenario demo;
        demo.name = tr("first look");
        demo.durationS = 3600;
        demo.users = 5000;
        demo.arrivalsPerUserPerHour = 2;
        demo.watchMeanS = 1200;
        demo.abandonProbability = 0.1;
        demo.planMix = {{QStringLiteral("basic"), 0.3},
                        {QStringLiteral("premium"), 0.2},
                        {QStringLiteral("standard"), 0.5}};
        demo.policy.planLimits = {{QStringLiteral("basic"), 1},
                                  {QStringLiteral("standard"), 2},
                                  {QStringLiteral("premium"), 4}};
        setScenario(demo);
    }
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("run/speedIndex"), m_runControls->speedIndex());
    settings.setValue(QStringLiteral("server/host"), m_serverPanel->host());
    settings.setValue(QStringLiteral("server/port"), m_serverPanel->requestedPort());
    settings.setValue(QStringLiteral("scenario/path"), m_scenarioPath);
    const ScenarioParseResult current = currentScenario();
    if (current.ok())
        settings.setValue(QStringLiteral("scenario/last"), current.scenario.toJsonBytes());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_engine.stop();
    event->accept();
}

ScenarioParseResult MainWindow::currentScenario() const
{
    Scenario scenario = m_scenarioPanel->scenario();
    scenario.policy = m_serverPanel->policyEditor()->policy();
    scenario.targetKind = m_runControls->targetKind();
    if (scenario.targetKind == Scenario::TargetKind::Http) {
        scenario.targetUrl = QUrl(m_runControls->targetUrl());
        scenario.clock = Scenario::ClockMode::Real;
    }
    const QString policyError = m_serverPanel->policyEditor()->validationError();
    if (!policyError.isEmpty()) {
        ScenarioParseResult result;
        result.scenario = scenario;
        result.error = tr("Policy: %1").arg(policyError);
        result.field = QStringLiteral("policy");
        return result;
    }
    // A JSON object cannot hold a plan twice, so the rules below would never see it.
    for (std::size_t i = 1; i < scenario.planMix.size(); ++i) {
        if (scenario.planMix[i].first == scenario.planMix[i - 1].first) {
            ScenarioParseResult result;
            result.scenario = scenario;
            result.field = QStringLiteral("population.plan_mix");
            result.error = tr("population.plan_mix: the plan \"%1\" is listed twice")
                               .arg(scenario.planMix[i].first);
            return result;
        }
    }
    // The scenario's own rules decide, so the GUI accepts exactly what a scenario file may say.
    ScenarioParseResult result = Scenario::fromJson(scenario.toJson());
    if (result.ok())
        result.scenario = scenario;
    return result;
}

void MainWindow::setScenario(const Scenario &scenario)
{
    m_scenarioPanel->setScenario(scenario);
    m_runControls->setTarget(scenario.targetKind, scenario.targetUrl.toString());
    m_scenarioPanel->setHttpTarget(scenario.targetKind == Scenario::TargetKind::Http);
    if (scenario.targetKind == Scenario::TargetKind::Embedded)
        m_serverPanel->policyEditor()->setPolicy(scenario.policy);
    validateScenario();
    updateTitle();
}

void MainWindow::validateScenario()
{
    const ScenarioParseResult result = currentScenario();
    m_scenarioValid = result.ok();
    m_scenarioPanel->showValidation(result.error, result.field);
    m_runControls->setRunState(m_engine.state(), m_scenarioValid);
    m_saveAction->setEnabled(m_scenarioValid);
}

bool MainWindow::openScenario(const QString &path, QString *error)
{
    const ScenarioParseResult parsed = Scenario::load(path);
    if (!parsed.ok()) {
        if (error)
            *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), parsed.error);
        return false;
    }
    setScenario(parsed.scenario);
    if (!path.startsWith(u':'))
        m_scenarioPath = path;
    m_eventLog->appendMessage(tr("Opened scenario \"%1\" from %2")
                                  .arg(parsed.scenario.name, QDir::toNativeSeparators(path)));
    if (m_engine.state() != SimulationSnapshot::State::Running &&
        m_engine.state() != SimulationSnapshot::State::Paused)
        prepareRun(parsed.scenario);
    return true;
}

bool MainWindow::saveScenario(const QString &path, QString *error)
{
    const ScenarioParseResult current = currentScenario();
    if (!current.ok()) {
        if (error)
            *error = tr("The scenario is not valid: %1").arg(current.error);
        return false;
    }
    const QString saveError = current.scenario.save(path);
    if (!saveError.isEmpty()) {
        if (error)
            *error = saveError;
        return false;
    }
    m_scenarioPath = path;
    m_eventLog->appendMessage(tr("Saved the scenario to %1").arg(QDir::toNativeSeparators(path)));
    updateTitle();
    return true;
}

bool MainWindow::exportReportJson(const QString &path, QString *error)
{
    if (m_engine.state() == SimulationSnapshot::State::Idle) {
        if (error)
            *error = tr("There is no report yet: run the scenario first.");
        return false;
    }
    SimulationReport report = m_engine.report();
    report.evaluateThresholds();
    return writeFile(path, report.toJsonBytes(), error);
}

bool MainWindow::exportReportCsv(const QString &path, QString *error)
{
    if (m_engine.state() == SimulationSnapshot::State::Idle) {
        if (error)
            *error = tr("There is no report yet: run the scenario first.");
        return false;
    }
    return writeFile(path, m_engine.report().toCsv(), error);
}

bool MainWindow::exportChartsPng(const QString &path, QString *error)
{
    refreshNow();
    const QImage image = m_chartsPanel->renderImage();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error)
            *error = tr("cannot write the image to %1").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

bool MainWindow::startServer(const QString &host, quint16 port)
{
    m_serverPanel->setAddress(host, port);
    return m_serverPanel->startServer();
}

void MainWindow::prepareRun(const Scenario &scenario)
{
    detachCore();
    const QString error = m_engine.load(scenario);
    if (!error.isEmpty())
        reportError(tr("The scenario cannot run: %1").arg(error));
    attachCore();
    m_chartsPanel->clear();
    m_shownSnapshot.reset();
    m_loggedErrors = 0;
    refreshNow();
}

bool MainWindow::startRun()
{
    using State = SimulationSnapshot::State;
    const State state = m_engine.state();
    if (state == State::Running || state == State::Paused)
        return false;
    const ScenarioParseResult current = currentScenario();
    if (!current.ok()) {
        reportError(tr("The scenario is not valid: %1").arg(current.error));
        return false;
    }
    prepareRun(current.scenario);
    m_engine.setSpeed(m_runControls->speed());
    m_engine.start();
    m_eventLog->appendMessage(
        tr("Started \"%1\": %2 users for %3 of simulated time, %4")
            .arg(current.scenario.name, QLocale().toString(current.scenario.users),
                 durationText(current.scenario.durationS),
                 current.scenario.targetKind == Scenario::TargetKind::Http
                     ? tr("against %1").arg(current.scenario.targetUrl.toString())
                     : tr("on the embedded core")));
    QSettings().setValue(QStringLiteral("scenario/last"), current.scenario.toJsonBytes());
    return true;
}

void MainWindow::pauseRun()
{
    m_engine.pause();
}

void MainWindow::resumeRun()
{
    m_engine.resume();
}

void MainWindow::stopRun()
{
    m_engine.stop();
}

void MainWindow::resetRun()
{
    const ScenarioParseResult current = currentScenario();
    prepareRun(current.ok() ? current.scenario : m_engine.scenario());
    m_streamsPanel->refresh();
    m_eventLog->appendMessage(tr("Reset: a fresh core and empty charts"));
}

void MainWindow::attachCore()
{
    EmbeddedTarget *target = m_engine.embeddedTarget();
    if (target == m_attachedTarget && target != nullptr)
        return;
    detachCore();
    if (target == nullptr)
        return;
    m_attachedTarget = target;
    target->limiter().addObserver(&m_events);
    m_streamsPanel->setTarget(target);
    m_serverPanel->setLimiter(&target->limiter(), coreDescription());
}

void MainWindow::detachCore()
{
    if (m_attachedTarget != nullptr)
        m_attachedTarget->limiter().removeObserver(&m_events);
    m_attachedTarget = nullptr;
    m_streamsPanel->setTarget(nullptr);
    m_serverPanel->setLimiter(&m_standaloneLimiter, coreDescription());
    m_events.take();
}

void MainWindow::applyPolicy(const Policy &policy)
{
    // Both cores, so the policy holds whichever one the server is serving next.
    m_standaloneLimiter.setPolicy(policy);
    if (m_attachedTarget != nullptr)
        m_attachedTarget->setPolicy(policy);
    m_eventLog->appendMessage(tr("Applied the policy: %1").arg(policySummary(policy)));
    statusBar()->showMessage(tr("Policy applied to the running core"), 4000);
    refreshNow();
}

void MainWindow::refreshNow()
{
    QElapsedTimer timer;
    timer.start();
    const SnapshotPointer snapshot = m_engine.snapshot();
    if (snapshot && snapshot != m_shownSnapshot) {
        m_shownSnapshot = snapshot;
        showSnapshot(*snapshot);
    }
    const qint64 chartsMs = timer.elapsed();
    const EventCollector::Batch batch = m_events.take();
    m_eventLog->appendEvents(batch);
    if (timer.elapsed() > 50) {
        qCWarning(lcUi) << "slow refresh:" << timer.elapsed() << "ms, of which charts and status"
                        << chartsMs << "ms";
    }

    // The table refreshes once a second while a run moves; listing is done off this thread.
    ++m_tick;
    const bool moving = snapshot && snapshot->state == SimulationSnapshot::State::Running;
    if (moving && m_tick % 10 == 0 && m_streamsDock->isVisible())
        m_streamsPanel->refresh();
}

void MainWindow::showSnapshot(const SimulationSnapshot &snapshot)
{
    m_chartsPanel->showSnapshot(snapshot);

    const QLocale locale;
    m_stateLabel->setText(stateText(snapshot.state));
    const QString speed = snapshot.state == SimulationSnapshot::State::Running && snapshot.speed > 0
                              ? tr(", %1x").arg(locale.toString(snapshot.speed, 'f', 0))
                              : QString();
    m_timeLabel->setText(
        tr("%1 of %2%3")
            .arg(durationText(snapshot.simulatedS), durationText(snapshot.durationS), speed));
    m_activeLabel->setText(tr("Active: %1").arg(locale.toString(snapshot.activeStreams)));
    const SimulationCounters last =
        snapshot.series.isEmpty() ? SimulationCounters() : snapshot.series.last().counters;
    m_grantsLabel->setText(tr("Grants/s: %1").arg(locale.toString(last.grants)));
    m_denialsLabel->setText(tr("Denials/s: %1").arg(locale.toString(last.denials)));

    if (snapshot.totals.errors > m_loggedErrors) {
        m_eventLog->appendError(
            tr("%n request(s) failed", nullptr, int(snapshot.totals.errors - m_loggedErrors)));
        m_loggedErrors = snapshot.totals.errors;
    }
    if (snapshot.state != m_shownState) {
        m_shownState = snapshot.state;
        onStateChanged();
    }
}

void MainWindow::onStateChanged()
{
    using State = SimulationSnapshot::State;
    const State state = m_engine.state();
    m_runControls->setRunState(state, m_scenarioValid);
    m_scenarioPanel->setEditable(state != State::Running && state != State::Paused);
    m_chartsPanel->setLive(state == State::Running);
    m_serverPanel->policyEditor()->setEnabled(true);
    for (QAction *action : std::as_const(m_exportActions))
        action->setEnabled(state != State::Idle || action == m_exportActions.last());
    m_stateLabel->setText(stateText(state));
}

void MainWindow::onFinished()
{
    refreshNow();
    m_streamsPanel->refresh();
    SimulationReport report = m_engine.report();
    report.evaluateThresholds();
    const QLocale locale;
    if (!report.error.isEmpty()) {
        reportError(tr("The run failed: %1").arg(report.error));
        return;
    }
    QString summary =
        tr("Run %1 after %2: %3 grants, %4 denials (%5%), %6 expiries, %7 evictions, peak %8 "
           "active")
            .arg(report.completed ? tr("finished") : tr("stopped"), durationText(report.simulatedS),
                 locale.toString(report.totals.grants), locale.toString(report.totals.denials),
                 locale.toString(report.denialRatio * 100, 'f', 2),
                 locale.toString(report.totals.expiries), locale.toString(report.totals.evictions),
                 locale.toString(report.peakActive));
    if (!report.thresholds.empty())
        summary += report.passed() ? tr("; thresholds passed") : tr("; thresholds FAILED");
    m_eventLog->appendMessage(summary);
    statusBar()->showMessage(summary, 10000);
}

void MainWindow::updateTitle()
{
    const QString name = m_scenarioPanel->scenario().name;
    setWindowTitle(name.isEmpty() ? tr("VideoStreams") : tr("%1 — VideoStreams").arg(name));
}

void MainWindow::openScenarioWithDialog()
{
    const QString dir = m_scenarioPath.isEmpty()
                            ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                            : QFileInfo(m_scenarioPath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), dir,
                                                      tr("Scenario files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openScenario(path, &error))
        reportError(error);
}

void MainWindow::saveScenarioWithDialog(bool askForPath)
{
    QString path = askForPath ? QString() : m_scenarioPath;
    if (path.isEmpty()) {
        const QString suggested =
            m_scenarioPath.isEmpty()
                ? QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                      .filePath(m_scenarioPanel->scenario().name + QStringLiteral(".json"))
                : m_scenarioPath;
        path = QFileDialog::getSaveFileName(this, tr("Save Scenario"), suggested,
                                            tr("Scenario files (*.json)"));
        if (path.isEmpty())
            return;
    }
    QString error;
    if (!saveScenario(path, &error))
        reportError(error);
}

void MainWindow::exportWithDialog(const QString &filter, const QString &suffix,
                                  bool (MainWindow::*exporter)(const QString &, QString *))
{
    const QString base = m_scenarioPanel->scenario().name.isEmpty()
                             ? QStringLiteral("videostreams")
                             : m_scenarioPanel->scenario().name;
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(base + u'.' + suffix);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), suggested, filter);
    if (path.isEmpty())
        return;
    QString error;
    if ((this->*exporter)(path, &error))
        m_eventLog->appendMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    else
        reportError(error);
}

void MainWindow::showApiDocumentation()
{
    // The route table is the server's own, so this list cannot drift from what it answers.
    const ApiServer probe(m_standaloneLimiter);
    const QString base = m_serverPanel->isServing() ? m_serverPanel->baseUrl() : tr("(server off)");
    QString html =
        tr("<h3>VideoStreams HTTP API</h3><p>Served by this app at <b>%1</b> when the "
           "embedded server is on. Errors are <code>application/problem+json</code>; the "
           "original two calls answer byte for byte as the original service did.</p>")
            .arg(base.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    for (const RouteTable::Route &route : probe.routes().routes()) {
        html += QStringLiteral("<tr><td><code><b>%1</b></code></td><td><code>%2</code></td></tr>")
                    .arg(QString::fromLatin1(RouteTable::methodName(route.method)),
                         route.pattern.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    // The whole contract (parameters, schemas, examples, errors) is the OpenAPI document the
    // server itself serves; it is built into the app, so it can be saved with the server off.
    html += m_serverPanel->isServing()
                ? tr("<p>The full description (OpenAPI 3: every parameter, schema, example and "
                     "error): <a href=\"%1\">%1</a></p>")
                      .arg(QString(m_serverPanel->baseUrl() + QStringLiteral("/openapi.json"))
                               .toHtmlEscaped())
                : tr("<p>The full description (OpenAPI 3: every parameter, schema, example and "
                     "error) is served at <code>/openapi.json</code> while the server is on, and "
                     "can be saved from here.</p>");
    html +=
        tr("<p>Example: <code>%1</code></p>")
            .arg(QStringLiteral("curl -s -X POST -d '{\"video_id\":\"v1\"}' %1/user/alice/stream")
                     .arg(m_serverPanel->isServing() ? m_serverPanel->baseUrl()
                                                     : QStringLiteral("http://127.0.0.1:8080"))
                     .toHtmlEscaped());
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("apiDocumentationDialog"));
    dialog.setWindowTitle(tr("API Documentation"));
    auto *browser = new QTextBrowser(&dialog);
    browser->setObjectName(QStringLiteral("apiDocumentationBrowser"));
    browser->setOpenExternalLinks(true);
    browser->setHtml(html);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton *save =
        buttons->addButton(tr("Save OpenAPI Document…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("saveOpenApiButton"));
    save->setEnabled(!OpenApiDocument::bytes().isEmpty());
    connect(save, &QPushButton::clicked, this, &MainWindow::saveOpenApiDocumentWithDialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    dialog.resize(640, 560);
    dialog.exec();
}

void MainWindow::saveOpenApiDocumentWithDialog()
{
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("videostreams-openapi.json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save OpenAPI Document"), suggested,
                                                      tr("OpenAPI document (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (writeFile(path, OpenApiDocument::bytes(), &error))
        m_eventLog->appendMessage(
            tr("Saved the OpenAPI document to %1").arg(QDir::toNativeSeparators(path)));
    else
        reportError(error);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About VideoStreams"),
        tr("<h3>VideoStreams %1</h3><p>Limit how many videos one account watches at once, "
           "and see before launch how a limit and lease TTL will feel to viewers.</p>"
           "<p>An embeddable stream-limit core, its HTTP API, and a simulator that replays "
           "hours of traffic in seconds.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::reportError(const QString &text)
{
    qCWarning(lcUi).noquote() << text;
    m_eventLog->appendError(text);
    statusBar()->showMessage(text, 8000);
}

} // namespace vs
