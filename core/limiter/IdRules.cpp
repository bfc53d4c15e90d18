#include "IdRules.h"

#include "AsciiChunk.h"

#include <QByteArrayView>

#include <array>

namespace vs {

namespace {

// A table rather than a chain of comparisons: it is checked for every character of every id.
constexpr std::array<bool, 128> allowedAscii = [] {
    std::array<bool, 128> allowed{};
    for (char16_t c = 0; c < 128; ++c) {
        allowed[c] = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') ||
                     (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' || c == u'~' || c == u':' ||
                     c == u'@' || c == u'+' || c == u'-';
    }
    return allowed;
}();

constexpr bool isAllowed(char16_t c)
{
    return c < 128 && allowedAscii[c];
}

} // namespace

bool IdRules::isValid(QStringView id)
{
    const qsizetype size = id.size();
    if (size == 0 || size > maxLength)
        return false;
    const char16_t *units = id.utf16();
    if (AsciiChunk::available && size >= qsizetype(AsciiChunk::size)) {
        // Whole chunks, then the last eight units (overlapping the previous chunk when the size
        // is not a multiple of eight).
        const qsizetype lastChunk = size - qsizetype(AsciiChunk::size);
        for (qsizetype at = 0; at < lastChunk; at += qsizetype(AsciiChunk::size)) {
            if (!AsciiChunk(units + at).allIdCharacters())
                return false;
        }
        return AsciiChunk(units + lastChunk).allIdCharacters();
    }
    // Every id of every call passes here and nearly all are valid: collect the verdict of all
    // characters without a branch per character, and look once at the end.
    unsigned refused = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = units[i];
        refused |= unsigned(unit >> 7) | unsigned(!allowedAscii[unit & 0x7f]);
    }
    return refused == 0;
}

bool IdRules::isValid(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > maxLength)
        return false;
    for (char c : id) {
        if (!isAllowed(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

QString IdRules::check(QStringView field, QStringView id)
{
    if (isValid(id))
        return {};
    if (id.isEmpty())
        return field + QLatin1String(" must not be empty; ") + ruleText();
    if (id.size() > maxLength)
        return field + QLatin1String(" is ") + QString::number(id.size()) +
               QLatin1String(" characters long; ") + ruleText();
    return field + QLatin1String(" contains a character outside the allowed set; ") + ruleText();
}

QString IdRules::ruleText()
{
    return QStringLiteral("ids are 1-128 characters from [A-Za-z0-9._~:@+-]");
}

} // namespace vs
