#include "JwtVerification.h"

namespace vs {

JwtVerification JwtVerification::success(Principal principal)
{
    JwtVerification result;
    result.principal = std::move(principal);
    return result;
}

JwtVerification JwtVerification::failure(JwtError error, QString detail)
{
    JwtVerification result;
    result.error = error;
    result.detail = std::move(detail);
    return result;
}

QString jwtErrorName(JwtError error)
{
    switch (error) {
    case JwtError::None:
        return QStringLiteral("none");
    case JwtError::TooLarge:
        return QStringLiteral("too_large");
    case JwtError::Malformed:
        return QStringLiteral("malformed");
    case JwtError::UnsupportedAlgorithm:
        return QStringLiteral("unsupported_algorithm");
    case JwtError::UnsupportedHeader:
        return QStringLiteral("unsupported_header");
    case JwtError::BadSignature:
        return QStringLiteral("bad_signature");
    case JwtError::Expired:
        return QStringLiteral("expired");
    case JwtError::NotYetValid:
        return QStringLiteral("not_yet_valid");
    case JwtError::MissingClaim:
        return QStringLiteral("missing_claim");
    case JwtError::InvalidClaim:
        return QStringLiteral("invalid_claim");
    }
    return QStringLiteral("unknown");
}

} // namespace vs
