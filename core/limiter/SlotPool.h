#pragma once

#include <cstddef>
#include <cstdint>

namespace vs {

class ChunkSource;

// Memory for the user records of one stripe of MemoryLeaseStore, under the stripe's lock (so it
// takes no lock of its own). Blocks come in two sizes cut from one kind of slot: a slot holds one
// large block (a user with up to three leases) or two small ones (users with one lease). A small
// block freed while its twin is free too makes the whole slot free again, so the small blocks
// that growing users leave behind become room for the next large one: a pool whose free lists
// never merge broke the memory budget (docs/PERFORMANCE.md, session 6).
//
// Against malloc: no lock, and a stripe's records share the store's chunks, which a big store has
// in huge pages (see ChunkSource). Each block carries an 8-byte header (its state, for its twin).
class SlotPool
{
public:
    static constexpr std::size_t slotSize = 240;
    static constexpr std::size_t halfSize = slotSize / 2;
    static constexpr std::size_t headerSize = 8;
    static constexpr std::size_t smallBytes = halfSize - headerSize; // 112
    static constexpr std::size_t largeBytes = slotSize - headerSize; // 232

    SlotPool() = default;
    SlotPool(const SlotPool &) = delete;
    SlotPool &operator=(const SlotPool &) = delete;

    // Where pieces come from; set once, before the first allocation.
    void useSource(ChunkSource &source) { m_source = &source; }

    // 8-byte aligned blocks of smallBytes and largeBytes. Throw std::bad_alloc like operator new.
    void *allocateSmall();
    void *allocateLarge();
    void freeSmall(void *block);
    void freeLarge(void *block);

private:
    enum class State : std::uint64_t
    {
        FreeHalf = 0x5653'6672'6565'6831, // arbitrary, unlikely patterns
        UsedHalf = 0x5653'7573'6564'6831,
        Whole = 0x5653'7768'6f6c'6531,
    };
    // At the start of a free half: the free halves form a doubly linked list, so that a half
    // whose twin is freed can leave it at once.
    struct FreeHalf
    {
        State state;
        FreeHalf *previous;
        FreeHalf *next;
    };
    // At the start of a free slot.
    struct FreeSlot
    {
        State state;
        FreeSlot *next;
    };

    char *takeSlot();
    void pushHalf(char *half);
    void unlinkHalf(FreeHalf *half);
    void pushSlot(char *slot);
    // The other half of the slot that `half` belongs to.
    static char *twinOf(char *half);
    static State &stateOf(char *block) { return *reinterpret_cast<State *>(block); }

    ChunkSource *m_source = nullptr;
    FreeHalf *m_freeHalves = nullptr;
    FreeSlot *m_freeSlots = nullptr;
    char *m_piece = nullptr;
    std::size_t m_nextSlot = 0; // in m_piece
};

} // namespace vs
