// The plain-request parser that lets requests skip Qt's byte-at-a-time parser: what it takes,
// what it leaves to Qt (everything unusual), and that it never takes part of a request.

#include "SimpleHttpRequest.h"

#include <QtTest>

using vs::SimpleHttpRequest;
using Method = QHttpServerRequest::Method;

class tst_SimpleHttpRequest : public QObject
{
    Q_OBJECT

private slots:
    void takesPlainRequests_data();
    void takesPlainRequests();
    void leavesEverythingElseToQt_data();
    void leavesEverythingElseToQt();
    void neverTakesAPartialRequest();
    void takesPipelinedRequestsOneAtATime();
    void headersAreFoundWithoutRegardToCase();
};

void tst_SimpleHttpRequest::takesPlainRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("post with body")
        << QByteArray("POST /v1/users/u1/streams HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: application/json\r\nContent-Length: 17\r\n\r\n"
                      "{\"video_id\":\"v1\"}")
        << int(Method::Post) << QByteArray("/v1/users/u1/streams")
        << QByteArray("{\"video_id\":\"v1\"}");
    QTest::newRow("get without headers")
        << QByteArray("GET /healthz HTTP/1.1\r\n\r\n") << int(Method::Get) << QByteArray("/healthz")
        << QByteArray();
    QTest::newRow("put, zero length")
        << QByteArray("PUT /v1/policy HTTP/1.1\r\nContent-Length: 0\r\n\r\n") << int(Method::Put)
        << QByteArray("/v1/policy") << QByteArray();
    QTest::newRow("delete, unreserved characters")
        << QByteArray("DELETE /v1/users/a-b.c_d~e/streams/AbC-_123 HTTP/1.1\r\nHost: x\r\n\r\n")
        << int(Method::Delete) << QByteArray("/v1/users/a-b.c_d~e/streams/AbC-_123")
        << QByteArray();
    QTest::newRow("blank lines before, as Qt skips them")
        << QByteArray("\r\n\r\nGET /readyz HTTP/1.1\r\n\r\n") << int(Method::Get)
        << QByteArray("/readyz") << QByteArray();
}

void tst_SimpleHttpRequest::takesPlainRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);

    SimpleHttpRequest request;
    QCOMPARE(request.parse(bytes), bytes.size());
    QCOMPARE(int(request.method()), method);
    QCOMPARE(request.path().toByteArray(), path);
    QCOMPARE(request.body().toByteArray(), body);
}

