#pragma once

#include <QString>

namespace vs {

// The answer of AccessControl::decide, independent of HTTP; httpStatus() maps it.
struct AccessDecision
{
    enum class Outcome
    {
        Allow,
        Unauthenticated, // no valid token: 401 with WWW-Authenticate
        Forbidden,       // a valid token that may not do this: 403
    };

    Outcome outcome = Outcome::Allow;
    QString reason; // for the problem's `detail`; empty when allowed

    bool allowed() const { return outcome == Outcome::Allow; }
    int httpStatus() const
    {
        return outcome == Outcome::Allow ? 200 : outcome == Outcome::Unauthenticated ? 401 : 403;
    }
};

} // namespace vs
