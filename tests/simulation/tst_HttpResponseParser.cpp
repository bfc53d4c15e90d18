#include "HttpResponseParser.h"

#include <QTest>

using namespace vs;

// The simulator's HTTP client parser: whole responses whatever way the bytes are split, and a
// clear failure (never a crash or an endless wait) for what is not HTTP.
class tst_HttpResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesWhateverTheSplit_data();
    void parsesWhateverTheSplit();
    void backToBackResponses();
    void refusesMalformed_data();
    void refusesMalformed();
};

void tst_HttpResponseParser::parsesWhateverTheSplit_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("closeAfter");

    QTest::newRow("content-length")
        << QByteArray("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                      "Content-Length: 13\r\nX-Request-Id: abc\r\n\r\n{\"stream\":1}\n")
        << 201 << QByteArray("{\"stream\":1}\n") << false;
    QTest::newRow("no content") << QByteArray("HTTP/1.1 204 No Content\r\nX-Request-Id: a\r\n\r\n")
                                << 204 << QByteArray() << false;
    QTest::newRow("chunked") << QByteArray(
                                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "4\r\nabcd\r\nA;ext=1\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n")
                             << 200 << QByteArray("abcd0123456789") << false;
    QTest::newRow("connection close")
        << QByteArray("HTTP/1.1 409 Conflict\r\nconnection: Close\r\ncontent-length: 2\r\n\r\n{}")
        << 409 << QByteArray("{}") << true;
    QTest::newRow("http/1.0 closes") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")
                                     << 200 << QByteArray() << true;
    QTest::newRow("empty body") << QByteArray("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n")
                                << 500 << QByteArray() << false;
}

void tst_HttpResponseParser::parsesWhateverTheSplit()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, closeAfter);
    // Every split point, and byte by byte.
    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        HttpResponseParser parser;
        parser.feed(bytes.left(split));
        QCOMPARE(parser.feed(bytes.mid(split)), HttpResponseParser::State::Complete);
        QCOMPARE(parser.status(), status);
        QCOMPARE(parser.body(), body);
        QCOMPARE(parser.closeAfter(), closeAfter);
        QCOMPARE(parser.bufferedBytes(), 0);
    }
    HttpResponseParser parser;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        QCOMPARE(parser.state(), HttpResponseParser::State::Incomplete);
        parser.feed(bytes.mid(i, 1));
    }
    QCOMPARE(parser.state(), HttpResponseParser::State::Complete);
    QCOMPARE(parser.body(), body);
}

void tst_HttpResponseParser::backToBackResponses()
{
    HttpResponseParser parser;
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 404 Not Found\r\n"
                         "Content-Length: 2\r\n\r\nbb"),
             HttpResponseParser::State::Complete);
    QCOMPARE(parser.status(), 200);
    QCOMPARE(parser.body(), QByteArray("a"));
    QCOMPARE(parser.next(), HttpResponseParser::State::Complete);
    QCOMPARE(parser.status(), 404);
    QCOMPARE(parser.body(), QByteArray("bb"));
    QCOMPARE(parser.next(), HttpResponseParser::State::Incomplete);
}

void tst_HttpResponseParser::refusesMalformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("errorMentions");

    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << QByteArray("status line");
    QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << QByteArray("status");
    QTest::newRow("informational")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << QByteArray("informational");
    QTest::newRow("no length") << QByteArray("HTTP/1.1 200 OK\r\n\r\nbody")
                               << QByteArray("Content-Length");
    QTest::newRow("negative length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                     << QByteArray("Content-Length");
    QTest::newRow("conflicting lengths")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        << QByteArray("conflicting");
    QTest::newRow("huge length") << QByteArray(
                                        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n")
                                 << QByteArray("too large");
    QTest::newRow("header line without colon")
        << QByteArray("HTTP/1.1 200 OK\r\nnonsense\r\n\r\n") << QByteArray("header");
    QTest::newRow("bad chunk size")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        << QByteArray("chunk size");
    QTest::newRow("chunk without crlf")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd")
        << QByteArray("CRLF");
    QTest::newRow("gzip encoding")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n")
        << QByteArray("Transfer-Encoding");
    QTest::newRow("endless header") << QByteArray("HTTP/1.1 200 OK\r\nX: ") +
                                           QByteArray(HttpResponseParser::maxHeaderBytes, 'a')
                                    << QByteArray("too large");
}

void tst_HttpResponseParser::refusesMalformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, errorMentions);
    HttpResponseParser parser;
    QCOMPARE(parser.feed(bytes), HttpResponseParser::State::Failed);
    QVERIFY2(parser.error().contains(errorMentions), parser.error().constData());
    // A failed parser stays failed until reset.
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
             HttpResponseParser::State::Failed);
    parser.reset();
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
             HttpResponseParser::State::Complete);
}

QTEST_GUILESS_MAIN(tst_HttpResponseParser)
#include "tst_HttpResponseParser.moc"
