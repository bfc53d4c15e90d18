#include "EmbeddedTarget.h"

#include <algorithm>

namespace vs {

namespace {

// Catalogs up to this size get their ids made once; beyond it an id is made per call, which
// costs an allocation but keeps memory bounded.
constexpr int maxCachedVideoIds = 1'000'000;

// The outcomes heartbeat and stop have in common: no such stream, and the failures.
template<typename Result> void setSharedOutcome(const Result &result, TargetReply &reply)
{
    switch (result.outcome) {
    case Result::Outcome::InvalidRequest:
    case Result::Outcome::StoreUnavailable:
        reply.outcome = TargetReply::Outcome::Error;
        reply.error = result.failure.message;
        break;
    default:
        reply.outcome = TargetReply::Outcome::Unknown;
        break;
    }
}

} // namespace

EmbeddedTarget::EmbeddedTarget(const Policy &policy, QStringList userPlans, int videos)
    : m_limiter(m_store, m_clock, policy)
    , m_userPlans(std::move(userPlans))
    , m_videos(videos)
{
    m_users.resize(std::size_t(m_userPlans.size()));
    for (qsizetype i = 0; i < m_userPlans.size(); ++i) {
        // "u<i>" is always valid; were it not, the null key makes every call an error reply.
        if (auto key = UserKey::fromString(userId(quint32(i))))
            m_users[std::size_t(i)].key = std::move(*key);
    }
    m_held.resize(m_users.size());
    if (videos <= maxCachedVideoIds)
        m_videoIds.resize(std::size_t(videos));
}

EmbeddedTarget::~EmbeddedTarget() = default;

QString EmbeddedTarget::open(qint64 startMs)
{
    m_startMs = startMs;
    m_clock.setNowMs(startMs);
    return {};
}

void EmbeddedTarget::advanceTo(qint64 simulatedUs)
{
    m_clock.setNowMs(m_startMs + simulatedUs / 1000);
}

const QString &EmbeddedTarget::videoIdFor(quint32 video)
{
    if (video < m_videoIds.size()) {
        QString &id = m_videoIds[video];
        if (id.isNull())
            id = videoId(video);
        return id;
    }
    m_scratchVideoId = videoId(video);
    return m_scratchVideoId;
}

StreamId *EmbeddedTarget::findStream(quint32 user, quint32 video)
{
    for (HeldStream &held : m_held[user]) {
        if (held.video == video)
            return &held.streamId;
    }
    return nullptr;
}

const StreamId *EmbeddedTarget::streamFor(const TargetCall &call)
{
    if (!call.stream.isNull())
        return &call.stream;
    return findStream(call.user, call.video);
}

void EmbeddedTarget::rememberStream(quint32 user, quint32 video, const StreamId &id)
{
    if (StreamId *known = findStream(user, video)) {
        *known = id;
        return;
    }
    m_held[user].push_back(HeldStream{video, id});
}

void EmbeddedTarget::dropStream(quint32 user, quint32 video)
{
    auto &held = m_held[user];
    const auto it = std::find_if(held.begin(), held.end(),
                                 [video](const HeldStream &h) { return h.video == video; });
    if (it != held.end()) {
        *it = std::move(held.back());
        held.pop_back();
    }
}

void EmbeddedTarget::forget(quint32 user, quint32 video)
{
    if (user < m_held.size())
        dropStream(user, video);
}

void EmbeddedTarget::send(const TargetCall &call)
{
    if (call.user >= m_users.size()) {
        TargetReply reply;
        reply.call = call;
        reply.error = QStringLiteral("no such simulated user");
        deliver(reply);
        return;
    }
    switch (call.kind) {
    case TargetCall::Kind::Watch:
        watch(call);
        break;
    case TargetCall::Kind::Heartbeat:
        heartbeat(call);
        break;
    case TargetCall::Kind::Stop:
        stop(call);
        break;
    }
}

void EmbeddedTarget::watch(const TargetCall &call)
{
    const WatchResult result = m_limiter.watch(m_users[call.user].key, videoIdFor(call.video),
                                               QString(), m_userPlans.at(call.user));
    TargetReply reply;
    reply.call = call;
    reply.limit = result.limit;
    reply.activeCount = result.activeCount;
    reply.decidedAtMs = m_clock.nowMs();
    switch (result.outcome) {
    case WatchResult::Outcome::Granted:
        for (const Lease &evicted : result.evicted) {
            const quint32 video = QStringView(evicted.videoId).mid(1).toUInt();
            reply.evictedVideos.push_back(video);
            dropStream(call.user, video);
        }
        reply.outcome = TargetReply::Outcome::Granted;
        reply.expiresAtMs = result.lease.expiresAtMs;
        reply.stream = result.lease.streamId;
        rememberStream(call.user, call.video, result.lease.streamId);
        break;
    case WatchResult::Outcome::Reused:
        reply.outcome = TargetReply::Outcome::Reused;
        reply.expiresAtMs = result.lease.expiresAtMs;
        reply.stream = result.lease.streamId;
        rememberStream(call.user, call.video, result.lease.streamId);
        break;
    case WatchResult::Outcome::Rejected:
        reply.outcome = TargetReply::Outcome::Denied;
        break;
    case WatchResult::Outcome::InvalidRequest:
    case WatchResult::Outcome::StoreUnavailable:
        reply.outcome = TargetReply::Outcome::Error;
        reply.error = result.failure.message;
        break;
    }
    deliver(reply);
}

template<typename CallLimiter>
void EmbeddedTarget::sendForStream(const TargetCall &call, CallLimiter &&callLimiter)
{
    TargetReply reply;
    reply.call = call;
    reply.decidedAtMs = m_clock.nowMs();
    if (const StreamId *streamId = streamFor(call))
        callLimiter(m_users[call.user].key, *streamId, reply);
    else
        reply.outcome = TargetReply::Outcome::Unknown;
    // A renewed stream lives on, and so does one whose heartbeat failed (the next may work);
    // after a stop the engine has let go of the stream whatever the answer.
    const bool lives =
        reply.outcome == TargetReply::Outcome::Renewed ||
        (call.kind == TargetCall::Kind::Heartbeat && reply.outcome == TargetReply::Outcome::Error);
    if (!lives)
        dropStream(call.user, call.video);
    deliver(reply);
}

void EmbeddedTarget::heartbeat(const TargetCall &call)
{
    sendForStream(call, [this](const UserKey &user, const StreamId &stream, TargetReply &reply) {
        const HeartbeatResult result = m_limiter.heartbeat(user, stream);
        switch (result.outcome) {
        case HeartbeatResult::Outcome::Renewed:
            reply.outcome = TargetReply::Outcome::Renewed;
            reply.expiresAtMs = result.lease.expiresAtMs;
            break;
        case HeartbeatResult::Outcome::Expired:
            reply.outcome = TargetReply::Outcome::Expired;
            break;
        case HeartbeatResult::Outcome::Evicted:
            reply.outcome = TargetReply::Outcome::Evicted;
            break;
        default:
            setSharedOutcome(result, reply);
            break;
        }
    });
}

void EmbeddedTarget::stop(const TargetCall &call)
{
    sendForStream(call, [this](const UserKey &user, const StreamId &stream, TargetReply &reply) {
        const StopResult result = m_limiter.stop(user, stream);
        if (result.outcome == StopResult::Outcome::Stopped)
            reply.outcome = TargetReply::Outcome::Stopped;
        else
            setSharedOutcome(result, reply);
    });
}

qint64 EmbeddedTarget::capacity() const
{
    const Policy policy = m_limiter.policy();
    qint64 total = 0;
    for (std::size_t i = 0; i < m_users.size(); ++i)
        total += policy.limitFor(m_users[i].key.text(), m_userPlans.at(qsizetype(i)));
    return total;
}

void EmbeddedTarget::prefetch(quint32 user) const
{
    if (user < m_users.size())
        __builtin_prefetch(&m_users[user]);
}

void EmbeddedTarget::setPolicy(const Policy &policy)
{
    m_limiter.setPolicy(policy);
}

QList<Lease> EmbeddedTarget::activeStreams(int maxCount)
{
    QList<Lease> streams;
    for (std::size_t i = 0; i < m_users.size() && streams.size() < maxCount; ++i) {
        const ListResult listed = m_limiter.list(m_users[i].key, m_userPlans.at(qsizetype(i)));
        for (const Lease &lease : listed.active) {
            if (streams.size() >= maxCount)
                break;
            streams.append(lease);
        }
    }
    return streams;
}

bool EmbeddedTarget::stopStream(const QString &userId, const QString &streamId)
{
    return m_limiter.stop(userId, streamId).outcome == StopResult::Outcome::Stopped;
}

} // namespace vs
