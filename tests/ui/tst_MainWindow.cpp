// The desktop window driven as a user would: widgets found by objectName, clicks and typing.

#include "ActiveStreamsModel.h"
#include "EmbeddedTarget.h"
#include "MainWindow.h"
#include "ServerPanel.h"
#include "StreamsPanel.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace vs;

namespace {

QLineSeries *lineNamed(QChartView *view, const QString &name)
{
    for (QAbstractSeries *series : view->chart()->series()) {
        if (series->name() == name)
            return qobject_cast<QLineSeries *>(series);
    }
    return nullptr;
}

void typeInto(QAbstractSpinBox *box, const QString &text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
};

HttpAnswer request(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
                   const QByteArray &body = {})
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(req, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void namedWidgetsExist_data();
    void namedWidgetsExist();
    void runFillsChartsAndTable();
    void stopStreamFromTable();
    void policyEditReachesHttpClients_data();
    void policyEditReachesHttpClients();
    void exportsWriteValidFiles_data();
    void exportsWriteValidFiles();
    void scenarioRoundTrips_data();
    void scenarioRoundTrips();
    void invalidScenarioIsShownAndBlocksStart();

private:
    // Types a small, quick scenario into the panel and runs it to the end at full speed.
    void runShortScenario(int users, double durationS);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("VideoStreamsTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_MainWindow"));
}

void tst_MainWindow::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
}

void tst_MainWindow::namedWidgetsExist_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"usersSpinBox",
                             "durationSpinBox",
                             "planMixTableWidget",
                             "stagesTableWidget",
                             "startButton",
                             "pauseButton",
                             "resumeButton",
                             "stopButton",
                             "resetButton",
                             "targetComboBox",
                             "targetUrlLineEdit",
                             "speedSlider",
                             "activeStreamsChartView",
                             "ratesChartView",
                             "latencyChartView",
                             "usersByStreamsChartView",
                             "streamsTableView",
                             "streamsFilterLineEdit",
                             "stopStreamButton",
                             "serverEnabledCheckBox",
                             "curlLineEdit",
                             "policyLimitSpinBox",
                             "policyTtlSpinBox",
                             "policyAtLimitComboBox",
                             "applyPolicyButton",
                             "eventLogPlainTextEdit",
                             "presetComboBox",
                             "validationLabel"}) {
        QTest::newRow(name) << QString::fromLatin1(name);
    }
}

void tst_MainWindow::namedWidgetsExist()
{
    QFETCH(QString, name);
    QWidget *widget = m_window->findChild<QWidget *>(name);
    QVERIFY2(widget != nullptr, qPrintable(name));
}

void tst_MainWindow::runShortScenario(int users, double durationS)
{
    auto *usersBox = m_window->findChild<QSpinBox *>(QStringLiteral("usersSpinBox"));
    auto *durationBox = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("durationSpinBox"));
    auto *arrivalsBox = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("arrivalsSpinBox"));
    QVERIFY(usersBox && durationBox && arrivalsBox);
    typeInto(usersBox, QString::number(users));
    typeInto(durationBox, QString::number(durationS));
    typeInto(arrivalsBox, QStringLiteral("30"));
    QCOMPARE(usersBox->value(), users);

    auto *start = m_window->findChild<QToolButton *>(QStringLiteral("startButton"));
    QVERIFY(start && start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->engine().state() == SimulationSnapshot::State::Finished,
                             60000);
    m_window->refreshNow();
}

