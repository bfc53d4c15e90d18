#include "EmbeddedTarget.h"

#include <algorithm>

namespace vs {

namespace {

// Catalogs up to this size get their ids made once; beyond it an id is made per call, which
// costs an allocation but keeps memory bounded.
constexpr int maxCachedVideoIds = 1'000'000;

} // namespace

EmbeddedTarget::EmbeddedTarget(const Policy &policy, QStringList userPlans, int videos)
    : m_limiter(m_store, m_clock, policy)
    , m_userPlans(std::move(userPlans))
    , m_videos(videos)
{
    m_userIds.reserve(std::size_t(m_userPlans.size()));
    for (qsizetype i = 0; i < m_userPlans.size(); ++i)
        m_userIds.push_back(userId(quint32(i)));
    m_held.resize(m_userIds.size());
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
    if (call.user >= m_userIds.size()) {
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
    const WatchRequest request{m_userIds[call.user], videoIdFor(call.video), QString(),
                               m_userPlans.at(call.user)};
    const WatchResult result = m_limiter.watch(request);
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

void EmbeddedTarget::heartbeat(const TargetCall &call)
{
    TargetReply reply;
    reply.call = call;
    reply.decidedAtMs = m_clock.nowMs();
    const StreamId *streamId = streamFor(call);
    if (!streamId) {
        reply.outcome = TargetReply::Outcome::Unknown;
        deliver(reply);
        return;
    }
    const HeartbeatResult result = m_limiter.heartbeat(m_userIds[call.user], *streamId);
    switch (result.outcome) {
    case HeartbeatResult::Outcome::Renewed:
        reply.outcome = TargetReply::Outcome::Renewed;
        reply.expiresAtMs = result.lease.expiresAtMs;
        break;
    case HeartbeatResult::Outcome::Unknown:
        reply.outcome = TargetReply::Outcome::Unknown;
        break;
    case HeartbeatResult::Outcome::Expired:
        reply.outcome = TargetReply::Outcome::Expired;
        break;
    case HeartbeatResult::Outcome::Evicted:
        reply.outcome = TargetReply::Outcome::Evicted;
        break;
    case HeartbeatResult::Outcome::InvalidRequest:
    case HeartbeatResult::Outcome::StoreUnavailable:
        reply.outcome = TargetReply::Outcome::Error;
        reply.error = result.failure.message;
        break;
    }
    if (reply.outcome != TargetReply::Outcome::Renewed &&
        reply.outcome != TargetReply::Outcome::Error)
        dropStream(call.user, call.video);
    deliver(reply);
}

void EmbeddedTarget::stop(const TargetCall &call)
{
    TargetReply reply;
    reply.call = call;
    reply.decidedAtMs = m_clock.nowMs();
    const StreamId *streamId = streamFor(call);
    if (!streamId) {
        reply.outcome = TargetReply::Outcome::Unknown;
        deliver(reply);
        return;
    }
    const StopResult result = m_limiter.stop(m_userIds[call.user], *streamId);
    switch (result.outcome) {
    case StopResult::Outcome::Stopped:
        reply.outcome = TargetReply::Outcome::Stopped;
        break;
    case StopResult::Outcome::Unknown:
        reply.outcome = TargetReply::Outcome::Unknown;
        break;
    case StopResult::Outcome::InvalidRequest:
    case StopResult::Outcome::StoreUnavailable:
        reply.outcome = TargetReply::Outcome::Error;
        reply.error = result.failure.message;
        break;
    }
    dropStream(call.user, call.video);
    deliver(reply);
}

qint64 EmbeddedTarget::capacity() const
{
    const Policy policy = m_limiter.policy();
    qint64 total = 0;
    for (std::size_t i = 0; i < m_userIds.size(); ++i)
        total += policy.limitFor(m_userIds[i], m_userPlans.at(qsizetype(i)));
    return total;
}

void EmbeddedTarget::setPolicy(const Policy &policy)
{
    m_limiter.setPolicy(policy);
}

QList<Lease> EmbeddedTarget::activeStreams(int maxCount)
{
    QList<Lease> streams;
    for (std::size_t i = 0; i < m_userIds.size() && streams.size() < maxCount; ++i) {
        const ListResult listed = m_limiter.list(m_userIds[i], m_userPlans.at(qsizetype(i)));
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
