#include "ChunkSource.h"

#include <sys/mman.h>

#include "SanitizerPoison.h"

#include <cstdint>
#include <new>

namespace vs {

namespace {

// The pools poison the free blocks they cut from a chunk (SlotPool.cpp). The sanitizer keeps that
// state for the addresses, not the mapping: a chunk mapped later at the same address would start
// poisoned.
void forgetPoison(char *chunk)
{
    unpoisonForSanitizer(chunk, ChunkSource::chunkSize);
}

} // namespace

static_assert(ChunkSource::chunkSize % ChunkSource::pieceSize == 0,
              "a chunk is cut into whole pieces, each aligned to its size");

ChunkSource::~ChunkSource()
{
    for (char *chunk : m_chunks) {
        forgetPoison(chunk);
        munmap(chunk, chunkSize);
    }
}

char *ChunkSource::takePiece()
{
    std::lock_guard lock(m_mutex);
    if (m_next == m_end)
        mapChunk();
    char *piece = m_next;
    m_next += pieceSize;
    return piece;
}

void ChunkSource::noteUsed(std::size_t bytes)
{
    const std::size_t before = m_used.fetch_add(bytes, std::memory_order_relaxed);
    if (before >= hugePageThreshold || before + bytes < hugePageThreshold)
        return;
    // This call crossed the threshold: from now on every chunk, the ones mapped before included
    // (the kernel collapses those in the background), is offered huge pages.
    std::lock_guard lock(m_mutex);
    m_huge = true;
    for (char *chunk : m_chunks)
        offerHugePages(chunk);
}

std::size_t ChunkSource::mappedBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_chunks.size() * chunkSize;
}

void ChunkSource::mapChunk()
{
    m_chunks.reserve(m_chunks.size() + 1); // nothing may throw once the chunk is mapped
    // Twice the size, then the unaligned ends cut off: a huge page needs a 2 MiB-aligned range.
    const std::size_t span = 2 * chunkSize;
    void *mapped = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + chunkSize - 1) & ~std::uintptr_t(chunkSize - 1);
    if (aligned > start)
        munmap(mapped, aligned - start);
    if (start + span > aligned + chunkSize)
        munmap(reinterpret_cast<void *>(aligned + chunkSize), start + span - aligned - chunkSize);
    char *chunk = reinterpret_cast<char *>(aligned);
    m_chunks.push_back(chunk);
    if (m_huge)
        offerHugePages(chunk);
    m_next = chunk;
    m_end = chunk + chunkSize;
}

void ChunkSource::offerHugePages(char *chunk) const
{
#if defined(MADV_HUGEPAGE)
    madvise(chunk, chunkSize, MADV_HUGEPAGE); // a hint: without THP it changes nothing
#else
    (void)chunk;
#endif
}

} // namespace vs
