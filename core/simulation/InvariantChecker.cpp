#include "InvariantChecker.h"

#include <algorithm>

namespace vs {

InvariantChecker::InvariantChecker(int users)
    : m_held(std::size_t(std::max(users, 0)))
{}

InvariantChecker::Held *InvariantChecker::find(quint32 user, quint32 video)
{
    for (Held &held : m_held[user]) {
        if (held.video == video)
            return &held;
    }
    return nullptr;
}

void InvariantChecker::erase(quint32 user, quint32 video)
{
    std::erase_if(m_held[user], [video](const Held &h) { return h.video == video; });
}

void InvariantChecker::dropExpired(quint32 user, qint64 nowMs)
{
    std::erase_if(m_held[user], [nowMs](const Held &h) { return h.expiresAtMs <= nowMs; });
}

void InvariantChecker::onStopSent(quint32 user, quint32 video)
{
    if (user >= m_held.size())
        return;
    if (Held *held = find(user, video))
        held->releasing = true;
}

void InvariantChecker::onReply(const TargetReply &reply, qint64 nowMs)
{
    const quint32 user = reply.call.user;
    const quint32 video = reply.call.video;
    if (user >= m_held.size())
        return;
    const qint64 decidedAtMs = reply.decidedAtMs > 0 ? reply.decidedAtMs : nowMs;
    switch (reply.outcome) {
    case TargetReply::Outcome::Granted: {
        for (quint32 evicted : reply.evictedVideos)
            erase(user, evicted);
        dropExpired(user, decidedAtMs);
        // One stream per user and video: a new grant means the old one had ended.
        erase(user, video);
        m_held[user].push_back(Held{video, reply.expiresAtMs, false});
        const int held = int(std::count_if(m_held[user].begin(), m_held[user].end(),
                                           [](const Held &h) { return !h.releasing; }));
        m_peakHeld = std::max(m_peakHeld, held);
        if (reply.limit > 0 && held > reply.limit)
            ++m_violations;
        break;
    }
    case TargetReply::Outcome::Reused:
    case TargetReply::Outcome::Renewed:
        if (Held *held = find(user, video))
            held->expiresAtMs = std::max(held->expiresAtMs, reply.expiresAtMs);
        else if (reply.outcome == TargetReply::Outcome::Reused)
            m_held[user].push_back(Held{video, reply.expiresAtMs, false});
        break;
    case TargetReply::Outcome::Stopped:
    case TargetReply::Outcome::Expired:
    case TargetReply::Outcome::Evicted:
    case TargetReply::Outcome::Unknown:
        erase(user, video);
        break;
    case TargetReply::Outcome::Denied:
        dropExpired(user, decidedAtMs);
        break;
    case TargetReply::Outcome::Error:
        break;
    }
}

} // namespace vs
