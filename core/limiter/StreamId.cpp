#include "StreamId.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#if defined(Q_OS_LINUX)
#include <sys/random.h>
#endif

// SSE2 is part of every x86-64 CPU. fromString also moves 64-bit words between vector and
// general registers, which only x86-64 can; elsewhere it is fromStringPortable.
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
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

#if defined(__SSE2__) && defined(__x86_64__)

// 0xff in the bytes that lie in [first, last], 0 elsewhere. Adding 127 - last moves the range to
// the top of the signed bytes and everything outside it below, so one signed compare decides.
inline __m128i bytesInRange(__m128i bytes, char first, char last)
{
    const __m128i moved = _mm_add_epi8(bytes, _mm_set1_epi8(char(127 - last)));
    return _mm_cmpgt_epi8(moved, _mm_set1_epi8(char(126 - (last - first))));
}

// Sixteen characters, one per byte, to their 6-bit values. SSE2 has no byte lookup, so each of
// the alphabet's five ranges gives the offset from its characters to their values. No offset is
// zero, so a zero offset marks a character outside the alphabet: those bytes are 0xff in
// `outside`.
inline __m128i base64UrlValuesOf(__m128i characters, __m128i &outside)
{
    const auto offsetIn = [](__m128i inRange, int offset) {
        return _mm_and_si128(inRange, _mm_set1_epi8(char(offset)));
    };
    const __m128i offsets = _mm_or_si128(
        _mm_or_si128(offsetIn(bytesInRange(characters, 'A', 'Z'), 0 - 'A'),
                     offsetIn(bytesInRange(characters, 'a', 'z'), 26 - 'a')),
        _mm_or_si128(
            _mm_or_si128(offsetIn(bytesInRange(characters, '0', '9'), 52 - '0'),
                         offsetIn(_mm_cmpeq_epi8(characters, _mm_set1_epi8('-')), 62 - '-')),
            offsetIn(_mm_cmpeq_epi8(characters, _mm_set1_epi8('_')), 63 - '_')));
    outside = _mm_cmpeq_epi8(offsets, _mm_setzero_si128());
    return _mm_add_epi8(characters, offsets);
}

// Each two 6-bit values (bytes) to the 12 bits they spell, one per 16-bit lane. The first of the
// two is the low byte of its lane and the high half of the result.
inline __m128i joinValuePairs(__m128i values)
{
    return _mm_or_si128(_mm_srli_epi16(_mm_slli_epi16(values, 8), 2), _mm_srli_epi16(values, 8));
}

// Each two 12-bit pairs to the 24 bits (three bytes) of a group of four characters, one per
// 32-bit lane: the first pair times 4096 plus the second, which is what pmaddwd computes.
inline __m128i joinPairsToGroups(__m128i pairs)
{
    return _mm_madd_epi16(pairs, _mm_set1_epi32((1 << 16) | 4096));
}

// Writes `bits` as eight bytes, most significant first.
inline void storeBigEndian(quint64 bits, std::uint8_t *out)
{
    // qToBigEndian's portable byte swap does not become one instruction once inlined here.
    const quint64 swapped = __builtin_bswap64(bits);
    std::memcpy(out, &swapped, sizeof(swapped));
}

inline __m128i loadUnits(const char16_t *units)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(units));
}

#endif

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
#if defined(__SSE2__) && defined(__x86_64__)
    // Sixteen characters per step instead of one: heartbeats and stops parse an id on every call.
    if (text.size() != textLength)
        return std::nullopt;
    const char16_t *units = text.utf16();
    // Units to bytes with unsigned saturation: a unit above 0xff becomes 0xff and one from
    // 0x8000 up (negative to the signed instruction) becomes 0, and neither is in the alphabet.
    const __m128i firstCharacters = _mm_packus_epi16(loadUnits(units), loadUnits(units + 8));
    // The last eight units (14 to 21) turned to 16 to 21, 14, 15: the fifth group then starts
    // the lane, and every byte still holds a character of the id to check.
    const __m128i lastUnits = _mm_shuffle_epi32(loadUnits(units + 14), _MM_SHUFFLE(0, 3, 2, 1));
    const __m128i lastCharacters = _mm_packus_epi16(lastUnits, lastUnits);

    __m128i firstOutside;
    __m128i lastOutside;
    const __m128i firstPairs = joinValuePairs(base64UrlValuesOf(firstCharacters, firstOutside));
    const __m128i lastPairs = joinValuePairs(base64UrlValuesOf(lastCharacters, lastOutside));
    // Characters 20 and 21: the 16th byte, then four bits that must be zero so that one id has
    // exactly one text form.
    const int finalPair = _mm_extract_epi16(lastPairs, 2);
    if (_mm_movemask_epi8(_mm_or_si128(firstOutside, lastOutside)) != 0 || (finalPair & 0x0f) != 0)
        return std::nullopt;

    // Five groups of three bytes, then the 16th byte, written as two words of eight bytes.
    const __m128i firstGroups = joinPairsToGroups(firstPairs);
    const quint64 groups0And1 = quint64(_mm_cvtsi128_si64(firstGroups));
    const quint64 groups2And3 =
        quint64(_mm_cvtsi128_si64(_mm_unpackhi_epi64(firstGroups, firstGroups)));
    const quint64 group0 = quint32(groups0And1);
    const quint64 group1 = groups0And1 >> 32;
    const quint64 group2 = quint32(groups2And3);
    const quint64 group3 = groups2And3 >> 32;
    const quint64 group4 = quint32(_mm_cvtsi128_si32(joinPairsToGroups(lastPairs)));
    StreamId id;
    storeBigEndian((group0 << 40) | (group1 << 16) | (group2 >> 8), id.m_bytes.data());
    storeBigEndian((group2 << 56) | (group3 << 32) | (group4 << 8) | quint64(finalPair >> 4),
                   id.m_bytes.data() + 8);
    return id;
#else
    return fromStringPortable(text);
#endif
}

std::optional<StreamId> StreamId::fromStringPortable(QStringView text)
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
