#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace vs {

// What happens when a user already holds their limit and asks for another video.
enum class AtLimitBehaviour
{
    Reject,      // refuse and list the active streams (the original behaviour, and the default)
    EvictOldest, // end the oldest stream(s) and grant the new one
};

QString toString(AtLimitBehaviour behaviour);
std::optional<AtLimitBehaviour> atLimitBehaviourFromString(QStringView text);

} // namespace vs
