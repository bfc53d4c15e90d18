#include "NaiveLimiter.h"

#include "StreamId.h"

#include <algorithm>

NaiveLimiter::NaiveLimiter(int limit, qint64 ttlMs)
    : m_limit(limit)
    , m_ttlMs(ttlMs)
{}

void NaiveLimiter::dropExpired(std::vector<Lease> &leases, qint64 nowMs)
{
    std::erase_if(leases, [nowMs](const Lease &lease) { return nowMs >= lease.expiresAtMs; });
}

NaiveLimiter::Result NaiveLimiter::watch(const QString &userId, const QString &videoId,
                                         qint64 nowMs)
{
    const std::string user = userId.toStdString();
    const std::string video = videoId.toStdString();
    Result result;
    std::lock_guard lock(m_mutex);
    std::vector<Lease> &leases = m_users[user];
    dropExpired(leases, nowMs);
    for (Lease &lease : leases) {
        if (lease.videoId == video) {
            lease.lastHeartbeatAtMs = nowMs;
            lease.expiresAtMs = nowMs + m_ttlMs;
            result.outcome = Outcome::Reused;
            result.streamId = QString::fromStdString(lease.streamId);
            return result;
        }
    }
    if (int(leases.size()) >= m_limit) {
        result.outcome = Outcome::Rejected;
        result.active = leases;
        return result;
    }
    Lease lease;
    lease.streamId = vs::StreamId::generate().toString().toStdString();
    lease.videoId = video;
    lease.startedAtMs = nowMs;
    lease.lastHeartbeatAtMs = nowMs;
    lease.expiresAtMs = nowMs + m_ttlMs;
    result.outcome = Outcome::Granted;
    result.streamId = QString::fromStdString(lease.streamId);
    leases.push_back(std::move(lease));
    return result;
}

NaiveLimiter::Result NaiveLimiter::heartbeat(const QString &userId, const QString &streamId,
                                             qint64 nowMs)
{
    const std::string user = userId.toStdString();
    const std::string stream = streamId.toStdString();
    Result result;
    std::lock_guard lock(m_mutex);
    const auto it = m_users.find(user);
    if (it == m_users.end())
        return result;
    dropExpired(it->second, nowMs);
    for (Lease &lease : it->second) {
        if (lease.streamId == stream) {
            lease.lastHeartbeatAtMs = nowMs;
            lease.expiresAtMs = nowMs + m_ttlMs;
            result.outcome = Outcome::Renewed;
            result.streamId = streamId;
            return result;
        }
    }
    return result;
}

NaiveLimiter::Result NaiveLimiter::stop(const QString &userId, const QString &streamId,
                                        qint64 nowMs)
{
    const std::string user = userId.toStdString();
    const std::string stream = streamId.toStdString();
    Result result;
    std::lock_guard lock(m_mutex);
    const auto it = m_users.find(user);
    if (it == m_users.end())
        return result;
    dropExpired(it->second, nowMs);
    const auto lease = std::find_if(it->second.begin(), it->second.end(),
                                    [&](const Lease &l) { return l.streamId == stream; });
    if (lease != it->second.end()) {
        it->second.erase(lease);
        result.outcome = Outcome::Stopped;
    }
    return result;
}
