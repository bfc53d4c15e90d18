#pragma once

#include <QByteArrayView>
#include <QHttpServerRequest>

#include <array>

namespace vs {

// A request in its plainest HTTP/1.1 form, taken straight from a connection's buffered bytes.
// Qt 6.4's parser reads a request one byte at a time through QIODevice inside a transaction,
// which cost serve about half of its instructions per request; GuardedTcpServer hands requests
// of this form to ApiServer directly and leaves everything else to Qt, so Qt still judges every
// unusual or malformed request exactly as before.
//
// The form: GET, POST, PUT or DELETE; an origin-form target of unreserved characters and '/'
// (no query, no percent-encoding); HTTP/1.1; CRLF line ends; at most maxHeaders headers, each
// a token name seen once with a value of visible ASCII, spaces and tabs; no Transfer-Encoding,
// Expect or Upgrade; a Content-Length of digits when there is a body, and the whole body
// already buffered. Views point into the parsed buffer.
class SimpleHttpRequest
{
public:
    static constexpr int maxHeaders = 24;

    // Parses the request at the start of `buffer` (after the blank-line bytes Qt skips between
    // requests). Returns how many bytes it spans, 0 when the buffer does not start with a
    // complete request of this form.
    qsizetype parse(QByteArrayView buffer);

    QHttpServerRequest::Method method() const { return m_method; }
    QByteArrayView path() const { return m_path; }
    QByteArrayView body() const { return m_body; }
    // The value of header `name` (matched without regard to case), trimmed; empty if absent.
    QByteArrayView header(QByteArrayView name) const;

private:
    struct Header
    {
        QByteArrayView name;
        QByteArrayView value;
    };

    bool parseRequestLine(QByteArrayView line);
    bool addHeader(QByteArrayView line);

    QHttpServerRequest::Method m_method = QHttpServerRequest::Method::Unknown;
    QByteArrayView m_path;
    QByteArrayView m_body;
    std::array<Header, maxHeaders> m_headers;
    int m_headerCount = 0;
};

} // namespace vs
