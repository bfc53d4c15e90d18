#pragma once

#include "Principal.h"

#include <QString>

#include <optional>

namespace vs {

// Why a token was refused. Every value maps to 401 over HTTP; the distinction is for logs,
// tests and the `error_description` a client sees.
enum class JwtError
{
    None,
    TooLarge,             // longer than JwtVerifier::Options::maxTokenBytes
    Malformed,            // not three base64url segments of JSON objects
    UnsupportedAlgorithm, // header `alg` is not exactly "HS256" (including "none")
    UnsupportedHeader,    // a `crit` header or a `typ` other than JWT
    BadSignature,
    Expired,
    NotYetValid,
    MissingClaim,
    InvalidClaim,
};

struct JwtVerification
{
    std::optional<Principal> principal; // set exactly when error == JwtError::None
    JwtError error = JwtError::None;
    QString detail; // for the client; never contains the token or the secret

    bool ok() const { return error == JwtError::None; }

    static JwtVerification success(Principal principal);
    static JwtVerification failure(JwtError error, QString detail);
};

// A stable lowercase name for logs and metrics, e.g. "expired".
QString jwtErrorName(JwtError error);

} // namespace vs
