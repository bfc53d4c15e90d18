#include "HttpTarget.h"

#include "HttpConnection.h"
#include "HttpResponseParser.h"
#include "Lease.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcSimulation)

namespace vs {

namespace {

constexpr int policyReadTimeoutMs = 5000;

qint64 parseTimeMs(const QJsonValue &value)
{
    if (value.isNull())
        return Lease::neverExpires;
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QString problemText(int status, const QJsonObject &problem)
{
    const QString detail = problem.value(QStringLiteral("detail")).toString();
    return detail.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                            : QStringLiteral("HTTP %1: %2").arg(status).arg(detail);
}

} // namespace

HttpTarget::HttpTarget(QUrl url, int connections, double timeoutS, QStringList userPlans)
    : m_url(std::move(url))
    , m_connectionCount(std::max(connections, 1))
    , m_timeoutUs(qint64(timeoutS * 1e6))
    , m_userPlans(std::move(userPlans))
{
    m_host = m_url.host();
    m_port = quint16(m_url.port(80));
    m_hostHeader = (m_url.host(QUrl::FullyEncoded).contains(u':')
                        ? u'[' + m_url.host(QUrl::FullyEncoded) + u']'
                        : m_url.host(QUrl::FullyEncoded))
                       .toLatin1() +
                   ':' + QByteArray::number(m_port);
    QByteArray prefix = m_url.path(QUrl::FullyEncoded).toLatin1();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    m_userPaths.reserve(std::size_t(m_userPlans.size()));
    m_planMembers.reserve(std::size_t(m_userPlans.size()));
    for (qsizetype i = 0; i < m_userPlans.size(); ++i) {
        m_userPaths.push_back(prefix + "/v1/users/" + userId(quint32(i)).toLatin1() + "/streams");
        const QString &plan = m_userPlans.at(i);
        m_planMembers.push_back(plan.isEmpty() ? QByteArray()
                                               : ",\"plan\":\"" + plan.toLatin1() + '"');
    }
    m_timeoutTimer.setParent(this);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &HttpTarget::checkTimeouts);
}

HttpTarget::~HttpTarget()
{
    close();
}

qint64 HttpTarget::nowUs() const
{
    return m_nowUs ? m_nowUs() : m_wall.nsecsElapsed() / 1000;
}

QString HttpTarget::open(qint64 startMs)
{
    Q_UNUSED(startMs);
    if (m_host.isEmpty())
        return QStringLiteral("target.url has no host");
    m_wall.start();
    readPolicy();
    for (int i = 0; i < m_connectionCount; ++i) {
        auto *connection = new HttpConnection(m_host, m_port, this);
        const std::size_t index = m_slots.size();
        connect(
            connection, &HttpConnection::answered, this,
            [this, index](int status, const QByteArray &body) { onAnswered(index, status, body); });
        connect(connection, &HttpConnection::failed, this,
                [this, index](const QString &error) { onFailed(index, error); });
        m_slots.push_back(Slot{connection, {}});
    }
    m_timeoutTimer.start(int(std::clamp<qint64>(m_timeoutUs / 10'000, 1, 50)));
    m_open = true;
    return {};
}

void HttpTarget::close()
{
    m_open = false;
    m_timeoutTimer.stop();
    for (Slot &slot : m_slots)
        delete slot.connection;
    m_slots.clear();
    m_queue.clear();
}

// The server's policy tells the invariant checker each user's limit. Read once, blocking (the
// run has not started); a server that does not answer leaves the limits to the 409s.
void HttpTarget::readPolicy()
{
    QTcpSocket socket;
    socket.connectToHost(m_host, m_port);
    const int waitMs = int(std::min<qint64>(policyReadTimeoutMs, m_timeoutUs / 1000));
    if (!socket.waitForConnected(waitMs)) {
        qCWarning(lcSimulation) << "cannot read the policy from" << m_url.toString() << ":"
                                << socket.errorString();
        return;
    }
    QByteArray prefix = m_url.path(QUrl::FullyEncoded).toLatin1();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    socket.write("GET " + prefix + "/v1/policy HTTP/1.1\r\nHost: " + m_hostHeader +
                 "\r\nConnection: close\r\n\r\n");
    HttpResponseParser parser;
    QElapsedTimer waited;
    waited.start();
    while (parser.state() == HttpResponseParser::State::Incomplete && waited.elapsed() < waitMs &&
           socket.waitForReadyRead(int(waitMs - waited.elapsed())))
        parser.feed(socket.readAll());
    if (parser.state() != HttpResponseParser::State::Complete || parser.status() != 200) {
        qCWarning(lcSimulation) << "cannot read the policy from" << m_url.toString() << "(status"
                                << parser.status() << parser.error() << ")";
        return;
    }
    const PolicyParseResult policy =
        Policy::fromJson(QJsonDocument::fromJson(parser.body()).object());
    if (!policy.ok()) {
        qCWarning(lcSimulation) << "the server's policy is not readable:" << policy.error;
        return;
    }
    m_policy = policy.policy;
}

int HttpTarget::limitFor(quint32 user) const
{
    const auto seen = m_limitsSeen.constFind(user);
    if (seen != m_limitsSeen.constEnd())
        return *seen;
    if (!m_policy || m_policy->atLimit == AtLimitBehaviour::EvictOldest)
        return 0;
    return m_policy->limitFor(userId(user), m_userPlans.at(qsizetype(user)));
}

QByteArray HttpTarget::buildRequest(const TargetCall &call, const QByteArray &streamId) const
{
    const QByteArray &path = m_userPaths[call.user];
    QByteArray request;
    request.reserve(256);
    switch (call.kind) {
    case TargetCall::Kind::Watch: {
        const QByteArray body = "{\"video_id\":\"" + videoId(call.video).toLatin1() + '"' +
                                m_planMembers[call.user] + '}';
        request += "POST " + path + " HTTP/1.1\r\nHost: " + m_hostHeader +
                   "\r\nContent-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        break;
    }
    case TargetCall::Kind::Heartbeat:
        request += "POST " + path + '/' + streamId +
                   "/heartbeat HTTP/1.1\r\nHost: " + m_hostHeader + "\r\nContent-Length: 0\r\n\r\n";
        break;
    case TargetCall::Kind::Stop:
        request +=
            "DELETE " + path + '/' + streamId + " HTTP/1.1\r\nHost: " + m_hostHeader + "\r\n\r\n";
        break;
    }
    return request;
}

void HttpTarget::send(const TargetCall &call)
{
    if (!m_open || call.user >= m_userPaths.size()) {
        deliverError(call, m_open ? QStringLiteral("no such simulated user")
                                  : QStringLiteral("the target is not open"));
        return;
    }
    QByteArray streamId;
    if (call.kind != TargetCall::Kind::Watch) {
        const auto known = m_streamIds.constFind(key(call.user, call.video));
        if (known == m_streamIds.constEnd()) {
            // Never granted, or already ended: the server would say 404 too.
            TargetReply reply;
            reply.call = call;
            reply.outcome = TargetReply::Outcome::Unknown;
            reply.latencyUs = std::max<qint64>(0, nowUs() - call.intendedAtUs);
            deliverLater(std::move(reply));
            return;
        }
        streamId = *known;
        if (call.kind == TargetCall::Kind::Stop)
            m_streamIds.erase(known);
    }
    m_queue.push_back(
        Pending{call, buildRequest(call, streamId), streamId, call.intendedAtUs + m_timeoutUs});
    dispatch();
}

void HttpTarget::forget(quint32 user, quint32 video)
{
    m_streamIds.remove(key(user, video));
}

qint64 HttpTarget::inFlight() const
{
    qint64 busy = 0;
    for (const Slot &slot : m_slots)
        busy += slot.connection->isBusy() ? 1 : 0;
    return busy + qint64(m_queue.size()) + m_immediate;
}

void HttpTarget::dispatch()
{
    for (std::size_t i = 0; i < m_slots.size() && !m_queue.empty(); ++i) {
        Slot &slot = m_slots[i];
        if (slot.connection->isBusy())
            continue;
        slot.pending = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_requestsSent;
        slot.connection->send(slot.pending.request);
    }
}

void HttpTarget::onAnswered(std::size_t slot, int status, const QByteArray &body)
{
    const Pending pending = std::move(m_slots[slot].pending);
    TargetReply reply = interpret(pending, status, body);
    reply.latencyUs = std::max<qint64>(0, nowUs() - pending.call.intendedAtUs);
    // The connection is free again: keep it busy before the engine reacts.
    dispatch();
    deliver(reply);
}

void HttpTarget::onFailed(std::size_t slot, const QString &error)
{
    const Pending pending = std::move(m_slots[slot].pending);
    dispatch();
    deliverError(pending.call, error);
}

void HttpTarget::checkTimeouts()
{
    const qint64 now = nowUs();
    std::vector<TargetCall> timedOut;
    for (Slot &slot : m_slots) {
        if (slot.connection->isBusy() && slot.pending.deadlineUs <= now) {
            slot.connection->abort();
            timedOut.push_back(slot.pending.call);
        }
    }
    // Queued in intended-time order, so the expired ones are at the front.
    while (!m_queue.empty() && m_queue.front().deadlineUs <= now) {
        timedOut.push_back(m_queue.front().call);
        m_queue.pop_front();
    }
    if (timedOut.empty())
        return;
    dispatch();
    for (const TargetCall &call : timedOut)
        deliverError(call, QStringLiteral("no answer within the timeout"));
}

void HttpTarget::deliverLater(TargetReply reply)
{
    // Never answer inside send(): the engine is in the middle of processing an event.
    ++m_immediate;
    QMetaObject::invokeMethod(
        this,
        [this, reply = std::move(reply)] {
            --m_immediate;
            if (m_open) // after close() the run has its report; late answers change nothing
                deliver(reply);
        },
        Qt::QueuedConnection);
}

void HttpTarget::deliverError(const TargetCall &call, const QString &error)
{
    TargetReply reply;
    reply.call = call;
    reply.outcome = TargetReply::Outcome::Error;
    reply.error = error;
    reply.latencyUs = std::max<qint64>(0, nowUs() - call.intendedAtUs);
    deliverLater(std::move(reply));
}

TargetReply HttpTarget::interpret(const Pending &pending, int status, const QByteArray &body)
{
    const TargetCall &call = pending.call;
    TargetReply reply;
    reply.call = call;
    reply.outcome = TargetReply::Outcome::Error;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const quint64 streamKey = key(call.user, call.video);
    switch (call.kind) {
    case TargetCall::Kind::Watch:
        if (status == 201 || status == 200) {
            const QByteArray streamId =
                json.value(QStringLiteral("stream_id")).toString().toLatin1();
            if (streamId.isEmpty()) {
                reply.error = QStringLiteral("HTTP %1 without a stream_id").arg(status);
                break;
            }
            reply.outcome =
                status == 201 ? TargetReply::Outcome::Granted : TargetReply::Outcome::Reused;
            reply.limit = limitFor(call.user);
            reply.expiresAtMs = parseTimeMs(json.value(QStringLiteral("expires_at")));
            // A new stream starts at the server's decision: the checker's "now" for this grant.
            reply.decidedAtMs = status == 201
                                    ? parseTimeMs(json.value(QStringLiteral("started_at")))
                                    : QDateTime::currentMSecsSinceEpoch();
            m_streamIds.insert(streamKey, streamId);
        } else if (status == 409) {
            reply.outcome = TargetReply::Outcome::Denied;
            reply.limit = json.value(QStringLiteral("limit")).toInt();
            reply.activeCount = int(json.value(QStringLiteral("active_streams")).toArray().size());
            reply.decidedAtMs = QDateTime::currentMSecsSinceEpoch();
            if (reply.limit > 0)
                m_limitsSeen.insert(call.user, reply.limit);
        } else {
            reply.error = problemText(status, json);
        }
        break;
    case TargetCall::Kind::Heartbeat:
        if (status == 200) {
            reply.outcome = TargetReply::Outcome::Renewed;
            reply.expiresAtMs = parseTimeMs(json.value(QStringLiteral("expires_at")));
        } else if (status == 404) {
            reply.outcome = TargetReply::Outcome::Unknown;
        } else if (status == 410) {
            reply.outcome = json.value(QStringLiteral("reason")).toString() == u"evicted"
                                ? TargetReply::Outcome::Evicted
                                : TargetReply::Outcome::Expired;
        } else {
            reply.error = problemText(status, json);
        }
        if (reply.outcome != TargetReply::Outcome::Renewed &&
            reply.outcome != TargetReply::Outcome::Error) {
            // Only this stream: the user may have been granted the video again meanwhile.
            const auto known = m_streamIds.constFind(streamKey);
            if (known != m_streamIds.constEnd() && *known == pending.streamId)
                m_streamIds.erase(known);
        }
        break;
    case TargetCall::Kind::Stop:
        if (status == 204)
            reply.outcome = TargetReply::Outcome::Stopped;
        else if (status == 404)
            reply.outcome = TargetReply::Outcome::Unknown;
        else
            reply.error = problemText(status, json);
        break;
    }
    if (reply.decidedAtMs == 0)
        reply.decidedAtMs = QDateTime::currentMSecsSinceEpoch();
    return reply;
}

} // namespace vs
