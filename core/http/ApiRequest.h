#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace vs {

// What a handler needs from one HTTP request, copied out of Qt's request object (which Qt reuses
// for the next request on the connection) so an asynchronous handler may keep it.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QUrl url; // for a SimpleHttpRequest only the path: it has no query, and no handler reads more
    QStringList pathParameters; // the {placeholders} of the matched route, percent-decoded
    QByteArray body;
    QByteArray requestId; // echoed from X-Request-Id when sane, generated otherwise
    // Set when authentication is on and the plan comes from the caller's token: the plan this
    // request is admitted under, whatever its body or query says (empty: the default).
    std::optional<QString> plan;

    const QString &parameter(qsizetype index) const { return pathParameters.at(index); }
};

} // namespace vs
