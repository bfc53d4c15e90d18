#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "SecretFile.h"

using namespace vs;

class tst_SecretFile : public QObject
{
    Q_OBJECT

private slots:
    void load_data();
    void load();
    void missingPathAndDirectory();
    void warnsWhenOthersCanRead();
};

void tst_SecretFile::load_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QByteArray>("secret"); // expected on success
    QTest::addColumn<QString>("errorPart"); // expected in the error otherwise

    const QByteArray good = QByteArray(40, 'k');
    QTest::newRow("exact") << good << good << QString();
    QTest::newRow("trailing newline trimmed") << QByteArray(good + '\n') << good << QString();
    QTest::newRow("trailing CRLF and spaces trimmed")
        << QByteArray(good + " \r\n") << good << QString();
    QTest::newRow("leading space kept")
        << QByteArray(' ' + good) << QByteArray(' ' + good) << QString();
    QTest::newRow("binary bytes kept")
        << QByteArray(32, '\xff') << QByteArray(32, '\xff') << QString();
    QTest::newRow("32 bytes is enough") << QByteArray(32, 'k') << QByteArray(32, 'k') << QString();
    QTest::newRow("31 bytes is short")
        << QByteArray(31, 'k') << QByteArray() << QStringLiteral("holds 31 bytes");
    QTest::newRow("empty") << QByteArray() << QByteArray() << QStringLiteral("is empty");
    QTest::newRow("only a newline")
        << QByteArrayLiteral("\n") << QByteArray() << QStringLiteral("is empty");
    QTest::newRow("huge") << QByteArray(100'000, 'k') << QByteArray()
                          << QStringLiteral("larger than 4096");
}

void tst_SecretFile::load()
{
    QFETCH(QByteArray, contents);
    QFETCH(QByteArray, secret);
    QFETCH(QString, errorPart);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("jwt.secret"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(contents);
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    const SecretFileResult result = SecretFile::load(path);
    if (errorPart.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.secret, secret);
        QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
    } else {
        QVERIFY(!result.ok());
        QVERIFY(result.secret.isEmpty());
        QVERIFY2(result.error.contains(errorPart), qPrintable(result.error));
        QVERIFY2(result.error.contains(path), qPrintable(result.error));
        // The error must never quote what the file holds.
        if (contents.trimmed().size() >= 8)
            QVERIFY(!result.error.contains(QString::fromLatin1(contents.trimmed().left(8))));
    }
}

void tst_SecretFile::missingPathAndDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(SecretFile::load(QString()).error.contains(QStringLiteral("no path")));
    QVERIFY(SecretFile::load(dir.filePath(QStringLiteral("absent")))
                .error.contains(QStringLiteral("does not exist")));
    QVERIFY(SecretFile::load(dir.path()).error.contains(QStringLiteral("not a regular file")));
}

void tst_SecretFile::warnsWhenOthersCanRead()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("jwt.secret"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(48, 's'));
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                QFileDevice::ReadOther));
    const SecretFileResult result = SecretFile::load(path);
    QVERIFY(result.ok());
    QVERIFY(result.warning.contains(QStringLiteral("readable by other users")));
}

QTEST_GUILESS_MAIN(tst_SecretFile)
#include "tst_SecretFile.moc"
