#include "RedisTestServer.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

namespace {

int freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

RedisTestServer::RedisTestServer() = default;

RedisTestServer::~RedisTestServer()
{
    stop();
}

QString RedisTestServer::start(const QString &password)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (program.isEmpty())
        return QStringLiteral(
            "redis-server is not installed (scripts/install-deps.sh installs it)");
    if (!m_directory.isValid())
        return QStringLiteral("cannot create a temporary directory for redis-server");
    if (!password.isEmpty())
        m_password = password;
    // A port found free can be taken before redis binds it; try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0)
            m_port = freeLoopbackPort();
        QStringList arguments{QStringLiteral("--port"),       QString::number(m_port),
                              QStringLiteral("--bind"),       QStringLiteral("127.0.0.1"),
                              QStringLiteral("--save"),       QString(),
                              QStringLiteral("--appendonly"), QStringLiteral("no"),
                              QStringLiteral("--dir"),        m_directory.path()};
        if (m_persistent)
            arguments << QStringLiteral("--appendonly") << QStringLiteral("yes")
                      << QStringLiteral("--appendfsync") << QStringLiteral("always");
        if (!m_password.isEmpty())
            arguments << QStringLiteral("--requirepass") << m_password;
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setStandardOutputFile(m_directory.filePath(QStringLiteral("redis.log")));
        m_process.start(program, arguments);
        if (!m_process.waitForStarted(5000))
            return QStringLiteral("cannot start redis-server: ") + m_process.errorString();
        if (waitUntilReady())
            return {};
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    return QStringLiteral("redis-server did not answer on a loopback port");
}

void RedisTestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void RedisTestServer::pause()
{
    if (m_process.state() == QProcess::Running)
        ::kill(pid_t(m_process.processId()), SIGSTOP);
}

void RedisTestServer::resume()
{
    if (m_process.state() == QProcess::Running)
        ::kill(pid_t(m_process.processId()), SIGCONT);
}

QByteArray RedisTestServer::command(const QByteArrayList &arguments) const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
    if (!socket.waitForConnected(1000))
        return {};
    auto send = [&socket](const QByteArrayList &parts) {
        QByteArray request = "*" + QByteArray::number(parts.size()) + "\r\n";
        for (const QByteArray &part : parts)
            request += "$" + QByteArray::number(part.size()) + "\r\n" + part + "\r\n";
        socket.write(request);
    };
    if (!m_password.isEmpty())
        send({QByteArrayLiteral("AUTH"), m_password.toUtf8()});
    send(arguments);
    QByteArray reply;
    const int expectedLines = m_password.isEmpty() ? 1 : 2;
    QDeadlineTimer deadline(2000);
    while (reply.count('\n') < expectedLines && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(100))
            reply += socket.readAll();
    }
    if (!m_password.isEmpty())
        reply = reply.mid(reply.indexOf('\n') + 1);
    return reply;
}

bool RedisTestServer::waitUntilReady() const
{
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return false;
        if (command({QByteArrayLiteral("PING")}).startsWith("+PONG"))
            return true;
        QThread::msleep(20); // waiting for a process to start, not for time logic
    }
    return false;
}
