#include "LimiterEvent.h"

namespace vs {

const char *toString(LimiterEvent::Type type)
{
    switch (type) {
    case LimiterEvent::Type::Granted:
        return "granted";
    case LimiterEvent::Type::Reused:
        return "reused";
    case LimiterEvent::Type::Rejected:
        return "rejected";
    case LimiterEvent::Type::Renewed:
        return "renewed";
    case LimiterEvent::Type::Stopped:
        return "stopped";
    case LimiterEvent::Type::Expired:
        return "expired";
    case LimiterEvent::Type::Evicted:
        return "evicted";
    }
    return "unknown";
}

} // namespace vs
