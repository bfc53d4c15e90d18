#include "SlotPool.h"

#include "ChunkSource.h"
#include "SanitizerPoison.h"

#include <cstdint>

namespace vs {

namespace {

constexpr std::size_t slotsPerPiece = ChunkSource::pieceSize / SlotPool::slotSize;

static_assert(SlotPool::halfSize % 8 == 0 && SlotPool::headerSize % 8 == 0,
              "every block is 8-byte aligned");

// A free block stays poisoned past its list links until it is handed out again.
void poison(char *from, char *to)
{
    poisonForSanitizer(from, std::size_t(to - from));
}

void unpoison(char *from, char *to)
{
    unpoisonForSanitizer(from, std::size_t(to - from));
}

} // namespace

char *SlotPool::twinOf(char *half)
{
    // Pieces are aligned to their size and start with a slot.
    const auto address = reinterpret_cast<std::uintptr_t>(half);
    const std::uintptr_t piece = address & ~std::uintptr_t(ChunkSource::pieceSize - 1);
    const std::uintptr_t slot = piece + (address - piece) / slotSize * slotSize;
    return reinterpret_cast<char *>(address == slot ? slot + halfSize : slot);
}

char *SlotPool::takeSlot()
{
    if (FreeSlot *free = m_freeSlots) {
        m_freeSlots = free->next;
        char *slot = reinterpret_cast<char *>(free);
        unpoison(slot, slot + slotSize);
        return slot;
    }
    if (!m_piece || m_nextSlot == slotsPerPiece) {
        m_piece = m_source->takePiece();
        m_nextSlot = 0;
    }
    m_source->noteUsed(slotSize);
    return m_piece + slotSize * m_nextSlot++;
}

void SlotPool::pushHalf(char *half)
{
    auto *free = reinterpret_cast<FreeHalf *>(half);
    free->state = State::FreeHalf;
    free->previous = nullptr;
    free->next = m_freeHalves;
    if (m_freeHalves)
        m_freeHalves->previous = free;
    m_freeHalves = free;
    poison(half + sizeof(FreeHalf), half + halfSize);
}

void SlotPool::unlinkHalf(FreeHalf *half)
{
    if (half->previous)
        half->previous->next = half->next;
    else
        m_freeHalves = half->next;
    if (half->next)
        half->next->previous = half->previous;
}

void SlotPool::pushSlot(char *slot)
{
    unpoison(slot, slot + slotSize);
    auto *free = reinterpret_cast<FreeSlot *>(slot);
    free->state = State::Whole; // a free slot is read by nobody: its twin check never happens
    free->next = m_freeSlots;
    m_freeSlots = free;
    poison(slot + sizeof(FreeSlot), slot + slotSize);
}

void *SlotPool::allocateSmall()
{
    char *half;
    if (FreeHalf *free = m_freeHalves) {
        unlinkHalf(free);
        half = reinterpret_cast<char *>(free);
        unpoison(half, half + halfSize);
    } else {
        half = takeSlot();
        pushHalf(half + halfSize); // its twin waits for the next small block
    }
    stateOf(half) = State::UsedHalf;
    return half + headerSize;
}

void *SlotPool::allocateLarge()
{
    char *slot = takeSlot();
    stateOf(slot) = State::Whole;
    return slot + headerSize;
}

void SlotPool::freeSmall(void *block)
{
    char *half = static_cast<char *>(block) - headerSize;
    char *twin = twinOf(half);
    if (stateOf(twin) == State::FreeHalf) {
        unlinkHalf(reinterpret_cast<FreeHalf *>(twin));
        pushSlot(half < twin ? half : twin);
        return;
    }
    pushHalf(half);
}

void SlotPool::freeLarge(void *block)
{
    pushSlot(static_cast<char *>(block) - headerSize);
}

} // namespace vs
