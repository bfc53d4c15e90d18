#pragma once

#include "Lease.h"

namespace vs {

// Every change the core makes, as one value. Metrics, logs, the GUI and the simulator all read
// these.
struct LimiterEvent
{
    enum class Type
    {
        Granted,  // a new stream took a slot
        Reused,   // the user asked again for a video already active: same stream, renewed
        Rejected, // the user is at the limit (no stream in `lease`; only user and video are set)
        Renewed,  // a heartbeat extended the lease
        Stopped,  // the client ended the stream
        Expired,  // the lease ran out without a heartbeat
        Evicted,  // ended by evict_oldest to make room for a newer stream
    };

    Type type = Type::Granted;
    Lease lease;     // the stream concerned (for Rejected: userId and videoId only)
    qint64 atMs = 0; // when the core decided
    int limit = 0;   // the user's limit at that moment (0 when not known, e.g. for a sweep)
};

const char *toString(LimiterEvent::Type type);

} // namespace vs