void tst_MainWindow::runFillsChartsAndTable()
{
    runShortScenario(300, 300);
    const SimulationReport report = m_window->engine().report();
    const SnapshotPointer snapshot = m_window->engine().snapshot();
    QVERIFY(report.completed);
    QVERIFY(report.totals.grants > 0);
    QCOMPARE(report.series.size(), 300);

    // Active streams: the line ends where the engine's series ends (300 points: no decimation).
    auto *activeView = m_window->findChild<QChartView *>(QStringLiteral("activeStreamsChartView"));
    QVERIFY(activeView);
    QLineSeries *active = lineNamed(activeView, QStringLiteral("Active streams"));
    QVERIFY(active);
    QCOMPARE(active->count(), report.series.size());
    QCOMPARE(int(active->at(active->count() - 1).y()), report.series.last().activeStreams);
    QCOMPARE(int(active->at(active->count() - 1).y()), snapshot->activeStreams);

    // Grants per second: the chart's points add up to the run's grants.
    auto *ratesView = m_window->findChild<QChartView *>(QStringLiteral("ratesChartView"));
    QLineSeries *grants = lineNamed(ratesView, QStringLiteral("Grants"));
    QVERIFY(grants);
    double grantSum = 0;
    qint64 seriesGrants = 0;
    for (int i = 0; i < grants->count(); ++i)
        grantSum += grants->at(i).y();
    for (int i = 0; i < report.series.size(); ++i)
        seriesGrants += report.series.at(i).counters.grants;
    QCOMPARE(qint64(grantSum), seriesGrants);
    QCOMPARE(seriesGrants, report.totals.grants);

    // Users by active streams: one bar per count, the engine's numbers.
    auto *usersView = m_window->findChild<QChartView *>(QStringLiteral("usersByStreamsChartView"));
    QVERIFY(usersView);
    QBarSet *bars = nullptr;
    for (QAbstractSeries *series : usersView->chart()->series()) {
        if (auto *bar = qobject_cast<QBarSeries *>(series))
            bars = bar->barSets().value(0);
    }
    QVERIFY(bars);
    QCOMPARE(bars->count(), int(snapshot->usersByActiveCount.size()));
    for (int i = 0; i < bars->count(); ++i)
        QCOMPARE(int(bars->at(i)), snapshot->usersByActiveCount[std::size_t(i)]);

    // The table lists exactly the streams the core holds.
    auto *table = m_window->findChild<QTableView *>(QStringLiteral("streamsTableView"));
    QVERIFY(table);
    QTRY_COMPARE(table->model()->rowCount(), snapshot->activeStreams);
    QVERIFY(table->model()->rowCount() > 0);

    // The filter box narrows the table to one user's streams.
    const QString user = table->model()->index(0, ActiveStreamsModel::UserColumn).data().toString();
    auto *filter = m_window->findChild<QLineEdit *>(QStringLiteral("streamsFilterLineEdit"));
    QTest::keyClicks(filter, user);
    QVERIFY(table->model()->rowCount() >= 1);
    for (int row = 0; row < table->model()->rowCount(); ++row)
        QVERIFY(table->model()
                    ->index(row, ActiveStreamsModel::UserColumn)
                    .data()
                    .toString()
                    .contains(user));
}

