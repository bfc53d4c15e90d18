// The real `videostreams serve` binary: options, the listening line, a request, SIGTERM.

#include "ServeProcess.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

class ServeCommandTest : public QObject
{
    Q_OBJECT

private slots:
    void servesUntilTerminated_data();
    void servesUntilTerminated();
    void everyLineIsLoggedByTheCleanStop_data();
    void everyLineIsLoggedByTheCleanStop();
    void badOptionsExitWithAMessage_data();
    void badOptionsExitWithAMessage();
    void storeThatCannotOpenExitsWithOne();
    void helpListsTheOptions();
};

void ServeCommandTest::servesUntilTerminated_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("extraOptions");

    QTest::newRow("ipv4 text log") << "127.0.0.1:0"
                                   << "127.0.0.1" << QStringList();
    QTest::newRow("ipv6 json log")
        << "[::1]:0"
        << "[::1]" << QStringList{QStringLiteral("--log-format"), QStringLiteral("json")};
    QTest::newRow("policy options")
        << "127.0.0.1:0"
        << "127.0.0.1" << QStringList{QStringLiteral("--limit"),    QStringLiteral("1"),
                                      QStringLiteral("--ttl"),      QStringLiteral("0"),
                                      QStringLiteral("--at-limit"), QStringLiteral("evict_oldest")};
}

void ServeCommandTest::servesUntilTerminated()
{
    QFETCH(QString, listen);
    QFETCH(QString, host);
    QFETCH(QStringList, extraOptions);

    QProcess process;
    process.start(QStringLiteral(VIDEOSTREAMS_BINARY),
                  QStringList{QStringLiteral("serve"), QStringLiteral("--store"),
                              QStringLiteral("memory"), QStringLiteral("--listen"), listen} +
                      extraOptions);
    QVERIFY(process.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10'000);
    const QString line = QString::fromUtf8(process.readLine());
    const QRegularExpression expected(u"^listening on http://" + QRegularExpression::escape(host) +
                                      u":(\\d+)\n$");
    const auto match = expected.match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));
    const int port = match.captured(1).toInt();
    QVERIFY(port > 0 && port < 65536);

    QNetworkAccessManager network;
    QNetworkRequest request(
        QUrl(QStringLiteral("http://%1:%2/user/1234567/stream").arg(host).arg(port)));
    request.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    QNetworkReply *reply = network.post(request, R"({"video_id":"42"})");
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), QByteArray(R"({"video_id":"42"})"));
    delete reply;

    QNetworkReply *policy = network.get(
        QNetworkRequest(QUrl(QStringLiteral("http://%1:%2/v1/policy").arg(host).arg(port))));
    QTRY_VERIFY_WITH_TIMEOUT(policy->isFinished(), 10'000);
    const QByteArray policyJson = policy->readAll();
    delete policy;
    if (extraOptions.contains(u"--limit")) {
        QVERIFY(policyJson.contains(R"("default_limit":1)"));
        QVERIFY(policyJson.contains(R"("lease_ttl_s":0)"));
        QVERIFY(policyJson.contains(R"("at_limit":"evict_oldest")"));
    }

    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QByteArray log = process.readAllStandardError();
    QVERIFY2(log.contains("route=/user/{user}/stream status=200") ||
                 log.contains(R"("route":"/user/{user}/stream","status":200)"),
             log.constData());
}

void ServeCommandTest::everyLineIsLoggedByTheCleanStop_data()
{
    QTest::addColumn<QString>("logFormat");
    QTest::addColumn<QString>("messagePattern");
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<QByteArray>("stopLine");
    QTest::newRow("text") << "text" << QString()
                          << QByteArray("vs.http: method=GET route=/healthz status=200 ")
                          << QByteArray("vs.http: signal 15 received, stopping\n");
    QTest::newRow("text, own pattern")
        << "text"
        << "[%{category}] %{message}"
        << QByteArray("[vs.http] method=GET route=/healthz status=200 ")
        << QByteArray("[vs.http] signal 15 received, stopping\n");
    QTest::newRow("json") << "json" << QString()
                          << QByteArray(R"({"method":"GET","route":"/healthz","status":200,)")
                          << QByteArray(R"("message":"signal 15 received, stopping"})");
}

