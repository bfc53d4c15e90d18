#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QTcpSocket>

#include <functional>

// A keep-alive HTTP/1.1 client on one QTcpSocket, one request at a time: many of them on one
// event loop are many concurrent clients without a thread each. Reconnects when the server
// closed the connection. Answers exactly once per request, with status 0 when the connection
// failed or the server sent something unparseable.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        int status = 0;                        // 0: no answer (see error)
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        QString error;
    };
    using Done = std::function<void(const Response &)>;

    explicit HttpConnection(quint16 port, QObject *parent = nullptr);

    void send(const QByteArray &method, const QByteArray &path, const QByteArray &body, Done done);
    // Sends and waits (running the event loop) at most timeoutMs.
    Response request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                     int timeoutMs = 10'000);
    // GET /v1/users/{user}/streams: the answer, and its "streams" array (empty unless the answer
    // is a 200 with one).
    struct StreamList
    {
        Response response;
        QJsonArray streams;
    };
    StreamList listStreams(const QString &user, int timeoutMs = 10'000);
    bool isBusy() const { return bool(m_done); }

private:
    void onReadyRead();
    void finish(Response response);

    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    Done m_done;
};
