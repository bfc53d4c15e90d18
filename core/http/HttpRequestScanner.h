#pragma once

#include "HttpLimits.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vs {

// Follows the framing of HTTP/1.1 requests on one connection (request line, headers, a
// Content-Length or chunked body, then the next request) from the raw bytes, without keeping
// them: only the current header line is held, never longer than the header limit. It exists so
// oversized requests are refused while they arrive, before Qt's parser buffers them whole.
//
// Deliberately strict where framing is ambiguous (both Content-Length and chunked, conflicting
// Content-Lengths, an unparsable chunk size): those are answered 400, because two parsers that
// disagree on where a request ends are how request smuggling works.
class HttpRequestScanner
{
public:
    enum class Verdict
    {
        Continue,
        BadRequest,         // 400: framing the scanner cannot follow safely
        RequestLineTooLong, // 414
        HeadersTooLarge,    // 431
        BodyTooLarge,       // 413
    };

    explicit HttpRequestScanner(const HttpLimits &limits);

    // Scans the next bytes of the connection. After a verdict other than Continue the scanner
    // stops; the connection is to be answered and closed.
    Verdict feed(QByteArrayView bytes);

    // True from a request's first byte to the end of its headers.
    bool inHeaders() const;
    // True from the end of a request's headers to the end of its body.
    bool inBody() const;
    // Requests whose first byte has been seen (including the current one).
    quint64 requestsStarted() const { return m_requestsStarted; }

    static int statusFor(Verdict verdict);

private:
    enum class State
    {
        BetweenRequests,
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Failed,
    };

    Verdict endOfLine();
    Verdict endOfHeaders();
    Verdict readHeaderLine(QByteArrayView line);
    void startRequest();

    const HttpLimits m_limits;
    State m_state = State::BetweenRequests;
    QByteArray m_line;           // the current line, without its CRLF
    qsizetype m_headerBytes = 0; // of the current request, request line included
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    qint64 m_remaining = 0; // of the current Content-Length body or chunk
    qint64 m_bodyBytes = 0; // of the current request, chunked bodies summed
    quint64 m_requestsStarted = 0;
    Verdict m_failure = Verdict::Continue;
};

} // namespace vs
