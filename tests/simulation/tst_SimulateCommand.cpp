#include "Scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// Runs the real `videostreams simulate`, as a CI job would, and checks exit codes and files.
class tst_SimulateCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void sameSeedSameReportFile();
    void exampleScenariosAreValid_data();
    void exampleScenariosAreValid();
    void httpTargetThresholds_data();
    void httpTargetThresholds();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray standardError;
    };
    Result run(const QStringList &arguments);
    QString writeScenario(const QByteArray &json);

    QTemporaryDir m_dir;
    int m_files = 0;
};

void tst_SimulateCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(VS_BINARY)), VS_BINARY);
}

tst_SimulateCommand::Result tst_SimulateCommand::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(VS_BINARY), QStringList{QStringLiteral("simulate")} + arguments);
    Result result;
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.standardError = process.readAllStandardError();
    return result;
}

QString tst_SimulateCommand::writeScenario(const QByteArray &json)
{
    const QString path = m_dir.filePath(QStringLiteral("scenario%1.json").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void tst_SimulateCommand::exitCodes_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QStringList>("extraArguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("messageMentions");

    const QByteArray base = R"({"duration_s": 600, "population": {"users": 100},
        "arrivals": {"per_user_per_hour": 20}, "watch": {"mean_s": 300},
        "policy": {"default_limit": 1}, "catalog": {"videos": 1000}, )";
    QTest::newRow("thresholds pass")
        << base + R"("thresholds": {"denial_ratio_max": 1, "limit_violations_max": 0}})"
        << QStringList() << 0 << QString();
    QTest::newRow("no thresholds") << base + R"("seed": 2})" << QStringList() << 0 << QString();
    QTest::newRow("denial threshold fails")
        << base + R"("thresholds": {"denial_ratio_max": 0.0001}})" << QStringList() << 99
        << "denial_ratio_max";
    QTest::newRow("unknown field")
        << QByteArray(R"({"duration": 5})") << QStringList() << 2 << "duration";
    QTest::newRow("wrong type") << QByteArray(R"({"population": {"users": "many"}})")
                                << QStringList() << 2 << "population.users";
    QTest::newRow("out of range") << QByteArray(R"({"abandon_probability": 2})") << QStringList()
                                  << 2 << "abandon_probability";
    QTest::newRow("not JSON") << QByteArray("{") << QStringList() << 2 << "JSON";
    QTest::newRow("bad duration option")
        << base + R"("seed": 1})" << QStringList{QStringLiteral("--duration"), QStringLiteral("-3")}
        << 2 << "--duration";
    QTest::newRow("bad seed option")
        << base + R"("seed": 1})" << QStringList{QStringLiteral("--seed"), QStringLiteral("x")} << 2
        << "--seed";
    QTest::newRow("bad target option")
        << base + R"("seed": 1})" << QStringList{QStringLiteral("--target"), QStringLiteral("nope")}
        << 2 << "target.url";
    QTest::newRow("unknown option")
        << base + R"("seed": 1})" << QStringList{QStringLiteral("--fast")} << 2 << "fast";
}

void tst_SimulateCommand::exitCodes()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QStringList, extraArguments);
    QFETCH(int, exitCode);
    QFETCH(QString, messageMentions);
    const Result result =
        run(QStringList{writeScenario(scenario), QStringLiteral("--quiet")} + extraArguments);
    QCOMPARE(result.exitCode, exitCode);
    if (exitCode == 2) {
        QVERIFY2(result.standardError.contains(messageMentions.toUtf8()),
                 result.standardError.constData());
    }
}

void tst_SimulateCommand::sameSeedSameReportFile()
{
    const QString scenario = writeScenario(R"({"duration_s": 1800, "population": {"users": 200},
        "arrivals": {"per_user_per_hour": 6}, "watch": {"mean_s": 400},
        "abandon_probability": 0.2, "policy": {"default_limit": 2}})");
    QByteArray reports[2];
    QByteArray csvs[2];
    for (int i = 0; i < 2; ++i) {
        const QString report = m_dir.filePath(QStringLiteral("report%1.json").arg(i));
        const QString csv = m_dir.filePath(QStringLiteral("series%1.csv").arg(i));
        const Result result = run({scenario, QStringLiteral("--seed"), QStringLiteral("99"),
                                   QStringLiteral("--report"), report, QStringLiteral("--csv"), csv,
                                   QStringLiteral("--quiet")});
        QCOMPARE(result.exitCode, 0);
        QFile reportFile(report);
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        reports[i] = reportFile.readAll();
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        csvs[i] = csvFile.readAll();
    }
    QCOMPARE(reports[0], reports[1]);
    QCOMPARE(csvs[0], csvs[1]);
    const QJsonObject json = QJsonDocument::fromJson(reports[0]).object();
    const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
    for (const char *key :
         {"attempts", "grants", "reuses", "denials", "stops", "expiries", "evictions", "errors",
          "denial_ratio", "peak_active", "mean_active", "limit_violations", "latency_p99_ms"}) {
        QVERIFY2(summary.contains(QLatin1String(key)), key);
    }
    QCOMPARE(
        json.value(QStringLiteral("scenario")).toObject().value(QStringLiteral("seed")).toInt(),
        99);
    QCOMPARE(csvs[0].count('\n'), 1801);
}

