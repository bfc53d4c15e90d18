#include "SimulationRun.h"

#include "Lease.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

// Debug lines (one per target error) are off unless QT_LOGGING_RULES turns them on: an
// overloaded server would otherwise flood stderr.
Q_LOGGING_CATEGORY(lcSimulation, "vs.sim", QtInfoMsg)

namespace vs {

namespace {

constexpr double usPerS = 1e6;
// Plans come from their own random stream so adding a plan does not shift every other draw.
constexpr quint64 planSeedSalt = 0x706c616e735f6d69ULL;

qint64 secondsToUs(double seconds)
{
    return qint64(std::llround(seconds * usPerS));
}

} // namespace

SimulationRun::SimulationRun(const Scenario &scenario, Target &target)
    : m_scenario(scenario)
    , m_target(target)
    , m_random(scenario.seed)
    , m_checker(scenario.users)
    , m_durationUs(secondsToUs(scenario.durationS))
    , m_heartbeatUs(std::max<qint64>(1, secondsToUs(scenario.heartbeatS)))
    , m_baseRatePerS(double(scenario.users) * scenario.arrivalsPerUserPerHour / 3600.0)
    , m_userRecords(std::size_t(scenario.users))
    , m_usersByCount(histogramBuckets, 0)
{
    if (scenario.catalog == Scenario::CatalogDistribution::Zipf)
        m_zipf.emplace(quint32(scenario.videos), scenario.zipfS);
    m_lognormalMu = std::log(scenario.watchMeanS) - scenario.watchSigma * scenario.watchSigma / 2.0;
    m_usersByCount[0] = scenario.users;
    m_target.setListener(this);
}

SimulationRun::~SimulationRun()
{
    m_target.setListener(nullptr);
}

QStringList SimulationRun::assignPlans(const Scenario &scenario)
{
    QStringList plans;
    plans.reserve(scenario.users);
    if (scenario.planMix.empty()) {
        for (int i = 0; i < scenario.users; ++i)
            plans.append(QString());
        return plans;
    }
    RandomGenerator random(scenario.seed ^ planSeedSalt);
    for (int i = 0; i < scenario.users; ++i) {
        const double draw = random.uniform();
        double cumulative = 0;
        const QString *chosen = &scenario.planMix.back().first;
        for (const auto &[plan, fraction] : scenario.planMix) {
            cumulative += fraction;
            if (draw < cumulative) {
                chosen = &plan;
                break;
            }
        }
        plans.append(*chosen);
    }
    return plans;
}

QString SimulationRun::begin(qint64 targetStartMs)
{
    m_targetStartMs = targetStartMs;
    const QString error = m_target.open(targetStartMs);
    if (!error.isEmpty())
        return error;
    m_target.advanceTo(0);
    scheduleNextArrival();
    return {};
}

qint64 SimulationRun::targetNowMs() const
{
    return m_targetStartMs + m_nowUs / 1000;
}

qint64 SimulationRun::toSimulatedUs(qint64 targetMs) const
{
    if (targetMs == Lease::neverExpires || targetMs <= 0)
        return EventQueue::never;
    return (targetMs - m_targetStartMs) * 1000;
}

void SimulationRun::runToEnd()
{
    runUntil(m_durationUs);
    finish();
}

qint64 SimulationRun::runUntil(qint64 untilUs, qint64 maxEvents)
{
    const qint64 limitUs = std::min(untilUs, m_durationUs);
    qint64 processed = 0;
    while (processed < maxEvents) {
        const qint64 nextUs = m_queue.nextTimeUs();
        if (nextUs >= limitUs)
            break;
        prefetchAhead();
        const SimulationEvent event = m_queue.pop();
        if (event.atUs > m_nowUs) {
            advanceClock(event.atUs);
            m_target.advanceTo(event.atUs);
        }
        process(event);
        ++processed;
    }
    m_events += processed;
    if (processed < maxEvents && limitUs > m_nowUs) {
        advanceClock(limitUs);
        m_target.advanceTo(limitUs);
    }
    return processed;
}

void SimulationRun::prefetchAhead() const
{
    // Heartbeats are 95% of the events and each touches a random stream and user, so nearly
    // every one used to wait for memory. Their order is known well ahead (the periodic queue),
    // so this warms the caches in two steps: first the stream record of a heartbeat far ahead,
    // then, for one nearer (whose record has arrived by now), what its user's reply will touch.
    constexpr std::size_t recordDistance = 16;
    constexpr std::size_t userDistance = 8;
    if (const SimulationEvent *far = m_queue.periodicAhead(recordDistance)) {
        if (far->subject < m_records.size())
            __builtin_prefetch(&m_records[far->subject]);
    }
    if (const SimulationEvent *near = m_queue.periodicAhead(userDistance)) {
        if (near->subject < m_records.size()) {
            const quint32 user = m_records[near->subject].user;
            m_checker.prefetch(user);
            m_target.prefetch(user);
        }
    }
}

void SimulationRun::advanceClock(qint64 toUs)
{
    while (m_nextSecondUs <= toUs) {
        closeSecond(m_nextSecondUs);
        m_nextSecondUs += 1'000'000;
    }
    const double span = double(toUs - m_lastIntegratedUs);
    m_activeArea += double(m_active) * span;
    m_watchingArea += double(m_watching) * span;
    m_lastIntegratedUs = toUs;
    m_nowUs = toUs;
}

void SimulationRun::closeSecond(qint64 secondEndUs)
{
    const double span = double(secondEndUs - m_lastIntegratedUs);
    m_activeArea += double(m_active) * span;
    m_watchingArea += double(m_watching) * span;
    m_lastIntegratedUs = secondEndUs;

    SeriesPoint point;
    point.second = (secondEndUs + 999'999) / 1'000'000;
    point.activeStreams = m_active;
    point.viewersWatching = m_watching;
    point.counters = m_second;
    point.latency = m_latencySecond.summary();
    m_series.append(point);

    m_total += m_second;
    m_second = SimulationCounters();
    m_latencyTotal.merge(m_latencySecond);
    m_latencySecond.clear();
}

void SimulationRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    const qint64 endUs = std::min(m_nowUs, m_durationUs);
    advanceClock(endUs);
    // A last, partial second when the run ended between whole seconds.
    if (endUs > m_nextSecondUs - 1'000'000)
        closeSecond(endUs);
    m_target.close();
}

void SimulationRun::process(const SimulationEvent &event)
{
    switch (event.kind) {
    case SimulationEvent::Arrival:
        scheduleNextArrival();
        sendWatch(m_random.below(quint32(m_scenario.users)), drawVideo(), 1);
        break;
    case SimulationEvent::Retry:
        sendWatch(event.subject, event.detail, event.attempt);
        break;
    case SimulationEvent::Heartbeat:
        onHeartbeatDue(event);
        break;
    case SimulationEvent::ViewerEnd:
        onViewerEnd(event);
        break;
    case SimulationEvent::Expiry:
        onExpiryDue(event);
        break;
    }
}

void SimulationRun::scheduleNextArrival()
{
    const qint64 atUs = nextArrivalUs(m_nowUs);
    if (atUs >= m_durationUs)
        return;
    SimulationEvent event;
    event.atUs = atUs;
    event.kind = SimulationEvent::Arrival;
    m_queue.push(event);
}

qint64 SimulationRun::nextArrivalUs(qint64 fromUs)
{
    if (m_baseRatePerS <= 0)
        return EventQueue::never;
    // Inverts the integrated, piecewise-constant rate: exact for stages, no thinning needed.
    double t = double(fromUs) / usPerS;
    double remaining = m_random.exponential(1.0);
    const double endS = m_scenario.durationS;
    for (const Scenario::ArrivalStage &stage : m_scenario.stages) {
        if (t >= stage.untilS)
            continue;
        const double rate = m_baseRatePerS * stage.multiplier;
        const double span = stage.untilS - t;
        if (rate > 0 && rate * span >= remaining)
            return std::max(fromUs, secondsToUs(t + remaining / rate));
        remaining -= rate * span;
        t = stage.untilS;
        if (t >= endS)
            return EventQueue::never;
    }
    return std::max(fromUs, secondsToUs(t + remaining / m_baseRatePerS));
}

quint32 SimulationRun::drawVideo()
{
    if (m_zipf)
        return m_zipf->sample(m_random) - 1;
    return m_random.below(quint32(m_scenario.videos));
}

qint64 SimulationRun::drawWatchUs()
{
    double seconds = m_scenario.watchMeanS;
    switch (m_scenario.watch) {
    case Scenario::WatchDistribution::Exponential:
        seconds = m_random.exponential(m_scenario.watchMeanS);
        break;
    case Scenario::WatchDistribution::Lognormal:
        seconds = std::exp(m_lognormalMu + m_scenario.watchSigma * m_random.normal());
        break;
    case Scenario::WatchDistribution::Fixed:
        break;
    }
    return std::max<qint64>(1, secondsToUs(seconds));
}

void SimulationRun::sendWatch(quint32 user, quint32 video, int attempt)
{
    ++m_second.attempts;
    ++m_second.requests;
    TargetCall call;
    call.kind = TargetCall::Kind::Watch;
    call.user = user;
    call.video = video;
    call.tag = quint64(attempt);
    call.intendedAtUs = m_nowUs;
    m_target.send(call);
}

void SimulationRun::onReply(const TargetReply &reply)
{
    if (m_realNowUs && !m_target.isSynchronous()) {
        // Events that fell due while waiting for this answer come first.
        runUntil(m_realNowUs());
    }
    m_latencySecond.add(reply.latencyUs);
    m_checker.onReply(reply, targetNowMs());
    switch (reply.call.kind) {
    case TargetCall::Kind::Watch:
        onWatchReply(reply);
        break;
    case TargetCall::Kind::Heartbeat:
        onHeartbeatReply(reply);
        break;
    case TargetCall::Kind::Stop:
        if (reply.outcome == TargetReply::Outcome::Stopped)
            ++m_second.stops;
        else if (reply.outcome == TargetReply::Outcome::Error)
            ++m_second.errors;
        break;
    }
    if (reply.outcome == TargetReply::Outcome::Error && !reply.error.isEmpty())
        qCDebug(lcSimulation) << "target error:" << reply.error;
}

void SimulationRun::onWatchReply(const TargetReply &reply)
{
    const quint32 user = reply.call.user;
    const quint32 video = reply.call.video;
    switch (reply.outcome) {
    case TargetReply::Outcome::Granted:
    case TargetReply::Outcome::Reused: {
        if (reply.outcome == TargetReply::Outcome::Granted)
            ++m_second.grants;
        else
            ++m_second.reuses;
        for (quint32 evictedVideo : reply.evictedVideos) {
            ++m_second.evictions;
            const quint32 evicted = findRecord(user, evictedVideo);
            if (evicted != noRecord)
                endStream(evicted);
        }
        quint32 index = findRecord(user, video);
        if (index == noRecord)
            index = createRecord(user, video);
        m_records[index].stream = reply.stream;
        addViewer(index);
        applyExpiry(index, reply.expiresAtMs);
        break;
    }
    case TargetReply::Outcome::Denied: {
        ++m_second.denials;
        const int attempt = int(reply.call.tag);
        if (attempt < m_scenario.retryMaxAttempts) {
            SimulationEvent retry;
            retry.kind = SimulationEvent::Retry;
            retry.atUs = std::max(m_nowUs, reply.call.intendedAtUs) +
                         secondsToUs(m_scenario.retryBackoffS * std::ldexp(1.0, attempt - 1));
            retry.subject = user;
            retry.detail = video;
            retry.attempt = quint16(attempt + 1);
            if (retry.atUs < m_durationUs)
                m_queue.push(retry);
        }
        break;
    }
    default:
        ++m_second.errors;
        break;
    }
}

void SimulationRun::onHeartbeatDue(const SimulationEvent &event)
{
    StreamRecord *record = liveRecord(event.subject, event.generation);
    if (!record || record->orphan || record->heartbeatGeneration != event.detail)
        return;
    // The next beat is scheduled before this one is answered: the chain ends by generation.
    SimulationEvent next = event;
    next.atUs = m_nowUs + m_heartbeatUs;
    record->nextHeartbeatUs = next.atUs;
    if (next.atUs < m_durationUs)
        m_queue.pushPeriodic(next);

    ++m_second.heartbeats;
    ++m_second.requests;
    TargetCall call;
    call.kind = TargetCall::Kind::Heartbeat;
    call.user = record->user;
    call.video = record->video;
    call.tag = (quint64(event.generation) << 32) | event.subject;
    call.intendedAtUs = m_nowUs;
    call.stream = record->stream;
    m_target.send(call);
}

void SimulationRun::onHeartbeatReply(const TargetReply &reply)
{
    const auto index = quint32(reply.call.tag & 0xffffffffu);
    const auto generation = quint32(reply.call.tag >> 32);
    StreamRecord *record = liveRecord(index, generation);
    switch (reply.outcome) {
    case TargetReply::Outcome::Renewed:
        if (record)
            applyExpiry(index, reply.expiresAtMs);
        return;
    case TargetReply::Outcome::Expired:
        if (record)
            ++m_second.expiries;
        break;
    case TargetReply::Outcome::Evicted:
        if (record)
            ++m_second.evictions;
        break;
    case TargetReply::Outcome::Unknown:
        // Ended by someone else (an administrator's stop): the viewers learn it now.
        if (record)
            ++m_second.stops;
        break;
    default:
        ++m_second.errors;
        return;
    }
    if (record)
        endStream(index);
}

void SimulationRun::onViewerEnd(const SimulationEvent &event)
{
    StreamRecord *record = liveRecord(event.subject, event.generation);
    if (!record || record->viewers == 0)
        return;
    --record->viewers;
    --m_watching;
    if (record->viewers > 0)
        return;
    if (event.flag != 0) {
        // The last viewer vanished: no stop, no more heartbeats; the lease runs out by itself.
        record->orphan = true;
        ++record->heartbeatGeneration;
        m_target.forget(record->user, record->video);
        if (record->expiresAtUs != EventQueue::never) {
            SimulationEvent expiry;
            expiry.kind = SimulationEvent::Expiry;
            expiry.atUs = std::max(m_nowUs, record->expiresAtUs);
            expiry.subject = event.subject;
            expiry.generation = record->generation;
            m_queue.push(expiry);
        }
        return;
    }
    const quint32 user = record->user;
    const quint32 video = record->video;
    const StreamId stream = record->stream;
    freeRecord(event.subject);
    ++m_second.requests;
    m_checker.onStopSent(user, video);
    TargetCall call;
    call.kind = TargetCall::Kind::Stop;
    call.user = user;
    call.video = video;
    call.intendedAtUs = m_nowUs;
    call.stream = stream;
    m_target.send(call);
}

void SimulationRun::onExpiryDue(const SimulationEvent &event)
{
    StreamRecord *record = liveRecord(event.subject, event.generation);
    if (!record || record->expiresAtUs > m_nowUs)
        return; // renewed (or reused) since
    ++m_second.expiries;
    m_target.forget(record->user, record->video);
    endStream(event.subject);
}

SimulationRun::StreamRecord *SimulationRun::liveRecord(quint32 index, quint32 generation)
{
    if (index >= m_records.size())
        return nullptr;
    StreamRecord &record = m_records[index];
    return record.inUse && record.generation == generation ? &record : nullptr;
}

quint32 SimulationRun::findRecord(quint32 user, quint32 video) const
{
    for (quint32 index : m_userRecords[user]) {
        if (m_records[index].video == video)
            return index;
    }
    return noRecord;
}

quint32 SimulationRun::createRecord(quint32 user, quint32 video)
{
    quint32 index;
    if (!m_freeRecords.empty()) {
        index = m_freeRecords.back();
        m_freeRecords.pop_back();
    } else {
        index = quint32(m_records.size());
        m_records.emplace_back();
    }
    StreamRecord &record = m_records[index];
    record.user = user;
    record.video = video;
    record.viewers = 0;
    record.inUse = true;
    record.orphan = false;
    record.expiresAtUs = EventQueue::never;
    record.nextHeartbeatUs = EventQueue::never;
    record.stream = StreamId();
    auto &owned = m_userRecords[user];
    owned.push_back(index);
    moveUserBucket(int(owned.size()) - 1, int(owned.size()));
    ++m_active;
    m_peakActive = std::max(m_peakActive, m_active);
    return index;
}

void SimulationRun::freeRecord(quint32 index)
{
    StreamRecord &record = m_records[index];
    auto &owned = m_userRecords[record.user];
    const auto it = std::find(owned.begin(), owned.end(), index);
    if (it != owned.end()) {
        *it = owned.back();
        owned.pop_back();
        moveUserBucket(int(owned.size()) + 1, int(owned.size()));
    }
    m_watching -= record.viewers;
    record.viewers = 0;
    record.inUse = false;
    ++record.generation;
    ++record.heartbeatGeneration;
    m_freeRecords.push_back(index);
    --m_active;
}

void SimulationRun::endStream(quint32 index)
{
    freeRecord(index);
}

void SimulationRun::moveUserBucket(int fromCount, int toCount)
{
    const int last = histogramBuckets - 1;
    --m_usersByCount[std::size_t(std::min(fromCount, last))];
    ++m_usersByCount[std::size_t(std::min(toCount, last))];
}

void SimulationRun::addViewer(quint32 index)
{
    StreamRecord &record = m_records[index];
    if (record.viewers == 0) {
        // A new stream, or an abandoned one taken over by a reuse: (re)start its heartbeats.
        record.orphan = false;
        ++record.heartbeatGeneration;
        SimulationEvent beat;
        beat.kind = SimulationEvent::Heartbeat;
        beat.atUs = m_nowUs + m_heartbeatUs;
        beat.subject = index;
        beat.generation = record.generation;
        beat.detail = record.heartbeatGeneration;
        record.nextHeartbeatUs = beat.atUs;
        if (beat.atUs < m_durationUs)
            m_queue.pushPeriodic(beat);
    }
    ++record.viewers;
    ++m_watching;
    SimulationEvent end;
    end.kind = SimulationEvent::ViewerEnd;
    end.atUs = m_nowUs + drawWatchUs();
    end.subject = index;
    end.generation = record.generation;
    end.flag =
        m_scenario.abandonProbability > 0 && m_random.uniform() < m_scenario.abandonProbability ? 1
                                                                                                : 0;
    if (end.atUs < m_durationUs)
        m_queue.push(end);
}

void SimulationRun::applyExpiry(quint32 index, qint64 expiresAtMs)
{
    StreamRecord &record = m_records[index];
    record.expiresAtUs = toSimulatedUs(expiresAtMs);
    if (record.expiresAtUs == EventQueue::never || record.expiresAtUs >= m_durationUs)
        return;
    // Heartbeats slower than the TTL: the lease runs out before the next beat renews it.
    if (record.orphan || record.nextHeartbeatUs >= record.expiresAtUs) {
        SimulationEvent expiry;
        expiry.kind = SimulationEvent::Expiry;
        expiry.atUs = std::max(m_nowUs, record.expiresAtUs);
        expiry.subject = index;
        expiry.generation = record.generation;
        m_queue.push(expiry);
    }
}

SimulationSnapshot SimulationRun::snapshot(SimulationSnapshot::State state) const
{
    SimulationSnapshot s;
    s.state = state;
    s.simulatedS = double(m_nowUs) / usPerS;
    s.durationS = m_scenario.durationS;
    s.events = m_events;
    s.inFlight = m_target.inFlight();
    s.activeStreams = m_active;
    s.viewersWatching = m_watching;
    s.capacity = m_target.capacity();
    s.limitViolations = m_checker.violations();
    s.totals = m_total;
    s.totals += m_second;
    LatencyHistogram latency = m_latencyTotal;
    latency.merge(m_latencySecond);
    s.latency = latency.summary();
    s.usersByActiveCount = m_usersByCount;
    s.series = m_series.snapshot();
    return s;
}

SimulationReport SimulationRun::report() const
{
    SimulationReport r;
    r.scenario = m_scenario;
    r.completed = m_nowUs >= m_durationUs;
    r.simulatedS = double(m_nowUs) / usPerS;
    r.events = m_events;
    r.totals = m_total;
    r.totals += m_second;
    r.denialRatio =
        r.totals.attempts > 0 ? double(r.totals.denials) / double(r.totals.attempts) : 0;
    r.errorRatio = r.totals.requests > 0 ? double(r.totals.errors) / double(r.totals.requests) : 0;
    r.peakActive = m_peakActive;
    const double elapsed = double(m_lastIntegratedUs);
    r.meanActive = elapsed > 0 ? m_activeArea / elapsed : 0;
    r.meanWatching = elapsed > 0 ? m_watchingArea / elapsed : 0;
    r.limitViolations = m_checker.violations();
    LatencyHistogram latency = m_latencyTotal;
    latency.merge(m_latencySecond);
    r.latency = latency.summary();
    r.usersByActiveCount = m_usersByCount;
    r.series = m_series.snapshot();
    r.evaluateThresholds();
    return r;
}

} // namespace vs
