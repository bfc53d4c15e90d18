#include "HttpRequestScanner.h"

#include "HttpFraming.h"

namespace vs {

namespace {

// A chunk-size line is a hex number and optional extensions; nothing legitimate comes near this.
constexpr qsizetype maxChunkLineBytes = 1024;
// 15 hex digits stay below 2^60: no overflow however the digits are chosen.
constexpr qsizetype maxChunkSizeDigits = 15;

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

} // namespace

HttpRequestScanner::HttpRequestScanner(const HttpLimits &limits)
    : m_limits(limits)
{}

bool HttpRequestScanner::inHeaders() const
{
    return m_state == State::RequestLine || m_state == State::Headers;
}

bool HttpRequestScanner::inBody() const
{
    return m_state == State::Body || m_state == State::ChunkSize || m_state == State::ChunkData ||
           m_state == State::ChunkDataEnd || m_state == State::Trailers;
}

int HttpRequestScanner::statusFor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Continue:
        return 0;
    case Verdict::BadRequest:
        return 400;
    case Verdict::RequestLineTooLong:
        return 414;
    case Verdict::HeadersTooLarge:
        return 431;
    case Verdict::BodyTooLarge:
        return 413;
    }
    return 400;
}

void HttpRequestScanner::startRequest()
{
    ++m_requestsStarted;
    m_line.clear();
    m_headerBytes = 0;
    m_contentLength = -1;
    m_chunked = false;
    m_remaining = 0;
    m_bodyBytes = 0;
    m_state = State::RequestLine;
}

HttpRequestScanner::Verdict HttpRequestScanner::feed(QByteArrayView bytes)
{
    const auto fail = [this](Verdict verdict) {
        m_state = State::Failed;
        m_failure = verdict;
        m_line.clear();
        return verdict;
    };

    qsizetype i = 0;
    while (i < bytes.size()) {
        switch (m_state) {
        case State::Failed:
            return m_failure;
        case State::BetweenRequests:
            startRequest();
            continue;
        case State::Body:
        case State::ChunkData: {
            const qint64 n = std::min<qint64>(m_remaining, bytes.size() - i);
            m_remaining -= n;
            i += qsizetype(n);
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::BetweenRequests : State::ChunkDataEnd;
            continue;
        }
        case State::RequestLine:
            // Whitespace before a request line is skipped (as Qt does), but still counted: an
            // endless stream of blank lines is not a way around the header limits.
            if (m_line.isEmpty() && HttpFraming::isLeadingWhitespace(bytes[i])) {
                ++i;
                if (++m_headerBytes > m_limits.maxHeaderBytes)
                    return fail(Verdict::HeadersTooLarge);
                continue;
            }
            [[fallthrough]];
        case State::Headers:
        case State::Trailers:
        case State::ChunkSize:
        case State::ChunkDataEnd: {
            const qsizetype newline = bytes.indexOf('\n', i);
            const qsizetype end = newline < 0 ? bytes.size() : newline;
            const QByteArrayView part = bytes.sliced(i, end - i);
            const bool countsAsHeader = m_state == State::RequestLine ||
                                        m_state == State::Headers || m_state == State::Trailers;
            if (m_state == State::RequestLine &&
                m_line.size() + part.size() > m_limits.maxRequestLineBytes)
                return fail(Verdict::RequestLineTooLong);
            if (countsAsHeader) {
                m_headerBytes += part.size() + (newline < 0 ? 0 : 1);
                if (m_headerBytes > m_limits.maxHeaderBytes)
                    return fail(Verdict::HeadersTooLarge);
            } else if (m_line.size() + part.size() > maxChunkLineBytes) {
                return fail(Verdict::BadRequest);
            }
            m_line.append(part);
            if (newline < 0)
                return Verdict::Continue;
            i = newline + 1;
            if (m_line.endsWith('\r'))
                m_line.chop(1);
            const Verdict verdict = endOfLine();
            m_line.clear();
            if (verdict != Verdict::Continue)
                return fail(verdict);
            continue;
        }
        }
    }
    return m_state == State::Failed ? m_failure : Verdict::Continue;
}

