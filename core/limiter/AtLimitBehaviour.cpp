#include "AtLimitBehaviour.h"

namespace vs {

QString toString(AtLimitBehaviour behaviour)
{
    switch (behaviour) {
    case AtLimitBehaviour::Reject:
        return QStringLiteral("reject");
    case AtLimitBehaviour::EvictOldest:
        return QStringLiteral("evict_oldest");
    }
    return {};
}

std::optional<AtLimitBehaviour> atLimitBehaviourFromString(QStringView text)
{
    if (text == u"reject")
        return AtLimitBehaviour::Reject;
    if (text == u"evict_oldest")
        return AtLimitBehaviour::EvictOldest;
    return std::nullopt;
}

} // namespace vs
