#pragma once

#include "HttpResponseParser.h"

#include <QByteArray>
#include <QObject>
#include <QString>

class QTcpSocket;

namespace vs {

// One keep-alive HTTP/1.1 connection of the simulator's client, one request at a time (no
// pipelining). Connects on first use and again after the server closed it. Lives on the thread
// that created it. Internal to core/simulation (HttpTarget).
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QString host, quint16 port, QObject *parent = nullptr);
    ~HttpConnection() override;

    bool isBusy() const { return m_busy; }
    // `request`: the complete request bytes. Must not be busy.
    void send(const QByteArray &request);
    // Gives up on the request in flight (a timeout) without reporting it; the next send opens
    // a fresh connection.
    void abort();

signals:
    void answered(int status, const QByteArray &body);
    void failed(const QString &error);

private:
    void onConnected();
    void onReadyRead();
    void onErrorOccurred();
    void onDisconnected();
    void finishWithError(const QString &error);

    QString m_host;
    quint16 m_port = 0;
    QTcpSocket *m_socket = nullptr;
    HttpResponseParser m_parser;
    QByteArray m_request; // waiting for the connection to open
    bool m_busy = false;
};

} // namespace vs