// Request lines are written once per event-loop pass; a burst and the stop line, logged just
// before the loop exits, must still all be there.
void ServeCommandTest::everyLineIsLoggedByTheCleanStop()
{
    QFETCH(QString, logFormat);
    QFETCH(QString, messagePattern);
    QFETCH(QByteArray, requestLine);
    QFETCH(QByteArray, stopLine);

    ServeProcess serve;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
    if (!messagePattern.isEmpty())
        environment.insert(QStringLiteral("QT_MESSAGE_PATTERN"), messagePattern);
    serve.setEnvironment(environment);
    const QString started = serve.start({QStringLiteral("--store"), QStringLiteral("memory"),
                                         QStringLiteral("--log-format"), logFormat});
    QVERIFY2(started.isEmpty(), qPrintable(started));

    // Pipelined in one write, so many answers (and their lines) come from one pass.
    constexpr int requests = 300;
    QTcpSocket client;
    client.connectToHost(QStringLiteral("127.0.0.1"), serve.port());
    QVERIFY(client.waitForConnected(10'000));
    QByteArray burst;
    for (int i = 0; i < requests; ++i)
        burst += "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
    client.write(burst);
    QByteArray answers;
    QTRY_VERIFY_WITH_TIMEOUT((answers += client.readAll()).count("HTTP/1.1 200") == requests,
                             20'000);

    const QString stopped = serve.stop(); // SIGTERM, then exit code 0
    QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
    const QByteArray log = serve.log();
    QCOMPARE(log.count(requestLine), requests);
    QVERIFY2(log.contains(stopLine), log.right(400).constData());
}

void ServeCommandTest::badOptionsExitWithAMessage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("listen without port")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1")} << "--listen";
    QTest::newRow("port too big") << QStringList{QStringLiteral("--listen"),
                                                 QStringLiteral("127.0.0.1:70000")}
                                  << "port";
    QTest::newRow("not an address")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("nowhere:80")}
        << "not an IP address";
    QTest::newRow("bare ipv6") << QStringList{QStringLiteral("--listen"), QStringLiteral("::1:80")}
                               << "brackets";
    QTest::newRow("negative limit")
        << QStringList{QStringLiteral("--limit"), QStringLiteral("-1")} << "--limit";
    QTest::newRow("text ttl") << QStringList{QStringLiteral("--ttl"), QStringLiteral("soon")}
                              << "--ttl";
    QTest::newRow("at-limit") << QStringList{QStringLiteral("--at-limit"), QStringLiteral("kick")}
                              << "--at-limit";
    QTest::newRow("log format") << QStringList{QStringLiteral("--log-format"),
                                               QStringLiteral("xml")}
                                << "--log-format";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << "bogus";
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << "extra";
    QTest::newRow("unknown store")
        << QStringList{QStringLiteral("--store"), QStringLiteral("bogus")} << "unknown store";
    QTest::newRow("bad redis url")
        << QStringList{QStringLiteral("--store"), QStringLiteral("redis://127.0.0.1:6379/x")}
        << "database must be a number";
}

void ServeCommandTest::storeThatCannotOpenExitsWithOne()
{
    // A well-formed --store whose store fails to open is not a usage error: exit code 1.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QProcess process;
    process.start(QStringLiteral(VIDEOSTREAMS_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--store"),
                   QStringLiteral("sqlite:") + directory.path(), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:0")});
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitCode(), 1);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(u"is a directory"), qPrintable(error));
    QVERIFY2(!error.contains(u"--help"), qPrintable(error)); // not a usage error
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void ServeCommandTest::badOptionsExitWithAMessage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    QProcess process;
    process.start(QStringLiteral(VIDEOSTREAMS_BINARY),
                  QStringList{QStringLiteral("serve")} + arguments);
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(u"see videostreams serve --help"), qPrintable(error));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void ServeCommandTest::helpListsTheOptions()
{
    QProcess process;
    process.start(QStringLiteral(VIDEOSTREAMS_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(help.startsWith(u"Usage: videostreams serve"), qPrintable(help));
    for (const char *option : {"--listen", "--limit", "--ttl", "--at-limit", "--log-format"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
}

QTEST_GUILESS_MAIN(ServeCommandTest)
#include "tst_ServeCommand.moc"
