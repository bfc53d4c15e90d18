#include <QTest>

#include "ManualClock.h"
#include "MemoryLeaseStore.h"
#include "PeriodicSweeper.h"
#include "StreamLimiter.h"

#include <QHash>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QUrl>

#include <mutex>
#include <random>

using namespace vs;

namespace {

constexpr qint64 startMs = 1'700'000'000'000;

// Keeps every event, in the order the limiter reported them.
class RecordingObserver final : public LimiterObserver
{
public:
    void onLimiterEvent(const LimiterEvent &event) override
    {
        std::lock_guard lock(m_mutex);
        m_events.append(event);
    }
    QList<LimiterEvent> events() const
    {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

private:
    mutable std::mutex m_mutex;
    QList<LimiterEvent> m_events;
};

// Runs one scenario written as steps (see the _data() table of rules) against a fresh limiter
// and checks each step's answer and, at the end, the whole event sequence.
//
//   watch USER VIDEO [device=D] [plan=P] -> granted #n [until +MS|never] [evicts #x ...]
//                                        -> reused #n [until +MS] | rejected [active #a ...]
//                                        -> invalid:FIELD
//   heartbeat USER #n|TEXT -> renewed [until +MS] | unknown | expired | evicted | invalid:FIELD
//   stop USER #n|TEXT -> stopped | unknown | invalid:FIELD
//   list USER -> [#a #b ...]          active streams, oldest first
//   sweep -> N                        expiries the sweep reported
//   advance MS                        moves the manual clock
//   policy JSON                       merged over the current policy (setPolicy)
//
// With `keyed`, every call goes through the UserKey entry points (watch/heartbeat/stop/list
// taking a UserKey, heartbeat/stop a StreamId): an invalid user id then fails UserKey::fromString
// (checked to name user_id) and the limiter gets a null key; a malformed stream id cannot become
// a StreamId, so no stream can answer to it: the step's answer is "unknown" without a call.
//
// Tokens are percent-decoded, so "a%20b" is "a b"; "%" alone is the empty string. Times are
// relative to the scenario's start. Events read "granted #a", "rejected alice/v4",
// "expired #a@+90000" (the instant it expired), "evicted #a", ...
class Scenario
{
public:
    Scenario(const Policy &policy, bool keyed)
        : m_limiter(m_store, m_clock, policy)
        , m_keyed(keyed)
    {
        m_limiter.addObserver(&m_observer);
    }

    void run(const QStringList &steps)
    {
        for (const QString &step : steps) {
            m_step = step;
            const QStringList parts = step.split(QStringLiteral(" -> "));
            QStringList command = parts.first().split(u' ', Qt::SkipEmptyParts);
            const QString verb = command.takeFirst();
            QStringList expected =
                parts.size() > 1 ? parts.at(1).split(u' ', Qt::SkipEmptyParts) : QStringList();
            if (verb == u"watch")
                watch(command, expected);
            else if (verb == u"heartbeat")
                heartbeat(command, expected);
            else if (verb == u"stop")
                stop(command, expected);
            else if (verb == u"list")
                list(command, expected);
            else if (verb == u"sweep")
                check(QString::number(m_limiter.sweep()), expected.value(0));
            else if (verb == u"advance")
                m_clock.advanceMs(command.value(0).toLongLong());
            else if (verb == u"policy")
                setPolicy(parts.first().mid(verb.size()));
            else
                fail(QStringLiteral("unknown step verb"));
            if (QTest::currentTestFailed())
                return;
        }
    }

    QString renderedEvents() const
    {
        QStringList rendered;
        for (const LimiterEvent &event : m_observer.events()) {
            QString text = QString::fromLatin1(toString(event.type)) + u' ';
            if (event.type == LimiterEvent::Type::Rejected)
                text += event.lease.userId + u'/' + event.lease.videoId;
            else
                text += nameOf(event.lease.streamId.toString());
            if (event.type == LimiterEvent::Type::Expired)
                text += QStringLiteral("@+") + QString::number(event.atMs - startMs);
            rendered.append(text);
        }
        return rendered.join(QStringLiteral(", "));
    }

    QList<LimiterEvent> events() const { return m_observer.events(); }

private:
    static QString decode(const QString &token)
    {
        return QUrl::fromPercentEncoding(token.toLatin1());
    }

    void fail(const QString &why)
    {
        QTest::qFail(qPrintable(QStringLiteral("step \"%1\": %2").arg(m_step, why)), __FILE__,
                     __LINE__);
    }

    void check(const QString &actual, const QString &expected)
    {
        if (actual != expected)
            fail(QStringLiteral("got \"%1\", expected \"%2\"").arg(actual, expected));
    }

    QString nameOf(const QString &streamId) const
    {
        for (auto it = m_names.begin(); it != m_names.end(); ++it) {
            if (it.value() == streamId)
                return it.key();
        }
        return QStringLiteral("?") + streamId;
    }

    QString streamText(const QString &token) const
    {
        return token.startsWith(u'#') ? m_names.value(token) : decode(token);
    }

    QString names(const QList<Lease> &leases) const
    {
        QStringList out;
        for (const Lease &lease : leases)
            out.append(nameOf(lease.streamId.toString()));
        return out.join(u' ');
    }

    // "until +MS" / "until never" after the outcome checks the lease's expiry.
    void checkUntil(const QStringList &expected, const Lease &lease)
    {
        const int at = int(expected.indexOf(QStringLiteral("until")));
        if (at < 0)
            return;
        const QString want = expected.value(at + 1);
        const QString actual = lease.expires() ? u'+' + QString::number(lease.expiresAtMs - startMs)
                                               : QStringLiteral("never");
        check(actual, want);
    }

    QString listAfter(const QStringList &expected, const QString &keyword) const
    {
        const int at = int(expected.indexOf(keyword));
        if (at < 0)
            return {};
        QStringList tail = expected.mid(at + 1);
        const int stop = int(tail.indexOf(QStringLiteral("until")));
        if (stop >= 0)
            tail = tail.mid(0, stop);
        return tail.join(u' ');
    }

    // The caller's side of the fast path: validate once, or learn why not.
    UserKey keyFor(const QString &userId)
    {
        QString error;
        const std::optional<UserKey> key = UserKey::fromString(userId, &error);
        if (key) {
            if (key->text() != userId || key->hash() != UserKey::hashOf(key->bytes()))
                fail(QStringLiteral("key does not hold the id it was made from"));
            return *key;
        }
        if (!error.startsWith(QStringLiteral("user_id ")))
            fail(QStringLiteral("UserKey error does not name the field: ") + error);
        return UserKey();
    }

