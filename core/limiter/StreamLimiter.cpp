#include "StreamLimiter.h"

#include "IdRules.h"

#include <algorithm>

namespace vs {

namespace {

// Every call passes here with ids that are nearly always valid: the verdict comes first, and
// the message (field name, rule text) is only built for a refused id.
template<typename Result> std::optional<Result> invalidUser(const QString &userId)
{
    if (IdRules::isValid(userId))
        return std::nullopt;
    const QString error = IdRules::check(u"user_id", userId);
    Result result;
    result.outcome = Result::Outcome::InvalidRequest;
    result.failure = Failure{error, QStringLiteral("user_id")};
    return result;
}

// The fields of a watch after the user id, in the order they are reported.
std::optional<WatchResult> invalidWatchFields(const QString &videoId, const QString &deviceId,
                                              const QString &plan)
{
    // Device and plan are optional, but when given they follow the same rule.
    const struct
    {
        const char16_t *name;
        const QString *value;
        bool optional;
    } fields[] = {
        {u"video_id", &videoId, false},
        {u"device_id", &deviceId, true},
        {u"plan", &plan, true},
    };
    for (const auto &field : fields) {
        if ((field.optional && field.value->isEmpty()) || IdRules::isValid(*field.value))
            continue;
        WatchResult result;
        result.outcome = WatchResult::Outcome::InvalidRequest;
        result.failure = Failure{IdRules::check(QStringView(field.name), *field.value),
                                 QString::fromUtf16(field.name)};
        return result;
    }
    return std::nullopt;
}

std::atomic<quint64> nextStateVersion{1};

// Loading a std::atomic<std::shared_ptr> takes an internal lock and bumps a reference count, both
// on cache lines every thread writes: on the hot path that costs more than the decision. Each
// thread instead keeps the snapshot it used last and only reloads it when the limiter's version
// number (read-mostly, so it stays in every core's cache) says a newer one was published.
struct StateCache
{
    quint64 version = 0;
    std::shared_ptr<const void> state;
    int depth = 0; // calls in progress on this thread (an observer may call back in)
};
thread_local StateCache stateCache;

} // namespace

// The snapshot for one synchronous call. While any call on this thread uses the cached
// snapshot, a nested call (from an observer) never replaces it: it holds its own reference
// instead, so the outer call's snapshot stays alive.
class StreamLimiter::CurrentState
{
public:
    explicit CurrentState(const StreamLimiter &limiter)
    {
        StateCache &cache = stateCache;
        const quint64 version = limiter.m_version.load(std::memory_order_acquire);
        if (cache.version != version || !cache.state) {
            if (cache.depth > 0) {
                m_held = limiter.state();
                m_state = m_held.get();
                return;
            }
            std::shared_ptr<const State> latest = limiter.state();
            cache.version = latest->version;
            cache.state = std::move(latest);
        }
        m_state = static_cast<const State *>(cache.state.get());
        m_cached = true;
        ++cache.depth;
    }
    ~CurrentState()
    {
        if (m_cached)
            --stateCache.depth;
    }
    CurrentState(const CurrentState &) = delete;
    CurrentState &operator=(const CurrentState &) = delete;

