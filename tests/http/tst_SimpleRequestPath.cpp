// Requests in SimpleHttpRequest's plain form skip Qt's parser and responder. The same requests
// made unusual in a way that changes nothing for the API (an extra header with a non-ASCII
// value) go through Qt's: both servers must answer byte for byte alike.

#include "HttpTestHarness.h"

#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

class tst_SimpleRequestPath : public QObject
{
    Q_OBJECT

private slots:
    void answersMatchQtsPath();

private:
    static QByteArray exchange(quint16 port, const QByteArray &extraHeader);
};

QByteArray tst_SimpleRequestPath::exchange(quint16 port, const QByteArray &extraHeader)
{
    struct Request
    {
        QByteArray head; // request line and headers, without the blank line
        QByteArray body;
    };
    const QByteArray json = "Content-Type: application/json\r\n";
    const QList<Request> requests{
        {"POST /v1/users/u1/streams HTTP/1.1\r\n" + json, R"({"video_id":"v1"})"},
        {"POST /v1/users/u1/streams HTTP/1.1\r\n" + json, R"({"video_id":"v1"})"},
        {"POST /v1/users/u1/streams HTTP/1.1\r\n" + json, R"({"video_id":"v2","device_id":"tv"})"},
        {"POST /v1/users/u1/streams HTTP/1.1\r\n" + json, R"({"video_id":)"},
        {"POST /v1/users/u1/streams HTTP/1.1\r\nContent-Type: text/plain\r\n", "v1"},
        {"GET /v1/users/u1/streams HTTP/1.1\r\n", {}},
        {"GET /user/u1/streams HTTP/1.1\r\n", {}},
        {"DELETE /v1/users/u1/streams/AAAAAAAAAAAAAAAAAAAAAA HTTP/1.1\r\n", {}},
        {"POST /v1/users/u1/streams/AAAAAAAAAAAAAAAAAAAAAA/heartbeat HTTP/1.1\r\n", {}},
        {"PUT /v1/users/u1/streams HTTP/1.1\r\n", {}},
        {"GET /nope HTTP/1.1\r\n", {}},
        {"GET /v1/policy HTTP/1.1\r\n", {}},
        {"GET /healthz HTTP/1.1\r\nConnection: close\r\n", {}},
    };
    QByteArray bytes;
    int number = 0;
    for (const Request &request : requests) {
        bytes += request.head + "Host: localhost\r\nX-Request-Id: r" +
                 QByteArray::number(++number) + "\r\n" + extraHeader;
        if (!request.body.isEmpty() || request.head.startsWith("PUT"))
            bytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
        bytes += "\r\n" + request.body;
    }

    // The server runs on this thread: wait with the event loop turning.
    QTcpSocket socket;
    QByteArray answers;
    connect(&socket, &QIODevice::readyRead, &socket, [&] { answers += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(bytes);
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                          10'000);
    answers += socket.readAll();
    // Stream ids are random; both servers' manual clocks read the same.
    static const QRegularExpression streamId(QStringLiteral("[A-Za-z0-9_-]{22}"));
    return QString::fromLatin1(answers).replace(streamId, QStringLiteral("ID")).toLatin1();
}

void tst_SimpleRequestPath::answersMatchQtsPath()
{
    HttpTestHarness simple;
    HttpTestHarness throughQt;
    QVERIFY(simple.isListening());
    QVERIFY(throughQt.isListening());
    const QByteArray simpleAnswers = exchange(simple.port(), {});
    const QByteArray qtAnswers = exchange(throughQt.port(), "X-Note: caf\xc3\xa9\r\n");
    QCOMPARE(simpleAnswers.count("HTTP/1.1 "), 13);
    QCOMPARE(simpleAnswers, qtAnswers);
}

QTEST_GUILESS_MAIN(tst_SimpleRequestPath)
#include "tst_SimpleRequestPath.moc"