    void watch(const QStringList &command, const QStringList &expected)
    {
        WatchRequest request;
        request.userId = decode(command.value(0));
        request.videoId = decode(command.value(1));
        for (const QString &option : command.mid(2)) {
            if (option.startsWith(QStringLiteral("device=")))
                request.deviceId = decode(option.mid(7));
            else if (option.startsWith(QStringLiteral("plan=")))
                request.plan = decode(option.mid(5));
        }
        const WatchResult result = m_keyed
                                       ? m_limiter.watch(keyFor(request.userId), request.videoId,
                                                         request.deviceId, request.plan)
                                       : m_limiter.watch(request);
        const QString outcome = expected.value(0);
        switch (result.outcome) {
        case WatchResult::Outcome::Granted: {
            check(QStringLiteral("granted"), outcome);
            const QString name = expected.value(1);
            const QString id = result.lease.streamId.toString();
            if (!name.startsWith(u'#') || m_names.contains(name))
                return fail(QStringLiteral("a grant needs a new #name"));
            if (!nameOf(id).startsWith(u'?'))
                return fail(QStringLiteral("granted an id already in use"));
            m_names.insert(name, id);
            check(result.lease.userId, request.userId);
            check(result.lease.videoId, request.videoId);
            check(result.lease.deviceId, request.deviceId);
            check(QString::number(result.lease.startedAtMs), QString::number(m_clock.nowMs()));
            check(names(result.evicted), listAfter(expected, QStringLiteral("evicts")));
            checkUntil(expected, result.lease);
            break;
        }
        case WatchResult::Outcome::Reused:
            check(QStringLiteral("reused"), outcome);
            check(nameOf(result.lease.streamId.toString()), expected.value(1));
            check(QString::number(result.lease.lastHeartbeatAtMs),
                  QString::number(m_clock.nowMs()));
            checkUntil(expected, result.lease);
            break;
        case WatchResult::Outcome::Rejected:
            check(QStringLiteral("rejected"), outcome);
            check(names(result.active), listAfter(expected, QStringLiteral("active")));
            check(QString::number(result.activeCount), QString::number(result.active.size()));
            break;
        case WatchResult::Outcome::InvalidRequest:
            check(QStringLiteral("invalid:") + result.failure.field, outcome);
            if (!result.failure.message.startsWith(result.failure.field))
                fail(QStringLiteral("message does not name the field: ") + result.failure.message);
            break;
        case WatchResult::Outcome::StoreUnavailable:
            fail(QStringLiteral("memory store unavailable"));
            break;
        }
    }

    // "USER STREAM" through the text overload (heartbeat or stop) or, keyed, the UserKey one.
    template<typename Result>
    Result callWithStream(const QStringList &command,
                          Result (StreamLimiter::*byText)(const QString &, const QString &),
                          Result (StreamLimiter::*byKey)(const UserKey &, const StreamId &))
    {
        const QString userId = decode(command.value(0));
        const QString streamId = streamText(command.value(1));
        if (!m_keyed)
            return (m_limiter.*byText)(userId, streamId);
        if (const std::optional<StreamId> id = StreamId::fromString(streamId))
            return (m_limiter.*byKey)(keyFor(userId), *id);
        return Result{}; // unknown
    }

    void heartbeat(const QStringList &command, const QStringList &expected)
    {
        const HeartbeatResult result = callWithStream<HeartbeatResult>(
            command, &StreamLimiter::heartbeat, &StreamLimiter::heartbeat);
        static const char *const outcomes[] = {"renewed", "unknown", "expired",
                                               "evicted", "invalid", "unavailable"};
        QString outcome = QString::fromLatin1(outcomes[int(result.outcome)]);
        if (result.outcome == HeartbeatResult::Outcome::InvalidRequest)
            outcome += u':' + result.failure.field;
        check(outcome, expected.value(0));
        if (result.outcome == HeartbeatResult::Outcome::Renewed) {
            check(nameOf(result.lease.streamId.toString()), command.value(1));
            checkUntil(expected, result.lease);
        }
    }

    void stop(const QStringList &command, const QStringList &expected)
    {
        const StopResult result =
            callWithStream<StopResult>(command, &StreamLimiter::stop, &StreamLimiter::stop);
        static const char *const outcomes[] = {"stopped", "unknown", "invalid", "unavailable"};
        QString outcome = QString::fromLatin1(outcomes[int(result.outcome)]);
        if (result.outcome == StopResult::Outcome::InvalidRequest)
            outcome += u':' + result.failure.field;
        check(outcome, expected.value(0));
        if (result.outcome == StopResult::Outcome::Stopped)
            check(nameOf(result.lease.streamId.toString()), command.value(1));
    }

    void list(const QStringList &command, const QStringList &expected)
    {
        const QString userId = decode(command.value(0));
        const ListResult result = m_keyed ? m_limiter.list(keyFor(userId)) : m_limiter.list(userId);
        if (result.outcome != ListResult::Outcome::Listed)
            return check(QStringLiteral("invalid:") + result.failure.field, expected.join(u' '));
        check(names(result.active), expected.join(u' '));
    }

    void setPolicy(const QString &json)
    {
        const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
        const PolicyParseResult parsed = Policy::fromJson(object, m_limiter.policy());
        if (!parsed.ok())
            return fail(parsed.error);
        m_limiter.setPolicy(parsed.policy);
    }

    ManualClock m_clock{startMs};
    MemoryLeaseStore m_store;
    StreamLimiter m_limiter;
    RecordingObserver m_observer;
    const bool m_keyed;
    QHash<QString, QString> m_names; // "#a" -> stream id text
    QString m_step;
};

// A store with only the QString operations, like the SQLite and Redis stores: UserKey calls
// reach it through LeaseStore's default *ByKey methods.
class TextOnlyStore final : public LeaseStore
{
public:
    WatchResult acquire(const AcquireRequest &request) override
    {
        m_users.append(request.userId);
        return m_memory.acquire(request);
    }
    HeartbeatResult renew(const QString &userId, const StreamId &streamId, qint64 ttlMs,
                          qint64 nowMs) override
    {
        m_users.append(userId);
        return m_memory.renew(userId, streamId, ttlMs, nowMs);
    }
    StopResult release(const QString &userId, const StreamId &streamId, qint64 nowMs) override
    {
        m_users.append(userId);
        return m_memory.release(userId, streamId, nowMs);
    }
    ListResult list(const QString &userId, qint64 nowMs) override
    {
        m_users.append(userId);
        return m_memory.list(userId, nowMs);
    }
    SweepResult sweep(qint64 nowMs, int maxLeases) override
    {
        return m_memory.sweep(nowMs, maxLeases);
    }
    bool isReachable() override { return true; }
    qint64 storedLeaseCount() override { return m_memory.storedLeaseCount(); }

