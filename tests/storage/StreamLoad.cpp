#include "StreamLoad.h"

#include "HttpConnection.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString text(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}

} // namespace

StreamLoad::StreamLoad(const QList<quint16> &ports, const QStringList &users, int limit,
                       int clients, QObject *parent)
    : QObject(parent)
    , m_users(users)
    , m_limit(limit)
{
    m_clients.resize(std::size_t(clients));
    for (int i = 0; i < clients; ++i)
        m_clients[std::size_t(i)].connection = new HttpConnection(ports.at(i % ports.size()), this);
}

StreamLoad::~StreamLoad() = default;

void StreamLoad::start(int maxRequestsPerClient)
{
    m_maxRequests = maxRequestsPerClient;
    m_stopping = false;
    for (int i = 0; i < int(m_clients.size()); ++i) {
        m_clients[std::size_t(i)].done = false;
        m_clients[std::size_t(i)].sent = 0;
        next(i);
    }
}

void StreamLoad::stop()
{
    m_stopping = true;
}

bool StreamLoad::isIdle() const
{
    for (const Client &client : m_clients) {
        if (!client.done)
            return false;
    }
    return true;
}

void StreamLoad::violation(const QString &message)
{
    if (m_violations.size() < 50) // enough to diagnose; the count is what fails the test
        m_violations.append(message);
    else if (m_violations.size() == 50)
        m_violations.append(QStringLiteral("..."));
}

void StreamLoad::next(int index)
{
    Client &client = m_clients[std::size_t(index)];
    if (m_stopping || (m_maxRequests > 0 && client.sent >= m_maxRequests)) {
        client.done = true;
        return;
    }
    ++client.sent;
    if (!client.heldStream.isEmpty())
        stopHeld(index);
    else
        watch(index);
}

bool StreamLoad::checkUnavailable(const QString &what, int status,
                                  const QHash<QByteArray, QByteArray> &headers,
                                  const QByteArray &body)
{
    if (status != 503)
        return false;
    if (!m_unavailableAllowed)
        violation(QStringLiteral("%1: 503 while the store is up: %2").arg(what, text(body)));
    else if (headers.value("content-type") != "application/problem+json" ||
             headers.value("retry-after").toInt() <= 0 || !body.contains("store-unavailable"))
        violation(QStringLiteral("%1: 503 without problem+json and Retry-After: %2")
                      .arg(what, text(body)));
    return true;
}

void StreamLoad::watch(int index)
{
    const QString user = m_users.at(int(m_random() % quint32(m_users.size())));
    const QByteArray video =
        "c" + QByteArray::number(index) + "n" + QByteArray::number(m_videoCounter++);
    // What the user holds for certain from now until the answer, unless a stop is sent.
    const QSet<QByteArray> heldBefore = m_surelyHeld.value(user);
    const QString what = QStringLiteral("POST %1 %2").arg(user, text(video));
    m_clients[std::size_t(index)].connection->send(
        "POST", "/v1/users/" + user.toLatin1() + "/streams", R"({"video_id":")" + video + R"("})",
        [this, index, user, video, heldBefore, what](const HttpConnection::Response &response) {
            ++m_answered;
            ++m_statusCounts[response.status];
            const QJsonObject body = QJsonDocument::fromJson(response.body).object();
            if (response.status == 201) {
                const QByteArray id = body.value(QLatin1String("stream_id")).toString().toLatin1();
                if (id.isEmpty() ||
                    body.value(QLatin1String("video_id")).toString() != QLatin1String(video))
                    violation(QStringLiteral("%1: bad 201 body %2").arg(what, text(response.body)));
                if (m_grantedIds.contains(id))
                    violation(QStringLiteral("%1: stream %2 granted twice").arg(what, text(id)));
                m_grantedIds.insert(id);
                QSet<QByteArray> stillHeld = heldBefore;
                stillHeld.intersect(m_surelyHeld.value(user));
                if (stillHeld.size() + 1 > m_limit)
                    violation(QStringLiteral("%1: granted while the user held %2 streams for "
                                             "certain (limit %3)")
                                  .arg(what)
                                  .arg(stillHeld.size())
                                  .arg(m_limit));
                m_surelyHeld[user].insert(id);
                m_expected[user].insert(id);
                Client &client = m_clients[std::size_t(index)];
                client.heldUser = user;
                client.heldStream = id;
                client.stopWasAmbiguous = false;
            } else if (response.status == 409) {
                if (body.value(QLatin1String("limit")).toInt() != m_limit)
                    violation(QStringLiteral("%1: 409 with the wrong limit: %2")
                                  .arg(what, text(response.body)));
            } else if (checkUnavailable(what, response.status, response.headers, response.body)) {
                m_ambiguous[user].insert(video);
            } else {
                violation(QStringLiteral("%1: unexpected answer %2 %3 %4")
                              .arg(what)
                              .arg(response.status)
                              .arg(response.error, text(response.body)));
            }
            next(index);
        });
}

void StreamLoad::stopHeld(int index)
{
    Client &client = m_clients[std::size_t(index)];
    const QString user = client.heldUser;
    const QByteArray id = client.heldStream;
    m_surelyHeld[user].remove(id); // it may end any time from now on
    const QString what = QStringLiteral("DELETE %1 %2").arg(user, text(id));
    client.connection->send(
        "DELETE", "/v1/users/" + user.toLatin1() + "/streams/" + id, {},
        [this, index, user, id, what](const HttpConnection::Response &response) {
            ++m_answered;
            ++m_statusCounts[response.status];
            Client &owner = m_clients[std::size_t(index)];
            if (response.status == 204 || (response.status == 404 && owner.stopWasAmbiguous)) {
                m_expected[user].remove(id);
                owner.heldStream.clear();
            } else if (checkUnavailable(what, response.status, response.headers, response.body)) {
                owner.stopWasAmbiguous = true; // try again; it may be gone already
            } else {
                violation(QStringLiteral("%1: unexpected answer %2 %3 %4")
                              .arg(what)
                              .arg(response.status)
                              .arg(response.error, text(response.body)));
                owner.heldStream.clear();
            }
            next(index);
        });
}
