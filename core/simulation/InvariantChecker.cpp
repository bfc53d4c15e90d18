#include "InvariantChecker.h"

#include <algorithm>

namespace vs {

InvariantChecker::InvariantChecker(int users)
    : m_held(std::size_t(std::max(users, 0)))
{}

std::span<InvariantChecker::Held> InvariantChecker::streamsOf(quint32 user)
{
    UserStreams &streams = m_held[user];
    if (streams.more)
        return *streams.more;
    return std::span<Held>(streams.inlineStreams.data(), streams.inlineCount);
}

void InvariantChecker::add(quint32 user, const Held &held)
{
    UserStreams &streams = m_held[user];
    if (!streams.more && streams.inlineCount < streams.inlineStreams.size()) {
        streams.inlineStreams[streams.inlineCount++] = held;
        return;
    }
    if (!streams.more) {
        streams.more = std::make_unique<std::vector<Held>>(
            streams.inlineStreams.begin(), streams.inlineStreams.begin() + streams.inlineCount);
        streams.inlineCount = 0;
    }
    streams.more->push_back(held);
}

template<typename Predicate> void InvariantChecker::eraseIf(quint32 user, Predicate predicate)
{
    UserStreams &streams = m_held[user];
    if (streams.more) {
        std::erase_if(*streams.more, predicate);
        return;
    }
    const auto begin = streams.inlineStreams.begin();
    const auto end = std::remove_if(begin, begin + streams.inlineCount, predicate);
    streams.inlineCount = quint8(end - begin);
}

InvariantChecker::Held *InvariantChecker::find(quint32 user, quint32 video)
{
    for (Held &held : streamsOf(user)) {
        if (held.video == video)
            return &held;
    }
    return nullptr;
}

void InvariantChecker::erase(quint32 user, quint32 video)
{
    eraseIf(user, [video](const Held &h) { return h.video == video; });
}

void InvariantChecker::dropExpired(quint32 user, qint64 nowMs)
{
    eraseIf(user, [nowMs](const Held &h) { return h.expiresAtMs <= nowMs; });
}

void InvariantChecker::prefetch(quint32 user) const
{
    if (user < m_held.size())
        __builtin_prefetch(&m_held[user]);
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
        add(user, Held{video, false, reply.expiresAtMs});
        const std::span<Held> streams = streamsOf(user);
        const int held = int(std::count_if(streams.begin(), streams.end(),
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
            add(user, Held{video, false, reply.expiresAtMs});
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