    QStringList users() const { return m_users; }

private:
    MemoryLeaseStore m_memory;
    QStringList m_users; // the user id each call was given
};

Policy policyFrom(const QByteArray &json)
{
    const PolicyParseResult parsed = Policy::fromJson(QJsonDocument::fromJson(json).object());
    if (!parsed.ok())
        qFatal("bad test policy %s", json.constData());
    return parsed.policy;
}

// One rule, as two rows: through the QString entry points and through the UserKey ones, which
// must give the same answers and events.
void addRule(const char *name, const QByteArray &policy, std::initializer_list<const char *> lines,
             const char *events)
{
    QStringList steps;
    for (const char *line : lines)
        steps.append(QString::fromUtf8(line));
    for (const char *entryPoint : {"text", "key"}) {
        QTest::addRow("%s [%s]", name, entryPoint)
            << QString::fromLatin1(entryPoint) << policy << steps << QString::fromUtf8(events);
    }
}

} // namespace

class tst_StreamLimiter : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void eventsCarryTimeLimitAndLease();
    void expiryIsReportedExactlyOnce_data();
    void expiryIsReportedExactlyOnce();
    void removedObserverHearsNothing();
    void listReportsLimitForPlan();
    void asyncCallsMatchSyncCalls();
    void storedLeaseCountFollowsChanges();
    void videoIdsAreKeptOnceAndForgottenWithTheirLastLease();
    void periodicSweeperReportsExpiries();
    void storeAnswersAnEmptyUserIdCalledDirectly();
    void userKeyCallsReachStoresWithoutAFastPath();
    void prefetchHintsChangeNoDecision();
    void usersDifferingInOneCharacterAreDistinct();
};

