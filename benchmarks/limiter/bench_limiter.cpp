// Core decisions per second and memory per active stream, next to a naive baseline measured in
// the same process. Usage (all optional):
//   bench_limiter [--users 10000,1000000] [--threads 1,2] [--seconds 2] [--runs 3]
//                 [--ids short|uuid] [--memory-streams 1000000] [--no-throughput] [--no-memory]
//                 [--at-limit reject|evict_oldest] [--only naive|limiter|hints|driver]
//                 [--rounds N] [--per-operation] [--prefill stationary|one]
//
// Workload per decision, per thread, users split between threads and picked uniformly:
//   40% watch(user, one of 1000 videos), 45% heartbeat(user, one of the user's known streams),
//   15% stop(user, one of the user's known streams); a heartbeat or stop for a user with no
//   known stream becomes a watch. Limit 3, TTL 90 s, system clock, no observers. The realised
//   mix is printed with the results.
//
// --prefill: what users hold before timing starts.
//   stationary (the default): as many streams as the mix itself leaves them once it has run long
//     enough to forget the start (its stationary distribution, derived below from the mix: about
//     0.1/2.4/19.5/78% of users hold 0/1/2/3 streams), so that every run of a row measures the
//     same state whatever its length and the machine's speed;
//   one: every user holds one stream. The runs then measure the store growing towards that state
//     (at 1M users two seconds are far from enough to get there), each a different mix: the
//     figures of sessions 1-6.
//
// --only runs one implementation (the others' columns print 0): for profiling it alone, e.g.
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*decideRound*'
//       bench_limiter --users 10000 --threads 1 --runs 1 --no-memory --only limiter --rounds 200
// --rounds N makes each thread of a run make exactly N x 256 decisions instead of running for
// --seconds, so that two builds can be compared decision for decision.
// --per-operation adds, per user count, the time of one kind of call at a time on one thread
// (nanoseconds per call, each implementation on a fresh store where every user holds one stream):
//   heartbeat        one heartbeat of the held stream, each user once, in random order;
//   grant            each user, in random order, gets a second stream: the store grows, and its
//                    first touch of that memory is part of the call;
//   grant, kept room the same on a store whose users had a second stream and stopped it, so the
//                    room for a second lease already exists (both implementations keep it).

#include "MemoryLeaseStore.h"
#include "NaiveLimiter.h"
#include "StreamId.h"
#include "StreamLimiter.h"
#include "SystemClock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <malloc.h>
#include <memory>
#include <new>
#include <random>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr int videoCount = 1000;
constexpr int slotsPerUser = 3;
// The dice of one decision (0-99): below watchBelow a watch; otherwise, when the picked slot holds
// a stream, a heartbeat below heartbeatBelow and a stop from there on (and a watch when it holds
// none).
constexpr quint32 watchBelow = 40;
constexpr quint32 heartbeatBelow = 85;

struct Options
{
    std::vector<int> users{10'000, 1'000'000};
    std::vector<int> threads{1, 2};
    double seconds = 2.0;
    int rounds = 0; // > 0: a fixed number of 256-decision rounds per thread instead of seconds
    int runs = 3;
    bool uuidIds = false;
    int memoryStreams = 1'000'000;
    bool throughput = true;
    bool memory = true;
    vs::AtLimitBehaviour atLimit = vs::AtLimitBehaviour::Reject;
    bool perOperation = false;
    bool stationaryPrefill = true;
    QByteArray only; // empty: all implementations
    bool includes(const char *implementation) const
    {
        return only.isEmpty() || only == implementation;
    }
};

// xorshift64*: cheap, and each thread gets its own sequence.
struct Random
{
    quint64 state;
    quint32 next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return quint32((state * 0x2545F4914F6CDD1DULL) >> 32);
    }
    quint32 below(quint32 n) { return quint32((quint64(next()) * n) >> 32); }
};

