#include "RouteTable.h"

#include <QUrl>

namespace vs {

namespace {

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

} // namespace

QByteArray RouteTable::methodName(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    switch (method) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Head:
        return QByteArrayLiteral("HEAD");
    case Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case Method::Patch:
        return QByteArrayLiteral("PATCH");
    case Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

void RouteTable::add(QHttpServerRequest::Method method, const QString &pattern, Handler handler)
{
    Route route;
    route.method = method;
    route.pattern = pattern;
    route.patternUtf8 = pattern.toUtf8();
    route.metricsLabel = "method=\"" + methodName(method) + "\",route=\"" + pattern.toUtf8() + '"';
    route.segments = pattern.split(u'/', Qt::SkipEmptyParts);
    route.handler = std::move(handler);
    m_routes.push_back(std::move(route));
}

RouteTable::Match RouteTable::match(QHttpServerRequest::Method method,
                                    const QString &encodedPath) const
{
    Match result;
    if (!encodedPath.startsWith(u'/'))
        return result;
    // Split before decoding, so an encoded '/' inside an id cannot create a segment. Empty
    // segments (a trailing slash, "//") are kept: they match nothing.
    const QStringView path = QStringView(encodedPath).mid(1);
    const QList<QStringView> segments = path.split(u'/');

    for (int index = 0; index < int(m_routes.size()); ++index) {
        const Route &route = m_routes[std::size_t(index)];
        if (route.segments.size() != segments.size())
            continue;
        QStringList parameters;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const QString &expected = route.segments.at(i);
            if (isPlaceholder(expected)) {
                if (segments.at(i).isEmpty()) {
                    matches = false;
                    break;
                }
                parameters.append(QUrl::fromPercentEncoding(segments.at(i).toUtf8()));
            } else if (segments.at(i) != expected) {
                matches = false;
                break;
            }
        }
        if (!matches)
            continue;
        if (route.method == method) {
            result.routeIndex = index;
            result.parameters = std::move(parameters);
            result.allowedMethods.clear();
            return result;
        }
        if (!result.allowedMethods.isEmpty())
            result.allowedMethods += ", ";
        result.allowedMethods += methodName(route.method);
    }
    return result;
}

} // namespace vs
