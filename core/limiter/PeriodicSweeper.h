#pragma once

#include <QObject>
#include <QTimer>

namespace vs {

class StreamLimiter;

// Calls StreamLimiter::sweep on a timer, so expired leases leave memory and their expiry events
// are reported even for users nobody asks about. Correctness never depends on it: an expired
// lease stops counting at its expiry instant, sweep or not.
class PeriodicSweeper : public QObject
{
    Q_OBJECT

public:
    explicit PeriodicSweeper(StreamLimiter &limiter, int intervalMs = 1000,
                             QObject *parent = nullptr);

    void start();
    void stop();

signals:
    void swept(int expiredCount);

private:
    void sweepNow();

    StreamLimiter &m_limiter;
    QTimer m_timer;
};

} // namespace vs