QString makeId(const char *prefix, quint64 index, bool uuid)
{
    if (!uuid)
        return QString::fromLatin1(prefix) + QString::number(index).rightJustified(7, u'0');
    // A deterministic UUID-shaped id (36 characters), like the original service's ids.
    const quint64 mixed = index * 0x9E3779B97F4A7C15ULL;
    return QStringLiteral("%1-%2-4%3-8%4-%5")
        .arg(quint32(mixed >> 32), 8, 16, QLatin1Char('0'))
        .arg(quint32(mixed >> 16) & 0xffff, 4, 16, QLatin1Char('0'))
        .arg(quint32(mixed) & 0xfff, 3, 16, QLatin1Char('0'))
        .arg(quint32(index >> 7) & 0xfff, 3, 16, QLatin1Char('0'))
        .arg(index, 12, 16, QLatin1Char('0'));
}

struct Ids
{
    std::vector<QString> users;
    std::vector<QString> videos;
};

Ids makeIds(int users, bool uuid)
{
    Ids ids;
    ids.users.reserve(std::size_t(users));
    for (int i = 0; i < users; ++i)
        ids.users.push_back(makeId("u", quint64(i), uuid));
    for (int i = 0; i < videoCount; ++i)
        ids.videos.push_back(makeId("tt", quint64(i) + 1'000'000'000ULL, uuid));
    return ids;
}

// What one implementation must offer the driver.
struct Decisions
{
    virtual ~Decisions() = default;
    virtual QString watch(const QString &user, const QString &video) = 0; // granted id or empty
    virtual void heartbeat(const QString &user, const QString &stream) = 0;
    virtual void stop(const QString &user, const QString &stream) = 0;
    // Cache hints for the users the driver will ask about next; only the limiter takes them.
    virtual void prefetch(QStringView user, vs::LeaseStore::PrefetchStage stage)
    {
        Q_UNUSED(user);
        Q_UNUSED(stage);
    }
};

struct LimiterDecisions final : Decisions
{
    explicit LimiterDecisions(vs::AtLimitBehaviour atLimit)
        : limiter(store, clock, [&] {
            vs::Policy policy;
            policy.atLimit = atLimit;
            return policy;
        }())
    {}
    QString watch(const QString &user, const QString &video) override
    {
        const vs::WatchResult result = limiter.watch({user, video, {}, {}});
        return result.outcome == vs::WatchResult::Outcome::Granted
                   ? result.lease.streamId.toString()
                   : QString();
    }
    void heartbeat(const QString &user, const QString &stream) override
    {
        limiter.heartbeat(user, stream);
    }
    void stop(const QString &user, const QString &stream) override { limiter.stop(user, stream); }
    void prefetch(QStringView user, vs::LeaseStore::PrefetchStage stage) override
    {
        if (hints)
            limiter.prefetch(user, stage);
    }

    bool hints = false;

    vs::SystemClock clock;
    vs::MemoryLeaseStore store;
    vs::StreamLimiter limiter;
};

struct NaiveDecisions final : Decisions
{
    QString watch(const QString &user, const QString &video) override
    {
        NaiveLimiter::Result result = naive.watch(user, video, QDateTime::currentMSecsSinceEpoch());
        return result.outcome == NaiveLimiter::Outcome::Granted ? std::move(result.streamId)
                                                                : QString();
    }
    void heartbeat(const QString &user, const QString &stream) override
    {
        naive.heartbeat(user, stream, QDateTime::currentMSecsSinceEpoch());
    }
    void stop(const QString &user, const QString &stream) override
    {
        naive.stop(user, stream, QDateTime::currentMSecsSinceEpoch());
    }

    NaiveLimiter naive{3, 90'000};
};

// The driver alone: the same user picks, id conversions and bookkeeping, with no decision made.
// Its rate, measured in the same run, tells how much of each implementation's time per decision
// is the driver's, so that the two can also be compared on their own cost.
struct DriverOnlyDecisions final : Decisions
{
    QString watch(const QString &user, const QString &video) override
    {
        sink += user.size() + video.size();
        return grantedId;
    }
    void heartbeat(const QString &user, const QString &stream) override
    {
        sink += user.size() + stream.size();
    }
    void stop(const QString &user, const QString &stream) override
    {
        sink += user.size() + stream.size();
    }

    const QString grantedId = vs::StreamId::generate().toString();
    qsizetype sink = 0;
};

struct Mix
{
    quint64 watches = 0;
    quint64 heartbeats = 0;
    quint64 stops = 0;
    quint64 total() const { return watches + heartbeats + stops; }
};

// The driver's memory: each user's id and the streams it knows the user holds, packed in one
// record so that the driver itself touches about one cache line per decision (a vector of
// QStrings would add misses that the baseline and the limiter pay alike, hiding the difference).
// Each user belongs to one thread.
struct DriverUser
{
    std::array<char16_t, 36> id{}; // UTF-16, so that a hint can view it without a copy
    quint8 idLength = 0;
    quint8 heldMask = 0; // bit i: held[i] is a stream id
    std::array<std::array<char, vs::StreamId::textLength>, slotsPerUser> held{};

    QStringView userView() const { return QStringView(id.data(), idLength); }
    QString userId() const { return userView().toString(); }
    QString stream(quint32 slot) const
    {
        return QString::fromLatin1(held[slot].data(), vs::StreamId::textLength);
    }
    void keep(quint32 slot, const QString &streamId)
    {
        for (int i = 0; i < vs::StreamId::textLength; ++i)
            held[slot][std::size_t(i)] = char(streamId.at(i).unicode());
        heldMask |= quint8(1u << slot);
    }
};
// The driver's records sit in huge pages where the kernel has them (the same for every
// implementation): on 4 KiB pages, the driver's look-ahead prefetch of a random record waited for
// a page walk each time, about 14% of a 1M-user run's samples, which only blurred the difference
// between the implementations (docs/PERFORMANCE.md, session 7).
template<typename T> struct HugePageAllocator
{
    using value_type = T;
    static constexpr std::size_t hugePage = std::size_t(2) << 20;

    HugePageAllocator() = default;
    template<typename U> explicit HugePageAllocator(const HugePageAllocator<U> &) {}

    T *allocate(std::size_t count)
    {
        const std::size_t bytes = (count * sizeof(T) + hugePage - 1) / hugePage * hugePage;
        void *memory = std::aligned_alloc(hugePage, bytes);
        if (!memory)
            throw std::bad_alloc();
        madvise(memory, bytes, MADV_HUGEPAGE); // a hint: without THP it changes nothing
        return static_cast<T *>(memory);
    }
    void deallocate(T *memory, std::size_t) { std::free(memory); }
    friend bool operator==(const HugePageAllocator &, const HugePageAllocator &) = default;
};
using HeldStreams = std::vector<DriverUser, HugePageAllocator<DriverUser>>;

HeldStreams makeDriverUsers(const Ids &ids)
{
    HeldStreams users(ids.users.size());
    for (std::size_t i = 0; i < users.size(); ++i) {
        const QString &id = ids.users[i];
        std::copy_n(id.utf16(), id.size(), users[i].id.begin());
        users[i].idLength = quint8(id.size());
    }
    return users;
}

void decide(Decisions &decisions, const Ids &ids, HeldStreams &held, int user, Random &random,
            Mix &mix)
{
    const quint32 dice = random.below(100);
    DriverUser &driver = held[std::size_t(user)];
    const quint32 slot = random.below(slotsPerUser);
    const QString userId = driver.userId();
    if (dice >= watchBelow && (driver.heldMask & (1u << slot))) {
        if (dice < heartbeatBelow) {
            decisions.heartbeat(userId, driver.stream(slot));
            ++mix.heartbeats;
        } else {
            decisions.stop(userId, driver.stream(slot));
            driver.heldMask &= quint8(~(1u << slot));
            ++mix.stops;
        }
        return;
    }
    const QString granted = decisions.watch(userId, ids.videos[random.below(videoCount)]);
    ++mix.watches;
    if (granted.isEmpty())
        return;
    for (quint32 free = 0; free < slotsPerUser; ++free) {
        if (!(driver.heldMask & (1u << free))) {
            driver.keep(free, granted);
            return;
        }
    }
    driver.keep(slot, granted); // the driver lost track of one (it was evicted): forget it
}

// The users of the next decisions, picked `size` decisions ahead: the driver asks for its own
// record of a user then, and gives an implementation that takes cache hints the stage Slot hint 4
// decisions ahead, Entry 2 ahead and Leases 1 ahead.
struct Lookahead
{
    static constexpr int size = 8;

    Lookahead(const HeldStreams &records, Random &sequence, int thisThread, int threadCount,
              int ownUsers)
        : held(records)
        , random(sequence)
        , thread(thisThread)
        , threads(threadCount)
        , own(ownUsers)
    {
        for (int &user : upcoming)
            user = pick();
    }
    int pick()
    {
        const int user = thread + threads * int(random.below(quint32(own)));
        const char *record = reinterpret_cast<const char *>(&held[std::size_t(user)]);
        __builtin_prefetch(record);
        __builtin_prefetch(record + sizeof(DriverUser) - 1);
        return user;
    }
    QStringView ahead(int decisions) const
    {
        return held[std::size_t(upcoming[std::size_t((head + decisions - 1) % size)])].userView();
    }
    // The user of the next decision; a new one joins the window.
    int next()
    {
        const int user = upcoming[std::size_t(head)];
        upcoming[std::size_t(head)] = pick();
        head = (head + 1) % size;
        return user;
    }

    const HeldStreams &held;
    Random &random;
    const int thread;
    const int threads;
    const int own;
    std::array<int, size> upcoming{};
    int head = 0;
};

// 256 decisions. Not inlined, so that a profiler can collect exactly the timed decisions
// (valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*decideRound*').
[[gnu::noinline]] void decideRound(Decisions &decisions, const Ids &ids, HeldStreams &held,
                                   Lookahead &lookahead, Random &random, Mix &mix)
{
    for (int i = 0; i < 256; ++i) {
        const int user = lookahead.next();
        decisions.prefetch(lookahead.ahead(4), vs::LeaseStore::PrefetchStage::Slot);
        decisions.prefetch(lookahead.ahead(2), vs::LeaseStore::PrefetchStage::Entry);
        decisions.prefetch(lookahead.ahead(1), vs::LeaseStore::PrefetchStage::Leases);
        decide(decisions, ids, held, user, random, mix);
    }
}

struct RunResult
{
    double decisionsPerSecond = 0;    // wall clock, all threads together
    double decisionsPerCpuSecond = 0; // per second of CPU the threads actually got
    Mix mix;
};

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

RunResult timedRun(Decisions &decisions, const Ids &ids, HeldStreams &held, int users, int threads,
                   double seconds, int rounds, quint64 seed)
{
    std::atomic<bool> stop{false};
    std::vector<Mix> mixes(static_cast<std::size_t>(threads));
    std::vector<double> cpuSeconds(static_cast<std::size_t>(threads));
    std::barrier start(threads + 1);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            Random random{seed * 7919 + quint64(t) + 1};
            const int own = (users - t + threads - 1) / threads; // users t, t+T, t+2T, ...
            Mix mix;
            start.arrive_and_wait();
            const double cpuStart = threadCpuSeconds();
            Lookahead lookahead(held, random, t, threads, own);
            for (int round = 0; rounds > 0 ? round < rounds : !stop.load(std::memory_order_relaxed);
                 ++round)
                decideRound(decisions, ids, held, lookahead, random, mix);
            mixes[std::size_t(t)] = mix;
            cpuSeconds[std::size_t(t)] = threadCpuSeconds() - cpuStart;
        });
    }
    start.arrive_and_wait();
    const auto begin = std::chrono::steady_clock::now();
    if (rounds == 0)
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop.store(true);
    for (std::thread &thread : pool)
        thread.join();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    RunResult result;
    for (const Mix &mix : mixes) {
        result.mix.watches += mix.watches;
        result.mix.heartbeats += mix.heartbeats;
        result.mix.stops += mix.stops;
    }
    result.decisionsPerSecond = double(result.mix.total()) / elapsed;
    double cpu = 0;
    for (double threadSeconds : cpuSeconds)
        cpu += threadSeconds;
    result.decisionsPerCpuSecond = double(result.mix.total()) / cpu;
    return result;
}

