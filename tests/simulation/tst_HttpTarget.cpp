#include "FakeStreamServer.h"
#include "SimulationEngine.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace vs;

// Short real-clock runs of the HTTP target: against the real `videostreams serve`, and against
// fake servers that over-grant, answer slowly, fail or are not there.
class tst_HttpTarget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void runsAgainstServe();
    void overGrantingServerIsCaught();
    void latencyCountsFromTheIntendedSendTime();
    void failuresAreErrors_data();
    void failuresAreErrors();

private:
    static Scenario httpScenario(const QString &url);
    static SimulationReport run(const Scenario &scenario);

    QProcess m_serve;
    QString m_serveUrl;
};

void tst_HttpTarget::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(VS_BINARY)), VS_BINARY);
    m_serve.setProcessChannelMode(QProcess::SeparateChannels);
    m_serve.setStandardErrorFile(QProcess::nullDevice());
    m_serve.start(QStringLiteral(VS_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--store"), QStringLiteral("memory"),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                   QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--ttl"),
                   QStringLiteral("30")});
    QVERIFY(m_serve.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(m_serve.canReadLine(), 10'000);
    const QString line = QString::fromUtf8(m_serve.readLine()).trimmed();
    const auto match =
        QRegularExpression(QStringLiteral("^listening on (http://[0-9.]+:\\d+)$")).match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));
    m_serveUrl = match.captured(1);
}

void tst_HttpTarget::cleanupTestCase()
{
    if (m_serve.state() != QProcess::NotRunning) {
        m_serve.terminate();
        if (!m_serve.waitForFinished(10'000))
            m_serve.kill();
        m_serve.waitForFinished();
    }
    // A clean exit: under the sanitizers a leak or other report would abort serve here.
    QCOMPARE(m_serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_serve.exitCode(), 0);
}

Scenario tst_HttpTarget::httpScenario(const QString &url)
{
    Scenario s;
    s.name = QStringLiteral("http");
    s.seed = 3;
    s.durationS = 3;
    s.clock = Scenario::ClockMode::Real;
    s.targetKind = Scenario::TargetKind::Http;
    s.targetUrl = QUrl(url);
    s.connections = 4;
    s.timeoutS = 10;
    s.users = 20;
    s.arrivalsPerUserPerHour = 7200; // 40 attempts per second in all
    s.videos = 50;
    s.watchMeanS = 1.5;
    s.heartbeatS = 0.5;
    s.abandonProbability = 0.2;
    return s;
}

SimulationReport tst_HttpTarget::run(const Scenario &scenario)
{
    SimulationEngine engine;
    const QString error = engine.load(scenario);
    if (!error.isEmpty())
        qFatal("load failed: %s", qPrintable(error));
    QSignalSpy finished(&engine, &SimulationEngine::finished);
    engine.start();
    if (!finished.wait(60'000))
        qFatal("the run did not finish");
    return engine.report();
}

void tst_HttpTarget::runsAgainstServe()
{
    const SimulationReport report = run(httpScenario(m_serveUrl));
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QVERIFY(report.completed);
    const SimulationCounters &t = report.totals;
    QVERIFY(t.attempts > 50);
    QVERIFY(t.grants > 0);
    QVERIFY(t.denials > 0); // limit 1, several videos per user at once
    QVERIFY(t.heartbeats > 0);
    QVERIFY(t.stops > 0);
    QCOMPARE(t.errors, 0);
    QCOMPARE(report.limitViolations, 0);
    // Every request was answered and timed; an answer comes after it was meant to be sent and
    // well before the timeout.
    QCOMPARE(report.latency.count, t.requests);
    QVERIFY(report.latency.p50Ms > 0);
    QVERIFY(report.latency.maxMs < 10'000);
}

void tst_HttpTarget::overGrantingServerIsCaught()
{
    FakeStreamServer server({/*announcedLimit*/ 1, /*answerDelayMs*/ 0, /*fixedStatus*/ 0});
    QVERIFY(server.listen());
    Scenario scenario = httpScenario(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    scenario.durationS = 2;
    scenario.users = 3;
    scenario.arrivalsPerUserPerHour = 36'000; // 10 per user per second: they hold several
    scenario.watchMeanS = 10;
    const SimulationReport report = run(scenario);
    QCOMPARE(report.totals.errors, 0);
    QCOMPARE(report.totals.denials, 0);
    QVERIFY(report.totals.grants > 3);
    QVERIFY(report.limitViolations > 0);
    QVERIFY(server.connectionsSeen() <= scenario.connections + 1); // + the policy read
}

void tst_HttpTarget::latencyCountsFromTheIntendedSendTime()
{
    // One connection, 50 ms per answer, about 60 requests in the first second: most wait for
    // the connection, and that wait is part of their latency.
    constexpr int delayMs = 50;
    FakeStreamServer server({1, delayMs, 0});
    QVERIFY(server.listen());
    Scenario scenario = httpScenario(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    scenario.durationS = 1;
    scenario.connections = 1;
    scenario.timeoutS = 30;
    scenario.users = 60;
    scenario.arrivalsPerUserPerHour = 3600;
    scenario.watchMeanS = 100;
    scenario.heartbeatS = 100;
    const SimulationReport report = run(scenario);
    QCOMPARE(report.totals.errors, 0);
    QVERIFY(report.totals.requests >= 30);
    QCOMPARE(report.latency.count, report.totals.requests);
    // Measured from when a connection freed up, every latency would be about delayMs.
    QVERIFY2(report.latency.maxMs >= 10 * delayMs,
             qPrintable(QString::number(report.latency.maxMs)));
    QVERIFY(report.latency.p50Ms >= delayMs * 0.9);
}

void tst_HttpTarget::failuresAreErrors_data()
{
    QTest::addColumn<int>("fixedStatus");
    QTest::addColumn<int>("answerDelayMs");
    QTest::addColumn<bool>("listening");

    QTest::newRow("connection refused") << 0 << 0 << false;
    QTest::newRow("server error") << 503 << 0 << true;
    QTest::newRow("unexpected status") << 418 << 0 << true;
    QTest::newRow("timeout") << 0 << 5'000 << true;
}

void tst_HttpTarget::failuresAreErrors()
{
    QFETCH(int, fixedStatus);
    QFETCH(int, answerDelayMs);
    QFETCH(bool, listening);
    FakeStreamServer server({1, answerDelayMs, fixedStatus});
    QVERIFY(server.listen());
    quint16 port = server.port();
    if (!listening) {
        // A port that was free a moment ago and has nobody listening now.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
        probe.close();
    }
    Scenario scenario = httpScenario(QStringLiteral("http://127.0.0.1:%1").arg(port));
    scenario.durationS = 1;
    scenario.timeoutS = 0.3;
    const SimulationReport report = run(scenario);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QVERIFY(report.totals.attempts > 10);
    QCOMPARE(report.totals.grants, 0);
    QCOMPARE(report.totals.errors, report.totals.requests);
    QCOMPARE(report.errorRatio, 1.0);
}

QTEST_GUILESS_MAIN(tst_HttpTarget)
#include "tst_HttpTarget.moc"
