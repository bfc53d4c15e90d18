#include "HttpConnection.h"

#include <QTcpSocket>

namespace vs {

HttpConnection::HttpConnection(QString host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
{}

HttpConnection::~HttpConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HttpConnection::send(const QByteArray &request)
{
    Q_ASSERT(!m_busy);
    m_busy = true;
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->write(request);
        return;
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_parser.reset();
    m_request = request;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onErrorOccurred);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    m_socket->connectToHost(m_host, m_port);
}

void HttpConnection::abort()
{
    m_busy = false;
    m_request.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_parser.reset();
}

void HttpConnection::onConnected()
{
    // Small requests, one at a time: Nagle's algorithm would only add the peer's delayed ACK.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!m_request.isEmpty()) {
        m_socket->write(m_request);
        m_request.clear();
    }
}

void HttpConnection::onReadyRead()
{
    HttpResponseParser::State state = m_parser.feed(m_socket->readAll());
    if (state == HttpResponseParser::State::Failed) {
        finishWithError(QStringLiteral("bad response: ") % QString::fromLatin1(m_parser.error()));
        return;
    }
    if (state != HttpResponseParser::State::Complete)
        return;
    if (!m_busy) {
        finishWithError(QStringLiteral("response without a request"));
        return;
    }
    const int status = m_parser.status();
    const QByteArray body = m_parser.body();
    const bool closeAfter = m_parser.closeAfter();
    state = m_parser.next();
    if (closeAfter || state != HttpResponseParser::State::Incomplete ||
        m_parser.bufferedBytes() > 0) {
        // Closing, or bytes nobody asked for: start the next request on a fresh connection.
        m_socket->disconnect(this);
        m_socket->disconnectFromHost();
        m_socket->deleteLater();
        m_socket = nullptr;
        m_parser.reset();
    }
    m_busy = false;
    // Last: the receiver may send the next request on this connection right away.
    emit answered(status, body);
}

void HttpConnection::onErrorOccurred()
{
    if (!m_busy)
        return; // an idle keep-alive connection closed by the server: reconnect on next use
    finishWithError(m_socket->errorString());
}

void HttpConnection::onDisconnected()
{
    if (m_busy)
        finishWithError(QStringLiteral("the server closed the connection"));
}

void HttpConnection::finishWithError(const QString &error)
{
    const bool wasBusy = m_busy;
    abort();
    if (wasBusy)
        emit failed(error);
}

} // namespace vs
