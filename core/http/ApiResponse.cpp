#include "ApiResponse.h"

#include <QJsonDocument>

namespace vs {

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return raw(status, QByteArrayLiteral("application/json"),
               QJsonDocument(object).toJson(QJsonDocument::Compact));
}

ApiResponse ApiResponse::raw(int status, const QByteArray &contentType, const QByteArray &body)
{
    ApiResponse response;
    response.status = status;
    response.contentType = contentType;
    response.body = body;
    return response;
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse response;
    response.status = 204;
    return response;
}

ApiResponse ApiResponse::problem(int status, const char *slug, const QString &title,
                                 const QString &detail, const QByteArray &requestId,
                                 const QJsonObject &extra)
{
    QJsonObject object = extra;
    object.insert(QLatin1String("type"), QString::fromLatin1(QByteArray(problemTypeBase) + slug));
    object.insert(QLatin1String("title"), title);
    object.insert(QLatin1String("status"), status);
    object.insert(QLatin1String("detail"), detail);
    object.insert(QLatin1String("request_id"), QString::fromLatin1(requestId));
    return raw(status, QByteArrayLiteral("application/problem+json"),
               QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace vs
