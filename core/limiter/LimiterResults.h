#pragma once

#include "Lease.h"

#include <QList>
#include <QString>

namespace vs {

// Results shared by LeaseStore (which decides atomically) and StreamLimiter (which adds the
// policy, validation and events). `expired` lists leases the call found past their expiry and
// removed, so the limiter can report each expiry exactly once.

// Why a call could not be decided. Set together with the outcomes InvalidRequest/StoreUnavailable.
struct Failure
{
    QString message; // for API clients: names the field and the rule, or the store's problem
    QString field;   // the offending request field, when there is one
};

struct WatchResult
{
    enum class Outcome
    {
        Granted,
        Reused,
        Rejected,
        InvalidRequest,
        StoreUnavailable
    };

    Outcome outcome = Outcome::Rejected;
    Lease lease;          // Granted, Reused: the stream
    QList<Lease> evicted; // Granted under evict_oldest: the streams it ended, oldest first
    QList<Lease> active;  // Rejected only: the user's active streams, oldest first
    QList<Lease> expired;
    int activeCount = 0; // the user's active streams after the decision
    int limit = 0;
    Failure failure;
};

struct HeartbeatResult
{
    enum class Outcome
    {
        Renewed,
        Unknown,
        Expired,
        Evicted,
        InvalidRequest,
        StoreUnavailable
    };

    Outcome outcome = Outcome::Unknown;
    Lease lease; // Renewed: the lease with its new expiry
    QList<Lease> expired;
    Failure failure;
};

struct StopResult
{
    enum class Outcome
    {
        Stopped,
        Unknown,
        InvalidRequest,
        StoreUnavailable
    };

    Outcome outcome = Outcome::Unknown;
    Lease lease; // Stopped: the stream that ended
    QList<Lease> expired;
    Failure failure;
};

struct ListResult
{
    enum class Outcome
    {
        Listed,
        InvalidRequest,
        StoreUnavailable
    };

    Outcome outcome = Outcome::Listed;
    QList<Lease> active; // oldest first
    QList<Lease> expired;
    int limit = 0;
    Failure failure;
};

struct SweepResult
{
    bool storeAvailable = true;
    QList<Lease> expired;
    bool more = false; // the batch limit was reached; call again for the rest
};

// The answer of any call above (but SweepResult) when the store could not decide it, and why:
// shared by the stores that can be unavailable (SQLite, Redis).
template<typename Result> Result storeUnavailableResult(const QString &message)
{
    Result result;
    result.outcome = Result::Outcome::StoreUnavailable;
    result.failure.message = message;
    return result;
}

} // namespace vs
