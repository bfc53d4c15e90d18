// Policy::fromJson reads PUT /v1/policy bodies and scenario files: any bytes must give a policy
// or a clear error, and an accepted policy must survive its own JSON round trip unchanged.
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include "Policy.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;

    const vs::PolicyParseResult parsed = vs::Policy::fromJson(document.object());
    if (!parsed.ok())
        return 0;
    const vs::Policy &policy = parsed.policy;
    if (policy.defaultLimit < 0 || policy.defaultLimit > vs::Policy::maxLimit ||
        policy.leaseTtlSeconds < 0 || policy.leaseTtlSeconds > vs::Policy::maxLeaseTtlSeconds)
        qFatal("accepted policy out of range");

    const vs::PolicyParseResult again = vs::Policy::fromJson(policy.toJson());
    if (!again.ok())
        qFatal("a policy's own JSON was refused: %s", qPrintable(again.error));
    if (!(again.policy == policy))
        qFatal("policy changed in a JSON round trip");
    // Overlaying the same JSON on itself must be a no-op.
    const vs::PolicyParseResult overlay = vs::Policy::fromJson(document.object(), policy);
    if (!overlay.ok() || !(overlay.policy == policy))
        qFatal("overlaying a policy on itself changed it");
    // "/" can never be a user override key (not a valid id), so a plan's limit must apply.
    for (auto it = policy.planLimits.begin(); it != policy.planLimits.end(); ++it) {
        if (policy.limitFor(QStringLiteral("/"), it.key()) != it.value())
            qFatal("plan limit not applied");
    }
    return 0;
}
