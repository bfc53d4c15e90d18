#pragma once

#include "Policy.h"

#include <QString>

#include <functional>

namespace vs {

class StreamLimiter;

// Where the policy lives when several instances must share it (Redis): a change published
// through any instance reaches every instance's StreamLimiter through setPolicy. Without a
// source, each limiter keeps its own policy (memory and SQLite stores serve one instance).
class PolicySource
{
public:
    virtual ~PolicySource() = default;

    // Starts keeping `limiter` at the shared policy: the one already stored wins; `initial` is
    // stored only when the source holds none yet. The limiter must outlive the source.
    virtual void attach(StreamLimiter &limiter, const Policy &initial) = 0;

    // Stores `policy` for every instance and applies it to the attached limiter. `done` gets an
    // empty string once it is stored, or why it is not (the source is unreachable); it runs on
    // the calling thread's event loop.
    virtual void publish(const Policy &policy, std::function<void(const QString &error)> done) = 0;
};

} // namespace vs
