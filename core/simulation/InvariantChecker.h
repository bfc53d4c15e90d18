#pragma once

#include "Target.h"

#include <vector>

namespace vs {

// Checks the one promise of the limiter from the outside: from the replies alone (not the
// core's own state) it tracks the streams each user holds and counts every grant after which a
// user holds more than the limit reported with it. A stream stops counting when a reply ends
// it, when its reported expiry passes, or as soon as its stop is sent (the server may already
// have processed it, so counting it could report a violation that never happened).
class InvariantChecker
{
public:
    explicit InvariantChecker(int users);

    void onStopSent(quint32 user, quint32 video);
    // `nowMs`: the target clock's time, used when the reply carries no decision time.
    void onReply(const TargetReply &reply, qint64 nowMs);

    qint64 violations() const { return m_violations; }
    // The largest number of streams a user was seen holding.
    int peakHeld() const { return m_peakHeld; }

private:
    struct Held
    {
        quint32 video = 0;
        qint64 expiresAtMs = 0;
        bool releasing = false;
    };

    Held *find(quint32 user, quint32 video);
    void erase(quint32 user, quint32 video);
    void dropExpired(quint32 user, qint64 nowMs);

    std::vector<std::vector<Held>> m_held;
    qint64 m_violations = 0;
    int m_peakHeld = 0;
};

} // namespace vs
