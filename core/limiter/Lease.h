#pragma once

#include "StreamId.h"

#include <QString>

#include <limits>

namespace vs {

// One active stream: the right of `userId` to watch `videoId` until `expiresAtMs`.
struct Lease
{
    static constexpr qint64 neverExpires = std::numeric_limits<qint64>::max();

    StreamId streamId;
    QString userId;
    QString videoId;
    QString deviceId; // empty when the client sent none
    qint64 startedAtMs = 0;
    qint64 lastHeartbeatAtMs = 0;
    qint64 expiresAtMs = neverExpires;

    // A lease stops counting at exactly its expiry instant.
    bool isActiveAt(qint64 nowMs) const { return nowMs < expiresAtMs; }
    bool expires() const { return expiresAtMs != neverExpires; }

    friend bool operator==(const Lease &, const Lease &) = default;
};

// The expiry a lease gets when granted or renewed at `nowMs` with a TTL (0: never expires).
qint64 leaseExpiry(qint64 nowMs, qint64 ttlMs);

} // namespace vs
