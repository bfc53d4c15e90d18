#pragma once

#include "Target.h"

#include <array>
#include <memory>
#include <span>
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

    // A hint that a reply for `user` comes soon: loads the user's record into the cache.
    void prefetch(quint32 user) const;

    qint64 violations() const { return m_violations; }
    // The largest number of streams a user was seen holding.
    int peakHeld() const { return m_peakHeld; }

private:
    struct Held
    {
        quint32 video = 0;
        bool releasing = false;
        qint64 expiresAtMs = 0;
    };
    // A user's streams in one cache line for the usual few (every heartbeat answer looks its
    // stream up here); a user with more moves them all to the heap.
    struct alignas(64) UserStreams
    {
        std::array<Held, 3> inlineStreams;
        quint8 inlineCount = 0;
        std::unique_ptr<std::vector<Held>> more;
    };

    std::span<Held> streamsOf(quint32 user);
    void add(quint32 user, const Held &held);
    template<typename Predicate> void eraseIf(quint32 user, Predicate predicate);
    Held *find(quint32 user, quint32 video);
    void erase(quint32 user, quint32 video);
    void dropExpired(quint32 user, qint64 nowMs);

    std::vector<UserStreams> m_held;
    qint64 m_violations = 0;
    int m_peakHeld = 0;
};

} // namespace vs
