#pragma once

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vs {

// Eight UTF-16 code units at a time, for the checks and conversions that every id of every call
// goes through (IdRules, MemoryLeaseStore's narrowing): one step instead of eight iterations of
// a loop. SSE2 is part of every x86-64 CPU; elsewhere `available` is false and the callers run
// their scalar loops.
class AsciiChunk
{
public:
    static constexpr std::size_t size = 8;

#if defined(__SSE2__)
    static constexpr bool available = true;

    explicit AsciiChunk(const char16_t *units)
        : m_units(_mm_loadu_si128(reinterpret_cast<const __m128i *>(units)))
    {}

    // Whether all eight units are in IdRules' set [A-Za-z0-9._~:@+-].
    bool allIdCharacters() const
    {
        // The set as ranges of code units: '+', '-' '.', '0'-'9' ':', '@' 'A'-'Z', '_',
        // 'a'-'z', '~'.
        const __m128i allowed = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(equals(u'+'), inRange(u'-', u'.')),
                         _mm_or_si128(inRange(u'0', u':'), inRange(u'@', u'Z'))),
            _mm_or_si128(_mm_or_si128(equals(u'_'), inRange(u'a', u'z')), equals(u'~')));
        return _mm_movemask_epi8(allowed) == 0xffff;
    }

    // Whether all eight units are ASCII (below 0x80).
    bool isAscii() const
    {
        const __m128i high = _mm_and_si128(m_units, _mm_set1_epi16(short(0xff80)));
        return _mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) == 0xffff;
    }

    // Writes the eight units as eight bytes; only meaningful when isAscii().
    void storeBytes(char *out) const
    {
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out), _mm_packus_epi16(m_units, m_units));
    }

private:
    __m128i equals(char16_t unit) const
    {
        return _mm_cmpeq_epi16(m_units, _mm_set1_epi16(short(unit)));
    }
    // All ones in the lanes where first <= unit <= last. The compares are signed, so units from
    // 0x8000 up read as negative and fall outside every range, as they should.
    __m128i inRange(char16_t first, char16_t last) const
    {
        return _mm_and_si128(_mm_cmpgt_epi16(m_units, _mm_set1_epi16(short(first - 1))),
                             _mm_cmplt_epi16(m_units, _mm_set1_epi16(short(last + 1))));
    }

    __m128i m_units;
#else
    static constexpr bool available = false;

    explicit AsciiChunk(const char16_t *)
    {}
    bool allIdCharacters() const
    {
        return false;
    }
    bool isAscii() const
    {
        return false;
    }
    void storeBytes(char *) const
    {}
#endif
};

} // namespace vs