void tst_SimulateCommand::exampleScenariosAreValid_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(VS_SCENARIO_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 4);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_SimulateCommand::exampleScenariosAreValid()
{
    QFETCH(QString, file);
    const vs::ScenarioParseResult parsed = vs::Scenario::load(file);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    // An http scenario needs its server; the file itself is checked above, and the command
    // runs it in the benchmark. Embedded ones run a short slice here.
    if (parsed.scenario.targetKind == vs::Scenario::TargetKind::Http)
        return;
    const Result result =
        run({file, QStringLiteral("--duration"), QStringLiteral("120"), QStringLiteral("--quiet")});
    QVERIFY2(result.exitCode == 0 || result.exitCode == 99, result.standardError.constData());
}

void tst_SimulateCommand::httpTargetThresholds_data()
{
    QTest::addColumn<QByteArray>("thresholds");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("failing");

    QTest::newRow("pass") << QByteArray(R"({"error_ratio_max": 0, "limit_violations_max": 0,
        "latency_p99_ms_max": 10000})")
                          << 0 << QString();
    // Real requests take some time: a p99 of at most 0 ms cannot pass.
    QTest::newRow("latency fails")
        << QByteArray(R"({"latency_p99_ms_max": 0})") << 99 << QStringLiteral("latency_p99_ms_max");
}

// `--target URL` turns an embedded scenario into a real-time run against a `serve` started here.
void tst_SimulateCommand::httpTargetThresholds()
{
    QFETCH(QByteArray, thresholds);
    QFETCH(int, exitCode);
    QFETCH(QString, failing);

    QProcess serve;
    serve.setStandardErrorFile(QProcess::nullDevice());
    serve.start(QStringLiteral(VS_BINARY),
                {QStringLiteral("serve"), QStringLiteral("--store"), QStringLiteral("memory"),
                 QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--limit"), QStringLiteral("1")});
    QVERIFY(serve.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(serve.canReadLine(), 10'000);
    const QString line = QString::fromUtf8(serve.readLine()).trimmed();
    const auto match =
        QRegularExpression(QStringLiteral("^listening on (http://[0-9.]+:\\d+)$")).match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));

    const QString scenario = writeScenario(
        R"({"duration_s": 2, "population": {"users": 20}, "arrivals": {"per_user_per_hour": 3600},
            "watch": {"mean_s": 1}, "heartbeat_s": 0.5, "policy": {"default_limit": 5},
            "thresholds": )" +
        thresholds + '}');
    const QString report = m_dir.filePath(QStringLiteral("http-report.json"));
    const Result result = run({scenario, QStringLiteral("--target"), match.captured(1),
                               QStringLiteral("--report"), report});
    serve.terminate();
    QVERIFY(serve.waitForFinished(10'000));
    // A clean exit: under the sanitizers a leak or other report would abort serve here.
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);

    QVERIFY2(result.exitCode == exitCode, result.standardError.constData());
    QFile reportFile(report);
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(reportFile.readAll()).object();
    const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
    QVERIFY(summary.value(QStringLiteral("grants")).toInt() > 0);
    QCOMPARE(summary.value(QStringLiteral("errors")).toInt(), 0);
    QCOMPARE(summary.value(QStringLiteral("limit_violations")).toInt(), 0);
    const QJsonObject target = json.value(QStringLiteral("scenario"))
                                   .toObject()
                                   .value(QStringLiteral("target"))
                                   .toObject();
    QCOMPARE(target.value(QStringLiteral("kind")).toString(), QStringLiteral("http"));
    if (!failing.isEmpty()) {
        QVERIFY2(result.standardError.contains(QByteArray(failing.toUtf8() + ": value")),
                 result.standardError.constData());
    }
}

QTEST_GUILESS_MAIN(tst_SimulateCommand)
#include "tst_SimulateCommand.moc"
