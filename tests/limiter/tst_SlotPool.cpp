#include <QTest>

#include "ChunkSource.h"
#include "SlotPool.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <vector>

using namespace vs;

class tst_SlotPool : public QObject
{
    Q_OBJECT

private slots:
    void blocksNeverOverlapAndKeepTheirBytes();
    void freedSmallBlocksBecomeRoomForLargeOnes();
    void keepsWorkingPastTheHugePageThreshold();
};

namespace {

struct Block
{
    bool large = false;
    unsigned char fill = 0;
};

std::size_t bytesOf(const Block &block)
{
    return block.large ? SlotPool::largeBytes : SlotPool::smallBytes;
}

} // namespace

// Random allocations and frees of both sizes against a map of what is held: every block is
// 8-byte aligned, none overlaps another, and each keeps the bytes written into it whatever
// happens to the others (a twin freed, a slot merged and handed out again).
void tst_SlotPool::blocksNeverOverlapAndKeepTheirBytes()
{
    ChunkSource source;
    SlotPool pool;
    pool.useSource(source);
    std::map<char *, Block> held;
    std::mt19937 random(7);
    for (int step = 0; step < 40000; ++step) {
        const bool allocate = held.empty() || random() % 100 < 55;
        if (allocate) {
            const bool large = random() % 3 == 0;
            auto *block = static_cast<char *>(large ? pool.allocateLarge() : pool.allocateSmall());
            QCOMPARE(reinterpret_cast<std::uintptr_t>(block) % 8, std::uintptr_t(0));
            const Block entry{large, static_cast<unsigned char>(step)};
            // Neither neighbour in address order may reach into it, nor it into the next.
            const auto next = held.lower_bound(block);
            if (next != held.end())
                QVERIFY(block + bytesOf(entry) <= next->first);
            if (next != held.begin()) {
                const auto previous = std::prev(next);
                QVERIFY(previous->first + bytesOf(previous->second) <= block);
            }
            std::memset(block, entry.fill, bytesOf(entry));
            held.emplace(block, entry);
        } else {
            auto victim = held.begin();
            std::advance(victim, random() % held.size());
            const Block &entry = victim->second;
            for (std::size_t i = 0; i < bytesOf(entry); ++i)
                QCOMPARE(static_cast<unsigned char>(victim->first[i]), entry.fill);
            if (entry.large)
                pool.freeLarge(victim->first);
            else
                pool.freeSmall(victim->first);
            held.erase(victim);
        }
    }
    for (const auto &[block, entry] : held) {
        for (std::size_t i = 0; i < bytesOf(entry); ++i)
            QCOMPARE(static_cast<unsigned char>(block[i]), entry.fill);
    }
}

// What MemoryLeaseStore does as users grow: small blocks freed in twins merge into slots, so
// that a later large block needs no new memory.
void tst_SlotPool::freedSmallBlocksBecomeRoomForLargeOnes()
{
    ChunkSource source;
    SlotPool pool;
    pool.useSource(source);
    constexpr int count = 2000; // about ten pieces' worth of small blocks
    std::vector<void *> small;
    for (int i = 0; i < count; ++i)
        small.push_back(pool.allocateSmall());
    const std::size_t used = source.usedBytes();
    QCOMPARE(used, count / 2 * SlotPool::slotSize);
    // Free them in an order where twins are seldom freed one after the other.
    std::shuffle(small.begin(), small.end(), std::mt19937(3));
    for (void *block : small)
        pool.freeSmall(block);
    // Two small blocks shared a slot, and a large block takes a whole one: no new slot is cut.
    for (int i = 0; i < count / 2; ++i)
        pool.allocateLarge();
    QCOMPARE(source.usedBytes(), used);
    // Every slot is taken again: one more large block needs a new one.
    pool.allocateLarge();
    QCOMPARE(source.usedBytes(), used + SlotPool::slotSize);
}

void tst_SlotPool::keepsWorkingPastTheHugePageThreshold()
{
    // A small store takes pieces for its stripes but crosses no threshold: it maps what it uses.
    ChunkSource source;
    SlotPool pool;
    pool.useSource(source);
    for (int i = 0; i < 100; ++i)
        pool.allocateSmall();
    QCOMPARE(source.mappedBytes(), ChunkSource::chunkSize);
    // Past the threshold the pool keeps working (madvise is a hint; nothing to observe but that).
    const int large = int(ChunkSource::hugePageThreshold / SlotPool::slotSize) + 10;
    for (int i = 0; i < large; ++i)
        QVERIFY(pool.allocateLarge());
    QVERIFY(source.mappedBytes() >= ChunkSource::hugePageThreshold);
}

QTEST_APPLESS_MAIN(tst_SlotPool)
#include "tst_SlotPool.moc"
