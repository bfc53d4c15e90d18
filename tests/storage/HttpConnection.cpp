#include "HttpConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

HttpConnection::HttpConnection(quint16 port, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_done)
            finish(Response{0, {}, {}, QStringLiteral("connection closed")});
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_done && m_socket.state() != QAbstractSocket::ConnectedState)
            finish(Response{0, {}, {}, m_socket.errorString()});
    });
}

void HttpConnection::send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                          Done done)
{
    Q_ASSERT(!m_done);
    m_done = std::move(done);
    m_buffer.clear();
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        request +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    request += "\r\n" + body;
    m_socket.write(request); // buffered until connected
}

HttpConnection::Response HttpConnection::request(const QByteArray &method, const QByteArray &path,
                                                 const QByteArray &body, int timeoutMs)
{
    Response result{0, {}, {}, QStringLiteral("no answer within %1 ms").arg(timeoutMs)};
    bool answered = false;
    send(method, path, body, [&](const Response &response) {
        result = response;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, timeoutMs)) {
        m_done = nullptr;
        m_socket.abort(); // a late answer must not be taken for the next request's
    }
    return result;
}

HttpConnection::StreamList HttpConnection::listStreams(const QString &user, int timeoutMs)
{
    StreamList list;
    list.response = request("GET", "/v1/users/" + user.toUtf8() + "/streams", {}, timeoutMs);
    if (list.response.status == 200)
        list.streams = QJsonDocument::fromJson(list.response.body)
                           .object()
                           .value(QLatin1String("streams"))
                           .toArray();
    return list;
}

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket.readAll();
    if (!m_done)
        return;
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Response response;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    bool ok = false;
    response.status = statusLine.value(1).toInt(&ok);
    if (!statusLine.value(0).startsWith("HTTP/1.") || !ok) {
        m_socket.abort();
        return finish(Response{0, {}, {}, QStringLiteral("malformed status line")});
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                    lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = response.headers.value("content-length", "0").toLongLong();
    if (m_buffer.size() < headerEnd + 4 + length)
        return;
    response.body = m_buffer.mid(headerEnd + 4, length);
    m_buffer.remove(0, headerEnd + 4 + length);
    if (response.headers.value("connection").toLower() == "close")
        m_socket.disconnectFromHost();
    finish(std::move(response));
}

void HttpConnection::finish(Response response)
{
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(response);
}
