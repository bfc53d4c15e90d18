#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace vs {

// Makes compact HS256 tokens. The service itself only verifies; this exists for tests, the fuzz
// seed corpus and operators who want to mint a token with the same code that checks it.
class JwtSigner
{
public:
    static QByteArray sign(const QJsonObject &claims, const QByteArray &secret);
    // Signs any header as given, so tests can build tokens the verifier must refuse.
    static QByteArray sign(const QJsonObject &header, const QJsonObject &claims,
                           const QByteArray &secret);

    static QByteArray base64Url(const QByteArray &bytes);
};

} // namespace vs
