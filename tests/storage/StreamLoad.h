#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <random>
#include <vector>

class HttpConnection;

// Many concurrent HTTP clients hammering the same few users with watch and stop, spread over
// several servers, checking every answer as it arrives:
// - a 201 never takes a user over the limit: the streams the user held for certain during the
//   whole request (granted before it was sent, not yet asked to stop when it was answered), plus
//   the new one, are at most the limit;
// - a stream id is never granted twice; 409s carry the limit; 503s are problem+json with
//   Retry-After (only when allowed, i.e. while the store is down);
// - stops answer 204 (404 only after an unanswered stop of that stream).
// At the end, expected(user) is exactly what the store must list: streams granted minus streams
// stopped, plus possibly the outcome of requests that got no definite answer (ambiguous*()).
class StreamLoad : public QObject
{
    Q_OBJECT

public:
    StreamLoad(const QList<quint16> &ports, const QStringList &users, int limit, int clients,
               QObject *parent = nullptr);
    ~StreamLoad() override;

    // Each client sends at most maxRequestsPerClient requests (0: until stop()).
    void start(int maxRequestsPerClient);
    // Clients finish their current request and send no more.
    void stop();
    bool isIdle() const;

    void setUnavailableAllowed(bool allowed) { m_unavailableAllowed = allowed; }
    int count(int status) const { return m_statusCounts.value(status); }
    int answered() const { return m_answered; }
    const QStringList &violations() const { return m_violations; }
    QSet<QByteArray> expected(const QString &user) const { return m_expected.value(user); }
    // Videos whose watch got no definite answer (503): they may hold a stream.
    QSet<QByteArray> ambiguousVideos(const QString &user) const { return m_ambiguous.value(user); }

private:
    struct Client
    {
        HttpConnection *connection = nullptr;
        int sent = 0;
        QString heldUser;
        QByteArray heldStream;
        bool stopWasAmbiguous = false;
        bool done = false;
    };

    void next(int index);
    void watch(int index);
    void stopHeld(int index);
    bool checkUnavailable(const QString &what, int status,
                          const QHash<QByteArray, QByteArray> &headers, const QByteArray &body);
    void violation(const QString &message);

    const QStringList m_users;
    const int m_limit;
    std::vector<Client> m_clients;
    int m_maxRequests = 0;
    bool m_stopping = false;
    bool m_unavailableAllowed = false;
    std::mt19937 m_random{20261127};
    int m_videoCounter = 0;
    int m_answered = 0;

    QHash<int, int> m_statusCounts;
    QStringList m_violations;
    QHash<QString, QSet<QByteArray>> m_surelyHeld; // granted and not yet asked to stop
    QHash<QString, QSet<QByteArray>> m_expected;   // granted and not confirmed stopped
    QHash<QString, QSet<QByteArray>> m_ambiguous;
    QSet<QByteArray> m_grantedIds;
};
