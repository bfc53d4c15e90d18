#pragma once

#include <QString>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

// The baseline the core is measured against: the obvious implementation of the same rules (expiry
// on access, reuse of the same video, limit, reject with the active list, heartbeat, stop), one
// std::unordered_map<std::string, std::vector<Lease>> behind one std::mutex. Benchmark only.
class NaiveLimiter
{
public:
    struct Lease
    {
        std::string streamId;
        std::string videoId;
        std::string deviceId;
        qint64 startedAtMs = 0;
        qint64 lastHeartbeatAtMs = 0;
        qint64 expiresAtMs = 0;
    };
    enum class Outcome
    {
        Granted,
        Reused,
        Rejected,
        Renewed,
        Stopped,
        Unknown
    };
    struct Result
    {
        Outcome outcome = Outcome::Unknown;
        QString streamId;          // Granted, Reused, Renewed
        std::vector<Lease> active; // Rejected
    };

    NaiveLimiter(int limit, qint64 ttlMs);

    Result watch(const QString &userId, const QString &videoId, qint64 nowMs);
    Result heartbeat(const QString &userId, const QString &streamId, qint64 nowMs);
    Result stop(const QString &userId, const QString &streamId, qint64 nowMs);

private:
    void dropExpired(std::vector<Lease> &leases, qint64 nowMs);

    const int m_limit;
    const qint64 m_ttlMs;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::vector<Lease>> m_users;
};
