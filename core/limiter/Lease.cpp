#include "Lease.h"

namespace vs {

qint64 leaseExpiry(qint64 nowMs, qint64 ttlMs)
{
    if (ttlMs <= 0 || nowMs > Lease::neverExpires - ttlMs)
        return Lease::neverExpires;
    return nowMs + ttlMs;
}

} // namespace vs
