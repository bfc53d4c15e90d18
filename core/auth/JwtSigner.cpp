#include "JwtSigner.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace vs {

QByteArray JwtSigner::sign(const QJsonObject &claims, const QByteArray &secret)
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    return sign(header, claims, secret);
}

QByteArray JwtSigner::sign(const QJsonObject &header, const QJsonObject &claims,
                           const QByteArray &secret)
{
    const QByteArray signingInput =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature =
        QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
    return signingInput + '.' + base64Url(signature);
}

QByteArray JwtSigner::base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace vs
