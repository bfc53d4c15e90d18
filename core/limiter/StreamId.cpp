#include "StreamId.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace vs {

namespace {

// Asking the OS for 16 bytes per grant costs a system call each time; a per-thread buffer of
// CSPRNG output keeps ids unguessable while paying that cost once per 256 ids.
struct RandomBuffer
{
    std::array<quint32, 1024> words{};
    std::size_t usedBytes = sizeof(words);
};

constexpr char base64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A table rather than comparisons: the characters of a random id defeat branch prediction.
constexpr std::array<std::int8_t, 128> base64UrlValues = [] {
    std::array<std::int8_t, 128> values{};
    values.fill(-1);
    for (int i = 0; i < 64; ++i)
        values[std::size_t(base64UrlAlphabet[i])] = std::int8_t(i);
    return values;
}();

inline int base64UrlValue(char16_t c)
{
    return c < 128 ? base64UrlValues[c] : -1;
}

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
    // Decoded by hand: heartbeats and stops parse an id on every call, and this path must not
    // allocate.
    if (text.size() != textLength)
        return std::nullopt;
    StreamId id;
    quint32 buffer = 0;
    int bits = 0;
    std::size_t out = 0;
    for (QChar c : text) {
        const int value = base64UrlValue(c.unicode());
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 6) | quint32(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            id.m_bytes[out++] = std::uint8_t(buffer >> bits);
        }
    }
    // 22 characters carry 132 bits; the 4 beyond the 128 must be zero, so that one id has
    // exactly one text form.
    if ((buffer & ((1u << bits) - 1)) != 0)
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
    QString text(textLength, Qt::Uninitialized);
    QChar *out = text.data();
    quint32 buffer = 0;
    int bits = 0;
    for (std::uint8_t byte : m_bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            *out++ = QLatin1Char(base64UrlAlphabet[(buffer >> bits) & 0x3f]);
        }
    }
    *out = QLatin1Char(base64UrlAlphabet[(buffer << (6 - bits)) & 0x3f]);
    return text;
}

bool StreamId::isNull() const
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](std::uint8_t b) { return b == 0; });
}

} // namespace vs
