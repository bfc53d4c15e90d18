#pragma once

#include <QtGlobal>

namespace vs::HttpFraming {

// The framing rules of Qt 6.4's request parser that both of our readers of raw requests follow:
// HttpRequestScanner (where a request ends, for the limits) and SimpleHttpRequest (the fast
// path). They must agree byte for byte, so they share these definitions.

// Longer Content-Length values are refused: 18 decimal digits cannot overflow a qint64.
constexpr qsizetype maxContentLengthDigits = 18;

// What Qt 6.4's parser skips before a request line.
constexpr bool isLeadingWhitespace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

} // namespace vs::HttpFraming