void tst_MainWindow::stopStreamFromTable()
{
    runShortScenario(100, 120);
    auto *table = m_window->findChild<QTableView *>(QStringLiteral("streamsTableView"));
    QTRY_VERIFY(table->model()->rowCount() > 0);
    const int before = table->model()->rowCount();

    const QRect firstRow = table->visualRect(table->model()->index(0, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, firstRow.center());
    auto *model = m_window->findChild<ActiveStreamsModel *>();
    QVERIFY(model);
    const QString streamId = model->streamAt(0).streamId;
    const QString userId = model->streamAt(0).userId;

    auto *stop = m_window->findChild<QPushButton *>(QStringLiteral("stopStreamButton"));
    QVERIFY(stop->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), before - 1);
    QCOMPARE(model->rowOf(streamId), -1);

    // Gone from the core too, and a fresh listing agrees.
    for (const Lease &lease : m_window->engine().embeddedTarget()->activeStreams())
        QVERIFY(lease.streamId.toString() != streamId);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("refreshStreamsButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_window->streamsPanel()->isRefreshing());
    QCOMPARE(table->model()->rowCount(), before - 1);
    Q_UNUSED(userId);
}

void tst_MainWindow::policyEditReachesHttpClients_data()
{
    QTest::addColumn<bool>("afterRun");
    QTest::newRow("before any run") << false;
    QTest::newRow("after a run") << true;
}

void tst_MainWindow::policyEditReachesHttpClients()
{
    QFETCH(bool, afterRun);
    if (afterRun)
        runShortScenario(50, 60);
    QVERIFY2(m_window->startServer(QStringLiteral("127.0.0.1"), 0),
             qPrintable(m_window->serverPanel()->errorString()));
    const QString base = m_window->serverPanel()->baseUrl();
    QVERIFY(!base.isEmpty());

    typeInto(m_window->findChild<QSpinBox *>(QStringLiteral("policyLimitSpinBox")),
             QStringLiteral("1"));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("applyPolicyButton")),
                      Qt::LeftButton);

    QNetworkAccessManager network;
    const HttpAnswer policy = request(network, "GET", QUrl(base + QStringLiteral("/v1/policy")));
    QCOMPARE(policy.status, 200);
    QCOMPARE(QJsonDocument::fromJson(policy.body)
                 .object()
                 .value(QStringLiteral("default_limit"))
                 .toInt(),
             1);

    // The original contract under the new limit: one stream, the second is refused.
    const HttpAnswer first =
        request(network, "POST", QUrl(base + QStringLiteral("/user/gui-test-user/stream")),
                R"({"video_id":"a"})");
    QCOMPARE(first.status, 200);
    const HttpAnswer second =
        request(network, "POST", QUrl(base + QStringLiteral("/user/gui-test-user/stream")),
                R"({"video_id":"b"})");
    QCOMPARE(second.status, 403);
    QCOMPARE(second.body, QByteArray(R"({"message":"User watching too many video streams."})"));

    // Back up to 2: the same user may now start the second video.
    typeInto(m_window->findChild<QSpinBox *>(QStringLiteral("policyLimitSpinBox")),
             QStringLiteral("2"));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("applyPolicyButton")),
                      Qt::LeftButton);
    const HttpAnswer third =
        request(network, "POST", QUrl(base + QStringLiteral("/user/gui-test-user/stream")),
                R"({"video_id":"b"})");
    QCOMPARE(third.status, 200);
}

void tst_MainWindow::exportsWriteValidFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("json") << QStringLiteral("json");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("png") << QStringLiteral("png");
}

void tst_MainWindow::exportsWriteValidFiles()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.") + kind);

    // Before a run there is no report to export.
    QString error;
    if (kind != u"png") {
        QVERIFY(!(kind == u"json" ? m_window->exportReportJson(path, &error)
                                  : m_window->exportReportCsv(path, &error)));
        QVERIFY(!error.isEmpty());
    }

    runShortScenario(100, 90);
    const SimulationReport report = m_window->engine().report();
    error.clear();
    bool ok = false;
    if (kind == u"json")
        ok = m_window->exportReportJson(path, &error);
    else if (kind == u"csv")
        ok = m_window->exportReportCsv(path, &error);
    else
        ok = m_window->exportChartsPng(path, &error);
    QVERIFY2(ok, qPrintable(error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (kind == u"json") {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QVERIFY(document.object().contains(QStringLiteral("summary")));
        QVERIFY(document.object().contains(QStringLiteral("series")));
    } else if (kind == u"csv") {
        const QList<QByteArray> lines = bytes.trimmed().split('\n');
        QCOMPARE(lines.size(), report.series.size() + 1); // header + one line per second
        QVERIFY(lines.first().contains("second"));
        QCOMPARE(lines.at(1).count(','), lines.first().count(','));
    } else {
        const QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 300 && image.height() > 200);
    }
}

void tst_MainWindow::scenarioRoundTrips_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("users");
    QTest::addColumn<bool>("withPlans");
    QTest::addColumn<bool>("http");
    QTest::newRow("plain") << QStringLiteral("plain") << 1234 << false << false;
    QTest::newRow("plans and stages") << QStringLiteral("evening peak") << 50000 << true << false;
    QTest::newRow("http target") << QStringLiteral("against a server") << 10 << false << true;
}

