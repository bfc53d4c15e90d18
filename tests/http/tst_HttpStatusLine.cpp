// Answers to simple requests are written without Qt's responder: their status lines must be
// the ones Qt 6.4 writes, code for code.

#include "HttpStatusLine.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

namespace {

// Answers GET /CODE with Qt's own status line for CODE and an empty body.
class StatusServer final : public QAbstractHttpServer
{
protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const int status = request.url().path().mid(1).toInt();
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
        responder.writeBody(QByteArray());
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}
};

} // namespace

class tst_HttpStatusLine : public QObject
{
    Q_OBJECT

private slots:
    void matchesQtsResponder_data();
    void matchesQtsResponder();
};

void tst_HttpStatusLine::matchesQtsResponder_data()
{
    QTest::addColumn<int>("status");
    for (const int status :
         {100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301,
          302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
          410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 426, 428, 429,
          431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511, 599})
        QTest::addRow("%d", status) << status;
}

void tst_HttpStatusLine::matchesQtsResponder()
{
    QFETCH(int, status);
    StatusServer server;
    auto *listener = new QTcpServer(&server);
    QVERIFY(listener->listen(QHostAddress::LocalHost));
    server.bind(listener);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listener->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /" + QByteArray::number(status) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += client.readAll()).contains("\r\n\r\n"), 5000);
    QCOMPARE(vs::httpStatusLine(status), answer.first(answer.indexOf("\r\n") + 2));
}

QTEST_GUILESS_MAIN(tst_HttpStatusLine)
#include "tst_HttpStatusLine.moc"
