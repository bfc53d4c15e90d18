#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <cstdint>
#include <optional>

namespace vs {

// A stream (lease) id: 128 bits from a CSPRNG, written as 22 characters of unpadded base64url.
// Kept as raw bytes in memory so a lease stays small.
class StreamId
{
public:
    static constexpr int byteCount = 16;
    static constexpr int textLength = 22;

    StreamId() = default;

    // A fresh id from the operating system's CSPRNG (buffered per thread, see StreamId.cpp).
    static StreamId generate();
    // Parses the 22-character text form; nullopt for anything else.
    static std::optional<StreamId> fromString(QStringView text);
    // The same, one character at a time: what fromString runs where it has no SSE2. Public so
    // that the tests hold it to the same rules on every machine.
    static std::optional<StreamId> fromStringPortable(QStringView text);
    static StreamId fromBytes(const std::array<std::uint8_t, byteCount> &bytes);

    QString toString() const;
    // The same characters as bytes, without a heap block: for writers of ASCII output (JSON,
    // headers), which would otherwise convert toString()'s UTF-16 back.
    std::array<char, textLength> toAscii() const;
    const std::array<std::uint8_t, byteCount> &bytes() const { return m_bytes; }
    bool isNull() const;

    friend bool operator==(const StreamId &, const StreamId &) = default;

private:
    template<typename Char> void encode(Char *out) const;

    std::array<std::uint8_t, byteCount> m_bytes{};
};

} // namespace vs
