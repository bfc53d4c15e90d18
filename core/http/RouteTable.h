#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <QHttpServerRequest>
#include <QString>
#include <QStringList>

#include <vector>

namespace vs {

// The one place where method + path pattern map to a handler. Patterns are literal segments and
// {placeholders}, e.g. "/v1/users/{user}/streams/{stream}"; a placeholder matches one non-empty
// segment, percent-decoded. Knowing every pattern lets the server tell 404 (no such path) from
// 405 (path exists, other methods: the Allow header lists them).
class RouteTable
{
public:
    using Handler = std::function<void(const ApiRequest &, Respond)>;

    struct Route
    {
        QHttpServerRequest::Method method;
        QString pattern;         // for logs and metrics: the template, never the user's ids
        QByteArray patternUtf8;  // the same, ready for a log line
        QByteArray metricsLabel; // `method="POST",route="/v1/..."`, built once
        QStringList segments;    // pattern split on '/'
        Handler handler;
    };

    struct Match
    {
        int routeIndex = -1;       // >= 0: found
        QStringList parameters;    // found: the placeholder values in order
        QByteArray allowedMethods; // not found but the path exists: for 405's Allow header
    };

    void add(QHttpServerRequest::Method method, const QString &pattern, Handler handler);

    // `encodedPath` is the request path as sent (percent-encoded).
    Match match(QHttpServerRequest::Method method, const QString &encodedPath) const;

    const std::vector<Route> &routes() const { return m_routes; }

    static QByteArray methodName(QHttpServerRequest::Method method);

private:
    std::vector<Route> m_routes;
};

} // namespace vs
