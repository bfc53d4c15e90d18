#pragma once

#include "Target.h"

#include "Policy.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>
#include <optional>
#include <vector>

namespace vs {

class HttpConnection;

// A VideoStreams endpoint over its /v1 API (docs/API.md), in real time: keep-alive HTTP/1.1 on
// a fixed number of connections of its own (QNetworkAccessManager would open at most 6 per
// host), one request per connection at a time, later requests queued in order.
//
// Latency runs from the call's intended send time, not from when a connection became free, so
// a slow server's queueing shows in the tail (no coordinated omission). A request that has no
// answer `timeout` after its intended time, a refused connection, a 5xx or an unexpected answer
// is an Error.
//
// The limit reported with each grant (for the invariant checker) comes from the policy read
// with GET /v1/policy when the target opens, refined by the `limit` of every 409. Under
// evict_oldest a 201 does not say which streams it ended, so grants are not checked then.
//
// Lives on the thread that calls open(); answers arrive from that thread's event loop.
class HttpTarget final : public QObject, public Target
{
    Q_OBJECT

public:
    // `userPlans[i]` is user i's plan (empty: none), sent with each watch.
    HttpTarget(QUrl url, int connections, double timeoutS, QStringList userPlans);
    ~HttpTarget() override;

    // Where "now" is, in the engine's simulated µs (real time: since the start). Defaults to
    // the wall time since open().
    void setTimeSource(std::function<qint64()> nowUs) { m_nowUs = std::move(nowUs); }

    bool isSynchronous() const override { return false; }
    bool supportsVirtualTime() const override { return false; }
    QString open(qint64 startMs) override;
    void close() override;
    void send(const TargetCall &call) override;
    void forget(quint32 user, quint32 video) override;
    qint64 inFlight() const override;

    // The policy read at open(), if the server answered.
    std::optional<Policy> serverPolicy() const { return m_policy; }
    qint64 requestsSent() const { return m_requestsSent; }

private:
    struct Pending
    {
        TargetCall call;
        QByteArray request;
        QByteArray streamId; // heartbeat and stop
        qint64 deadlineUs = 0;
    };
    struct Slot
    {
        HttpConnection *connection = nullptr;
        Pending pending; // valid while the connection is busy
    };

    static quint64 key(quint32 user, quint32 video) { return (quint64(user) << 32) | video; }
    qint64 nowUs() const;
    QByteArray buildRequest(const TargetCall &call, const QByteArray &streamId) const;
    void readPolicy();
    void dispatch();
    void onAnswered(std::size_t slot, int status, const QByteArray &body);
    void onFailed(std::size_t slot, const QString &error);
    void checkTimeouts();
    void deliverLater(TargetReply reply);
    void deliverError(const TargetCall &call, const QString &error);
    TargetReply interpret(const Pending &pending, int status, const QByteArray &body);
    int limitFor(quint32 user) const;

    QUrl m_url;
    QString m_host;
    quint16 m_port = 0;
    QByteArray m_hostHeader;
    int m_connectionCount = 1;
    qint64 m_timeoutUs = 0;
    QStringList m_userPlans;
    std::vector<QByteArray> m_userPaths;   // "/v1/users/u<i>/streams"
    std::vector<QByteArray> m_planMembers; // ",\"plan\":\"basic\"" or empty
    std::optional<Policy> m_policy;
    QHash<quint32, int> m_limitsSeen; // per user, from 409 answers

    std::function<qint64()> m_nowUs;
    QElapsedTimer m_wall;
    std::vector<Slot> m_slots;
    std::deque<Pending> m_queue;            // waiting for a free connection, in intended-time order
    QHash<quint64, QByteArray> m_streamIds; // (user, video) -> the server's stream id
    QTimer m_timeoutTimer;
    qint64 m_requestsSent = 0;
    qint64 m_immediate = 0; // answers decided without the server, not yet delivered
    bool m_open = false;
};

} // namespace vs