void tst_StreamLimiter::rules_data()
{
    QTest::addColumn<QString>("entryPoint");
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("events");

    const QByteArray defaults = "{}";
    const QByteArray evict = R"({"at_limit": "evict_oldest"})";

    addRule("grant up to the default limit, then reject listing oldest first", defaults,
            {"watch alice v1 -> granted #a", "advance 10", "watch alice v2 -> granted #b",
             "watch alice v3 -> granted #c", "watch alice v4 -> rejected active #a #b #c",
             "list alice -> #a #b #c"},
            "granted #a, granted #b, granted #c, rejected alice/v4");

    addRule("same video at the limit is reused and renewed, no extra slot", defaults,
            {"watch alice v1 -> granted #a until +90000", "watch alice v2 -> granted #b",
             "watch alice v3 -> granted #c", "advance 80000",
             "watch alice v1 -> reused #a until +170000", "watch alice v2 device=tv -> reused #b",
             "list alice -> #a #b #c", "watch alice v4 -> rejected active #a #b #c"},
            "granted #a, granted #b, granted #c, reused #a, reused #b, rejected alice/v4");

    addRule("same video under evict_oldest at the limit is reused, nothing evicted", evict,
            {"watch alice v1 -> granted #a", "watch alice v2 -> granted #b",
             "watch alice v3 -> granted #c", "watch alice v1 -> reused #a",
             "list alice -> #a #b #c"},
            "granted #a, granted #b, granted #c, reused #a");

    addRule("a lease stops counting at exactly its expiry instant",
            QByteArray(R"({"default_limit": 1})"),
            {"watch alice v1 -> granted #a until +90000", "advance 89999", "list alice -> #a",
             "watch alice v2 -> rejected active #a", "advance 1", "watch alice v2 -> granted #b",
             "list alice -> #b"},
            "granted #a, rejected alice/v2, expired #a@+90000, granted #b");

    addRule("list at the expiry instant shows nothing", defaults,
            {"watch alice v1 -> granted #a", "advance 90000", "list alice ->"},
            "granted #a, expired #a@+90000");

    addRule("heartbeat at the expiry instant is too late", defaults,
            {"watch alice v1 -> granted #a", "advance 89999",
             "heartbeat alice #a -> renewed until +179999", "advance 90000",
             "heartbeat alice #a -> expired", "heartbeat alice #a -> expired", "list alice ->"},
            "granted #a, renewed #a, expired #a@+179999");

    addRule("heartbeat extends the lease by the ttl from now", defaults,
            {"watch alice v1 -> granted #a", "advance 60000",
             "heartbeat alice #a -> renewed until +150000", "advance 89999", "list alice -> #a",
             "advance 1", "list alice ->"},
            "granted #a, renewed #a, expired #a@+150000");

    addRule("an expired video asked again is a new stream", defaults,
            {"watch alice v1 -> granted #a", "advance 90000", "watch alice v1 -> granted #b",
             "heartbeat alice #a -> expired", "heartbeat alice #b -> renewed"},
            "granted #a, expired #a@+90000, granted #b, renewed #b");

    addRule("stop frees the slot; stopping twice is unknown", QByteArray(R"({"default_limit": 1})"),
            {"watch alice v1 -> granted #a", "stop alice #a -> stopped", "stop alice #a -> unknown",
             "heartbeat alice #a -> unknown", "watch alice v2 -> granted #b", "list alice -> #b"},
            "granted #a, stopped #a, granted #b");

    addRule("stop of an expired stream is unknown and reports the expiry", defaults,
            {"watch alice v1 -> granted #a", "advance 90000", "stop alice #a -> unknown"},
            "granted #a, expired #a@+90000");

    addRule("another user's stream id is unknown and stays untouched", defaults,
            {"watch alice v1 -> granted #a", "watch bob v1 -> granted #b",
             "heartbeat bob #a -> unknown", "stop bob #a -> unknown",
             "heartbeat carol #a -> unknown", "stop carol #a -> unknown", "list alice -> #a",
             "list bob -> #b", "heartbeat alice #a -> renewed"},
            "granted #a, granted #b, renewed #a");

    addRule("another user's evicted stream id is unknown, not evicted",
            QByteArray(R"({"default_limit": 1, "at_limit": "evict_oldest"})"),
            {"watch alice v1 -> granted #a", "watch alice v2 -> granted #b evicts #a",
             "watch bob v1 -> granted #c", "heartbeat bob #a -> unknown",
             "heartbeat alice #a -> evicted"},
            "granted #a, evicted #a, granted #b, granted #c");

    addRule("malformed stream ids are unknown", defaults,
            {"watch alice v1 -> granted #a", "heartbeat alice nope -> unknown",
             "heartbeat alice AAAAAAAAAAAAAAAAAAAAAA -> unknown",
             "stop alice AAAAAAAAAAAAAAAAAAAAA%2B -> unknown", "stop alice % -> unknown",
             "list alice -> #a"},
            "granted #a");

    addRule("evict_oldest ends the oldest and grants the new one", evict,
            {"watch alice v1 -> granted #a", "advance 1000", "watch alice v2 -> granted #b",
             "advance 1000", "watch alice v3 -> granted #c", "heartbeat alice #a -> renewed",
             "watch alice v4 -> granted #d evicts #a", "list alice -> #b #c #d",
             "heartbeat alice #a -> evicted", "stop alice #a -> unknown",
             "heartbeat alice #a -> evicted", "watch alice v5 -> granted #e evicts #b",
             "heartbeat alice #b -> evicted", "heartbeat alice #c -> renewed"},
            "granted #a, granted #b, granted #c, renewed #a, evicted #a, granted #d, "
            "evicted #b, granted #e, renewed #c");

    // MemoryLeaseStore keeps a user's leases in one block and moves the user to a bigger one as
    // it grows (room for 1, 3, 4, 6, 9, then 13 leases: a small pool block, a large one, then
    // the heap): every lease, its order and the user's tombstones must come along each time.
    addRule("a user growing far past its first block keeps its leases, order and tombstones",
            QByteArray(R"({"default_limit": 2, "at_limit": "evict_oldest"})"),
            {"watch alice v1 -> granted #a",           "watch alice v2 -> granted #b",
             "watch alice v3 -> granted #c evicts #a", "policy {\"default_limit\": 8}",
             "watch alice v4 -> granted #d",           "watch alice v5 -> granted #e",
             "watch alice v6 -> granted #f",           "watch alice v7 -> granted #g",
             "heartbeat alice #a -> evicted",          "stop alice #d -> stopped",
             "watch alice v8 -> granted #h",           "watch alice v9 -> granted #i",
             "watch alice v10 -> granted #j",          "list alice -> #b #c #e #f #g #h #i #j",
             "heartbeat alice #b -> renewed",          "heartbeat alice #j -> renewed",
             "heartbeat alice #d -> unknown",          "watch alice v11 -> granted #k evicts #b",
             "heartbeat alice #a -> evicted",          "heartbeat alice #b -> evicted",
             "list alice -> #c #e #f #g #h #i #j #k"},
            "granted #a, granted #b, evicted #a, granted #c, granted #d, granted #e, granted #f, "
            "granted #g, stopped #d, granted #h, granted #i, granted #j, renewed #b, renewed #j, "
            "evicted #b, granted #k");

    addRule("evict_oldest after a lowered limit evicts as many as needed",
            QByteArray(R"({"default_limit": 4, "at_limit": "evict_oldest"})"),
            {"watch alice v1 -> granted #a", "watch alice v2 -> granted #b",
             "watch alice v3 -> granted #c", "watch alice v4 -> granted #d",
             "policy {\"default_limit\": 2}", "list alice -> #a #b #c #d",
             "heartbeat alice #b -> renewed", "watch alice v5 -> granted #e evicts #a #b #c",
             "list alice -> #d #e", "heartbeat alice #a -> evicted",
             "heartbeat alice #b -> evicted", "heartbeat alice #c -> evicted",
             "heartbeat alice #d -> renewed"},
            "granted #a, granted #b, granted #c, granted #d, renewed #b, evicted #a, "
            "evicted #b, evicted #c, granted #e, renewed #d");

    addRule("evicted video asked again is a new stream",
            QByteArray(R"({"default_limit": 1, "at_limit": "evict_oldest"})"),
            {"watch alice v1 -> granted #a", "watch alice v2 -> granted #b evicts #a",
             "watch alice v1 -> granted #c evicts #b", "list alice -> #c"},
            "granted #a, evicted #a, granted #b, evicted #b, granted #c");

    addRule("expired leases do not count before eviction",
            QByteArray(R"({"default_limit": 2, "at_limit": "evict_oldest"})"),
            {"watch alice v1 -> granted #a", "advance 50000", "watch alice v2 -> granted #b",
             "advance 40000", "watch alice v3 -> granted #c", "list alice -> #b #c",
             "heartbeat alice #a -> expired"},
            "granted #a, granted #b, expired #a@+90000, granted #c");

    addRule("lowering the limit keeps running streams and refuses new ones", defaults,
            {"watch alice v1 -> granted #a", "watch alice v2 -> granted #b",
             "watch alice v3 -> granted #c", "policy {\"default_limit\": 1}",
             "list alice -> #a #b #c", "heartbeat alice #c -> renewed",
             "watch alice v1 -> reused #a", "watch alice v4 -> rejected active #a #b #c",
             "stop alice #a -> stopped", "stop alice #b -> stopped",
             "watch alice v4 -> rejected active #c", "stop alice #c -> stopped",
             "watch alice v4 -> granted #d"},
            "granted #a, granted #b, granted #c, renewed #c, reused #a, rejected alice/v4, "
            "stopped #a, stopped #b, rejected alice/v4, stopped #c, granted #d");

    addRule("raising the limit at runtime admits more", QByteArray(R"({"default_limit": 1})"),
            {"watch alice v1 -> granted #a", "watch alice v2 -> rejected active #a",
             "policy {\"default_limit\": 2}", "watch alice v2 -> granted #b"},
            "granted #a, rejected alice/v2, granted #b");

    addRule("switching to evict_oldest at runtime", QByteArray(R"({"default_limit": 1})"),
            {"watch alice v1 -> granted #a", "watch alice v2 -> rejected active #a",
             "policy {\"at_limit\": \"evict_oldest\"}", "watch alice v2 -> granted #b evicts #a",
             "policy {\"at_limit\": \"reject\"}", "watch alice v3 -> rejected active #b"},
            "granted #a, rejected alice/v2, evicted #a, granted #b, rejected alice/v3");

    addRule("a new ttl applies from the next grant or renewal", defaults,
            {"watch alice v1 -> granted #a until +90000", "policy {\"lease_ttl_s\": 10}",
             "watch alice v2 -> granted #b until +10000", "advance 5000",
             "heartbeat alice #a -> renewed until +15000", "advance 10000", "list alice ->"},
            "granted #a, granted #b, renewed #a, expired #b@+10000, expired #a@+15000");

    addRule("ttl 0 never expires, like the original service", QByteArray(R"({"lease_ttl_s": 0})"),
            {"watch alice v1 -> granted #a until never", "advance 315360000000", "list alice -> #a",
             "sweep -> 0", "heartbeat alice #a -> renewed until never"},
            "granted #a, renewed #a");

    addRule("plan and override limits",
            QByteArray(R"({"plans": {"basic": 1, "premium": 4}, "user_overrides": {"vip": 2}})"),
            {"watch alice v1 plan=basic -> granted #a",
             "watch alice v2 plan=basic -> rejected active #a", "watch alice v2 -> granted #b",
             "watch alice v3 plan=premium -> granted #c",
             "watch alice v4 plan=premium -> granted #d", "watch vip v1 plan=premium -> granted #e",
             "watch vip v2 -> granted #f", "watch vip v3 plan=premium -> rejected active #e #f"},
            "granted #a, rejected alice/v2, granted #b, granted #c, granted #d, granted #e, "
            "granted #f, rejected vip/v3");

    addRule("limit 0 refuses everything, even under evict_oldest",
            QByteArray(R"({"default_limit": 0, "at_limit": "evict_oldest"})"),
            {"watch alice v1 -> rejected active", "list alice ->"}, "rejected alice/v1");

    addRule("invalid ids are refused naming the field, with no event", defaults,
            {"watch a%20b v1 -> invalid:user_id", "watch % v1 -> invalid:user_id",
             "watch alice % -> invalid:video_id", "watch alice v/1 -> invalid:video_id",
             "watch alice v1 device=tv%0A1 -> invalid:device_id",
             "watch alice v1 plan=gold%20plan -> invalid:plan",
             "heartbeat bad%3Fuser AAAAAAAAAAAAAAAAAAAAAA -> invalid:user_id",
             "stop % AAAAAAAAAAAAAAAAAAAAAA -> invalid:user_id", "list a%2Fb -> invalid:user_id",
             "list alice ->"},
            "");

    addRule("original-style ids are accepted", defaults,
            {"watch 1234567 9b2f0c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b -> granted #a",
             "watch user@example.com tt:0111161 device=tv.living~room+1 -> granted #b",
             "list 1234567 -> #a"},
            "granted #a, granted #b");

    addRule("sweep reports expiries nobody asked about, once", defaults,
            {"watch alice v1 -> granted #a", "advance 500", "watch bob v1 -> granted #b",
             "advance 500", "watch carol v1 -> granted #c", "advance 89500", "sweep -> 2",
             "sweep -> 0", "list alice ->", "heartbeat alice #a -> expired",
             "heartbeat bob #b -> expired", "heartbeat carol #c -> renewed"},
            "granted #a, granted #b, granted #c, expired #a@+90000, expired #b@+90500, "
            "renewed #c");

    // 39 characters are kept inline by the memory store, longer ids on the heap.
    addRule(
        "ids around the inline length and up to 128 characters", defaults,
        {"watch user.with.a.long.id.that.fits.inline.39 "
         "video.with.an.id.one.over.the.inline.40c -> granted #a",
         "watch user.with.a.long.id.that.does.not.fit.inline.0001 "
         "video:9b2f0c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b-and-more -> granted #b",
         "watch user.with.a.long.id.that.does.not.fit.inline.0001 "
         "video:9b2f0c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b-and-more -> reused #b",
         "watch user.with.a.long.id.that.does.not.fit.inline.0001 "
         "video:9b2f0c1e-3d4a-4e5f-8a6b-7c8d9e0f1a2b-and-mor -> granted #c",
         "watch 00000000001111111111222222222233333333334444444444555555555566666666667777777777"
         "888888888899999999990000000000111111111122222222 v1 -> granted #d",
         "heartbeat user.with.a.long.id.that.does.not.fit.inline.0001 #b -> renewed",
         "list user.with.a.long.id.that.does.not.fit.inline.0001 -> #b #c",
         "list user.with.a.long.id.that.does.not.fit.inline.000 ->",
         "stop user.with.a.long.id.that.does.not.fit.inline.0001 #b -> stopped",
         "list user.with.a.long.id.that.fits.inline.39 -> #a",
         "list 00000000001111111111222222222233333333334444444444555555555566666666667777777777"
         "888888888899999999990000000000111111111122222222 -> #d"},
        "granted #a, granted #b, reused #b, granted #c, granted #d, renewed #b, stopped #b");

    addRule("users are independent", QByteArray(R"({"default_limit": 1})"),
            {"watch alice v1 -> granted #a", "watch bob v1 -> granted #b",
             "watch alice v2 -> rejected active #a", "watch bob v2 -> rejected active #b"},
            "granted #a, granted #b, rejected alice/v2, rejected bob/v2");
}

