#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vs {

// An ASCII id in 40 bytes: up to 39 characters (UUIDs and every id seen in practice) are kept
// inline, longer ones in one heap block. MemoryLeaseStore keeps user and video ids this way:
// std::string holds only 15 characters inline, so each 36-character UUID cost a 48-byte heap block
// and a cache miss to compare. Bytes are copied as given; the store passes validated ids.
class CompactId
{
public:
    static constexpr std::size_t inlineCapacity = 39;

    CompactId() = default;
    explicit CompactId(std::string_view text) { assign(text); }
    CompactId(const CompactId &other);
    CompactId(CompactId &&other) noexcept;
    CompactId &operator=(const CompactId &other);
    CompactId &operator=(CompactId &&other) noexcept;
    ~CompactId() { release(); }

    void assign(std::string_view text);
    std::string_view view() const
    {
        return isInline() ? std::string_view(m_bytes, m_size) : heapView();
    }
    bool empty() const { return m_size == 0; }

    friend bool operator==(const CompactId &a, std::string_view b) { return a.view() == b; }

private:
    static constexpr std::uint8_t onHeap = 0xff;

    bool isInline() const { return m_size != onHeap; }
    std::string_view heapView() const;
    void release();

    // The characters, or (onHeap) a pointer and a length copied in: no pointer member, so the
    // type needs no 8-byte alignment padding and stays 40 bytes.
    char m_bytes[inlineCapacity];
    std::uint8_t m_size = 0; // inline length, or onHeap
};

static_assert(sizeof(CompactId) == 40);

} // namespace vs
