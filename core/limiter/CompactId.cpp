#include "CompactId.h"

#include <cstring>
#include <utility>

namespace vs {

CompactId::CompactId(const CompactId &other)
{
    assign(other.view());
}

CompactId::CompactId(CompactId &&other) noexcept
{
    std::memcpy(static_cast<void *>(this), &other, sizeof(CompactId));
    other.m_size = 0; // the heap block, if any, now belongs to this
}

CompactId &CompactId::operator=(const CompactId &other)
{
    if (this != &other)
        assign(other.view());
    return *this;
}

CompactId &CompactId::operator=(CompactId &&other) noexcept
{
    if (this != &other) {
        release();
        std::memcpy(static_cast<void *>(this), &other, sizeof(CompactId));
        other.m_size = 0;
    }
    return *this;
}

void CompactId::assign(std::string_view text)
{
    if (text == view())
        return;
    release();
    if (text.size() <= inlineCapacity) {
        std::memcpy(m_bytes, text.data(), text.size());
        m_size = std::uint8_t(text.size());
        return;
    }
    char *heap = new char[text.size()];
    std::memcpy(heap, text.data(), text.size());
    const std::size_t size = text.size();
    std::memcpy(m_bytes, &heap, sizeof heap);
    std::memcpy(m_bytes + sizeof heap, &size, sizeof size);
    m_size = onHeap;
}

std::string_view CompactId::heapView() const
{
    const char *heap = nullptr;
    std::size_t size = 0;
    std::memcpy(&heap, m_bytes, sizeof heap);
    std::memcpy(&size, m_bytes + sizeof heap, sizeof size);
    return std::string_view(heap, size);
}

void CompactId::release()
{
    if (!isInline())
        delete[] heapView().data();
    m_size = 0;
}

} // namespace vs