HttpRequestScanner::Verdict HttpRequestScanner::endOfLine()
{
    switch (m_state) {
    case State::RequestLine:
        m_state = State::Headers;
        return Verdict::Continue;
    case State::Headers:
        return m_line.isEmpty() ? endOfHeaders() : readHeaderLine(m_line);
    case State::ChunkSize: {
        qsizetype digits = 0;
        qint64 size = 0;
        while (digits < m_line.size() && isHexDigit(m_line[digits])) {
            if (digits == maxChunkSizeDigits)
                return Verdict::BadRequest;
            size = size * 16 + hexValue(m_line[digits]);
            ++digits;
        }
        if (digits == 0)
            return Verdict::BadRequest;
        const QByteArrayView rest = QByteArrayView(m_line).sliced(digits).trimmed();
        if (!rest.isEmpty() && !rest.startsWith(';'))
            return Verdict::BadRequest;
        if (size == 0) {
            m_state = State::Trailers;
            return Verdict::Continue;
        }
        // Decided from the chunk's announced size, before its data arrives.
        m_bodyBytes += size;
        if (m_bodyBytes > m_limits.maxBodyBytes)
            return Verdict::BodyTooLarge;
        m_remaining = size;
        m_state = State::ChunkData;
        return Verdict::Continue;
    }
    case State::ChunkDataEnd:
        if (!m_line.isEmpty())
            return Verdict::BadRequest;
        m_state = State::ChunkSize;
        return Verdict::Continue;
    case State::Trailers:
        if (m_line.isEmpty())
            m_state = State::BetweenRequests;
        return Verdict::Continue;
    case State::BetweenRequests:
    case State::Body:
    case State::ChunkData:
    case State::Failed:
        break;
    }
    return Verdict::BadRequest;
}

HttpRequestScanner::Verdict HttpRequestScanner::endOfHeaders()
{
    // Both framings at once is the classic smuggling setup (RFC 9112 §6.3): refuse it.
    if (m_chunked && m_contentLength >= 0)
        return Verdict::BadRequest;
    if (m_chunked) {
        m_state = State::ChunkSize;
        return Verdict::Continue;
    }
    // Decided from Content-Length before a byte of the body is read.
    if (m_contentLength > m_limits.maxBodyBytes)
        return Verdict::BodyTooLarge;
    if (m_contentLength > 0) {
        m_remaining = m_contentLength;
        m_bodyBytes = m_contentLength;
        m_state = State::Body;
    } else {
        m_state = State::BetweenRequests;
    }
    return Verdict::Continue;
}

HttpRequestScanner::Verdict HttpRequestScanner::readHeaderLine(QByteArrayView line)
{
    // Obsolete line folding would let a header hide inside the previous one (RFC 9112 §5.2).
    if (line.front() == ' ' || line.front() == '\t')
        return Verdict::BadRequest;
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return Verdict::BadRequest;
    const QByteArrayView name = line.first(colon);
    if (name.contains(' ') || name.contains('\t'))
        return Verdict::BadRequest;
    const QByteArrayView value = line.sliced(colon + 1).trimmed();

    if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
        if (value.isEmpty() || value.size() > HttpFraming::maxContentLengthDigits)
            return Verdict::BadRequest;
        qint64 length = 0;
        for (char c : value) {
            if (c < '0' || c > '9')
                return Verdict::BadRequest;
            length = length * 10 + (c - '0');
        }
        if (m_contentLength >= 0 && m_contentLength != length)
            return Verdict::BadRequest;
        m_contentLength = length;
    } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        // Only plain "chunked": Qt 6.4 treats any value containing "chunked" as chunked and
        // everything else as no body, so anything else is ambiguous between the two parsers.
        if (value.compare("chunked", Qt::CaseInsensitive) != 0)
            return Verdict::BadRequest;
        m_chunked = true;
    }
    return Verdict::Continue;
}

} // namespace vs
