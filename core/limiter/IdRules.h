#pragma once

#include <QString>
#include <QStringView>

namespace vs {

// The one rule for user, video and device ids: 1-128 characters from [A-Za-z0-9._~:@+-].
// It admits the original service's ids (UUIDs, short numbers) and nothing that needs escaping in
// a URL path, a log line or a Redis key.
class IdRules
{
public:
    static constexpr int maxLength = 128;

    static bool isValid(QStringView id);
    static bool isValid(QByteArrayView id);

    // Empty when valid; otherwise a message naming the field and the rule, for API clients.
    static QString check(QStringView field, QStringView id);

    static QString ruleText();
};

} // namespace vs
