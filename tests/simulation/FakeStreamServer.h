#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

// A deliberately wrong or slow stand-in for `videostreams serve`, to prove the HTTP target
// notices: it grants every watch (ignoring the limit its policy announces), answers after a
// delay, or answers every request with one fixed status. Serves /v1 just enough for the
// simulator. One request at a time per connection, like the real client.
class FakeStreamServer : public QObject
{
    Q_OBJECT

public:
    struct Behaviour
    {
        int announcedLimit = 1; // in GET /v1/policy
        int answerDelayMs = 0;  // before each answer
        int fixedStatus = 0;    // non-zero: every stream request gets this status, empty body
    };

    explicit FakeStreamServer(Behaviour behaviour, QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    qint64 requests() const { return m_requests; }
    int connectionsSeen() const { return m_connections; }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    QByteArray answer(const QByteArray &method, const QByteArray &path);

    Behaviour m_behaviour;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    qint64 m_requests = 0;
    qint64 m_streams = 0;
    int m_connections = 0;
};
