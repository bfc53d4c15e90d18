// Tokens are the first untrusted bytes an authenticated request brings. The first input byte
// picks what the rest is, so the fuzzer also reaches the claim checks behind the signature:
//   0: a raw token;   1: a claims JSON that the harness signs correctly;
//   2: an Authorization header value.
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include "BearerToken.h"
#include "IdRules.h"
#include "JwtSigner.h"
#include "JwtVerifier.h"
#include "ManualClock.h"

#include <cstdint>

namespace {

const QByteArray secret = QByteArrayLiteral("fuzz-secret-fuzz-secret-fuzz-secret-0123");

void checkResult(const vs::JwtVerification &result)
{
    if (result.ok() != result.principal.has_value())
        qFatal("verification result inconsistent");
    if (!result.ok() && result.detail.isEmpty())
        qFatal("refusal without a detail");
    if (result.ok() && !vs::IdRules::isValid(QStringView(result.principal->userId)))
        qFatal("accepted a token whose sub is not a valid user id");
    if (result.ok() && result.detail.contains(QString::fromLatin1(secret)))
        qFatal("secret leaked into a detail");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const vs::ManualClock clock(1'700'000'000'000);
    static const vs::JwtVerifier verifier(
        [] {
            vs::JwtVerifier::Options options;
            options.secret = secret;
            return options;
        }(),
        clock);

    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0:
        checkResult(verifier.verify(input));
        break;
    case 1: {
        const QByteArray signingInput =
            vs::JwtSigner::base64Url(QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})")) + '.' +
            vs::JwtSigner::base64Url(input.toByteArray());
        const QByteArray token = signingInput + '.' +
                                 vs::JwtSigner::base64Url(QMessageAuthenticationCode::hash(
                                     signingInput, secret, QCryptographicHash::Sha256));
        const vs::JwtVerification result = verifier.verify(token);
        checkResult(result);
        // Flipping the last signature character must always turn acceptance into refusal.
        QByteArray tampered = token;
        tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
        if (verifier.verify(tampered).ok())
            qFatal("a tampered signature was accepted");
        break;
    }
    default:
        if (const auto token = vs::BearerToken::fromAuthorizationHeader(input))
            checkResult(verifier.verify(*token));
        break;
    }
    return 0;
}
