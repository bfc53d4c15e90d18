#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <vector>

namespace vs {

// Pieces of memory for the pools of one store, cut from chunks mapped from the kernel on 2 MiB
// boundaries. Once the pools have put `hugePageThreshold` bytes to use, every chunk is offered
// transparent huge pages (madvise): on hosts where a random read of a big store costs a TLB walk,
// that nearly halves the cost of each cache miss (docs/PERFORMANCE.md, session 6). Below that a
// store stays on 4 KiB pages, so that a small store holds what it touches and no more.
//
// Thread-safe. Memory goes back to the kernel only when the source is destroyed: the pools keep
// what their users free for the next ones.
class ChunkSource
{
public:
    static constexpr std::size_t chunkSize = std::size_t(2) << 20;
    static constexpr std::size_t pieceSize = std::size_t(64) << 10;
    static constexpr std::size_t hugePageThreshold = std::size_t(32) << 20;

    ChunkSource() = default;
    ~ChunkSource();
    ChunkSource(const ChunkSource &) = delete;
    ChunkSource &operator=(const ChunkSource &) = delete;

    // A fresh piece of pieceSize bytes, zero-filled and aligned to pieceSize. Throws
    // std::bad_alloc when the kernel maps nothing.
    char *takePiece();
    // What a pool has put to use (once per block it cuts from a piece): counts towards
    // hugePageThreshold.
    void noteUsed(std::size_t bytes);
    // The sum of what the pools noted: the bytes of their blocks cut so far, free or not.
    std::size_t usedBytes() const { return m_used.load(std::memory_order_relaxed); }
    // Bytes mapped so far (resident once touched).
    std::size_t mappedBytes() const;

private:
    void mapChunk();
    void offerHugePages(char *chunk) const;

    mutable std::mutex m_mutex;
    std::vector<char *> m_chunks;
    char *m_next = nullptr;
    char *m_end = nullptr;
    bool m_huge = false;
    std::atomic<std::size_t> m_used{0};
};

} // namespace vs
