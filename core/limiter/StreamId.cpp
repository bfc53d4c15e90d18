#include "StreamId.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <cerrno>

#if defined(Q_OS_LINUX)
#include <sys/random.h>
#endif

namespace vs {

namespace {

// Asking the OS for 16 bytes per grant costs a system call each time; a per-thread buffer of
// CSPRNG output keeps ids unguessable while paying that cost once per 256 ids.
struct RandomBuffer
{
    std::array<quint32, 1024> words{};
    std::size_t usedBytes = sizeof(words);
};

// Fills `words` from the kernel's CSPRNG. QRandomGenerator::system() asks the CPU's RDRAND first
// when there is one, which on some virtual machines costs 280 us per 4 KiB (about 1 us per id,
// docs/PERFORMANCE.md, session 6) against 10 us for getrandom(2). Elsewhere, or should the call
// fail, Qt's generator does it.
void fillFromSystem(std::array<quint32, 1024> &words)
{
#if defined(Q_OS_LINUX)
    auto *bytes = reinterpret_cast<char *>(words.data());
    std::size_t filled = 0;
    while (filled < sizeof(words)) {
        const ssize_t got = getrandom(bytes + filled, sizeof(words) - filled, 0);
        if (got > 0)
            filled += std::size_t(got);
        else if (got < 0 && errno != EINTR)
            break;
    }
    if (filled == sizeof(words))
        return;
#endif
    QRandomGenerator::system()->fillRange(words.data(), words.size());
}

constexpr char base64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A table rather than comparisons: the characters of a random id defeat branch prediction.
// Indexed by the low byte of a UTF-16 unit; 0xff marks a character outside the alphabet.
constexpr std::array<std::uint8_t, 256> base64UrlValues = [] {
    std::array<std::uint8_t, 256> values{};
    values.fill(0xff);
    for (int i = 0; i < 64; ++i)
        values[std::size_t(base64UrlAlphabet[i])] = std::uint8_t(i);
    return values;
}();

// The value of one character, with bits above the low six set when it is not in the alphabet:
// callers OR the results together and test once, instead of branching per character.
inline quint32 base64UrlValue(char16_t c)
{
    return quint32(base64UrlValues[c & 0xff]) | quint32(c & 0xff00);
}

} // namespace

StreamId StreamId::generate()
{
    thread_local RandomBuffer buffer;
    if (buffer.usedBytes + byteCount > sizeof(buffer.words)) {
        fillFromSystem(buffer.words);
        buffer.usedBytes = 0;
    }
    StreamId id;
    const auto *bytes = reinterpret_cast<const std::uint8_t *>(buffer.words.data());
    std::copy_n(bytes + buffer.usedBytes, byteCount, id.m_bytes.begin());
    buffer.usedBytes += byteCount;
    return id;
}

static_assert(StreamId::textLength == 22 && StreamId::byteCount == 16,
              "fromString and toString work in five groups of four characters and a last pair");

std::optional<StreamId> StreamId::fromString(QStringView text)
{
    // Decoded by hand, four characters (24 bits, three bytes) at a time: heartbeats and stops
    // parse an id on every call, and this path must not allocate or branch per character.
    if (text.size() != textLength)
        return std::nullopt;
    const char16_t *in = text.utf16();
    StreamId id;
    quint32 invalid = 0;
    std::size_t out = 0;
    for (int group = 0; group < 5; ++group, in += 4) {
        const quint32 a = base64UrlValue(in[0]);
        const quint32 b = base64UrlValue(in[1]);
        const quint32 c = base64UrlValue(in[2]);
        const quint32 d = base64UrlValue(in[3]);
        invalid |= a | b | c | d;
        const quint32 bits = (a << 18) | (b << 12) | (c << 6) | d;
        id.m_bytes[out++] = std::uint8_t(bits >> 16);
        id.m_bytes[out++] = std::uint8_t(bits >> 8);
        id.m_bytes[out++] = std::uint8_t(bits);
    }
    // The last two characters carry 12 bits: the 16th byte and 4 bits that must be zero, so
    // that one id has exactly one text form.
    const quint32 a = base64UrlValue(in[0]);
    const quint32 b = base64UrlValue(in[1]);
    invalid |= a | b;
    id.m_bytes[out] = std::uint8_t((a << 2) | (b >> 4));
    if ((invalid & ~0x3fu) != 0 || (b & 0x0f) != 0)
        return std::nullopt;
    return id;
}

StreamId StreamId::fromBytes(const std::array<std::uint8_t, byteCount> &bytes)
{
    StreamId id;
    id.m_bytes = bytes;
    return id;
}

template<typename Char> void StreamId::encode(Char *out) const
{
    // Three bytes (24 bits) to four characters at a time, the mirror of fromString: every grant
    // prints its id.
    const std::uint8_t *in = m_bytes.data();
    for (int group = 0; group < 5; ++group, in += 3, out += 4) {
        const quint32 bits = (quint32(in[0]) << 16) | (quint32(in[1]) << 8) | in[2];
        out[0] = Char(base64UrlAlphabet[bits >> 18]);
        out[1] = Char(base64UrlAlphabet[(bits >> 12) & 0x3f]);
        out[2] = Char(base64UrlAlphabet[(bits >> 6) & 0x3f]);
        out[3] = Char(base64UrlAlphabet[bits & 0x3f]);
    }
    // The 16th byte: its top six bits, then its last two followed by four zero bits.
    out[0] = Char(base64UrlAlphabet[in[0] >> 2]);
    out[1] = Char(base64UrlAlphabet[(in[0] & 0x03) << 4]);
}

QString StreamId::toString() const
{
    QString text(textLength, Qt::Uninitialized);
    encode(reinterpret_cast<char16_t *>(text.data()));
    return text;
}

std::array<char, StreamId::textLength> StreamId::toAscii() const
{
    std::array<char, textLength> text;
    encode(text.data());
    return text;
}

bool StreamId::isNull() const
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](std::uint8_t b) { return b == 0; });
}

} // namespace vs