// The share of users holding 0..slotsPerUser streams before timing starts.
using StreamsPerUser = std::array<double, slotsPerUser + 1>;

// --prefill one, and the stores of --per-operation: every user holds one stream.
constexpr StreamsPerUser oneStreamEach{0, 1, 0, 0};

// The share of users holding 0..slotsPerUser streams once decide() has run long enough to forget
// where it started. For one user, each decision is a birth-death step: with k streams held it
// grants one when it watches (always below watchBelow, and when the picked slot is empty) a video
// the user does not hold yet, and stops one when the dice say stop and the picked slot is held.
// The stationary shares follow from share(k + 1) / share(k) = grant(k) / stop(k + 1).
StreamsPerUser stationaryStreamsPerUser()
{
    StreamsPerUser share{};
    share[0] = 1;
    double total = 1;
    for (int k = 0; k < slotsPerUser; ++k) {
        const double emptySlots = double(slotsPerUser - k) / slotsPerUser;
        const double watch = watchBelow / 100.0 + (1 - watchBelow / 100.0) * emptySlots;
        const double grant = watch * (1 - double(k) / videoCount);
        const double stop = (100 - heartbeatBelow) / 100.0 * double(k + 1) / slotsPerUser;
        share[std::size_t(k + 1)] = share[std::size_t(k)] * grant / stop;
        total += share[std::size_t(k + 1)];
    }
    for (double &value : share)
        value /= total;
    return share;
}

