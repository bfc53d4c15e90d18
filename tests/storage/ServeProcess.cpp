#include "ServeProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

ServeProcess::ServeProcess() = default;

ServeProcess::~ServeProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString ServeProcess::start(const QStringList &arguments)
{
    if (!m_directory.isValid())
        return QStringLiteral("cannot create a temporary directory");
    ++m_logFiles;
    m_process.setStandardErrorFile(
        m_directory.filePath(QStringLiteral("serve-%1.log").arg(m_logFiles)));
    m_process.start(QStringLiteral(VIDEOSTREAMS_BINARY),
                    QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                QStringLiteral("127.0.0.1:0")} +
                        arguments);
    if (!m_process.waitForStarted(10'000))
        return QStringLiteral("cannot start videostreams: ") + m_process.errorString();
    const QDeadlineTimer deadline(30'000);
    while (!m_process.canReadLine() && !deadline.hasExpired() &&
           m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(100);
    const QString line = QString::fromUtf8(m_process.readLine());
    static const QRegularExpression listening(
        QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)\n$"));
    const QRegularExpressionMatch match = listening.match(line);
    if (!match.hasMatch())
        return QStringLiteral("serve did not print its port (got '%1'); log:\n%2")
            .arg(line, QString::fromUtf8(log().right(2000)));
    m_port = quint16(match.captured(1).toUInt());
    return {};
}

void ServeProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10'000);
}

QString ServeProcess::stop()
{
    if (!isRunning())
        return QStringLiteral("serve was not running (exit code %1); log:\n%2")
            .arg(m_process.exitCode())
            .arg(QString::fromUtf8(log().right(2000)));
    m_process.terminate();
    if (!m_process.waitForFinished(15'000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return QStringLiteral("serve did not stop on SIGTERM");
    }
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0)
        return QStringLiteral("serve crashed or failed (exit code %1); log:\n%2")
            .arg(m_process.exitCode())
            .arg(QString::fromUtf8(log().right(2000)));
    return {};
}

QByteArray ServeProcess::log() const
{
    QFile file(m_directory.filePath(QStringLiteral("serve-%1.log").arg(m_logFiles)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
