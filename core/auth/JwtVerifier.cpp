#include "JwtVerifier.h"

#include "Clock.h"
#include "ConstantTime.h"
#include "IdRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMessageAuthenticationCode>

#include <cmath>
#include <limits>
#include <optional>

namespace vs {

namespace {

bool isBase64UrlCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

// RFC 7515 base64url without padding. Stricter than Qt's decoder on purpose: padding, other
// alphabets and impossible lengths are refused rather than silently tolerated.
std::optional<QByteArray> decodeBase64Url(QByteArrayView segment)
{
    if (segment.isEmpty() || segment.size() % 4 == 1)
        return std::nullopt;
    for (char c : segment) {
        if (!isBase64UrlCharacter(c))
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        segment.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                   QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return std::nullopt;
    return std::move(decoded.decoded);
}

std::optional<QJsonObject> decodeJsonObject(QByteArrayView segment)
{
    const auto bytes = decodeBase64Url(segment);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

JwtVerification malformed(const QString &why)
{
    return JwtVerification::failure(JwtError::Malformed, QStringLiteral("malformed token: ") + why);
}

JwtVerification invalidClaim(const QString &claim, const QString &why)
{
    return JwtVerification::failure(JwtError::InvalidClaim, QStringLiteral("claim \"") + claim +
                                                                QStringLiteral("\" ") + why);
}

// A NumericDate (RFC 7519 §2): seconds since the epoch, a finite JSON number.
std::optional<double> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds))
        return std::nullopt;
    return seconds;
}

bool audienceContains(const QJsonValue &aud, const QString &audience)
{
    if (aud.isString())
        return aud.toString() == audience;
    if (aud.isArray()) {
        const QJsonArray list = aud.toArray();
        for (const QJsonValue &entry : list) {
            if (entry.isString() && entry.toString() == audience)
                return true;
        }
    }
    return false;
}

} // namespace

JwtVerifier::JwtVerifier(Options options, const Clock &clock)
    : m_options(std::move(options))
    , m_clock(clock)
{}

