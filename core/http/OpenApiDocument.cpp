#include "OpenApiDocument.h"

#include <QFile>

namespace vs {

QByteArray OpenApiDocument::bytes()
{
    // Read once: the resource never changes while the process runs.
    static const QByteArray document = [] {
        QFile file(QString::fromLatin1(resourcePath));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return document;
}

ApiResponse OpenApiDocument::response(const ApiRequest &request)
{
    const QByteArray document = bytes();
    if (document.isEmpty())
        return ApiResponse::problem(404, "not-found", QStringLiteral("Not found"),
                                    QStringLiteral("this build has no OpenAPI document"),
                                    request.requestId);
    return ApiResponse::raw(200, QByteArrayLiteral("application/json"), document);
}

} // namespace vs
