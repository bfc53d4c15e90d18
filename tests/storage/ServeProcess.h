#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

// One `videostreams serve` child process for a test: started on port 0, its port read from the
// "listening on http://HOST:PORT" line, its log kept in a file (a pipe nobody reads would fill
// up and stall the server under load).
class ServeProcess
{
public:
    ServeProcess();
    ~ServeProcess();

    // For the next start(); the default is this process' environment.
    void setEnvironment(const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
    }
    // Empty on success, else why serve did not come up (with the end of its log).
    QString start(const QStringList &arguments);
    // SIGKILL, as a crash or an OOM kill would end it.
    void kill();
    // SIGTERM; empty when it exited cleanly with code 0, else what happened.
    QString stop();

    quint16 port() const { return m_port; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QByteArray log() const;
    // What serve printed on stdout after its "listening on" line.
    QByteArray output() { return m_process.readAllStandardOutput(); }

private:
    QTemporaryDir m_directory;
    QProcess m_process;
    quint16 m_port = 0;
    int m_logFiles = 0;
};
