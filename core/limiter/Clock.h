#pragma once

#include <QtGlobal>

namespace vs {

// The one source of "now" for the core. Injected so tests and the virtual-time simulator can
// drive time by hand instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;

    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
};

} // namespace vs
