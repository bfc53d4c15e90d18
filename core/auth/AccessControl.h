#pragma once

#include "AccessDecision.h"

#include <QString>

#include <optional>

namespace vs {

struct Principal;

// Who may do what once authentication is on. A pure function of the caller, the operation and
// the user whose streams are touched, so the whole matrix is table-testable without a server.
//
//   operation                       no token   owner   other user   admin scope
//   probes, the OpenAPI document    allow      allow   allow        allow
//   a user's streams (any verb)     401        allow   403          allow
//   read or change the policy       401        403     403          allow
//   /metrics, when protected        401        403 unless the token has the metrics scope; allow
//   /metrics, when open             allow      allow   allow        allow
class AccessControl
{
public:
    enum class Operation
    {
        Probe,
        ReadApiDocument, // /openapi.json: public, like the docs it is
        ReadMetrics,
        ListStreams,
        StartStream,
        ReadStream,
        RenewStream,
        StopStream,
        ReadPolicy,
        ChangePolicy,
    };

    struct Options
    {
        bool metricsOpen = false; // true: /metrics needs no token (a scraper on a private network)
    };

    AccessControl() = default;
    explicit AccessControl(Options options);

    // `caller` is null when the request carried no valid token. `targetUserId` is the user
    // whose streams the operation touches (empty for operations on no user).
    AccessDecision decide(const Principal *caller, Operation operation,
                          const QString &targetUserId = {}) const;

    // The plan a request of `caller` on `targetUserId`'s streams is admitted under. With auth
    // on, a user's plan comes from the token, never from the request (a user could otherwise buy
    // "premium" by typing it): the token's plan claim, empty for the default. nullopt only for an
    // admin acting on another user's streams, who may name the plan in the request.
    static std::optional<QString> planFor(const Principal &caller, const QString &targetUserId);

    static QString operationName(Operation operation);

private:
    Options m_options;
};

} // namespace vs
