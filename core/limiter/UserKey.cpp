#include "UserKey.h"

#include "IdRules.h"

#include <functional>

namespace vs {

std::optional<UserKey> UserKey::fromString(const QString &userId, QString *error)
{
    const QString problem = IdRules::check(u"user_id", userId);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    UserKey key;
    key.m_text = userId;
    // Valid ids are ASCII, so narrowing loses nothing.
    key.m_bytes = userId.toLatin1().toStdString();
    key.m_hash = hashOf(key.m_bytes);
    return key;
}

std::size_t UserKey::hashOf(std::string_view bytes)
{
    return std::hash<std::string_view>{}(bytes);
}

} // namespace vs