void tst_MainWindow::scenarioRoundTrips()
{
    QFETCH(QString, name);
    QFETCH(int, users);
    QFETCH(bool, withPlans);
    QFETCH(bool, http);

    Scenario scenario;
    scenario.name = name;
    scenario.users = users;
    scenario.seed = 42;
    scenario.durationS = 7200;
    scenario.abandonProbability = 0.25;
    scenario.thresholds.denialRatioMax = 0.1;
    if (withPlans) {
        scenario.planMix = {{QStringLiteral("basic"), 0.25}, {QStringLiteral("premium"), 0.75}};
        scenario.policy.planLimits = {{QStringLiteral("basic"), 1}, {QStringLiteral("premium"), 4}};
        scenario.policy.atLimit = AtLimitBehaviour::EvictOldest;
        scenario.policy.leaseTtlSeconds = 45;
        scenario.stages = {{600, 2}, {1800, 0.5}};
        scenario.catalog = Scenario::CatalogDistribution::Zipf;
        scenario.zipfS = 1.2;
    }
    if (http) {
        scenario.targetKind = Scenario::TargetKind::Http;
        scenario.targetUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        scenario.clock = Scenario::ClockMode::Real;
        scenario.connections = 16;
    }

    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("original.json"));
    QCOMPARE(scenario.save(original), QString());

    // Open through the window, save through the window: the file says the same.
    QString error;
    QVERIFY2(m_window->openScenario(original, &error), qPrintable(error));
    const QString saved = dir.filePath(QStringLiteral("saved.json"));
    QVERIFY2(m_window->saveScenario(saved, &error), qPrintable(error));
    const ScenarioParseResult reread = Scenario::load(saved);
    QVERIFY2(reread.ok(), qPrintable(reread.error));
    QVERIFY(reread.scenario.toJson() == scenario.toJson());
    QCOMPARE(m_window->findChild<QSpinBox *>(QStringLiteral("usersSpinBox"))->value(), users);

    // A fresh window remembers the last scenario (QSettings).
    m_window->close();
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->currentScenario().scenario.toJson() == scenario.toJson());
}

void tst_MainWindow::invalidScenarioIsShownAndBlocksStart()
{
    auto *mixTable = m_window->findChild<QTableWidget *>(QStringLiteral("planMixTableWidget"));
    auto *addPlan = m_window->findChild<QToolButton *>(QStringLiteral("planMixAddButton"));
    auto *removePlan = m_window->findChild<QToolButton *>(QStringLiteral("planMixRemoveButton"));
    auto *start = m_window->findChild<QToolButton *>(QStringLiteral("startButton"));
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("validationLabel"));
    QVERIFY(mixTable && addPlan && removePlan && start && label);
    while (mixTable->rowCount() > 0) {
        mixTable->setCurrentCell(0, 0);
        QTest::mouseClick(removePlan, Qt::LeftButton);
    }
    QVERIFY(label->isHidden());
    QTest::mouseClick(addPlan, Qt::LeftButton); // "basic", 100%
    QVERIFY(label->isHidden());
    QVERIFY(start->isEnabled());

    // 50% in total: the scenario's own rule names the field, and Start is refused.
    mixTable->item(0, 1)->setData(Qt::EditRole, 50.0);
    QVERIFY(!label->isHidden());
    QVERIFY2(label->text().contains(QStringLiteral("plan_mix")), qPrintable(label->text()));
    QVERIFY(!start->isEnabled());
    QVERIFY(!m_window->startRun());

    // The same plan twice is refused too, though the shares add up.
    mixTable->item(0, 1)->setData(Qt::EditRole, 50.0);
    QTest::mouseClick(addPlan, Qt::LeftButton);
    mixTable->item(1, 1)->setData(Qt::EditRole, 50.0);
    QVERIFY2(label->text().contains(QStringLiteral("basic")), qPrintable(label->text()));
    QVERIFY(!start->isEnabled());

    mixTable->setCurrentCell(1, 0);
    QTest::mouseClick(removePlan, Qt::LeftButton);
    mixTable->item(0, 1)->setData(Qt::EditRole, 100.0);
    QVERIFY(label->isHidden());
    QVERIFY(start->isEnabled());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
