#pragma once

#include "JwtVerification.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace vs {

class Clock;

// Verifies compact HS256 JSON Web Tokens (RFC 7519) and turns them into a Principal.
//
// Deliberately narrow: the only algorithm is HS256 with the one configured secret, so the
// classic confusions (alg "none", RS256 with the HMAC secret as a public key) cannot happen.
// Checked, in this order: size, shape, header (alg, typ, crit), signature (constant time),
// then the claims exp, nbf (with leeway), iss and aud (when configured), sub, scope, plan.
// The claims are not even parsed before the signature matches.
class JwtVerifier
{
public:
    struct Options
    {
        QByteArray secret;
        qint64 leewaySeconds = 30;      // tolerated clock skew for exp and nbf
        qsizetype maxTokenBytes = 8192; // far above any real token, far below a memory problem
        bool requireExpiry = true;      // a token without exp would be valid forever
        QString issuer;                 // when set, `iss` must equal it
        QString audience;               // when set, `aud` (string or array) must contain it
    };

    JwtVerifier(Options options, const Clock &clock);

    JwtVerification verify(QByteArrayView token) const;

    const Options &options() const { return m_options; }

private:
    Options m_options;
    const Clock &m_clock;
};

} // namespace vs
