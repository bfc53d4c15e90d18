#include "Policy.h"

#include "IdRules.h"

#include <QJsonValue>

#include <cmath>

namespace vs {

namespace {

using ParseResult = PolicyParseResult;

ParseResult failure(const QString &field, const QString &message)
{
    ParseResult result;
    result.field = field;
    result.error = field + QLatin1String(": ") + message;
    return result;
}

// JSON numbers are doubles; a limit must be a whole number in range.
std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 minimum, qint64 maximum)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || number < double(minimum) ||
        number > double(maximum))
        return std::nullopt;
    return qint64(number);
}

QString rangeText(qint64 minimum, qint64 maximum)
{
    return QStringLiteral("must be a whole number from %1 to %2").arg(minimum).arg(maximum);
}

std::optional<ParseResult> readLimitMap(const QJsonObject &json, const QString &field,
                                        QHash<QString, int> &out)
{
    const QJsonValue value = json.value(field);
    if (!value.isObject())
        return failure(field, QStringLiteral("must be an object mapping names to limits"));
    out.clear();
    const QJsonObject map = value.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString entryField = field + QLatin1Char('.') + it.key();
        if (!IdRules::isValid(it.key()))
            return failure(entryField,
                           QStringLiteral("key is not a valid name; ") + IdRules::ruleText());
        const auto limit = wholeNumber(it.value(), 0, Policy::maxLimit);
        if (!limit)
            return failure(entryField, rangeText(0, Policy::maxLimit));
        out.insert(it.key(), int(*limit));
    }
    return std::nullopt;
}

} // namespace

int Policy::limitFor(const QString &userId, const QString &plan) const
{
    if (!userOverrides.isEmpty()) {
        const auto it = userOverrides.constFind(userId);
        if (it != userOverrides.constEnd())
            return *it;
    }
    if (!plan.isEmpty()) {
        const auto it = planLimits.constFind(plan);
        if (it != planLimits.constEnd())
            return *it;
    }
    return defaultLimit;
}

QJsonObject Policy::toJson() const
{
    QJsonObject plans;
    for (auto it = planLimits.begin(); it != planLimits.end(); ++it)
        plans.insert(it.key(), it.value());
    QJsonObject overrides;
    for (auto it = userOverrides.begin(); it != userOverrides.end(); ++it)
        overrides.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("default_limit"), defaultLimit},
        {QStringLiteral("plans"), plans},
        {QStringLiteral("user_overrides"), overrides},
        {QStringLiteral("lease_ttl_s"), leaseTtlSeconds},
        {QStringLiteral("at_limit"), toString(atLimit)},
    };
}

PolicyParseResult Policy::fromJson(const QJsonObject &json)
{
    return fromJson(json, Policy());
}

PolicyParseResult Policy::fromJson(const QJsonObject &json, const Policy &base)
{
    static const QStringList knownFields{
        QStringLiteral("default_limit"),  QStringLiteral("plans"),
        QStringLiteral("user_overrides"), QStringLiteral("lease_ttl_s"),
        QStringLiteral("at_limit"),
    };
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!knownFields.contains(it.key()))
            return failure(it.key(), QStringLiteral("unknown field; known fields are ") +
                                         knownFields.join(QStringLiteral(", ")));
    }

    ParseResult result;
    result.policy = base;
    Policy &policy = result.policy;

    if (json.contains(QLatin1String("default_limit"))) {
        const auto limit = wholeNumber(json.value(QLatin1String("default_limit")), 0, maxLimit);
        if (!limit)
            return failure(QStringLiteral("default_limit"), rangeText(0, maxLimit));
        policy.defaultLimit = int(*limit);
    }
    if (json.contains(QLatin1String("plans"))) {
        if (auto error = readLimitMap(json, QStringLiteral("plans"), policy.planLimits))
            return *error;
    }
    if (json.contains(QLatin1String("user_overrides"))) {
        if (auto error = readLimitMap(json, QStringLiteral("user_overrides"), policy.userOverrides))
            return *error;
    }
    if (json.contains(QLatin1String("lease_ttl_s"))) {
        const auto ttl =
            wholeNumber(json.value(QLatin1String("lease_ttl_s")), 0, maxLeaseTtlSeconds);
        if (!ttl)
            return failure(QStringLiteral("lease_ttl_s"),
                           rangeText(0, maxLeaseTtlSeconds) +
                               QStringLiteral(" (0: never expires)"));
        policy.leaseTtlSeconds = *ttl;
    }
    if (json.contains(QLatin1String("at_limit"))) {
        const QJsonValue value = json.value(QLatin1String("at_limit"));
        const auto behaviour =
            value.isString() ? atLimitBehaviourFromString(value.toString()) : std::nullopt;
        if (!behaviour)
            return failure(QStringLiteral("at_limit"),
                           QStringLiteral("must be \"reject\" or \"evict_oldest\""));
        policy.atLimit = *behaviour;
    }
    return result;
}

} // namespace vs