void tst_SimpleHttpRequest::leavesEverythingElseToQt_data()
{
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray end = " HTTP/1.1\r\nHost: x\r\n\r\n";
    QTest::newRow("query") << "GET /v1/users/u1/streams?plan=gold" + end;
    QTest::newRow("percent-encoding") << "GET /v1/users/u%31/streams" + end;
    QTest::newRow("reserved character") << "GET /v1/users/u:1/streams" + end;
    QTest::newRow("absolute form") << "GET http://x/healthz" + end;
    QTest::newRow("asterisk") << "OPTIONS *" + end;
    QTest::newRow("other method") << "PATCH /v1/policy" + end;
    QTest::newRow("head") << "HEAD /healthz" + end;
    QTest::newRow("lower-case method") << "get /healthz" + end;
    QTest::newRow("HTTP/1.0") << QByteArray("GET /healthz HTTP/1.0\r\n\r\n");
    QTest::newRow("no version") << QByteArray("GET /healthz\r\n\r\n");
    QTest::newRow("two spaces") << QByteArray("GET  /healthz HTTP/1.1\r\n\r\n");
    QTest::newRow("bare LF") << QByteArray("GET /healthz HTTP/1.1\nHost: x\n\n");
    QTest::newRow("bare LF in headers") << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\n\r\n");
    QTest::newRow("folded header") << QByteArray("GET /healthz HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n");
    QTest::newRow("space before colon") << QByteArray("GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n");
    QTest::newRow("no colon") << QByteArray("GET /healthz HTTP/1.1\r\nHost\r\n\r\n");
    QTest::newRow("non-ASCII value")
        << QByteArray("GET /healthz HTTP/1.1\r\nX-Name: caf\xc3\xa9\r\n\r\n");
    QTest::newRow("control character")
        << QByteArray("GET /healthz HTTP/1.1\r\nX-Name: a\x01z\r\n\r\n");
    QTest::newRow("repeated header")
        << QByteArray("GET /healthz HTTP/1.1\r\nX-Request-Id: a\r\nx-request-id: b\r\n\r\n");
    QTest::newRow("chunked") << QByteArray(
        "POST /v1/users/u1/streams HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        "0\r\n\r\n");
    QTest::newRow("expect") << QByteArray("POST /v1/policy HTTP/1.1\r\nExpect: 100-continue\r\n"
                                          "Content-Length: 2\r\n\r\n{}");
    QTest::newRow("upgrade") << QByteArray(
        "GET /healthz HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
    QTest::newRow("signed length")
        << QByteArray("POST /v1/policy HTTP/1.1\r\nContent-Length: +2\r\n\r\n{}");
    QTest::newRow("empty length") << QByteArray(
        "POST /v1/policy HTTP/1.1\r\nContent-Length:\r\n\r\n");
    QTest::newRow("huge length") << QByteArray(
        "POST /v1/policy HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n");
    QByteArray manyHeaders = "GET /healthz HTTP/1.1\r\n";
    for (int i = 0; i <= SimpleHttpRequest::maxHeaders; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many headers") << manyHeaders + "\r\n";
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only blank lines") << QByteArray("\r\n\r\n");
}

void tst_SimpleHttpRequest::leavesEverythingElseToQt()
{
    QFETCH(QByteArray, bytes);
    SimpleHttpRequest request;
    QCOMPARE(request.parse(bytes), 0);
}

void tst_SimpleHttpRequest::neverTakesAPartialRequest()
{
    const QByteArray whole = "POST /v1/users/u1/streams HTTP/1.1\r\nHost: x\r\n"
                             "Content-Length: 17\r\n\r\n{\"video_id\":\"v1\"}";
    SimpleHttpRequest request;
    for (qsizetype size = 0; size < whole.size(); ++size)
        QVERIFY2(request.parse(whole.first(size)) == 0, qPrintable(QString::number(size)));
    QCOMPARE(request.parse(whole), whole.size());
}

void tst_SimpleHttpRequest::takesPipelinedRequestsOneAtATime()
{
    const QByteArray first = "POST /v1/users/u1/streams HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
    const QByteArray second = "GET /v1/users/u1/streams HTTP/1.1\r\n\r\n";
    const QByteArray both = first + second;
    SimpleHttpRequest request;
    QCOMPARE(request.parse(both), first.size());
    QCOMPARE(request.body().toByteArray(), QByteArray("{}"));
    QCOMPARE(request.parse(QByteArrayView(both).sliced(first.size())), second.size());
    QCOMPARE(int(request.method()), int(Method::Get));
    QVERIFY(request.body().isEmpty());
}

void tst_SimpleHttpRequest::headersAreFoundWithoutRegardToCase()
{
    SimpleHttpRequest request;
    const QByteArray bytes = "GET /healthz HTTP/1.1\r\nX-Request-Id: \t trace-1  \r\n"
                             "CONNECTION:close\r\n\r\n";
    QCOMPARE(request.parse(bytes), bytes.size());
    QCOMPARE(request.header("x-request-id").toByteArray(), QByteArray("trace-1"));
    QCOMPARE(request.header("Connection").toByteArray(), QByteArray("close"));
    QVERIFY(request.header("authorization").isEmpty());
}

QTEST_GUILESS_MAIN(tst_SimpleHttpRequest)
#include "tst_SimpleHttpRequest.moc"
