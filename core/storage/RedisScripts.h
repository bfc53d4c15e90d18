#pragma once

#include <QByteArray>

namespace vs {

// The Lua scripts of the Redis store: each atomic operation is one script, so a decision sees
// and changes one user's keys with no other client in between (Redis runs scripts one at a
// time). User scripts touch only keys with the user's hash tag, vs:{user}:..., so they stay
// valid on Redis Cluster; the sweep index lives under its own tag, vs:{sweep}:due.
//
// User scripts take KEYS = {leases, ended, meta}. Time: ARGV[1] is empty in production, and the
// script reads the server's clock (TIME), so instances with skewed clocks agree; tests pass a
// number to drive time exactly.
class RedisScripts
{
public:
    enum class Script
    {
        Acquire,
        Renew,
        Release,
        List,
        SweepUser,
        SweepDue,
        SweepIndexUpdate,
        Count
    };

    static const QByteArray &source(Script script);
    // The SHA-1 EVALSHA wants, hex.
    static const QByteArray &sha1(Script script);
};

} // namespace vs
