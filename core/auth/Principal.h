#pragma once

#include <QString>
#include <QStringList>

namespace vs {

// Who a verified token says the caller is. Built only by JwtVerifier, so holding one means the
// signature and the time window were checked.
struct Principal
{
    static inline const QString adminScope = QStringLiteral("admin");
    static inline const QString metricsScope = QStringLiteral("metrics");

    QString userId;     // the token's `sub`, valid under IdRules
    QStringList scopes; // the token's space-separated `scope`, duplicates removed
    QString plan;       // the token's `plan` claim; empty when the token has none
    qint64 expiresAtMs = 0;

    bool hasScope(const QString &scope) const;
    bool isAdmin() const { return hasScope(adminScope); }
};

} // namespace vs
