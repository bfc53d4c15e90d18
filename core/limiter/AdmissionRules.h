#pragma once

#include "AtLimitBehaviour.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace vs {

// The admission decision for one user, separate from how a store keeps its leases so that every
// in-process store applies the same rules (the Redis store mirrors them in Lua).
struct AdmissionPlan
{
    enum class Kind
    {
        Reuse,
        Grant,
        Reject
    };

    Kind kind = Kind::Reject;
    int reuseIndex = -1;           // Reuse: the active lease of the same video
    std::vector<int> evictIndexes; // Grant: leases to end first, oldest first
};

// `active` holds only the user's unexpired leases. `isSameVideo(lease)` and `startedAt(lease)`
// read a lease of whatever type the store uses. Ties in start time evict the earlier index first.
template<typename LeaseList, typename IsSameVideo, typename StartedAt>
AdmissionPlan planAdmission(const LeaseList &active, IsSameVideo isSameVideo, StartedAt startedAt,
                            int limit, AtLimitBehaviour atLimit)
{
    AdmissionPlan plan;
    const int count = int(active.size());
    for (int i = 0; i < count; ++i) {
        if (isSameVideo(active[i])) {
            // "Every video has only one stream": renewing it takes no extra slot, even at the
            // limit.
            plan.kind = AdmissionPlan::Kind::Reuse;
            plan.reuseIndex = i;
            return plan;
        }
    }
    if (count < limit) {
        plan.kind = AdmissionPlan::Kind::Grant;
        return plan;
    }
    if (atLimit == AtLimitBehaviour::Reject || limit <= 0)
        return plan;

    // Evict as many as it takes to make room: after a limit was lowered that may be more than one.
    std::vector<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return startedAt(active[a]) < startedAt(active[b]); });
    order.resize(count - limit + 1);
    plan.kind = AdmissionPlan::Kind::Grant;
    plan.evictIndexes = std::move(order);
    return plan;
}

} // namespace vs
