#include "RedisLeaseStore.h"

#include "RedisAsyncConnection.h"
#include "StorageLog.h"

#include <QThread>

#include <algorithm>
#include <charconv>
#include <utility>

#include <hiredis/hiredis.h>

namespace vs {

namespace {

using Script = RedisScripts::Script;

QByteArray number(qint64 value)
{
    // Several per call: std::to_chars into a sized array is a fraction of QByteArray::number.
    char digits[24];
    const char *end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return QByteArray(digits, end - digits);
}

// "vs:{user}:suffix", sized once.
QByteArray userKey(QByteArrayView user, QByteArrayView suffix)
{
    QByteArray key(4 + user.size() + 2 + suffix.size(), Qt::Uninitialized);
    char *next = std::copy_n("vs:{", 4, key.data());
    next = std::copy_n(user.data(), user.size(), next);
    next = std::copy_n("}:", 2, next);
    std::copy_n(suffix.data(), suffix.size(), next);
    return key;
}

QByteArray latin1(const QString &id)
{
    return id.toLatin1(); // ids are validated ASCII
}

bool isArray(const redisReply *reply, std::size_t size)
{
    return reply && reply->type == REDIS_REPLY_ARRAY && reply->elements >= size;
}

QString text(const redisReply *reply)
{
    if (!reply || (reply->type != REDIS_REPLY_STRING && reply->type != REDIS_REPLY_STATUS &&
                   reply->type != REDIS_REPLY_ERROR))
        return {};
    return QString::fromLatin1(reply->str, qsizetype(reply->len));
}

qint64 integer(const redisReply *reply)
{
    if (!reply)
        return 0;
    if (reply->type == REDIS_REPLY_INTEGER)
        return reply->integer;
    return QByteArray(reply->str, qsizetype(reply->len)).toLongLong();
}

// A lease as the scripts return it: {id, video, device, started, heartbeat, expires (-1 never)}.
std::optional<Lease> toLease(const redisReply *reply, const QString &userId)
{
    if (!isArray(reply, 6))
        return std::nullopt;
    const auto id = StreamId::fromString(text(reply->element[0]));
    if (!id)
        return std::nullopt;
    Lease lease;
    lease.streamId = *id;
    lease.userId = userId;
    lease.videoId = text(reply->element[1]);
    lease.deviceId = text(reply->element[2]);
    lease.startedAtMs = integer(reply->element[3]);
    lease.lastHeartbeatAtMs = integer(reply->element[4]);
    const qint64 expires = integer(reply->element[5]);
    lease.expiresAtMs = expires < 0 ? Lease::neverExpires : expires;
    return lease;
}

bool toLeases(const redisReply *reply, const QString &userId, QList<Lease> &out)
{
    if (!reply || reply->type != REDIS_REPLY_ARRAY)
        return false;
    for (std::size_t i = 0; i < reply->elements; ++i) {
        const auto lease = toLease(reply->element[i], userId);
        if (!lease)
            return false;
        out.append(*lease);
    }
    return true;
}

const QString malformed = QStringLiteral("Redis store: unexpected reply from a script");

WatchResult parseAcquire(const redisReply *reply, const QString &userId, qint64 &due, qint64 &delta,
                         QString *error)
{
    WatchResult result;
    if (!isArray(reply, 8)) {
        *error = malformed;
        return result;
    }
    const qint64 code = integer(reply->element[0]);
    result.outcome = code == 0   ? WatchResult::Outcome::Granted
                     : code == 1 ? WatchResult::Outcome::Reused
                                 : WatchResult::Outcome::Rejected;
    result.activeCount = int(integer(reply->element[1]));
    due = integer(reply->element[2]);
    if (code != 2) {
        const auto lease = toLease(reply->element[3], userId);
        if (!lease) {
            *error = malformed;
            return result;
        }
        result.lease = *lease;
    }
    if (!toLeases(reply->element[4], userId, result.evicted) ||
        !toLeases(reply->element[5], userId, result.active) ||
        !toLeases(reply->element[6], userId, result.expired))
        *error = malformed;
    delta = integer(reply->element[7]);
    return result;
}

HeartbeatResult parseRenew(const redisReply *reply, const QString &userId, qint64 &due,
                           qint64 &delta, QString *error)
{
    HeartbeatResult result;
    if (!isArray(reply, 5)) {
        *error = malformed;
        return result;
    }
    switch (integer(reply->element[0])) {
    case 0:
        result.outcome = HeartbeatResult::Outcome::Renewed;
        break;
    case 2:
        result.outcome = HeartbeatResult::Outcome::Expired;
        break;
    case 3:
        result.outcome = HeartbeatResult::Outcome::Evicted;
        break;
    default:
        result.outcome = HeartbeatResult::Outcome::Unknown;
        break;
    }
    due = integer(reply->element[1]);
    if (result.outcome == HeartbeatResult::Outcome::Renewed) {
        const auto lease = toLease(reply->element[2], userId);
        if (!lease)
            *error = malformed;
        else
            result.lease = *lease;
    }
    if (!toLeases(reply->element[3], userId, result.expired))
        *error = malformed;
    delta = integer(reply->element[4]);
    return result;
}

StopResult parseRelease(const redisReply *reply, const QString &userId, qint64 &due, qint64 &delta,
                        QString *error)
{
    StopResult result;
    if (!isArray(reply, 5)) {
        *error = malformed;
        return result;
    }
    const bool stopped = integer(reply->element[0]) == 0;
    result.outcome = stopped ? StopResult::Outcome::Stopped : StopResult::Outcome::Unknown;
    due = integer(reply->element[1]);
    if (stopped) {
        const auto lease = toLease(reply->element[2], userId);
        if (!lease)
            *error = malformed;
        else
            result.lease = *lease;
    }
    if (!toLeases(reply->element[3], userId, result.expired))
        *error = malformed;
    delta = integer(reply->element[4]);
    return result;
}

ListResult parseList(const redisReply *reply, const QString &userId, qint64 &due, qint64 &delta,
                     QString *error)
{
    ListResult result;
    if (!isArray(reply, 4) || !toLeases(reply->element[0], userId, result.active) ||
        !toLeases(reply->element[1], userId, result.expired)) {
        *error = malformed;
        return result;
    }
    due = integer(reply->element[2]);
    delta = integer(reply->element[3]);
    return result;
}

bool isNoScript(const redisReply *reply)
{
    return reply && reply->type == REDIS_REPLY_ERROR && reply->len >= 8 &&
           qstrncmp(reply->str, "NOSCRIPT", 8) == 0;
}

} // namespace

RedisLeaseStore::RedisLeaseStore(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_indexKey(QByteArrayLiteral("vs:{index}:due"))
    , m_countKey(QByteArrayLiteral("vs:{index}:lease_count"))
    , m_sync(options.endpoint)
    , m_async(new RedisAsyncConnection(options.endpoint, this))
{
    connect(m_async, &RedisAsyncConnection::aboutToWrite, this, &RedisLeaseStore::sendBookkeeping);
}

RedisLeaseStore::~RedisLeaseStore()
{
    // Best effort, like all bookkeeping: what this pass gathered goes out in one last write.
    sendBookkeeping();
    m_async->flush();
    // Pending calls are answered (as failures) while this object's members still exist.
    delete m_async;
}

bool RedisLeaseStore::onOwnerThread() const
{
    return QThread::currentThread() == thread();
}

QByteArrayList RedisLeaseStore::userKeys(const QString &userId) const
{
    // The braces make the user id the Cluster hash tag: one user's keys share a slot.
    const QByteArray user = latin1(userId);
    return {userKey(user, "leases"), userKey(user, "ended"), userKey(user, "meta")};
}

QByteArray RedisLeaseStore::nowArgument(qint64 nowMs) const
{
    return m_options.useCallerClockForTests ? number(nowMs) : QByteArray();
}

RedisLeaseStore::Call RedisLeaseStore::acquireCall(const AcquireRequest &request,
                                                   const StreamId &newId) const
{
    return Call{Script::Acquire,
                userKeys(request.userId),
                {nowArgument(request.nowMs), latin1(request.videoId), latin1(request.deviceId),
                 number(request.limit), number(std::max<qint64>(0, request.ttlMs)),
                 request.atLimit == AtLimitBehaviour::EvictOldest
                     ? QByteArrayLiteral("evict_oldest")
                     : QByteArrayLiteral("reject"),
                 newId.toString().toLatin1(), number(m_options.tombstoneRetentionMs)}};
}

RedisLeaseStore::Call RedisLeaseStore::renewCall(const QString &userId, const StreamId &streamId,
                                                 qint64 ttlMs, qint64 nowMs) const
{
    return Call{Script::Renew,
                userKeys(userId),
                {nowArgument(nowMs), streamId.toString().toLatin1(),
                 number(std::max<qint64>(0, ttlMs)), number(m_options.tombstoneRetentionMs)}};
}

RedisLeaseStore::Call RedisLeaseStore::releaseCall(const QString &userId, const StreamId &streamId,
                                                   qint64 nowMs) const
{
    return Call{Script::Release,
                userKeys(userId),
                {nowArgument(nowMs), streamId.toString().toLatin1(),
                 number(m_options.tombstoneRetentionMs)}};
}

RedisLeaseStore::Call RedisLeaseStore::listCall(const QString &userId, qint64 nowMs) const
{
    return Call{Script::List,
                userKeys(userId),
                {nowArgument(nowMs), number(m_options.tombstoneRetentionMs)}};
}

QByteArrayList RedisLeaseStore::evalArguments(const Call &call, bool withSource)
{
    QByteArrayList arguments;
    arguments.reserve(3 + call.keys.size() + call.arguments.size());
    arguments << (withSource ? QByteArrayLiteral("EVAL") : QByteArrayLiteral("EVALSHA"))
              << (withSource ? RedisScripts::source(call.script) : RedisScripts::sha1(call.script))
              << number(call.keys.size());
    arguments << call.keys << call.arguments;
    return arguments;
}

RedisSyncConnection::Reply RedisLeaseStore::evalSync(const Call &call, QString *error)
{
    RedisSyncConnection::Reply reply = m_sync.command(evalArguments(call, false), error);
    if (isNoScript(reply.get())) // first use on this server, or it restarted: send the source
        reply = m_sync.command(evalArguments(call, true), error);
    if (reply && reply->type == REDIS_REPLY_ERROR) {
        *error = QStringLiteral("Redis %1 refused a script: %2")
                     .arg(m_options.endpoint.displayName(), text(reply.get()));
        reply.reset();
    }
    return reply;
}

void RedisLeaseStore::evalAsync(const Call &call, ReplyHandler handler)
{
    m_async->command(
        evalArguments(call, false),
        [this, call, handler = std::move(handler)](const redisReply *reply, const QString &error) {
            if (isNoScript(reply)) {
                m_async->command(evalArguments(call, true), handler);
                return;
            }
            if (reply && reply->type == REDIS_REPLY_ERROR) {
                handler(nullptr, QStringLiteral("Redis %1 refused a script: %2")
                                     .arg(m_options.endpoint.displayName(), text(reply)));
                return;
            }
            handler(reply, error);
        });
}

QByteArrayList RedisLeaseStore::scoredUser(const QString &userId, qint64 publishDue)
{
    return publishDue >= 0 ? QByteArrayList{number(publishDue), latin1(userId)} : QByteArrayList();
}

QList<QByteArrayList> RedisLeaseStore::bookkeeping(const QByteArrayList &scoredUsers,
                                                   qint64 leaseDelta) const
{
    // Outside the user's script because these keys are not in the user's Cluster slot. Neither
    // decides anything: the index only tells sweeps whom to visit, the count feeds a gauge.
    // One ZADD with many pairs sets each score in order, as separate ZADDs would (a user twice
    // in one pass keeps the later score).
    QList<QByteArrayList> commands;
    if (!scoredUsers.isEmpty())
        commands.append(QByteArrayList{QByteArrayLiteral("ZADD"), m_indexKey} + scoredUsers);
    if (leaseDelta != 0)
        commands.append({QByteArrayLiteral("INCRBY"), m_countKey, number(leaseDelta)});
    return commands;
}

void RedisLeaseStore::queueBookkeeping(const QString &userId, qint64 publishDue, qint64 leaseDelta)
{
    m_queuedDue << scoredUser(userId, publishDue);
    m_queuedDelta += leaseDelta;
    // A pass that never ends (a busy loop) must not grow the command without bound.
    constexpr qsizetype maxQueuedUsers = 1000;
    if (m_queuedDue.size() >= 2 * maxQueuedUsers)
        sendBookkeeping();
}

void RedisLeaseStore::sendBookkeeping()
{
    const QList<QByteArrayList> commands =
        bookkeeping(std::exchange(m_queuedDue, {}), std::exchange(m_queuedDelta, 0));
    for (const QByteArrayList &command : commands)
        m_async->command(command, [](const redisReply *, const QString &) {});
}

template<typename Result, typename Parser>
Result RedisLeaseStore::runSync(const Call &call, const QString &userId, Parser parse)
{
    QString error;
    const RedisSyncConnection::Reply reply = evalSync(call, &error);
    if (!reply)
        return storeUnavailableResult<Result>(error);
    qint64 due = -2;
    qint64 delta = 0;
    Result result = parse(reply.get(), userId, due, delta, &error);
    if (!error.isEmpty())
        return storeUnavailableResult<Result>(error);
    const QList<QByteArrayList> commands = bookkeeping(scoredUser(userId, due), delta);
    if (!commands.isEmpty()) {
        QString ignored; // the decision is made and durable in Redis; bookkeeping is best effort
        m_sync.pipeline(std::vector<QByteArrayList>(commands.begin(), commands.end()), &ignored);
    }
    return result;
}

template<typename Result, typename Parser>
void RedisLeaseStore::runAsync(const Call &call, const QString &userId, Parser parse,
                               std::function<void(Result)> done)
{
    if (!onOwnerThread()) {
        done(runSync<Result>(call, userId, parse));
        return;
    }
    evalAsync(call, [this, userId, parse, done = std::move(done)](const redisReply *reply,
                                                                  const QString &error) {
        if (!reply) {
            done(storeUnavailableResult<Result>(error));
            return;
        }
        qint64 due = -2;
        qint64 delta = 0;
        QString parseError;
        Result result = parse(reply, userId, due, delta, &parseError);
        if (!parseError.isEmpty()) {
            done(storeUnavailableResult<Result>(parseError));
            return;
        }
        queueBookkeeping(userId, due, delta);
        done(std::move(result));
    });
}

WatchResult RedisLeaseStore::acquire(const AcquireRequest &request)
{
    WatchResult result = runSync<WatchResult>(acquireCall(request, StreamId::generate()),
                                              request.userId, parseAcquire);
    result.limit = request.limit;
    return result;
}

void RedisLeaseStore::acquireAsync(const AcquireRequest &request,
                                   std::function<void(WatchResult)> done)
{
    const int limit = request.limit;
    runAsync<WatchResult>(acquireCall(request, StreamId::generate()), request.userId, parseAcquire,
                          [limit, done = std::move(done)](WatchResult result) {
                              result.limit = limit;
                              done(std::move(result));
                          });
}

HeartbeatResult RedisLeaseStore::renew(const QString &userId, const StreamId &streamId,
                                       qint64 ttlMs, qint64 nowMs)
{
    return runSync<HeartbeatResult>(renewCall(userId, streamId, ttlMs, nowMs), userId, parseRenew);
}

void RedisLeaseStore::renewAsync(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                                 qint64 nowMs, std::function<void(HeartbeatResult)> done)
{
    runAsync<HeartbeatResult>(renewCall(userId, streamId, ttlMs, nowMs), userId, parseRenew,
                              std::move(done));
}

StopResult RedisLeaseStore::release(const QString &userId, const StreamId &streamId, qint64 nowMs)
{
    return runSync<StopResult>(releaseCall(userId, streamId, nowMs), userId, parseRelease);
}

void RedisLeaseStore::releaseAsync(const QString &userId, const StreamId &streamId, qint64 nowMs,
                                   std::function<void(StopResult)> done)
{
    runAsync<StopResult>(releaseCall(userId, streamId, nowMs), userId, parseRelease,
                         std::move(done));
}

ListResult RedisLeaseStore::list(const QString &userId, qint64 nowMs)
{
    return runSync<ListResult>(listCall(userId, nowMs), userId, parseList);
}

void RedisLeaseStore::listAsync(const QString &userId, qint64 nowMs,
                                std::function<void(ListResult)> done)
{
    runAsync<ListResult>(listCall(userId, nowMs), userId, parseList, std::move(done));
}

struct RedisLeaseStore::AsyncSweep
{
    int maxLeases = 0;
    QByteArray serverNow;
    QStringList userIds;
    QByteArrayList seenScores;
    QByteArrayList nextDue; // per user, after its sweep; empty: no leases left
    std::vector<bool> swept;
    int waiting = 0; // replies still expected in the current step
    qint64 delta = 0;
    SweepResult result;
};

void RedisLeaseStore::startSweep(qint64 nowMs, int maxLeases)
{
    auto sweep = std::make_shared<AsyncSweep>();
    sweep->maxLeases = maxLeases;
    m_sweepRunning = true;
    evalAsync(
        Call{Script::SweepDue, {m_indexKey}, {nowArgument(nowMs), number(maxLeases)}},
        [this, sweep](const redisReply *reply, const QString &) { sweepDueUsers(sweep, reply); });
}

void RedisLeaseStore::sweepDueUsers(const std::shared_ptr<AsyncSweep> &sweep, const redisReply *due)
{
    if (!isArray(due, 2) || due->element[1]->type != REDIS_REPLY_ARRAY) {
        sweep->result.storeAvailable = false;
        finishSweep(sweep);
        return;
    }
    sweep->serverNow = QByteArray(due->element[0]->str, qsizetype(due->element[0]->len));
    const redisReply *pairs = due->element[1];
    const int users = int(pairs->elements / 2);
    if (users == 0) {
        finishSweep(sweep);
        return;
    }
    if (users == sweep->maxLeases)
        sweep->result.more = true;
    // The same equal share per user as the blocking sweep keeps the total within maxLeases.
    const int budget = std::max(1, sweep->maxLeases / users);
    sweep->nextDue.resize(users);
    sweep->swept.assign(std::size_t(users), false);
    sweep->waiting = users;
    for (int i = 0; i < users; ++i) {
        sweep->userIds.append(text(pairs->element[2 * i]));
        sweep->seenScores.append(
            QByteArray(pairs->element[2 * i + 1]->str, qsizetype(pairs->element[2 * i + 1]->len)));
    }
    for (int i = 0; i < users; ++i) {
        const QString userId = sweep->userIds.at(i);
        evalAsync(Call{Script::SweepUser,
                       userKeys(userId),
                       {sweep->serverNow, number(m_options.tombstoneRetentionMs), number(budget)}},
                  [this, sweep, i, userId](const redisReply *reply, const QString &) {
                      if (isArray(reply, 4)) {
                          toLeases(reply->element[0], userId, sweep->result.expired);
                          const qint64 next = integer(reply->element[1]);
                          sweep->nextDue[i] = next >= 0 ? number(next) : QByteArray();
                          if (integer(reply->element[2]) != 0)
                              sweep->result.more = true;
                          sweep->delta += integer(reply->element[3]);
                          sweep->swept[std::size_t(i)] = true;
                      } else {
                          sweep->result.storeAvailable = false;
                      }
                      if (--sweep->waiting == 0)
                          updateSweepIndex(sweep);
                  });
    }
}

void RedisLeaseStore::updateSweepIndex(const std::shared_ptr<AsyncSweep> &sweep)
{
    // Only users whose script ran: the others stay due and are retried by the next sweep.
    std::vector<Call> updates;
    for (int i = 0; i < sweep->userIds.size(); ++i) {
        if (sweep->swept[std::size_t(i)])
            updates.push_back(Call{
                Script::SweepIndexUpdate,
                {m_indexKey},
                {latin1(sweep->userIds.at(i)), sweep->seenScores.at(i), sweep->nextDue.at(i)}});
    }
    if (sweep->delta != 0)
        m_async->command({QByteArrayLiteral("INCRBY"), m_countKey, number(sweep->delta)},
                         [](const redisReply *, const QString &) {});
    if (updates.empty()) {
        finishSweep(sweep);
        return;
    }
    sweep->waiting = int(updates.size());
    for (const Call &update : updates) {
        evalAsync(update, [this, sweep](const redisReply *, const QString &) {
            if (--sweep->waiting == 0)
                finishSweep(sweep);
        });
    }
}

void RedisLeaseStore::finishSweep(const std::shared_ptr<AsyncSweep> &sweep)
{
    m_sweepDone.expired.append(sweep->result.expired);
    m_sweepDone.more = m_sweepDone.more || sweep->result.more;
    m_sweepDone.storeAvailable = m_sweepDone.storeAvailable && sweep->result.storeAvailable;
    m_sweepRunning = false;
}

SweepResult RedisLeaseStore::sweep(qint64 nowMs, int maxLeases)
{
    SweepResult result;
    if (m_options.nonBlockingSweep && onOwnerThread()) {
        // Hand out what earlier sweeps removed (their expiries are reported one call late) and
        // start the next one unless one is still waiting for Redis.
        result = std::exchange(m_sweepDone, SweepResult{});
        if (!m_sweepRunning && maxLeases > 0)
            startSweep(nowMs, maxLeases);
        return result;
    }
    if (maxLeases <= 0)
        return result;
    // 1. Who is due: users whose earliest expiry has passed (one script on the index).
    QString error;
    const RedisSyncConnection::Reply due = evalSync(
        Call{Script::SweepDue, {m_indexKey}, {nowArgument(nowMs), number(maxLeases)}}, &error);
    if (!due || !isArray(due.get(), 2) || due->element[1]->type != REDIS_REPLY_ARRAY) {
        result.storeAvailable = false;
        return result;
    }
    const QByteArray serverNow = QByteArray(due->element[0]->str, qsizetype(due->element[0]->len));
    const redisReply *pairs = due->element[1];
    const int users = int(pairs->elements / 2);
    if (users == 0)
        return result;
    // Every user gets an equal share of the batch, so the total stays within maxLeases; a user
    // with more expired leases than that stays due and is finished by the next sweep.
    const int budget = std::max(1, maxLeases / users);

    // 2. One script per user, pipelined: each removes that user's expired leases atomically.
    std::vector<QByteArrayList> sweeps;
    QStringList userIds;
    QByteArrayList seenScores;
    for (int i = 0; i < users; ++i) {
        const QString userId = text(pairs->element[2 * i]);
        userIds.append(userId);
        seenScores.append(
            QByteArray(pairs->element[2 * i + 1]->str, qsizetype(pairs->element[2 * i + 1]->len)));
        sweeps.push_back(
            evalArguments(Call{Script::SweepUser,
                               userKeys(userId),
                               {serverNow, number(m_options.tombstoneRetentionMs), number(budget)}},
                          false));
    }
    std::vector<RedisSyncConnection::Reply> replies = m_sync.pipeline(sweeps, &error);
    if (replies.size() != sweeps.size()) {
        result.storeAvailable = false;
        return result;
    }

    // 3. Update the index where no acquire changed it meanwhile, and the lease count.
    std::vector<QByteArrayList> updates;
    qint64 delta = 0;
    for (int i = 0; i < users; ++i) {
        RedisSyncConnection::Reply &reply = replies[std::size_t(i)];
        if (isNoScript(reply.get())) {
            reply =
                evalSync(Call{Script::SweepUser,
                              userKeys(userIds.at(i)),
                              {serverNow, number(m_options.tombstoneRetentionMs), number(budget)}},
                         &error);
        }
        if (!isArray(reply.get(), 4)) {
            result.storeAvailable = reply != nullptr;
            continue;
        }
        toLeases(reply->element[0], userIds.at(i), result.expired);
        const qint64 next = integer(reply->element[1]);
        if (integer(reply->element[2]) != 0)
            result.more = true;
        delta += integer(reply->element[3]);
        updates.push_back(evalArguments(Call{Script::SweepIndexUpdate,
                                             {m_indexKey},
                                             {latin1(userIds.at(i)), seenScores.at(i),
                                              next >= 0 ? number(next) : QByteArray()}},
                                        false));
    }
    if (delta != 0)
        updates.push_back({QByteArrayLiteral("INCRBY"), m_countKey, number(delta)});
    replies = m_sync.pipeline(updates, &error);
    for (std::size_t i = 0; i < replies.size() && i < updates.size(); ++i) {
        if (isNoScript(replies[i].get())) {
            QByteArrayList again = updates[i];
            again[0] = QByteArrayLiteral("EVAL");
            again[1] = RedisScripts::source(Script::SweepIndexUpdate);
            m_sync.command(again, &error);
        }
    }
    if (users == maxLeases)
        result.more = true;
    return result;
}

bool RedisLeaseStore::isReachable()
{
    if (onOwnerThread()) {
        switch (m_async->state()) {
        case RedisAsyncConnection::State::Connected:
            return true;
        case RedisAsyncConnection::State::Down:
            return false;
        case RedisAsyncConnection::State::Connecting:
            break; // not decided yet: ask with the blocking connection
        }
    }
    QString error;
    const RedisSyncConnection::Reply reply = m_sync.command({QByteArrayLiteral("PING")}, &error);
    return reply && reply->type != REDIS_REPLY_ERROR;
}

void RedisLeaseStore::isReachableAsync(std::function<void(bool)> done)
{
    if (!onOwnerThread())
        return done(isReachable());
    switch (m_async->state()) {
    case RedisAsyncConnection::State::Connected:
        return done(true);
    case RedisAsyncConnection::State::Down:
        return done(false);
    case RedisAsyncConnection::State::Connecting:
        break;
    }
    m_async->command({QByteArrayLiteral("PING")},
                     [done = std::move(done)](const redisReply *reply, const QString &error) {
                         done(error.isEmpty() && reply && reply->type != REDIS_REPLY_ERROR);
                     });
}

qint64 RedisLeaseStore::storedLeaseCount()
{
    QString error;
    const RedisSyncConnection::Reply reply =
        m_sync.command({QByteArrayLiteral("GET"), m_countKey}, &error);
    return reply ? integer(reply.get()) : 0;
}

qint64 RedisLeaseStore::storedLeaseCountForGauge()
{
    if (!onOwnerThread())
        return storedLeaseCount();
    if (!m_gaugeReadInFlight && m_async->state() == RedisAsyncConnection::State::Connected) {
        m_gaugeReadInFlight = true;
        m_async->command({QByteArrayLiteral("GET"), m_countKey},
                         [this](const redisReply *reply, const QString &error) {
                             m_gaugeReadInFlight = false;
                             if (error.isEmpty() && reply && reply->type != REDIS_REPLY_ERROR)
                                 m_gaugeLeaseCount = integer(reply);
                         });
    }
    return m_gaugeLeaseCount;
}

} // namespace vs
