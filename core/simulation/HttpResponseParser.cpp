#include "HttpResponseParser.h"

#include <QByteArrayList>
#include <QByteArrayView>

namespace vs {

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    const QByteArrayList parts = list.toByteArray().split(',');
    for (const QByteArray &part : parts) {
        if (equalsIgnoringCase(part.trimmed(), token))
            return true;
    }
    return false;
}

} // namespace

void HttpResponseParser::reset()
{
    *this = HttpResponseParser();
}

HttpResponseParser::State HttpResponseParser::feed(const QByteArray &bytes)
{
    if (m_state == State::Failed)
        return m_state;
    m_buffer.append(bytes);
    if (m_state == State::Complete)
        return m_state; // the caller takes this response first, then calls next()
    return parse();
}

HttpResponseParser::State HttpResponseParser::next()
{
    if (m_state != State::Complete)
        return m_state;
    m_phase = Phase::Head;
    m_state = State::Incomplete;
    m_status = 0;
    m_remaining = 0;
    m_body.clear();
    m_closeAfter = false;
    return parse();
}

HttpResponseParser::State HttpResponseParser::fail(const QByteArray &message)
{
    m_error = message;
    m_state = State::Failed;
    return m_state;
}

HttpResponseParser::State HttpResponseParser::parse()
{
    while (true) {
        switch (m_phase) {
        case Phase::Head: {
            const State head = parseHead();
            if (head != State::Complete)
                return head;
            break;
        }
        case Phase::FixedBody: {
            const qsizetype take = std::min(m_remaining, m_buffer.size());
            m_body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return m_state;
            m_phase = Phase::Done;
            break;
        }
        case Phase::ChunkSize:
        case Phase::ChunkData:
        case Phase::ChunkTrailer: {
            const State chunked = parseChunked();
            if (chunked != State::Complete)
                return chunked;
            break;
        }
        case Phase::Done:
            m_state = State::Complete;
            return m_state;
        }
    }
}

// Returns Complete when the head is parsed (the phase says what comes next).
HttpResponseParser::State HttpResponseParser::parseHead()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > maxHeaderBytes)
            return fail("response header too large");
        return State::Incomplete;
    }
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray statusLine = lines.first().trimmed();
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ')
        return fail(QByteArrayLiteral("not an HTTP/1.x status line: ") + statusLine.left(80));
    const bool http10 = statusLine.at(7) == '0';
    bool ok = false;
    m_status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || m_status < 100 || m_status > 599)
        return fail(QByteArrayLiteral("bad status code in: ") + statusLine.left(80));
    if (m_status < 200)
        return fail(QByteArrayLiteral("unexpected informational response ") +
                    QByteArray::number(m_status));

    qsizetype contentLength = -1;
    bool chunked = false;
    bool keepAlive = false;
    m_closeAfter = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail("malformed header line");
        const QByteArrayView name = QByteArrayView(line).first(colon).trimmed();
        const QByteArrayView value = QByteArrayView(line).sliced(colon + 1).trimmed();
        if (equalsIgnoringCase(name, "content-length")) {
            const qlonglong length = value.toLongLong(&ok);
            if (!ok || length < 0)
                return fail("bad Content-Length");
            if (contentLength >= 0 && contentLength != length)
                return fail("conflicting Content-Length headers");
            contentLength = qsizetype(length);
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            if (!containsToken(value, "chunked"))
                return fail("unsupported Transfer-Encoding");
            chunked = true;
        } else if (equalsIgnoringCase(name, "connection")) {
            if (containsToken(value, "close"))
                m_closeAfter = true;
            if (containsToken(value, "keep-alive"))
                keepAlive = true;
        }
    }
    if (http10 && !keepAlive)
        m_closeAfter = true;
    m_body.clear();
    if (m_status == 204 || m_status == 304) {
        m_phase = Phase::Done;
    } else if (chunked) {
        m_phase = Phase::ChunkSize;
    } else if (contentLength >= 0) {
        if (contentLength > maxBodyBytes)
            return fail("response body too large");
        m_remaining = contentLength;
        m_phase = Phase::FixedBody;
    } else {
        // A body delimited by closing the connection cannot be told apart from a lost one.
        return fail("response without Content-Length");
    }
    return State::Complete;
}

// Returns Complete when the last chunk and its trailer are read.
HttpResponseParser::State HttpResponseParser::parseChunked()
{
    while (true) {
        switch (m_phase) {
        case Phase::ChunkSize: {
            const qsizetype end = m_buffer.indexOf("\r\n");
            if (end < 0) {
                if (m_buffer.size() > 1024)
                    return fail("chunk size line too long");
                return State::Incomplete;
            }
            QByteArrayView sizeText = QByteArrayView(m_buffer).first(end);
            const qsizetype extension = sizeText.indexOf(';');
            if (extension >= 0)
                sizeText = sizeText.first(extension);
            bool ok = false;
            const qlonglong size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return fail("bad chunk size");
            if (m_body.size() + size > maxBodyBytes)
                return fail("response body too large");
            m_buffer.remove(0, end + 2);
            m_remaining = qsizetype(size);
            m_phase = size == 0 ? Phase::ChunkTrailer : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            // The chunk's bytes and its closing CRLF.
            if (m_buffer.size() < m_remaining + 2)
                return State::Incomplete;
            if (m_buffer.at(m_remaining) != '\r' || m_buffer.at(m_remaining + 1) != '\n')
                return fail("chunk not followed by CRLF");
            m_body.append(m_buffer.constData(), m_remaining);
            m_buffer.remove(0, m_remaining + 2);
            m_remaining = 0;
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::ChunkTrailer: {
            // Trailer fields, if any, end with an empty line; they are ignored.
            const qsizetype end = m_buffer.indexOf("\r\n");
            if (end < 0) {
                if (m_buffer.size() > maxHeaderBytes)
                    return fail("chunk trailer too large");
                return State::Incomplete;
            }
            m_buffer.remove(0, end + 2);
            if (end == 0) {
                m_phase = Phase::Done;
                return State::Complete;
            }
            break;
        }
        default:
            return State::Complete;
        }
    }
}

} // namespace vs
