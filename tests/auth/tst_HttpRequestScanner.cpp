#include <QTest>

#include "HttpRequestScanner.h"

using namespace vs;

using Verdict = HttpRequestScanner::Verdict;

Q_DECLARE_METATYPE(vs::HttpRequestScanner::Verdict)

namespace {

HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxRequestLineBytes = 64;
    limits.maxHeaderBytes = 256;
    limits.maxBodyBytes = 100;
    return limits;
}

} // namespace

// The byte-level guard in front of Qt's parser: every limit, every framing, and the same
// results whether the bytes arrive at once or one at a time.
class tst_HttpRequestScanner : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data();
    void verdicts();
    void hugeContentLengthRefusedBeforeBody();
    void chunkedRefusedAsItGrows();
    void tracksRequestPhases();
};

void tst_HttpRequestScanner::verdicts_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("requests"); // requests started

    const QByteArray get = QByteArrayLiteral("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::newRow("simple get") << get << Verdict::Continue << 1;
    QTest::newRow("pipelined gets") << QByteArray(get + get + get) << Verdict::Continue << 3;
    QTest::newRow("LF only") << QByteArrayLiteral("GET / HTTP/1.1\nHost: x\n\n")
                             << Verdict::Continue << 1;
    QTest::newRow("leading blank lines") << QByteArray("\r\n\r\n" + get) << Verdict::Continue << 1;
    QTest::newRow("post with body then get")
        << QByteArray("POST /v1/users/a/streams HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello" + get)
        << Verdict::Continue << 2;
    QTest::newRow("chunked then get")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\nTrailer: x\r\n\r\n" +
                      get)
        << Verdict::Continue << 2;
    QTest::newRow("body exactly at limit")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x'))
        << Verdict::Continue << 1;

    QTest::newRow("request line too long")
        << QByteArray("GET /" + QByteArray(100, 'a') + " HTTP/1.1\r\n\r\n")
        << Verdict::RequestLineTooLong << 1;
    QTest::newRow("request line without newline, too long")
        << QByteArray(65, 'G') << Verdict::RequestLineTooLong << 1;
    QTest::newRow("headers too large")
        << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(300, 'a') + "\r\n\r\n")
        << Verdict::HeadersTooLarge << 1;
    QTest::newRow("many small headers too large")
        << QByteArray("GET / HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(60) + "\r\n")
        << Verdict::HeadersTooLarge << 1;
    QTest::newRow("endless blank lines") << QByteArray(1000, '\n') << Verdict::HeadersTooLarge << 1;
    QTest::newRow("content-length over limit")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n")
        << Verdict::BodyTooLarge << 1;
    QTest::newRow("chunked over limit")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "40\r\n") +
               QByteArray(64, 'x') + QByteArrayLiteral("\r\n40\r\n")
        << Verdict::BodyTooLarge << 1;
    QTest::newRow("both framings") << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 3\r\n"
                                                        "Transfer-Encoding: chunked\r\n\r\n")
                                   << Verdict::BadRequest << 1;
    QTest::newRow("conflicting content-lengths")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("repeated equal content-length")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"
                             "abc")
        << Verdict::Continue << 1;
    QTest::newRow("negative content-length")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << Verdict::BadRequest
        << 1;
    QTest::newRow("content-length with sign")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n") << Verdict::BadRequest
        << 1;
    QTest::newRow("content-length overflow")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("gzip, chunked")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("folded header")
        << QByteArrayLiteral("GET / HTTP/1.1\r\nX-A: 1\r\n Content-Length: 5\r\n\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("space before colon")
        << QByteArrayLiteral("GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n") << Verdict::BadRequest
        << 1;
    QTest::newRow("header without colon")
        << QByteArrayLiteral("GET / HTTP/1.1\r\nnonsense\r\n\r\n") << Verdict::BadRequest << 1;
    QTest::newRow("bad chunk size")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("chunk size overflow")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "ffffffffffffffffffff\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("chunk data without CRLF")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "3\r\nabcXYZ\r\n")
        << Verdict::BadRequest << 1;
}

void tst_HttpRequestScanner::verdicts()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Verdict, verdict);
    QFETCH(int, requests);

    HttpRequestScanner whole(smallLimits());
    QCOMPARE(whole.feed(bytes), verdict);
    QCOMPARE(whole.requestsStarted(), quint64(requests));

    // Byte by byte (a slowloris client) must reach the same verdict.
    HttpRequestScanner trickled(smallLimits());
    Verdict last = Verdict::Continue;
    for (char c : bytes) {
        last = trickled.feed(QByteArrayView(&c, 1));
        if (last != Verdict::Continue)
            break;
    }
    QCOMPARE(last, verdict);
    QCOMPARE(trickled.requestsStarted(), quint64(requests));
    // After a refusal the scanner stays refused.
    if (verdict != Verdict::Continue)
        QCOMPARE(trickled.feed("GET / HTTP/1.1\r\n\r\n"), verdict);
}

void tst_HttpRequestScanner::hugeContentLengthRefusedBeforeBody()
{
    HttpRequestScanner scanner(HttpLimits{});
    QCOMPARE(scanner.feed("POST /user/a/stream HTTP/1.1\r\nContent-Length: 104857600\r\n\r\n"),
             Verdict::BodyTooLarge);
    QCOMPARE(HttpRequestScanner::statusFor(Verdict::BodyTooLarge), 413);
}

void tst_HttpRequestScanner::chunkedRefusedAsItGrows()
{
    HttpRequestScanner scanner(smallLimits());
    QCOMPARE(scanner.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
             Verdict::Continue);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(scanner.feed("a\r\n0123456789\r\n"), Verdict::Continue); // 100 bytes so far
    QCOMPARE(scanner.feed("1\r\n"), Verdict::BodyTooLarge);
}

void tst_HttpRequestScanner::tracksRequestPhases()
{
    HttpRequestScanner scanner(smallLimits());
    QVERIFY(!scanner.inHeaders() && !scanner.inBody());
    scanner.feed("POST / HTTP/1.1\r\nContent-");
    QVERIFY(scanner.inHeaders());
    scanner.feed("Length: 4\r\n\r\nab");
    QVERIFY(scanner.inBody());
    scanner.feed("cd");
    QVERIFY(!scanner.inHeaders() && !scanner.inBody());
    QCOMPARE(scanner.requestsStarted(), quint64(1));
}

QTEST_GUILESS_MAIN(tst_HttpRequestScanner)
#include "tst_HttpRequestScanner.moc"
