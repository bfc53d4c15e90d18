#include "SimulationSnapshot.h"

namespace vs {

QString toString(SimulationSnapshot::State state)
{
    switch (state) {
    case SimulationSnapshot::State::Idle:
        return QStringLiteral("idle");
    case SimulationSnapshot::State::Running:
        return QStringLiteral("running");
    case SimulationSnapshot::State::Paused:
        return QStringLiteral("paused");
    case SimulationSnapshot::State::Finished:
        return QStringLiteral("finished");
    case SimulationSnapshot::State::Stopped:
        return QStringLiteral("stopped");
    case SimulationSnapshot::State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

} // namespace vs