JwtVerification JwtVerifier::verify(QByteArrayView token) const
{
    if (token.size() > m_options.maxTokenBytes)
        return JwtVerification::failure(
            JwtError::TooLarge,
            QStringLiteral("token is longer than %1 bytes").arg(m_options.maxTokenBytes));
    if (token.isEmpty())
        return malformed(QStringLiteral("empty token"));

    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0)
        return malformed(QStringLiteral("a JWT has exactly three dot-separated parts"));
    const QByteArrayView headerSegment = token.first(firstDot);
    const QByteArrayView signingInput = token.first(secondDot);
    const QByteArrayView payloadSegment = signingInput.sliced(firstDot + 1);
    const QByteArrayView signatureSegment = token.sliced(secondDot + 1);

    const auto header = decodeJsonObject(headerSegment);
    if (!header)
        return malformed(QStringLiteral("the header is not base64url-encoded JSON object"));
    const QJsonValue alg = header->value(QLatin1String("alg"));
    if (!alg.isString() || alg.toString() != QLatin1String("HS256"))
        return JwtVerification::failure(JwtError::UnsupportedAlgorithm,
                                        QStringLiteral("only alg HS256 is accepted"));
    if (header->contains(QLatin1String("crit")))
        return JwtVerification::failure(JwtError::UnsupportedHeader,
                                        QStringLiteral("header \"crit\" is not supported"));
    const QJsonValue typ = header->value(QLatin1String("typ"));
    if (!typ.isUndefined() &&
        (!typ.isString() || typ.toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) != 0))
        return JwtVerification::failure(JwtError::UnsupportedHeader,
                                        QStringLiteral("header \"typ\" must be JWT"));

    if (m_options.secret.isEmpty())
        return JwtVerification::failure(JwtError::BadSignature,
                                        QStringLiteral("the server has no signing secret"));
    // Comparing the encoded forms (rather than decoded bytes) also refuses non-canonical
    // base64url spellings of a valid signature, so a token has exactly one valid form.
    const QByteArray expected =
        QMessageAuthenticationCode::hash(signingInput.toByteArray(), m_options.secret,
                                         QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!constantTimeEquals(expected, signatureSegment))
        return JwtVerification::failure(JwtError::BadSignature,
                                        QStringLiteral("signature does not match"));

    const auto claims = decodeJsonObject(payloadSegment);
    if (!claims)
        return malformed(QStringLiteral("the payload is not base64url-encoded JSON object"));

    const double nowSeconds = double(m_clock.nowMs()) / 1000.0;
    const double leeway = double(m_options.leewaySeconds);
    Principal principal;

    const QJsonValue exp = claims->value(QLatin1String("exp"));
    if (exp.isUndefined()) {
        if (m_options.requireExpiry)
            return JwtVerification::failure(JwtError::MissingClaim,
                                            QStringLiteral("claim \"exp\" is required"));
        principal.expiresAtMs = std::numeric_limits<qint64>::max();
    } else {
        const auto expSeconds = numericDate(exp);
        if (!expSeconds)
            return invalidClaim(QStringLiteral("exp"), QStringLiteral("must be a number"));
        if (nowSeconds >= *expSeconds + leeway)
            return JwtVerification::failure(JwtError::Expired, QStringLiteral("token has expired"));
        // Clamped before converting: a double beyond qint64 would be undefined behaviour.
        const double expMs = *expSeconds * 1000.0;
        principal.expiresAtMs =
            expMs >= 9.0e18 ? std::numeric_limits<qint64>::max() : qint64(expMs);
    }

    const QJsonValue nbf = claims->value(QLatin1String("nbf"));
    if (!nbf.isUndefined()) {
        const auto nbfSeconds = numericDate(nbf);
        if (!nbfSeconds)
            return invalidClaim(QStringLiteral("nbf"), QStringLiteral("must be a number"));
        if (nowSeconds + leeway < *nbfSeconds)
            return JwtVerification::failure(JwtError::NotYetValid,
                                            QStringLiteral("token is not valid yet"));
    }

    if (!m_options.issuer.isEmpty()) {
        const QJsonValue iss = claims->value(QLatin1String("iss"));
        if (iss.isUndefined())
            return JwtVerification::failure(JwtError::MissingClaim,
                                            QStringLiteral("claim \"iss\" is required"));
        if (!iss.isString() || iss.toString() != m_options.issuer)
            return invalidClaim(QStringLiteral("iss"), QStringLiteral("names another issuer"));
    }
    if (!m_options.audience.isEmpty()) {
        const QJsonValue aud = claims->value(QLatin1String("aud"));
        if (aud.isUndefined())
            return JwtVerification::failure(JwtError::MissingClaim,
                                            QStringLiteral("claim \"aud\" is required"));
        if (!audienceContains(aud, m_options.audience))
            return invalidClaim(QStringLiteral("aud"),
                                QStringLiteral("does not include this service"));
    }

    const QJsonValue sub = claims->value(QLatin1String("sub"));
    if (sub.isUndefined())
        return JwtVerification::failure(JwtError::MissingClaim,
                                        QStringLiteral("claim \"sub\" (the user id) is required"));
    if (!sub.isString() || !IdRules::isValid(sub.toString()))
        return invalidClaim(QStringLiteral("sub"),
                            QStringLiteral("must be a user id; ") + IdRules::ruleText());
    principal.userId = sub.toString();

    const QJsonValue scope = claims->value(QLatin1String("scope"));
    if (!scope.isUndefined()) {
        if (!scope.isString())
            return invalidClaim(QStringLiteral("scope"),
                                QStringLiteral("must be a space-separated string"));
        const QStringList scopes = scope.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &entry : scopes) {
            if (!principal.scopes.contains(entry))
                principal.scopes.append(entry);
        }
    }

    const QJsonValue plan = claims->value(QLatin1String("plan"));
    if (!plan.isUndefined()) {
        if (!plan.isString() || !IdRules::isValid(plan.toString()))
            return invalidClaim(QStringLiteral("plan"),
                                QStringLiteral("must be a plan name; ") + IdRules::ruleText());
        principal.plan = plan.toString();
    }

    return JwtVerification::success(std::move(principal));
}

} // namespace vs
