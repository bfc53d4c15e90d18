#include "FakeStreamServer.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>

FakeStreamServer::FakeStreamServer(Behaviour behaviour, QObject *parent)
    : QObject(parent)
    , m_behaviour(behaviour)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeStreamServer::onNewConnection);
}

bool FakeStreamServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FakeStreamServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connections;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeStreamServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    while (true) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer.left(headEnd);
        qsizetype bodyLength = 0;
        const qsizetype lengthAt = head.toLower().indexOf("content-length:");
        if (lengthAt >= 0) {
            const qsizetype lineEnd = head.indexOf('\r', lengthAt);
            bodyLength = head.mid(lengthAt + 15, lineEnd < 0 ? -1 : lineEnd - lengthAt - 15)
                             .trimmed()
                             .toLongLong();
        }
        if (buffer.size() < headEnd + 4 + bodyLength)
            return;
        buffer.remove(0, headEnd + 4 + bodyLength);
        const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
        if (requestLine.size() != 3) {
            socket->abort();
            return;
        }
        ++m_requests;
        const QByteArray response = answer(requestLine.at(0), requestLine.at(1));
        if (m_behaviour.answerDelayMs > 0) {
            QTimer::singleShot(m_behaviour.answerDelayMs, socket,
                               [socket, response] { socket->write(response); });
        } else {
            socket->write(response);
        }
    }
}

QByteArray FakeStreamServer::answer(const QByteArray &method, const QByteArray &path)
{
    auto reply = [](int status, const QByteArray &body) -> QByteArray {
        return QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) +
               QByteArrayLiteral(" X\r\nContent-Type: application/json\r\nContent-Length: ") +
               QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body;
    };
    if (path == "/v1/policy") {
        return reply(200, QByteArrayLiteral("{\"default_limit\":") +
                              QByteArray::number(m_behaviour.announcedLimit) +
                              QByteArrayLiteral(",\"lease_ttl_s\":90,\"at_limit\":\"reject\"}"));
    }
    if (m_behaviour.fixedStatus != 0)
        return reply(m_behaviour.fixedStatus, QByteArray());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray stream =
        QByteArrayLiteral("{\"stream_id\":\"s") + QByteArray::number(++m_streams) +
        QByteArrayLiteral("\",\"started_at\":\"") + now.toString(Qt::ISODateWithMs).toLatin1() +
        QByteArrayLiteral("\",\"expires_at\":\"") +
        now.addSecs(90).toString(Qt::ISODateWithMs).toLatin1() + QByteArrayLiteral("\"}");
    if (method == "POST" && path.endsWith("/streams"))
        return reply(201, stream); // whatever the user already holds
    if (method == "POST" && path.endsWith("/heartbeat"))
        return reply(200, stream);
    if (method == "DELETE") {
        return QByteArrayLiteral("HTTP/1.1 204 No Content\r\n\r\n");
    }
    return reply(404, QByteArray());
}
