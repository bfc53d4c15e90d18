#include "AccessControl.h"

#include "Principal.h"

namespace vs {

namespace {

AccessDecision allow()
{
    return {};
}

AccessDecision unauthenticated()
{
    return {AccessDecision::Outcome::Unauthenticated,
            QStringLiteral("a valid bearer token is required")};
}

AccessDecision forbidden(const QString &reason)
{
    return {AccessDecision::Outcome::Forbidden, reason};
}

} // namespace

AccessControl::AccessControl(Options options)
    : m_options(options)
{}

AccessDecision AccessControl::decide(const Principal *caller, Operation operation,
                                     const QString &targetUserId) const
{
    switch (operation) {
    case Operation::Probe:
    case Operation::ReadApiDocument:
        // Load balancers and orchestrators probe without credentials; the API description is
        // public documentation.
        return allow();
    case Operation::ReadMetrics:
        if (m_options.metricsOpen)
            return allow();
        if (!caller)
            return unauthenticated();
        if (caller->isAdmin() || caller->hasScope(Principal::metricsScope))
            return allow();
        return forbidden(QStringLiteral("reading metrics needs the admin or metrics scope"));
    case Operation::ListStreams:
    case Operation::StartStream:
    case Operation::ReadStream:
    case Operation::RenewStream:
    case Operation::StopStream:
        if (!caller)
            return unauthenticated();
        // An empty target never matches: a route without a user is not a user's route.
        if (!targetUserId.isEmpty() && caller->userId == targetUserId)
            return allow();
        if (caller->isAdmin())
            return allow();
        return forbidden(QStringLiteral("the token's user may only reach its own streams"));
    case Operation::ReadPolicy:
    case Operation::ChangePolicy:
        // Reading is admin-only too: the policy names users with overrides.
        if (!caller)
            return unauthenticated();
        if (caller->isAdmin())
            return allow();
        return forbidden(QStringLiteral("the policy needs a token with the admin scope"));
    }
    // An operation added without a rule is refused, never silently allowed.
    return forbidden(QStringLiteral("operation has no access rule"));
}

std::optional<QString> AccessControl::planFor(const Principal &caller, const QString &targetUserId)
{
    if (caller.isAdmin() && caller.userId != targetUserId)
        return std::nullopt;
    return caller.plan;
}

QString AccessControl::operationName(Operation operation)
{
    switch (operation) {
    case Operation::Probe:
        return QStringLiteral("probe");
    case Operation::ReadApiDocument:
        return QStringLiteral("read_api_document");
    case Operation::ReadMetrics:
        return QStringLiteral("read_metrics");
    case Operation::ListStreams:
        return QStringLiteral("list_streams");
    case Operation::StartStream:
        return QStringLiteral("start_stream");
    case Operation::ReadStream:
        return QStringLiteral("read_stream");
    case Operation::RenewStream:
        return QStringLiteral("renew_stream");
    case Operation::StopStream:
        return QStringLiteral("stop_stream");
    case Operation::ReadPolicy:
        return QStringLiteral("read_policy");
    case Operation::ChangePolicy:
        return QStringLiteral("change_policy");
    }
    return QStringLiteral("unknown");
}

} // namespace vs
