#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

// Turns SIGINT and SIGTERM into a Qt signal: the POSIX handler only writes one byte to a socket
// pair (async-signal-safe); the event loop reads it and emits stopRequested.
class ServeSignalHandler : public QObject
{
    Q_OBJECT

public:
    explicit ServeSignalHandler(QObject *parent = nullptr);
    ~ServeSignalHandler() override;

    // False when the socket pair or the handlers could not be set up.
    bool install();

signals:
    void stopRequested(int signalNumber);

private:
    void readSignal();

    std::unique_ptr<QSocketNotifier> m_notifier;
};
