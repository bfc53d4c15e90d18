// How this machine answers random memory reads: the yardstick for bench_limiter's 1M-user
// figures, which wait for memory more than they compute. Usage (all optional):
//   bench_memory_latency [--mib 512] [--reads 1000000]
//
// For 4 KiB pages and for 2 MiB pages (transparent huge pages asked for with madvise) it prints:
//   - dependent read: each address comes from the previous read (a pointer chase), so nothing
//     overlaps; what one cache and TLB miss costs;
//   - serialised step with a prefetch D steps ahead: each step waits for its own read before the
//     next starts (as one limiter call waits for its user's record before the next call), and
//     asks for the read of step i+D first. D = 0 asks for nothing. What D > 0 saves is what
//     cache hints can save on this machine.
// The host matters: on a shared VM, a dependent read took 250-460 ns depending on the load.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <sys/mman.h>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

constexpr std::size_t lineBytes = 64;
constexpr std::size_t hugePageBytes = std::size_t(2) << 20;

// Waits until every earlier load has completed, so that steps cannot overlap.
inline void waitForLoads()
{
#if defined(__SSE2__)
    _mm_lfence();
#else
    std::atomic_signal_fence(std::memory_order_seq_cst);
#endif
}

// A region of `bytes`, 2 MiB aligned, with transparent huge pages asked for or refused.
class Region
{
public:
    Region(std::size_t bytes, bool hugePages)
        : m_bytes(bytes)
    {
        m_mapping = mmap(nullptr, bytes + hugePageBytes, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m_mapping == MAP_FAILED) {
            std::perror("mmap");
            std::exit(1);
        }
        const auto address = reinterpret_cast<std::uintptr_t>(m_mapping);
        m_data = reinterpret_cast<std::uint64_t *>((address + hugePageBytes - 1) / hugePageBytes *
                                                   hugePageBytes);
        madvise(m_data, bytes, hugePages ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    }
    ~Region() { munmap(m_mapping, m_bytes + hugePageBytes); }
    Region(const Region &) = delete;
    Region &operator=(const Region &) = delete;

    std::uint64_t *data() const { return m_data; }

private:
    std::size_t m_bytes;
    void *m_mapping = nullptr;
    std::uint64_t *m_data = nullptr;
};

long long anonHugePagesKib()
{
    std::ifstream smaps("/proc/self/smaps_rollup");
    std::string key;
    long long value = 0;
    while (smaps >> key) {
        if (key == "AnonHugePages:" && smaps >> value)
            return value;
    }
    return -1;
}

double nanosecondsSince(std::chrono::steady_clock::time_point begin, std::size_t steps)
{
    const std::chrono::duration<double, std::nano> elapsed =
        std::chrono::steady_clock::now() - begin;
    return elapsed.count() / double(steps);
}

void measure(std::size_t bytes, std::size_t reads, bool hugePages)
{
    const std::size_t lines = bytes / lineBytes;
    const std::size_t wordsPerLine = lineBytes / sizeof(std::uint64_t);
    Region region(bytes, hugePages);
    std::uint64_t *words = region.data();

    // One cycle through every line in random order: words[line] holds the next line.
    std::vector<std::uint32_t> order(lines);
    std::iota(order.begin(), order.end(), 0u);
    std::mt19937_64 random(42);
    std::shuffle(order.begin(), order.end(), random);
    for (std::size_t i = 0; i < lines; ++i)
        words[order[i] * wordsPerLine] = order[(i + 1) % lines];

    const char *pages = hugePages ? "2 MiB" : "4 KiB";
    std::printf("| %s | huge pages in use: %lld KiB | | |\n", pages, anonHugePagesKib());

    std::uint64_t line = order[0];
    auto begin = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < reads; ++i)
        line = words[line * wordsPerLine];
    std::printf("| %s | dependent read | %.1f | (%llu) |\n", pages, nanosecondsSince(begin, reads),
                static_cast<unsigned long long>(line));

    std::vector<std::uint32_t> targets(reads + 64);
    for (std::uint32_t &target : targets)
        target = std::uint32_t(random() % lines);
    for (std::size_t distance : {0, 1, 2, 4, 8, 16}) {
        std::uint64_t sum = 0;
        begin = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < reads; ++i) {
            if (distance > 0)
                __builtin_prefetch(&words[targets[i + distance] * wordsPerLine]);
            sum += words[targets[i] * wordsPerLine];
            waitForLoads();
        }
        std::printf("| %s | serialised step, prefetch %zu ahead | %.1f | (%llu) |\n", pages,
                    distance, nanosecondsSince(begin, reads), static_cast<unsigned long long>(sum));
    }
}

} // namespace

int main(int argc, char **argv)
{
    std::size_t mib = 512;
    std::size_t reads = 1'000'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--mib") == 0)
            mib = std::strtoull(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--reads") == 0)
            reads = std::strtoull(argv[i + 1], nullptr, 10);
        else {
            std::fprintf(stderr, "unknown option %s (see the top of bench_memory_latency.cpp)\n",
                         argv[i]);
            return 2;
        }
    }
    std::printf("## Random reads over %zu MiB, %zu per row (ns per read or step)\n\n", mib, reads);
    std::printf("| pages | access | ns | |\n|---|---|---:|---|\n");
    measure(mib << 20, reads, false);
    measure(mib << 20, reads, true);
    return 0;
}
