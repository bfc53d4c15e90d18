#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace vs {

// Reads the credentials of an `Authorization: Bearer <token>` header (RFC 6750 §2.1).
class BearerToken
{
public:
    // nullopt when the header is absent or uses another scheme (Basic, ...): the caller sent no
    // bearer token at all. Otherwise the token text, possibly empty when only "Bearer" was sent.
    static std::optional<QByteArray> fromAuthorizationHeader(QByteArrayView headerValue);
};

} // namespace vs
