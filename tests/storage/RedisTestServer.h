#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// A private redis-server for one test: a free loopback port, no persistence, its own directory.
// Stopped (and can be started again on the same port) to test outages.
class RedisTestServer
{
public:
    RedisTestServer();
    ~RedisTestServer();

    // Empty on success; otherwise why the server could not start (a test failure, never a skip).
    QString start(const QString &password = {});
    void stop();
    // SIGSTOP / SIGCONT: a server that hangs with its connections open, as an overloaded or
    // swapping Redis would; calls wait until their timeout.
    void pause();
    void resume();
    // Keep data across stop() and start() (append-only file, fsync always), as a production
    // Redis restarted for maintenance would. Off by default.
    void setPersistent(bool persistent) { m_persistent = persistent; }
    // Sends one command with redis-cli-free RESP over a socket; returns the raw reply.
    QByteArray command(const QByteArrayList &arguments) const;

    int port() const { return m_port; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

private:
    bool waitUntilReady() const;

    QTemporaryDir m_directory;
    QProcess m_process;
    QString m_password;
    int m_port = 0;
    bool m_persistent = false;
};