    const State &operator*() const { return *m_state; }
    const State *operator->() const { return m_state; }

private:
    const State *m_state = nullptr;
    std::shared_ptr<const State> m_held;
    bool m_cached = false;
};

StreamLimiter::StreamLimiter(LeaseStore &store, const Clock &clock, const Policy &policy)
    : m_store(store)
    , m_clock(clock)
{
    const quint64 version = nextStateVersion.fetch_add(1, std::memory_order_relaxed);
    m_state.store(std::make_shared<const State>(State{policy, {}, version}));
    m_version.store(version, std::memory_order_release);
}

StreamLimiter::~StreamLimiter() = default;

std::shared_ptr<const StreamLimiter::State> StreamLimiter::state() const
{
    return m_state.load(std::memory_order_acquire);
}

void StreamLimiter::updateState(const std::function<void(State &)> &change)
{
    QMutexLocker locker(&m_stateWriteMutex);
    auto next = std::make_shared<State>(*state());
    change(*next);
    next->version = nextStateVersion.fetch_add(1, std::memory_order_relaxed);
    const quint64 version = next->version;
    m_state.store(std::move(next), std::memory_order_release);
    // Published after the snapshot: a reader that sees this version finds that snapshot or a
    // newer one.
    m_version.store(version, std::memory_order_release);
}

Policy StreamLimiter::policy() const
{
    return state()->policy;
}

void StreamLimiter::setPolicy(const Policy &policy)
{
    updateState([&](State &state) { state.policy = policy; });
}

void StreamLimiter::addObserver(LimiterObserver *observer)
{
    updateState([&](State &state) { state.observers.push_back(observer); });
}

void StreamLimiter::removeObserver(LimiterObserver *observer)
{
    updateState([&](State &state) { std::erase(state.observers, observer); });
}

void StreamLimiter::emitEvent(const State &state, LimiterEvent::Type type, const Lease &lease,
                              qint64 atMs, int limit)
{
    if (state.observers.empty())
        return;
    const LimiterEvent event{type, lease, atMs, limit};
    for (LimiterObserver *observer : state.observers)
        observer->onLimiterEvent(event);
}

void StreamLimiter::reportExpired(const QList<Lease> &expired, const State &state)
{
    if (expired.isEmpty() || state.observers.empty())
        return;
    // An expiry happens at the lease's expiry instant, whenever it is discovered; a batch (a
    // sweep, or a user whose leases ran out together) is reported in the order they happened,
    // not in the order the store keeps them.
    const auto byExpiry = [](const Lease &a, const Lease &b) {
        return a.expiresAtMs < b.expiresAtMs;
    };
    if (std::is_sorted(expired.begin(), expired.end(), byExpiry)) {
        for (const Lease &lease : expired)
            emitEvent(state, LimiterEvent::Type::Expired, lease, lease.expiresAtMs, 0);
        return;
    }
    QList<Lease> ordered = expired;
    std::stable_sort(ordered.begin(), ordered.end(), byExpiry);
    for (const Lease &lease : std::as_const(ordered))
        emitEvent(state, LimiterEvent::Type::Expired, lease, lease.expiresAtMs, 0);
}

std::optional<WatchResult> StreamLimiter::validate(const WatchRequest &request) const
{
    if (auto invalid = invalidUser<WatchResult>(request.userId))
        return invalid;
    return invalidWatchFields(request.videoId, request.deviceId, request.plan);
}

void StreamLimiter::finishWatch(WatchResult &result, const QString &userId, const QString &videoId,
                                const QString &deviceId, int limit, qint64 nowMs,
                                const State &state)
{
    result.limit = limit;
    reportExpired(result.expired, state);
    switch (result.outcome) {
    case WatchResult::Outcome::Granted:
        for (const Lease &lease : std::as_const(result.evicted))
            emitEvent(state, LimiterEvent::Type::Evicted, lease, nowMs, limit);
        emitEvent(state, LimiterEvent::Type::Granted, result.lease, nowMs, limit);
        break;
    case WatchResult::Outcome::Reused:
        emitEvent(state, LimiterEvent::Type::Reused, result.lease, nowMs, limit);
        break;
    case WatchResult::Outcome::Rejected: {
        if (state.observers.empty())
            break; // at the limit this is most watches: skip building an event nobody reads
        Lease attempted;
        attempted.userId = userId;
        attempted.videoId = videoId;
        attempted.deviceId = deviceId;
        attempted.startedAtMs = nowMs;
        emitEvent(state, LimiterEvent::Type::Rejected, attempted, nowMs, limit);
        break;
    }
    case WatchResult::Outcome::InvalidRequest:
    case WatchResult::Outcome::StoreUnavailable:
        break;
    }
}

WatchResult StreamLimiter::watch(const WatchRequest &request)
{
    startFetching(request.userId);
    if (auto invalid = validate(request))
        return *invalid;
    const CurrentState current(*this);
    const Policy &policy = current->policy;
    const int limit = policy.limitFor(request.userId, request.plan);
    const qint64 nowMs = m_clock.nowMs();
    WatchResult result =
        m_store.acquire(AcquireRequest{request.userId, request.videoId, request.deviceId, limit,
                                       policy.leaseTtlMs(), policy.atLimit, nowMs});
    finishWatch(result, request.userId, request.videoId, request.deviceId, limit, nowMs, *current);
    return result;
}

WatchResult StreamLimiter::watch(const UserKey &user, const QString &videoId,
                                 const QString &deviceId, const QString &plan)
{
    startFetching(user);
    if (user.isNull())
        return *invalidUser<WatchResult>(QString());
    if (auto invalid = invalidWatchFields(videoId, deviceId, plan))
        return *invalid;
    const CurrentState current(*this);
    const Policy &policy = current->policy;
    const int limit = policy.limitFor(user.text(), plan);
    const qint64 nowMs = m_clock.nowMs();
    // userId stays empty: the key names the user (no reference count touched for it here).
    WatchResult result =
        m_store.acquireByKey(user, AcquireRequest{QString(), videoId, deviceId, limit,
                                                  policy.leaseTtlMs(), policy.atLimit, nowMs});
    finishWatch(result, user.text(), videoId, deviceId, limit, nowMs, *current);
    return result;
}

void StreamLimiter::watchAsync(const WatchRequest &request,
                               std::function<void(const WatchResult &)> done)
{
    if (auto invalid = validate(request)) {
        done(*invalid);
        return;
    }
    auto current = state();
    const Policy &policy = current->policy;
    const int limit = policy.limitFor(request.userId, request.plan);
    const qint64 nowMs = m_clock.nowMs();
    m_store.acquireAsync(
        AcquireRequest{request.userId, request.videoId, request.deviceId, limit,
                       policy.leaseTtlMs(), policy.atLimit, nowMs},
        [this, request, limit, nowMs, current, done = std::move(done)](WatchResult result) {
            finishWatch(result, request.userId, request.videoId, request.deviceId, limit, nowMs,
                        *current);
            done(result);
        });
}

void StreamLimiter::finishHeartbeat(const HeartbeatResult &result, const State &state, qint64 nowMs)
{
    reportExpired(result.expired, state);
    if (result.outcome == HeartbeatResult::Outcome::Renewed)
        emitEvent(state, LimiterEvent::Type::Renewed, result.lease, nowMs, 0);
}

HeartbeatResult StreamLimiter::heartbeat(const QString &userId, const QString &streamId)
{
    startFetching(userId);
    if (auto invalid = invalidUser<HeartbeatResult>(userId))
        return *invalid;
    const auto id = StreamId::fromString(streamId);
    if (!id)
        return HeartbeatResult{}; // no stream can have a malformed id: unknown
    const CurrentState current(*this);
    const qint64 nowMs = m_clock.nowMs();
    HeartbeatResult result = m_store.renew(userId, *id, current->policy.leaseTtlMs(), nowMs);
    finishHeartbeat(result, *current, nowMs);
    return result;
}

HeartbeatResult StreamLimiter::heartbeat(const QString &userId, const StreamId &streamId)
{
    startFetching(userId);
    if (auto invalid = invalidUser<HeartbeatResult>(userId))
        return *invalid;
    const CurrentState current(*this);
    const qint64 nowMs = m_clock.nowMs();
    HeartbeatResult result = m_store.renew(userId, streamId, current->policy.leaseTtlMs(), nowMs);
    finishHeartbeat(result, *current, nowMs);
    return result;
}

HeartbeatResult StreamLimiter::heartbeat(const UserKey &user, const StreamId &streamId)
{
    startFetching(user);
    if (user.isNull())
        return *invalidUser<HeartbeatResult>(QString());
    const CurrentState current(*this);
    const qint64 nowMs = m_clock.nowMs();
    HeartbeatResult result =
        m_store.renewByKey(user, streamId, current->policy.leaseTtlMs(), nowMs);
    finishHeartbeat(result, *current, nowMs);
    return result;
}

void StreamLimiter::heartbeatAsync(const QString &userId, const QString &streamId,
                                   std::function<void(const HeartbeatResult &)> done)
{
    if (auto invalid = invalidUser<HeartbeatResult>(userId)) {
        done(*invalid);
        return;
    }
    const auto id = StreamId::fromString(streamId);
    if (!id) {
        done(HeartbeatResult{});
        return;
    }
    auto current = state();
    const qint64 nowMs = m_clock.nowMs();
    m_store.renewAsync(userId, *id, current->policy.leaseTtlMs(), nowMs,
                       [this, current, nowMs, done = std::move(done)](HeartbeatResult result) {
                           finishHeartbeat(result, *current, nowMs);
                           done(result);
                       });
}

void StreamLimiter::finishStop(const StopResult &result, const State &state, qint64 nowMs)
{
    reportExpired(result.expired, state);
    if (result.outcome == StopResult::Outcome::Stopped)
        emitEvent(state, LimiterEvent::Type::Stopped, result.lease, nowMs, 0);
}

StopResult StreamLimiter::stop(const QString &userId, const QString &streamId)
{
    startFetching(userId);
    if (auto invalid = invalidUser<StopResult>(userId))
        return *invalid;
    const auto id = StreamId::fromString(streamId);
    if (!id)
        return StopResult{};
    const CurrentState current(*this);
    const qint64 nowMs = m_clock.nowMs();
    StopResult result = m_store.release(userId, *id, nowMs);
    finishStop(result, *current, nowMs);
    return result;
}

StopResult StreamLimiter::stop(const QString &userId, const StreamId &streamId)
{
    startFetching(userId);
    if (auto invalid = invalidUser<StopResult>(userId))
        return *invalid;
    const CurrentState current(*this);
    const qint64 nowMs = m_clock.nowMs();
    StopResult result = m_store.release(userId, streamId, nowMs);
    finishStop(result, *current, nowMs);
    return result;
}

StopResult StreamLimiter::stop(const UserKey &user, const StreamId &streamId)
{
    startFetching(user);
    if (user.isNull())
        return *invalidUser<StopResult>(QString());
    const CurrentState current(*this);
    const qint64 nowMs = m_clock.nowMs();
    StopResult result = m_store.releaseByKey(user, streamId, nowMs);
    finishStop(result, *current, nowMs);
    return result;
}

void StreamLimiter::stopAsync(const QString &userId, const QString &streamId,
                              std::function<void(const StopResult &)> done)
{
    if (auto invalid = invalidUser<StopResult>(userId)) {
        done(*invalid);
        return;
    }
    const auto id = StreamId::fromString(streamId);
    if (!id) {
        done(StopResult{});
        return;
    }
    auto current = state();
    const qint64 nowMs = m_clock.nowMs();
    m_store.releaseAsync(userId, *id, nowMs,
                         [this, current, nowMs, done = std::move(done)](StopResult result) {
                             finishStop(result, *current, nowMs);
                             done(result);
                         });
}

ListResult StreamLimiter::list(const QString &userId, const QString &plan)
{
    if (auto invalid = invalidUser<ListResult>(userId))
        return *invalid;
    const CurrentState current(*this);
    ListResult result = m_store.list(userId, m_clock.nowMs());
    result.limit = current->policy.limitFor(userId, plan);
    reportExpired(result.expired, *current);
    return result;
}

ListResult StreamLimiter::list(const UserKey &user, const QString &plan)
{
    if (user.isNull())
        return *invalidUser<ListResult>(QString());
    const CurrentState current(*this);
    ListResult result = m_store.listByKey(user, m_clock.nowMs());
    result.limit = current->policy.limitFor(user.text(), plan);
    reportExpired(result.expired, *current);
    return result;
}

void StreamLimiter::listAsync(const QString &userId, const QString &plan,
                              std::function<void(const ListResult &)> done)
{
    if (auto invalid = invalidUser<ListResult>(userId)) {
        done(*invalid);
        return;
    }
    auto current = state();
    m_store.listAsync(userId, m_clock.nowMs(),
                      [this, current, userId, plan, done = std::move(done)](ListResult result) {
                          result.limit = current->policy.limitFor(userId, plan);
                          reportExpired(result.expired, *current);
                          done(result);
                      });
}

int StreamLimiter::sweep(int maxLeases)
{
    const CurrentState current(*this);
    const SweepResult result = m_store.sweep(m_clock.nowMs(), maxLeases);
    reportExpired(result.expired, *current);
    return int(result.expired.size());
}

} // namespace vs
