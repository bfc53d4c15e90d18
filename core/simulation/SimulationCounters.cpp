#include "SimulationCounters.h"

namespace vs {

SimulationCounters &SimulationCounters::operator+=(const SimulationCounters &other)
{
    attempts += other.attempts;
    grants += other.grants;
    reuses += other.reuses;
    denials += other.denials;
    stops += other.stops;
    expiries += other.expiries;
    evictions += other.evictions;
    errors += other.errors;
    heartbeats += other.heartbeats;
    requests += other.requests;
    return *this;
}

} // namespace vs
