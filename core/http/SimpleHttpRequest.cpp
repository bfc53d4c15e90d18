#include "SimpleHttpRequest.h"

#include "HttpFraming.h"

#include <algorithm>
#include <cstring>

namespace vs {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

// RFC 3986 unreserved characters, and '/'.
bool isPlainPathChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

bool isValueChar(char c)
{
    return (c >= 0x20 && c <= 0x7e) || c == '\t';
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    // Lengths first: most names differ in length, and that check is far cheaper.
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

} // namespace

qsizetype SimpleHttpRequest::parse(QByteArrayView buffer)
{
    m_method = QHttpServerRequest::Method::Unknown;
    m_path = {};
    m_body = {};
    m_headerCount = 0;

    qsizetype position = 0;
    while (position < buffer.size() && HttpFraming::isLeadingWhitespace(buffer[position]))
        ++position;
    bool requestLine = true;
    qsizetype contentLength = 0;
    while (true) {
        const qsizetype lineEnd = buffer.indexOf('\n', position);
        if (lineEnd < 0 || lineEnd == position || buffer[lineEnd - 1] != '\r')
            return 0; // incomplete, or a bare LF
        const QByteArrayView line = buffer.sliced(position, lineEnd - 1 - position);
        position = lineEnd + 1;
        if (requestLine) {
            if (!parseRequestLine(line))
                return 0;
            requestLine = false;
            continue;
        }
        if (line.isEmpty())
            break; // end of the headers
        if (!addHeader(line))
            return 0;
    }

    for (int i = 0; i < m_headerCount; ++i) {
        const Header &header = m_headers[std::size_t(i)];
        for (int j = 0; j < i; ++j) {
            if (sameName(m_headers[std::size_t(j)].name, header.name))
                return 0; // Qt combines repeated headers; leave that to it
        }
        if (sameName(header.name, "transfer-encoding") || sameName(header.name, "expect") ||
            sameName(header.name, "upgrade"))
            return 0;
        if (sameName(header.name, "content-length")) {
            if (header.value.isEmpty() || header.value.size() > HttpFraming::maxContentLengthDigits)
                return 0;
            for (const char c : header.value) {
                if (c < '0' || c > '9')
                    return 0;
                contentLength = contentLength * 10 + (c - '0');
            }
        }
    }
    if (buffer.size() - position < contentLength)
        return 0; // the body is not all here yet
    m_body = buffer.sliced(position, contentLength);
    return position + contentLength;
}

bool SimpleHttpRequest::parseRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    if (firstSpace <= 0)
        return false;
    const QByteArrayView method = line.first(firstSpace);
    if (method == "GET")
        m_method = QHttpServerRequest::Method::Get;
    else if (method == "POST")
        m_method = QHttpServerRequest::Method::Post;
    else if (method == "PUT")
        m_method = QHttpServerRequest::Method::Put;
    else if (method == "DELETE")
        m_method = QHttpServerRequest::Method::Delete;
    else
        return false;
    const QByteArrayView rest = line.sliced(firstSpace + 1);
    constexpr QByteArrayView version(" HTTP/1.1");
    if (!rest.endsWith(version))
        return false;
    m_path = rest.first(rest.size() - version.size());
    return !m_path.isEmpty() && m_path.front() == '/' &&
           std::all_of(m_path.begin(), m_path.end(), isPlainPathChar);
}

bool SimpleHttpRequest::addHeader(QByteArrayView line)
{
    if (m_headerCount == maxHeaders)
        return false;
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false; // also a folded line, which starts with whitespace
    const QByteArrayView name = line.first(colon);
    if (!std::all_of(name.begin(), name.end(), isTokenChar))
        return false;
    const QByteArrayView value = line.sliced(colon + 1);
    if (!std::all_of(value.begin(), value.end(), isValueChar))
        return false;
    m_headers[std::size_t(m_headerCount++)] = Header{name, trimmed(value)};
    return true;
}

QByteArrayView SimpleHttpRequest::header(QByteArrayView name) const
{
    for (int i = 0; i < m_headerCount; ++i) {
        if (sameName(m_headers[std::size_t(i)].name, name))
            return m_headers[std::size_t(i)].value;
    }
    return {};
}

} // namespace vs