void tst_StreamLimiter::rules()
{
    QFETCH(QString, entryPoint);
    QFETCH(QByteArray, policy);
    QFETCH(QStringList, steps);
    QFETCH(QString, events);

    Scenario scenario(policyFrom(policy), entryPoint == u"key");
    scenario.run(steps);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(scenario.renderedEvents(), events);
}

void tst_StreamLimiter::eventsCarryTimeLimitAndLease()
{
    ManualClock clock(startMs);
    MemoryLeaseStore store;
    Policy policy;
    policy.defaultLimit = 1;
    policy.atLimit = AtLimitBehaviour::EvictOldest;
    policy.planLimits.insert(QStringLiteral("premium"), 2);
    StreamLimiter limiter(store, clock, policy);
    RecordingObserver observer;
    limiter.addObserver(&observer);

    const WatchResult first = limiter.watch(
        {QStringLiteral("alice"), QStringLiteral("v1"), QStringLiteral("tv"), QString()});
    QVERIFY(first.outcome == WatchResult::Outcome::Granted);
    QCOMPARE(first.limit, 1);
    QCOMPARE(first.activeCount, 1);
    clock.advanceMs(500);
    const WatchResult second = limiter.watch(
        {QStringLiteral("alice"), QStringLiteral("v2"), QString(), QStringLiteral("premium")});
    QVERIFY(second.outcome == WatchResult::Outcome::Granted);
    QCOMPARE(second.limit, 2);
    QCOMPARE(second.activeCount, 2);

    const QList<LimiterEvent> events = observer.events();
    QCOMPARE(events.size(), 2);
    const LimiterEvent &granted = events.at(0);
    QVERIFY(granted.type == LimiterEvent::Type::Granted);
    QCOMPARE(granted.atMs, startMs);
    QCOMPARE(granted.limit, 1);
    QCOMPARE(granted.lease, first.lease);
    QCOMPARE(granted.lease.userId, QStringLiteral("alice"));
    QCOMPARE(granted.lease.videoId, QStringLiteral("v1"));
    QCOMPARE(granted.lease.deviceId, QStringLiteral("tv"));
    QCOMPARE(granted.lease.startedAtMs, startMs);
    QCOMPARE(granted.lease.lastHeartbeatAtMs, startMs);
    QCOMPARE(granted.lease.expiresAtMs, startMs + 90'000);
    QCOMPARE(events.at(1).atMs, startMs + 500);
    QCOMPARE(events.at(1).limit, 2);

    clock.advanceMs(500);
    limiter.watch({QStringLiteral("alice"), QStringLiteral("v3"), QString(), QString()});
    const QList<LimiterEvent> after = observer.events();
    QCOMPARE(after.size(), 5);
    QVERIFY(after.at(2).type == LimiterEvent::Type::Evicted);
    QCOMPARE(after.at(2).lease.streamId, first.lease.streamId);
    QCOMPARE(after.at(2).atMs, startMs + 1000);
    QVERIFY(after.at(3).type == LimiterEvent::Type::Evicted);
    QCOMPARE(after.at(3).lease.streamId, second.lease.streamId);
    QVERIFY(after.at(4).type == LimiterEvent::Type::Granted);
}

void tst_StreamLimiter::expiryIsReportedExactlyOnce_data()
{
    QTest::addColumn<QString>("discoveredBy");
    for (const char *way : {"watch", "heartbeat", "stop", "list", "sweep"})
        QTest::newRow(way) << QString::fromLatin1(way);
}

void tst_StreamLimiter::expiryIsReportedExactlyOnce()
{
    QFETCH(QString, discoveredBy);

    ManualClock clock(startMs);
    MemoryLeaseStore store;
    StreamLimiter limiter(store, clock);
    RecordingObserver observer;
    limiter.addObserver(&observer);
    const QString alice = QStringLiteral("alice");
    const WatchResult granted = limiter.watch({alice, QStringLiteral("v1"), {}, {}});
    const QString id = granted.lease.streamId.toString();
    clock.advanceMs(200'000);

    // Whichever call finds the expired lease first reports it; every later call stays quiet.
    for (int round = 0; round < 2; ++round) {
        if (discoveredBy == u"watch")
            limiter.watch({alice, QStringLiteral("v2"), {}, {}});
        else if (discoveredBy == u"heartbeat")
            limiter.heartbeat(alice, id);
        else if (discoveredBy == u"stop")
            limiter.stop(alice, id);
        else if (discoveredBy == u"list")
            limiter.list(alice);
        else
            limiter.sweep();
    }
    limiter.sweep();
    limiter.list(alice);
    limiter.heartbeat(alice, id);

    int expiries = 0;
    for (const LimiterEvent &event : observer.events()) {
        if (event.type == LimiterEvent::Type::Expired) {
            ++expiries;
            QCOMPARE(event.lease.streamId, granted.lease.streamId);
            QCOMPARE(event.atMs, startMs + 90'000);
        }
    }
    QCOMPARE(expiries, 1);
}

void tst_StreamLimiter::removedObserverHearsNothing()
{
    ManualClock clock;
    MemoryLeaseStore store;
    StreamLimiter limiter(store, clock);
    RecordingObserver kept;
    RecordingObserver removed;
    limiter.addObserver(&kept);
    limiter.addObserver(&removed);
    limiter.watch({QStringLiteral("alice"), QStringLiteral("v1"), {}, {}});
    limiter.removeObserver(&removed);
    limiter.watch({QStringLiteral("alice"), QStringLiteral("v2"), {}, {}});
    QCOMPARE(kept.events().size(), 2);
    QCOMPARE(removed.events().size(), 1);
}

void tst_StreamLimiter::listReportsLimitForPlan()
{
    ManualClock clock;
    MemoryLeaseStore store;
    Policy policy;
    policy.planLimits.insert(QStringLiteral("basic"), 1);
    StreamLimiter limiter(store, clock, policy);
    QCOMPARE(limiter.list(QStringLiteral("alice")).limit, 3);
    QCOMPARE(limiter.list(QStringLiteral("alice"), QStringLiteral("basic")).limit, 1);
    QCOMPARE(limiter.policy(), policy);
}

void tst_StreamLimiter::asyncCallsMatchSyncCalls()
{
    ManualClock clock(startMs);
    MemoryLeaseStore store;
    StreamLimiter limiter(store, clock);
    RecordingObserver observer;
    limiter.addObserver(&observer);
    const QString alice = QStringLiteral("alice");

    std::optional<WatchResult> watched;
    limiter.watchAsync({alice, QStringLiteral("v1"), {}, {}},
                       [&](const WatchResult &result) { watched = result; });
    QVERIFY(watched.has_value());
    QVERIFY(watched->outcome == WatchResult::Outcome::Granted);
    const QString id = watched->lease.streamId.toString();

    std::optional<WatchResult> invalid;
    limiter.watchAsync({QStringLiteral("a b"), QStringLiteral("v1"), {}, {}},
                       [&](const WatchResult &result) { invalid = result; });
    QVERIFY(invalid.has_value());
    QVERIFY(invalid->outcome == WatchResult::Outcome::InvalidRequest);
    QCOMPARE(invalid->failure.field, QStringLiteral("user_id"));

    std::optional<HeartbeatResult> renewed;
    limiter.heartbeatAsync(alice, id, [&](const HeartbeatResult &result) { renewed = result; });
    QVERIFY(renewed.has_value());
    QVERIFY(renewed->outcome == HeartbeatResult::Outcome::Renewed);

    std::optional<ListResult> listed;
    limiter.listAsync(alice, {}, [&](const ListResult &result) { listed = result; });
    QVERIFY(listed.has_value());
    QCOMPARE(listed->active.size(), 1);
    QCOMPARE(listed->limit, 3);

    std::optional<StopResult> stopped;
    limiter.stopAsync(alice, id, [&](const StopResult &result) { stopped = result; });
    QVERIFY(stopped.has_value());
    QVERIFY(stopped->outcome == StopResult::Outcome::Stopped);

    std::optional<HeartbeatResult> unknown;
    limiter.heartbeatAsync(alice, id, [&](const HeartbeatResult &result) { unknown = result; });
    QVERIFY(unknown.has_value());
    QVERIFY(unknown->outcome == HeartbeatResult::Outcome::Unknown);

    QCOMPARE(observer.events().size(), 3); // granted, renewed, stopped
}

void tst_StreamLimiter::storedLeaseCountFollowsChanges()
{
    ManualClock clock;
    MemoryLeaseStore store;
    Policy policy;
    policy.defaultLimit = 2;
    policy.atLimit = AtLimitBehaviour::EvictOldest;
    StreamLimiter limiter(store, clock, policy);
    const QString alice = QStringLiteral("alice");
    QCOMPARE(store.storedLeaseCount(), 0);
    const WatchResult a = limiter.watch({alice, QStringLiteral("v1"), {}, {}});
    limiter.watch({alice, QStringLiteral("v2"), {}, {}});
    limiter.watch({QStringLiteral("bob"), QStringLiteral("v1"), {}, {}});
    QCOMPARE(store.storedLeaseCount(), 3);
    limiter.watch({alice, QStringLiteral("v3"), {}, {}}); // evicts one
    QCOMPARE(store.storedLeaseCount(), 3);
    limiter.stop(alice, a.lease.streamId.toString()); // already evicted: no change
    QCOMPARE(store.storedLeaseCount(), 3);
    clock.advanceMs(90'000);
    // Expired but not yet swept still occupy memory; the sweep frees them.
    QCOMPARE(store.storedLeaseCount(), 3);
    QCOMPARE(limiter.sweep(), 3);
    QCOMPARE(store.storedLeaseCount(), 0);
}

void tst_StreamLimiter::videoIdsAreKeptOnceAndForgottenWithTheirLastLease()
{
    // Every way a lease ends, moves or stays gives its video id back exactly when no other
    // lease holds it: grants, reuse, eviction, a stop in the middle of a user's leases, a user
    // moving to a bigger block, expiry and the sweep.
    ManualClock clock;
    MemoryLeaseStore store;
    Policy policy;
    policy.defaultLimit = 2;
    policy.atLimit = AtLimitBehaviour::EvictOldest;
    policy.userOverrides.insert(QStringLiteral("carol"), 6);
    StreamLimiter limiter(store, clock, policy);
    const QString alice = QStringLiteral("alice");
    const QString bob = QStringLiteral("bob");
    const QString carol = QStringLiteral("carol");
    const auto watch = [&](const QString &user, const char *video) {
        return limiter.watch({user, QString::fromLatin1(video), {}, {}});
    };

    watch(alice, "v1");
    watch(alice, "v2");
    const WatchResult bobsV1 = watch(bob, "v1");
    QCOMPARE(store.storedVideoCount(), std::size_t(2)); // v1 is kept once for both
    watch(alice, "v2");                                 // reused
    QCOMPARE(store.storedVideoCount(), std::size_t(2));
    const WatchResult evicting = watch(alice, "v3"); // evicts alice's v1; bob still holds it
    QCOMPARE(evicting.evicted.size(), 1);
    QCOMPARE(evicting.evicted.first().videoId, QStringLiteral("v1"));
    QCOMPARE(store.storedVideoCount(), std::size_t(3));
    limiter.stop(bob, bobsV1.lease.streamId.toString());
    QCOMPARE(store.storedVideoCount(), std::size_t(2)); // v2, v3

    QList<WatchResult> carols;
    for (const char *video : {"c1", "c2", "c3", "c4", "c5"}) // moves from 1 to 3 to 4 leases
        carols.append(watch(carol, video));
    QCOMPARE(store.storedVideoCount(), std::size_t(7));
    limiter.stop(carol, carols[2].lease.streamId.toString()); // the others move down
    QCOMPARE(store.storedVideoCount(), std::size_t(6));
    const ListResult listed = limiter.list(carol);
    QStringList videos;
    for (const Lease &lease : listed.active)
        videos.append(lease.videoId);
    QCOMPARE(videos, QStringList({QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c4"),
                                  QStringLiteral("c5")}));
    const HeartbeatResult renewed = limiter.heartbeat(carol, carols[3].lease.streamId.toString());
    QCOMPARE(renewed.lease.videoId, QStringLiteral("c4"));

    clock.advanceMs(90'000);
    QCOMPARE(limiter.sweep(), 6);
    QCOMPARE(store.storedVideoCount(), std::size_t(0));
    QCOMPARE(store.storedLeaseCount(), 0);
}

void tst_StreamLimiter::periodicSweeperReportsExpiries()
{
    ManualClock clock;
    MemoryLeaseStore store;
    StreamLimiter limiter(store, clock);
    RecordingObserver observer;
    limiter.addObserver(&observer);
    for (int i = 0; i < 5; ++i)
        limiter.watch({QStringLiteral("user-%1").arg(i), QStringLiteral("v1"), {}, {}});
    PeriodicSweeper sweeper(limiter, 1);
    QSignalSpy swept(&sweeper, &PeriodicSweeper::swept);
    clock.advanceMs(90'000);
    sweeper.start();
    QTRY_COMPARE(swept.size(), 1);
    sweeper.stop();
    QCOMPARE(swept.first().first().toInt(), 5);
    QCOMPARE(store.storedLeaseCount(), 0);
}

void tst_StreamLimiter::storeAnswersAnEmptyUserIdCalledDirectly()
{
    // The limiter never passes an empty id, but the store is a public interface: a direct caller
    // must get an answer and leave the store intact.
    MemoryLeaseStore store;
    AcquireRequest request{QString(), QStringLiteral("v1"),     QString(), 3,
                           90'000,    AtLimitBehaviour::Reject, startMs};
    QVERIFY(store.acquire(request).outcome == WatchResult::Outcome::InvalidRequest);
    const StreamId id = StreamId::generate();
    QVERIFY(store.renew(QString(), id, 90'000, startMs).outcome ==
            HeartbeatResult::Outcome::Unknown);
    QVERIFY(store.release(QString(), id, startMs).outcome == StopResult::Outcome::Unknown);
    QVERIFY(store.list(QString(), startMs).active.isEmpty());
    QCOMPARE(store.storedLeaseCount(), 0);
    request.userId = QStringLiteral("alice");
    QVERIFY(store.acquire(request).outcome == WatchResult::Outcome::Granted);
    QCOMPARE(store.list(QStringLiteral("alice"), startMs).active.size(), 1);
}

void tst_StreamLimiter::userKeyCallsReachStoresWithoutAFastPath()
{
    ManualClock clock(startMs);
    TextOnlyStore store;
    StreamLimiter limiter(store, clock);
    const std::optional<UserKey> alice = UserKey::fromString(QStringLiteral("alice"));
    QVERIFY(alice.has_value());

    const WatchResult granted = limiter.watch(*alice, QStringLiteral("v1"));
    QVERIFY(granted.outcome == WatchResult::Outcome::Granted);
    QCOMPARE(granted.lease.userId, QStringLiteral("alice"));
    clock.advanceMs(1000);
    const HeartbeatResult renewed = limiter.heartbeat(*alice, granted.lease.streamId);
    QVERIFY(renewed.outcome == HeartbeatResult::Outcome::Renewed);
    QCOMPARE(renewed.lease.expiresAtMs, startMs + 91'000);
    // The text entry points see what the key entry points made, and the reverse.
    QCOMPARE(limiter.list(QStringLiteral("alice")).active.size(), 1);
    QCOMPARE(limiter.list(*alice).active.size(), 1);
    QVERIFY(limiter.stop(*alice, granted.lease.streamId).outcome == StopResult::Outcome::Stopped);
    QVERIFY(limiter.list(*alice).active.isEmpty());
    QCOMPARE(store.users(), QStringList(6, QStringLiteral("alice")));

    // A null key never reaches the store.
    QVERIFY(limiter.heartbeat(UserKey(), granted.lease.streamId).outcome ==
            HeartbeatResult::Outcome::InvalidRequest);
    QCOMPARE(store.users().size(), 6);
}

void tst_StreamLimiter::prefetchHintsChangeNoDecision()
{
    // The same calls on two limiters, one of them given every hint before every call (for the
    // user called, for users that do not exist, for ids no call would accept): the outcomes and
    // what each user holds must be the same.
    ManualClock clock(startMs);
    MemoryLeaseStore plainStore;
    MemoryLeaseStore hintedStore;
    StreamLimiter plain(plainStore, clock);
    StreamLimiter hinted(hintedStore, clock);
    const QStringList oddIds = {QString(), QStringLiteral("a b"), QString(200, u'x'),
                                QStringLiteral("\u00e9l\u00e8ve"), QStringLiteral("nobody")};
    const auto hint = [&](const QString &user) {
        for (const QString &id : oddIds + QStringList{user}) {
            for (auto stage : {LeaseStore::PrefetchStage::Slot, LeaseStore::PrefetchStage::Entry,
                               LeaseStore::PrefetchStage::Leases}) {
                hinted.prefetch(id, stage);
            }
        }
    };
    std::mt19937 random(7);
    QHash<QString, QStringList> plainHeld;
    QHash<QString, QStringList> hintedHeld;
    for (int step = 0; step < 3000; ++step) {
        const QString user = QStringLiteral("user-%1").arg(random() % 40);
        const QString video = QStringLiteral("v%1").arg(random() % 6);
        hint(user);
        const quint32 dice = random() % 10;
        if (dice < 6 || plainHeld[user].isEmpty()) {
            const WatchResult a = plain.watch({user, video, {}, {}});
            const WatchResult b = hinted.watch({user, video, {}, {}});
            QCOMPARE(int(a.outcome), int(b.outcome));
            QCOMPARE(a.activeCount, b.activeCount);
            if (a.outcome == WatchResult::Outcome::Granted) {
                plainHeld[user].append(a.lease.streamId.toString());
                hintedHeld[user].append(b.lease.streamId.toString());
            }
        } else {
            const qsizetype which = qsizetype(random() % quint32(plainHeld[user].size()));
            if (dice < 9) {
                QCOMPARE(int(plain.heartbeat(user, plainHeld[user][which]).outcome),
                         int(hinted.heartbeat(user, hintedHeld[user][which]).outcome));
            } else {
                QCOMPARE(int(plain.stop(user, plainHeld[user].takeAt(which)).outcome),
                         int(hinted.stop(user, hintedHeld[user].takeAt(which)).outcome));
            }
        }
        if (step % 500 == 499)
            clock.advanceMs(60'000); // some leases expire between the rounds
        QCOMPARE(plain.list(user).active.size(), hinted.list(user).active.size());
    }
    QCOMPARE(hintedStore.storedLeaseCount(), plainStore.storedLeaseCount());
}

// MemoryLeaseStore narrows user ids eight characters at a time, the last chunk overlapping the
// one before: ids that differ in a single character, at any position and for lengths around the
// chunk size, must still be different users (each granted its own stream at limit 1).
void tst_StreamLimiter::usersDifferingInOneCharacterAreDistinct()
{
    ManualClock clock(startMs);
    MemoryLeaseStore store;
    Policy policy;
    policy.defaultLimit = 1;
    StreamLimiter limiter(store, clock, policy);
    for (int length : {1, 7, 8, 9, 15, 16, 17, 23, 36, 39, 40, 41, 127, 128}) {
        const QString base(length, u'a');
        QSet<QString> users{base};
        for (int at = 0; at < length; ++at) {
            QString user = base;
            user[at] = u'b';
            users.insert(user);
        }
        for (const QString &user : std::as_const(users)) {
            const WatchResult result = limiter.watch({user, QStringLiteral("v1"), {}, {}});
            QVERIFY2(result.outcome == WatchResult::Outcome::Granted, qPrintable(user));
            const ListResult listed = limiter.list(user);
            QCOMPARE(listed.active.size(), 1);
            QCOMPARE(listed.active.first().streamId, result.lease.streamId);
        }
        QCOMPARE(store.storedLeaseCount(), qint64(users.size()));
        for (const QString &user : std::as_const(users)) {
            const ListResult listed = limiter.list(user);
            QCOMPARE(listed.active.size(), 1);
            QVERIFY(limiter.stop(user, listed.active.first().streamId.toString()).outcome ==
                    StopResult::Outcome::Stopped);
        }
        QCOMPARE(store.storedLeaseCount(), 0);
    }
}

QTEST_GUILESS_MAIN(tst_StreamLimiter)
#include "tst_StreamLimiter.moc"
