#pragma once

#include "AccessControl.h"
#include "HttpLimits.h"
#include "JwtVerifier.h"

#include <memory>

namespace vs {

// How ApiServer protects itself and its users; docs/SECURITY.md describes each setting. The
// default is the local demo: no authentication, the resource limits on.
struct ServerSecurity
{
    HttpLimits limits;
    // Null: no authentication (every caller may do everything, as on the local demo endpoint).
    std::shared_ptr<const JwtVerifier> verifier;
    AccessControl::Options access;

    bool authenticationEnabled() const { return verifier != nullptr; }
};

} // namespace vs
