#pragma once

#include "AtLimitBehaviour.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace vs {

// Who may hold how many streams, and for how long a lease lives without a heartbeat.
// A value type: the limiter swaps whole policies atomically, so a request sees one consistent
// policy.
struct PolicyParseResult;

struct Policy
{
    static constexpr int maxLimit = 1'000'000;
    static constexpr qint64 maxLeaseTtlSeconds = 365LL * 24 * 3600;

    int defaultLimit = 3;
    QHash<QString, int> planLimits;    // plan name -> limit
    QHash<QString, int> userOverrides; // user id -> limit, wins over the plan
    qint64 leaseTtlSeconds = 90;       // 0: leases never expire (the original service's behaviour)
    AtLimitBehaviour atLimit = AtLimitBehaviour::Reject;

    // First match wins: the user's override, then the plan's limit, then the default.
    int limitFor(const QString &userId, const QString &plan = {}) const;
    // 0 when leases never expire.
    qint64 leaseTtlMs() const { return leaseTtlSeconds * 1000; }

    // The JSON shape shared by the HTTP API and scenario files:
    // {"default_limit", "plans", "user_overrides", "lease_ttl_s", "at_limit"}.
    QJsonObject toJson() const;

    // Reads a policy; fields missing from `json` keep the values of `base` (the defaults when
    // not given). Unknown fields, wrong types and out-of-range values are errors naming the field.
    static PolicyParseResult fromJson(const QJsonObject &json);
    static PolicyParseResult fromJson(const QJsonObject &json, const Policy &base);

    friend bool operator==(const Policy &, const Policy &) = default;
};

struct PolicyParseResult
{
    Policy policy;
    QString error; // empty on success
    QString field; // the offending field, e.g. "plans.premium"

    bool ok() const { return error.isEmpty(); }
};

} // namespace vs