// Every user gets a number of streams drawn from `share` (from a fixed sequence, so that every
// implementation starts from the same users with the same streams). Returns how many users hold
// each count.
std::array<int, slotsPerUser + 1> prefill(Decisions &decisions, const Ids &ids, HeldStreams &held,
                                          const StreamsPerUser &share)
{
    Random random{0x5EED};
    std::array<int, slotsPerUser + 1> users{};
    for (std::size_t user = 0; user < ids.users.size(); ++user) {
        double draw = double(random.next()) / 4294967296.0;
        std::size_t streams = 0;
        while (streams < slotsPerUser && draw >= share[streams])
            draw -= share[streams++];
        ++users[streams];
        for (std::size_t slot = 0; slot < streams; ++slot) {
            // Distinct videos, so that none of these watches is a reuse.
            const std::size_t video = (user + slot * (videoCount / slotsPerUser)) % videoCount;
            const QString granted = decisions.watch(ids.users[user], ids.videos[video]);
            if (!granted.isEmpty())
                held[user].keep(quint32(slot), granted);
        }
    }
    return users;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The rates of one implementation over the runs of a row.
struct Rates
{
    std::vector<double> wall;
    std::vector<double> cpu;
    void add(const RunResult &run)
    {
        wall.push_back(run.decisionsPerSecond);
        cpu.push_back(run.decisionsPerCpuSecond);
    }
};

void throughput(const Options &options)
{
    std::printf(
        "\n## Decisions per second (median of %d runs of %.1f s, ids: %s, at_limit: %s, prefill: "
        "%s)\n\n",
        options.runs, options.seconds, options.uuidIds ? "uuid" : "short",
        qPrintable(vs::toString(options.atLimit)),
        options.stationaryPrefill ? "stationary" : "one");
    std::printf(
        "| users | threads | naive M/s | limiter M/s | ratio | limiter, hints M/s | ratio | "
        "ratio per CPU (hints) | driver alone M/CPU-s | ratio of own cost (hints) | runs "
        "wall naive/limiter/hints M/s | mix w/h/s %% | users holding 0/1/2/3 at start |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
    for (int users : options.users) {
        const Ids ids = makeIds(users, options.uuidIds);
        for (int threads : options.threads) {
            auto naive = std::make_unique<NaiveDecisions>();
            auto limiter = std::make_unique<LimiterDecisions>(options.atLimit);
            DriverOnlyDecisions driverOnly;
            HeldStreams driverHeld = makeDriverUsers(ids);
            HeldStreams naiveHeld = makeDriverUsers(ids);
            HeldStreams limiterHeld = makeDriverUsers(ids);
            const StreamsPerUser share =
                options.stationaryPrefill ? stationaryStreamsPerUser() : oneStreamEach;
            QString heldAtStart = QStringLiteral("-");
            const auto prefillFor = [&](Decisions &decisions, HeldStreams &held) {
                const auto holding = prefill(decisions, ids, held, share);
                heldAtStart = QStringLiteral("%1/%2/%3/%4")
                                  .arg(holding[0])
                                  .arg(holding[1])
                                  .arg(holding[2])
                                  .arg(holding[3]);
            };
            if (options.includes("naive"))
                prefillFor(*naive, naiveHeld);
            if (options.includes("limiter") || options.includes("hints"))
                prefillFor(*limiter, limiterHeld);
            Rates naiveRates;
            Rates limiterRates;
            Rates hintedRates;
            Rates driverRates;
            Mix mix;
            QStringList runs;
            // Alternate them so that machine noise falls on all alike. The hinted runs use the
            // same limiter (and store) as the plain ones, with the hints switched on.
            for (int run = 0; run < options.runs; ++run) {
                const auto seed = quint64(run);
                const auto timed = [&](const char *name, Decisions &decisions, HeldStreams &held) {
                    return options.includes(name) ? timedRun(decisions, ids, held, users, threads,
                                                             options.seconds, options.rounds, seed)
                                                  : RunResult();
                };
                const RunResult n = timed("naive", *naive, naiveHeld);
                limiter->hints = false;
                const RunResult l = timed("limiter", *limiter, limiterHeld);
                limiter->hints = true;
                const RunResult h = timed("hints", *limiter, limiterHeld);
                const RunResult d = timed("driver", driverOnly, driverHeld);
                naiveRates.add(n);
                limiterRates.add(l);
                hintedRates.add(h);
                driverRates.add(d);
                const Mix &realised = l.mix.total() ? l.mix : h.mix.total() ? h.mix : n.mix;
                mix.watches += realised.watches;
                mix.heartbeats += realised.heartbeats;
                mix.stops += realised.stops;
                runs.append(QStringLiteral("%1/%2/%3")
                                .arg(n.decisionsPerSecond / 1e6, 0, 'f', 2)
                                .arg(l.decisionsPerSecond / 1e6, 0, 'f', 2)
                                .arg(h.decisionsPerSecond / 1e6, 0, 'f', 2));
            }
            const double n = median(naiveRates.wall);
            const double l = median(limiterRates.wall);
            const double h = median(hintedRates.wall);
            const double nc = median(naiveRates.cpu);
            const double hc = median(hintedRates.cpu);
            const double dc = median(driverRates.cpu);
            // CPU seconds per decision, less the driver's own: what each implementation costs.
            const double naiveOwn = 1 / nc - 1 / dc;
            const double hintedOwn = 1 / hc - 1 / dc;
            const double total = double(mix.total());
            std::printf("| %d | %d | %.2f | %.2f | %.2fx | %.2f | %.2fx | %.2fx | %.2f | %.2fx | "
                        "%s | %.0f/%.0f/%.0f | %s |\n",
                        users, threads, n / 1e6, l / 1e6, l / n, h / 1e6, h / n, hc / nc, dc / 1e6,
                        naiveOwn / hintedOwn, qPrintable(runs.join(u' ')),
                        100.0 * double(mix.watches) / total, 100.0 * double(mix.heartbeats) / total,
                        100.0 * double(mix.stops) / total, qPrintable(heldAtStart));
            std::fflush(stdout);
        }
    }
}

enum class Operation
{
    Heartbeat,
    Grant,
    GrantIntoKeptRoom
};

// Nanoseconds per call of `operation` for the users in `order`, on a store where each holds one
// stream (prefilled here, with the room for a second one made and left when asked).
double nanosecondsPerCall(Decisions &decisions, const Ids &ids, const std::vector<int> &order,
                          Operation operation)
{
    // Hand the memory of earlier rows' stores back to the system, so that a store growing here
    // touches fresh pages, as a growing store in a long-running process does.
    malloc_trim(0);
    HeldStreams held = makeDriverUsers(ids);
    prefill(decisions, ids, held, oneStreamEach);
    if (operation == Operation::GrantIntoKeptRoom) {
        for (std::size_t user = 0; user < held.size(); ++user) {
            const QString &id = ids.users[user];
            const QString second = decisions.watch(id, ids.videos[(user + 1) % videoCount]);
            if (!second.isEmpty())
                decisions.stop(id, second);
        }
    }
    const auto begin = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < order.size(); ++i) {
        // The driver's record of a user a few calls ahead, as the timed runs do.
        if (i + Lookahead::size < order.size()) {
            const auto *record =
                reinterpret_cast<const char *>(&held[std::size_t(order[i + Lookahead::size])]);
            __builtin_prefetch(record);
            __builtin_prefetch(record + sizeof(DriverUser) - 1);
        }
        const auto user = std::size_t(order[i]);
        const DriverUser &driver = held[user];
        if (operation == Operation::Heartbeat)
            decisions.heartbeat(driver.userId(), driver.stream(0));
        else
            decisions.watch(driver.userId(), ids.videos[(user + 2) % videoCount]);
    }
    const std::chrono::duration<double, std::nano> elapsed =
        std::chrono::steady_clock::now() - begin;
    return elapsed.count() / double(order.size());
}

void perOperation(const Options &options)
{
    std::printf("\n## Nanoseconds per call, one kind at a time (1 thread, ids: %s)\n\n",
                options.uuidIds ? "uuid" : "short");
    std::printf(
        "| users | operation | calls | driver alone ns | naive ns | limiter ns | ratio |\n");
    std::printf("|---:|---|---:|---:|---:|---:|---:|\n");
    const std::pair<Operation, const char *> operations[] = {
        {Operation::Heartbeat, "heartbeat"},
        {Operation::Grant, "grant"},
        {Operation::GrantIntoKeptRoom, "grant, kept room"},
    };
    for (int users : options.users) {
        const Ids ids = makeIds(users, options.uuidIds);
        std::vector<int> order(std::size_t(users), 0);
        for (int user = 0; user < users; ++user)
            order[std::size_t(user)] = user;
        std::shuffle(order.begin(), order.end(), std::mt19937(42));
        order.resize(std::min<std::size_t>(order.size(), 400'000));
        for (const auto &[operation, name] : operations) {
            // A fresh store for each, so that no row inherits another's memory.
            DriverOnlyDecisions driverOnly;
            const double driver = nanosecondsPerCall(driverOnly, ids, order, operation);
            const double naive =
                options.includes("naive")
                    ? nanosecondsPerCall(*std::make_unique<NaiveDecisions>(), ids, order, operation)
                    : 0;
            const double limiter =
                options.includes("limiter")
                    ? nanosecondsPerCall(*std::make_unique<LimiterDecisions>(options.atLimit), ids,
                                         order, operation)
                    : 0;
            std::printf("| %d | %s | %zu | %.0f | %.0f | %.0f | %.2fx |\n", users, name,
                        order.size(), driver, naive, limiter, naive / limiter);
            std::fflush(stdout);
        }
    }
}

qint64 residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    qint64 pages = 0;
    qint64 resident = 0;
    statm >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}

qint64 heapInUse()
{
    const auto info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd); // small chunks + mmapped big blocks
}

void memoryRow(const char *what, const Options &options, int streamsPerUser, bool naive)
{
    const int users = options.memoryStreams / streamsPerUser;
    const Ids ids = makeIds(users, options.uuidIds);
    std::vector<QString> videos;
    for (int i = 0; i < streamsPerUser; ++i)
        videos.push_back(ids.videos[std::size_t(i)]);
    malloc_trim(0);
    const qint64 heapBefore = heapInUse();
    const qint64 rssBefore = residentBytes();
    qint64 streams = 0;
    qint64 heapAfter = 0;
    qint64 rssAfter = 0;
    if (naive) {
        auto decisions = std::make_unique<NaiveDecisions>();
        for (int s = 0; s < streamsPerUser; ++s) {
            for (int u = 0; u < users; ++u)
                streams +=
                    decisions->watch(ids.users[std::size_t(u)], videos[std::size_t(s)]).isEmpty()
                        ? 0
                        : 1;
        }
        heapAfter = heapInUse();
        rssAfter = residentBytes();
    } else {
        auto decisions = std::make_unique<LimiterDecisions>(options.atLimit);
        for (int s = 0; s < streamsPerUser; ++s) {
            for (int u = 0; u < users; ++u)
                streams +=
                    decisions->watch(ids.users[std::size_t(u)], videos[std::size_t(s)]).isEmpty()
                        ? 0
                        : 1;
        }
        heapAfter = heapInUse();
        rssAfter = residentBytes();
        if (decisions->store.storedLeaseCount() != streams)
            std::printf("store holds %lld leases, expected %lld\n",
                        qlonglong(decisions->store.storedLeaseCount()), qlonglong(streams));
    }
    std::printf("| %s | %d x %d | %lld | %.0f | %.0f |\n", what, users, streamsPerUser,
                qlonglong(streams), double(heapAfter - heapBefore) / double(streams),
                double(rssAfter - rssBefore) / double(streams));
    std::fflush(stdout);
}

void memory(const Options &options)
{
    std::printf("\n## Bytes per active stream (ids: %s; heap = mallinfo2 in-use delta, RSS = "
                "resident delta)\n\n",
                options.uuidIds ? "uuid" : "short");
    std::printf("| store | users x streams | streams | heap B/stream | RSS B/stream |\n");
    std::printf("|---|---|---:|---:|---:|\n");
    for (int perUser : {1, 2, 3}) {
        memoryRow("MemoryLeaseStore", options, perUser, false);
        memoryRow("naive baseline", options, perUser, true);
    }
}

std::vector<int> parseList(const char *text)
{
    std::vector<int> values;
    for (const QString &part : QString::fromLatin1(text).split(u',', Qt::SkipEmptyParts))
        values.push_back(part.toInt());
    return values;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : "";
        if (arg == "--users")
            options.users = parseList(value), ++i;
        else if (arg == "--threads")
            options.threads = parseList(value), ++i;
        else if (arg == "--rounds")
            options.rounds = QByteArray(value).toInt(), ++i;
        else if (arg == "--seconds")
            options.seconds = QByteArray(value).toDouble(), ++i;
        else if (arg == "--runs")
            options.runs = std::max(1, QByteArray(value).toInt()), ++i;
        else if (arg == "--ids")
            options.uuidIds = QByteArray(value) == "uuid", ++i;
        else if (arg == "--memory-streams")
            options.memoryStreams = QByteArray(value).toInt(), ++i;
        else if (arg == "--at-limit")
            options.atLimit = QByteArray(value) == "evict_oldest"
                                  ? vs::AtLimitBehaviour::EvictOldest
                                  : vs::AtLimitBehaviour::Reject,
            ++i;
        else if (arg == "--only")
            options.only = value, ++i;
        else if (arg == "--no-throughput")
            options.throughput = false;
        else if (arg == "--no-memory")
            options.memory = false;
        else if (arg == "--per-operation")
            options.perOperation = true;
        else if (arg == "--prefill")
            options.stationaryPrefill = QByteArray(value) != "one", ++i;
        else {
            std::fprintf(stderr,
                         "unknown option %s (see the comment at the top of "
                         "benchmarks/limiter/bench_limiter.cpp)\n",
                         arg.constData());
            return 2;
        }
    }
    if (options.memory)
        memory(options);
    if (options.throughput)
        throughput(options);
    if (options.perOperation)
        perOperation(options);
    return 0;
}
