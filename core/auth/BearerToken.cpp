#include "BearerToken.h"

namespace vs {

std::optional<QByteArray> BearerToken::fromAuthorizationHeader(QByteArrayView headerValue)
{
    const QByteArrayView value = headerValue.trimmed();
    constexpr QByteArrayView scheme = "bearer";
    if (value.size() < scheme.size())
        return std::nullopt;
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    if (value.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    if (value.size() == scheme.size())
        return QByteArray();
    const char separator = value.at(scheme.size());
    if (separator != ' ' && separator != '\t')
        return std::nullopt; // e.g. "BearerXYZ": some other scheme name
    return value.sliced(scheme.size()).trimmed().toByteArray();
}

} // namespace vs
