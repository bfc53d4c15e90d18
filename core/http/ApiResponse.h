#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>

namespace vs {

// The value a handler produces. ApiServer adds Content-Length and X-Request-Id and writes it.
struct ApiResponse
{
    // Problem types are URIs under this base; docs/API.md lists every one.
    static constexpr const char *problemTypeBase = "https://videostreams.example/problems/";

    int status = 200;
    QByteArray contentType; // empty: no body (204)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // beyond Content-Type/-Length and X-Request-Id

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse raw(int status, const QByteArray &contentType, const QByteArray &body);
    static ApiResponse noContent();
    // RFC 9457 problem details: {type, title, status, detail, request_id} plus `extra` members.
    static ApiResponse problem(int status, const char *slug, const QString &title,
                               const QString &detail, const QByteArray &requestId,
                               const QJsonObject &extra = {});
};

// Handlers answer through this, now or later (stores that answer asynchronously).
using Respond = std::function<void(ApiResponse)>;

} // namespace vs
