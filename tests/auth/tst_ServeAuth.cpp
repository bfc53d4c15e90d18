// The real `videostreams serve` binary with --auth jwt: a token opens the user's own streams,
// no token gets the Bearer challenge, and bad secret files stop the service from starting.

#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "JwtSigner.h"
#include "ServeProcess.h"

namespace {

const QByteArray secret = QByteArrayLiteral("serve-binary-test-secret-0123456789abcdef");

} // namespace

class tst_ServeAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tokenDecidesAccess();
    void badSecretFilesRefused_data();
    void badSecretFilesRefused();

private:
    QString writeSecret(const QString &name, const QByteArray &contents);

    QTemporaryDir m_dir;
};

void tst_ServeAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString tst_ServeAuth::writeSecret(const QString &name, const QByteArray &contents)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(contents);
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

void tst_ServeAuth::tokenDecidesAccess()
{
    const QString secretFile = writeSecret(QStringLiteral("good.secret"), secret + '\n');
    ServeProcess serve;
    const QString failure =
        serve.start({QStringLiteral("--store"), QStringLiteral("memory"), QStringLiteral("--auth"),
                     QStringLiteral("jwt"), QStringLiteral("--jwt-secret-file"), secretFile});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(serve.port());

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray alice = vs::JwtSigner::sign({{QStringLiteral("sub"), QStringLiteral("alice")},
                                                  {QStringLiteral("exp"), double(now + 600)}},
                                                 secret);

    QNetworkAccessManager network;
    const auto get = [&](const QString &path, const QByteArray &token) {
        QNetworkRequest request(QUrl(base + path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = network.get(request);
        // Bounded wait; an unfinished reply reads as status 0 and fails the comparison.
        (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000);
        reply->deleteLater();
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              reply->rawHeader("WWW-Authenticate"));
    };
    QCOMPARE(get(QStringLiteral("/v1/users/alice/streams"), alice).first, 200);
    QCOMPARE(get(QStringLiteral("/user/bob/streams"), alice).first, 403);
    const auto anonymous = get(QStringLiteral("/v1/users/alice/streams"), {});
    QCOMPARE(anonymous.first, 401);
    QVERIFY(anonymous.second.startsWith("Bearer"));
    QCOMPARE(get(QStringLiteral("/healthz"), {}).first, 200);
    QCOMPARE(get(QStringLiteral("/metrics"), {}).first, 401); // protected by default with auth

    // A clean exit: under the sanitizers a leak or other report would abort serve here.
    const QString stopped = serve.stop();
    QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
    // Neither the secret nor the token reaches the logs.
    const QByteArray log = serve.log() + serve.output();
    QVERIFY(!log.contains(secret));
    QVERIFY(!log.contains(alice.split('.').at(2)));
}

void tst_ServeAuth::badSecretFilesRefused_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("contents"); // null: the file is not created
    QTest::addColumn<QString>("message");

    QTest::newRow("missing") << QStringLiteral("absent.secret") << QByteArray()
                             << QStringLiteral("does not exist");
    QTest::newRow("empty") << QStringLiteral("empty.secret") << QByteArray("")
                           << QStringLiteral("is empty");
    QTest::newRow("short") << QStringLiteral("short.secret") << QByteArray("hunter2\n")
                           << QStringLiteral("at least 32 bytes");
}

void tst_ServeAuth::badSecretFilesRefused()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, contents);
    QFETCH(QString, message);

    const QString path =
        contents.isNull() ? m_dir.filePath(fileName) : writeSecret(fileName, contents);
    QProcess process;
    process.start(QStringLiteral(VIDEOSTREAMS_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--store"), QStringLiteral("memory"),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                   QStringLiteral("--auth"), QStringLiteral("jwt"),
                   QStringLiteral("--jwt-secret-file"), path});
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    if (contents.size() > 4)
        QVERIFY(!error.contains(QString::fromLatin1(contents.trimmed())));
}

QTEST_GUILESS_MAIN(tst_ServeAuth)
#include "tst_ServeAuth.moc"
