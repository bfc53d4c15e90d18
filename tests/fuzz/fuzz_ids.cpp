// Ids arrive in URL paths and JSON bodies: IdRules must agree on bytes and text, and StreamId
// must accept exactly the canonical 22-character form, with its SIMD and portable parsers alike.
#include <QString>

#include "IdRules.h"
#include "StreamId.h"

#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);

    const bool bytesValid = vs::IdRules::isValid(bytes);
    const bool textValid = vs::IdRules::isValid(QStringView(text));
    // Valid ids are ASCII, so the byte and decoded forms must agree.
    if (bytesValid != textValid)
        qFatal("IdRules disagree on bytes (%d) and text (%d)", bytesValid, textValid);
    const QString message = vs::IdRules::check(u"user_id", text);
    if (message.isEmpty() != textValid)
        qFatal("IdRules::check disagrees with isValid");
    if (!textValid && !message.startsWith(QLatin1String("user_id")))
        qFatal("IdRules::check message does not name the field");

    // The input read as raw UTF-16 too, so that units above 0xff reach the stream id parsers.
    QString units(qsizetype(size / 2), Qt::Uninitialized);
    std::memcpy(units.data(), data, std::size_t(units.size()) * sizeof(char16_t));

    for (const QString &candidate : {text, QString::fromLatin1(bytes), units}) {
        const std::optional<vs::StreamId> id = vs::StreamId::fromString(candidate);
        // The SIMD parser and its portable twin must give the same verdict and bytes.
        const std::optional<vs::StreamId> portable = vs::StreamId::fromStringPortable(candidate);
        if (id.has_value() != portable.has_value() || (id && !(*id == *portable)))
            qFatal("StreamId::fromString and fromStringPortable disagree");
        if (!id)
            continue;
        if (id->toString() != candidate)
            qFatal("StreamId accepted a non-canonical spelling");
        if (!vs::IdRules::isValid(QStringView(candidate)))
            qFatal("a stream id is not a valid id under IdRules");
    }

    // Any 16 bytes make an id whose text parses back to the same bytes.
    if (size >= vs::StreamId::byteCount) {
        std::array<std::uint8_t, vs::StreamId::byteCount> raw{};
        std::memcpy(raw.data(), data, raw.size());
        const vs::StreamId id = vs::StreamId::fromBytes(raw);
        const auto back = vs::StreamId::fromString(id.toString());
        if (!back || !(*back == id))
            qFatal("StreamId text round trip failed");
    }
    return 0;
}
