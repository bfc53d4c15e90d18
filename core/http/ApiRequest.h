#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QStringList>
#include <QUrl>

namespace vs {

// What a handler needs from one HTTP request, copied out of Qt's request object (which Qt reuses
// for the next request on the connection) so an asynchronous handler may keep it.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QUrl url;
    QStringList pathParameters; // the {placeholders} of the matched route, percent-decoded
    QByteArray body;
    QByteArray requestId; // echoed from X-Request-Id when sane, generated otherwise

    const QString &parameter(qsizetype index) const { return pathParameters.at(index); }
};

} // namespace vs
