#include "StreamId.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <algorithm>

namespace vs {

namespace {

// Asking the OS for 16 bytes per grant costs a system call each time; a per-thread buffer of
// CSPRNG output keeps ids unguessable while paying that cost once per 256 ids.
struct RandomBuffer
{
    std::array<quint32, 1024> words{};
    std::size_t usedBytes = sizeof(words);
};

} // namespace

StreamId StreamId::generate()
{
    thread_local RandomBuffer buffer;
    if (buffer.usedBytes + byteCount > sizeof(buffer.words)) {
        QRandomGenerator::system()->fillRange(buffer.words.data(), buffer.words.size());
        buffer.usedBytes = 0;
    }
    StreamId id;
    const auto *bytes = reinterpret_cast<const std::uint8_t *>(buffer.words.data());
    std::copy_n(bytes + buffer.usedBytes, byteCount, id.m_bytes.begin());
    buffer.usedBytes += byteCount;
    return id;
}

std::optional<StreamId> StreamId::fromString(QStringView text)
{
    if (text.size() != textLength)
        return std::nullopt;
    QByteArray encoded;
    encoded.reserve(textLength);
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
                             (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!allowed)
            return std::nullopt;
        encoded.append(char(u));
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        encoded, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != byteCount)
        return std::nullopt;
    StreamId id;
    std::copy_n(reinterpret_cast<const std::uint8_t *>(decoded.decoded.constData()), byteCount,
                id.m_bytes.begin());
    // Reject non-canonical spellings (unused low bits set) so one id has exactly one text form.
    if (id.toString() != text)
        return std::nullopt;
    return id;
}

StreamId StreamId::fromBytes(const std::array<std::uint8_t, byteCount> &bytes)
{
    StreamId id;
    id.m_bytes = bytes;
    return id;
}

QString StreamId::toString() const
{
    const QByteArray raw(reinterpret_cast<const char *>(m_bytes.data()), byteCount);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool StreamId::isNull() const
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](std::uint8_t b) { return b == 0; });
}

} // namespace vs
