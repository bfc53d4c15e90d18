#include "ApiController.h"

#include "ApiJson.h"
#include "HttpMetrics.h"
#include "IdRules.h"
#include "PolicySource.h"
#include "StreamLimiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

namespace vs {

namespace {

const QByteArray jsonType = QByteArrayLiteral("application/json");

ApiResponse invalid(const ApiRequest &request, const QString &detail, const QString &field = {})
{
    QJsonObject extra;
    if (!field.isEmpty())
        extra.insert(QLatin1String("field"), field);
    return ApiResponse::problem(400, "invalid-request", QStringLiteral("Invalid request"), detail,
                                request.requestId, extra);
}

ApiResponse storeUnavailable(const ApiRequest &request, const Failure &failure)
{
    ApiResponse response = ApiResponse::problem(
        503, "store-unavailable", QStringLiteral("Lease store unavailable"),
        failure.message.isEmpty() ? QStringLiteral("the lease store cannot take requests now")
                                  : failure.message,
        request.requestId);
    // The stores reconnect on their own within about a second of the store coming back.
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    return response;
}

ApiResponse unknownStream(const ApiRequest &request)
{
    return ApiResponse::problem(
        404, "unknown-stream", QStringLiteral("Unknown stream"),
        QStringLiteral("user %1 has no stream %2").arg(request.parameter(0), request.parameter(1)),
        request.requestId);
}

// The body as a JSON object, whatever the Content-Type says: clients of the original service
// sent JSON as application/x-www-form-urlencoded.
std::optional<ApiResponse> parseObject(const ApiRequest &request, QJsonObject &object)
{
    if (request.body.trimmed().isEmpty())
        return invalid(request, QStringLiteral("the request body must be a JSON object"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(request,
                       QStringLiteral("the request body is not valid JSON: %1 at offset %2")
                           .arg(error.errorString())
                           .arg(error.offset));
    if (!document.isObject())
        return invalid(request, QStringLiteral("the request body must be a JSON object"));
    object = document.object();
    return std::nullopt;
}

// A required or optional id-like string member. Absent and null are the same for optional ones.
std::optional<ApiResponse> readString(const ApiRequest &request, const QJsonObject &object,
                                      const QString &field, bool required, QString &out)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return invalid(request, field + QStringLiteral(" is required"), field);
        return std::nullopt;
    }
    if (!value.isString())
        return invalid(request, field + QStringLiteral(" must be a string"), field);
    out = value.toString();
    const QString error = IdRules::check(field, out);
    if (!error.isEmpty())
        return invalid(request, error, field);
    return std::nullopt;
}

std::optional<ApiResponse> checkUser(const ApiRequest &request)
{
    const QString error = IdRules::check(u"user_id", request.parameter(0));
    if (error.isEmpty())
        return std::nullopt;
    return invalid(request, error, QStringLiteral("user_id"));
}

ApiResponse watchFailure(const ApiRequest &request, const WatchResult &result)
{
    if (result.outcome == WatchResult::Outcome::StoreUnavailable)
        return storeUnavailable(request, result.failure);
    return invalid(request, result.failure.message, result.failure.field);
}

} // namespace

ApiController::ApiController(StreamLimiter &limiter, HttpMetrics &metrics)
    : m_limiter(limiter)
    , m_metrics(metrics)
{}

void ApiController::originalWatch(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    QJsonObject body;
    if (auto problem = parseObject(request, body))
        return respond(*problem);
    WatchRequest watch;
    watch.userId = request.parameter(0);
    // The original accepted any other members; so do we.
    if (auto problem = readString(request, body, QStringLiteral("video_id"), true, watch.videoId))
        return respond(*problem);
    watch.plan = request.plan.value_or(QString());

    m_limiter.watchAsync(watch, [request, respond](const WatchResult &result) {
        switch (result.outcome) {
        case WatchResult::Outcome::Granted:
        case WatchResult::Outcome::Reused:
            return respond(
                ApiResponse::raw(200, jsonType, ApiJson::originalVideo(result.lease.videoId)));
        case WatchResult::Outcome::Rejected:
            return respond(ApiResponse::raw(
                403, jsonType,
                QByteArrayLiteral("{\"message\":\"User watching too many video streams.\"}")));
        case WatchResult::Outcome::InvalidRequest:
        case WatchResult::Outcome::StoreUnavailable:
            return respond(watchFailure(request, result));
        }
    });
}

void ApiController::originalList(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    m_limiter.listAsync(request.parameter(0), {}, [request, respond](const ListResult &result) {
        if (result.outcome == ListResult::Outcome::Listed)
            return respond(
                ApiResponse::raw(200, jsonType, ApiJson::originalStreams(result.active)));
        if (result.outcome == ListResult::Outcome::StoreUnavailable)
            return respond(storeUnavailable(request, result.failure));
        return respond(invalid(request, result.failure.message, result.failure.field));
    });
}

void ApiController::watch(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    QJsonObject body;
    if (auto problem = parseObject(request, body))
        return respond(*problem);
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() != u"video_id" && it.key() != u"device_id" && it.key() != u"plan")
            return respond(invalid(
                request,
                it.key() +
                    QStringLiteral(": unknown field; known fields are video_id, device_id, plan"),
                it.key()));
    }
    WatchRequest watch;
    watch.userId = request.parameter(0);
    if (auto problem = readString(request, body, QStringLiteral("video_id"), true, watch.videoId))
        return respond(*problem);
    if (auto problem =
            readString(request, body, QStringLiteral("device_id"), false, watch.deviceId))
        return respond(*problem);
    if (auto problem = readString(request, body, QStringLiteral("plan"), false, watch.plan))
        return respond(*problem);
    if (request.plan)
        watch.plan = *request.plan; // authenticated: the token decides, not the body

    m_limiter.watchAsync(watch, [request, respond](const WatchResult &result) {
        switch (result.outcome) {
        case WatchResult::Outcome::Granted:
        case WatchResult::Outcome::Reused: {
            const bool granted = result.outcome == WatchResult::Outcome::Granted;
            ApiResponse response =
                ApiResponse::raw(granted ? 201 : 200, jsonType, ApiJson::stream(result.lease));
            const auto streamId = result.lease.streamId.toAscii();
            QByteArray location = "/v1/users/" + result.lease.userId.toLatin1() + "/streams/";
            location.append(streamId.data(), streamId.size());
            response.headers.append({QByteArrayLiteral("Location"), std::move(location)});
            return respond(std::move(response));
        }
        case WatchResult::Outcome::Rejected: {
            QJsonObject extra{
                {QStringLiteral("limit"), result.limit},
                {QStringLiteral("active_streams"), ApiJson::streamArray(result.active)},
            };
            return respond(ApiResponse::problem(
                409, "limit-reached", QStringLiteral("Too many concurrent streams"),
                QStringLiteral("user %1 already watches %2 of %3 allowed streams; stop one of "
                               "active_streams to start another")
                    .arg(result.lease.userId.isEmpty() ? request.parameter(0) : result.lease.userId)
                    .arg(result.active.size())
                    .arg(result.limit),
                request.requestId, extra));
        }
        case WatchResult::Outcome::InvalidRequest:
        case WatchResult::Outcome::StoreUnavailable:
            return respond(watchFailure(request, result));
        }
    });
}

void ApiController::list(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    const QString plan =
        request.plan
            ? *request.plan
            : QUrlQuery(request.url).queryItemValue(QStringLiteral("plan"), QUrl::FullyDecoded);
    if (!plan.isEmpty()) {
        const QString error = IdRules::check(u"plan", plan);
        if (!error.isEmpty())
            return respond(invalid(request, error, QStringLiteral("plan")));
    }
    m_limiter.listAsync(request.parameter(0), plan, [request, respond](const ListResult &result) {
        if (result.outcome == ListResult::Outcome::Listed)
            return respond(ApiResponse::raw(
                200, jsonType,
                ApiJson::streamList(request.parameter(0), result.limit, result.active)));
        if (result.outcome == ListResult::Outcome::StoreUnavailable)
            return respond(storeUnavailable(request, result.failure));
        return respond(invalid(request, result.failure.message, result.failure.field));
    });
}

void ApiController::getStream(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    m_limiter.listAsync(request.parameter(0), {}, [request, respond](const ListResult &result) {
        if (result.outcome == ListResult::Outcome::StoreUnavailable)
            return respond(storeUnavailable(request, result.failure));
        if (result.outcome != ListResult::Outcome::Listed)
            return respond(invalid(request, result.failure.message, result.failure.field));
        // Parsed once rather than each lease printed: a malformed id matches no stream.
        if (const auto wanted = StreamId::fromString(request.parameter(1))) {
            for (const Lease &lease : result.active) {
                if (lease.streamId == *wanted)
                    return respond(ApiResponse::raw(200, jsonType, ApiJson::stream(lease)));
            }
        }
        return respond(unknownStream(request));
    });
}

void ApiController::heartbeat(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    m_limiter.heartbeatAsync(
        request.parameter(0), request.parameter(1),
        [request, respond](const HeartbeatResult &result) {
            switch (result.outcome) {
            case HeartbeatResult::Outcome::Renewed:
                return respond(ApiResponse::raw(200, jsonType, ApiJson::stream(result.lease)));
            case HeartbeatResult::Outcome::Unknown:
                return respond(unknownStream(request));
            case HeartbeatResult::Outcome::Expired:
                return respond(ApiResponse::problem(
                    410, "stream-expired", QStringLiteral("Stream expired"),
                    QStringLiteral("the lease ran out without a heartbeat; start a new stream"),
                    request.requestId, {{QStringLiteral("reason"), QStringLiteral("expired")}}));
            case HeartbeatResult::Outcome::Evicted:
                return respond(ApiResponse::problem(
                    410, "stream-evicted", QStringLiteral("Stream evicted"),
                    QStringLiteral("a newer stream of this user took the slot (at_limit "
                                   "evict_oldest); start a new stream"),
                    request.requestId, {{QStringLiteral("reason"), QStringLiteral("evicted")}}));
            case HeartbeatResult::Outcome::InvalidRequest:
                return respond(invalid(request, result.failure.message, result.failure.field));
            case HeartbeatResult::Outcome::StoreUnavailable:
                return respond(storeUnavailable(request, result.failure));
            }
        });
}

void ApiController::stop(const ApiRequest &request, Respond respond)
{
    if (auto problem = checkUser(request))
        return respond(*problem);
    m_limiter.stopAsync(
        request.parameter(0), request.parameter(1), [request, respond](const StopResult &result) {
            switch (result.outcome) {
            case StopResult::Outcome::Stopped:
                return respond(ApiResponse::noContent());
            case StopResult::Outcome::Unknown:
                return respond(unknownStream(request));
            case StopResult::Outcome::InvalidRequest:
                return respond(invalid(request, result.failure.message, result.failure.field));
            case StopResult::Outcome::StoreUnavailable:
                return respond(storeUnavailable(request, result.failure));
            }
        });
}

void ApiController::getPolicy(const ApiRequest &, Respond respond)
{
    respond(ApiResponse::json(200, m_limiter.policy().toJson()));
}

void ApiController::putPolicy(const ApiRequest &request, Respond respond)
{
    QJsonObject body;
    if (auto problem = parseObject(request, body))
        return respond(*problem);
    // A replacement: fields left out take their defaults, so what GET returns, PUT restores.
    const PolicyParseResult parsed = Policy::fromJson(body);
    if (!parsed.ok())
        return respond(invalid(request, parsed.error, parsed.field));
    if (m_policySource) {
        // Answered once every instance can see it; if the store is down, nothing changed.
        const Policy policy = parsed.policy;
        m_policySource->publish(policy, [request, respond, policy](const QString &error) {
            if (!error.isEmpty())
                return respond(storeUnavailable(request, Failure{error, {}}));
            respond(ApiResponse::json(200, policy.toJson()));
        });
        return;
    }
    m_limiter.setPolicy(parsed.policy);
    respond(ApiResponse::json(200, parsed.policy.toJson()));
}

void ApiController::healthz(const ApiRequest &, Respond respond)
{
    respond(ApiResponse::raw(200, jsonType, QByteArrayLiteral("{\"status\":\"ok\"}")));
}

void ApiController::readyz(const ApiRequest &request, Respond respond)
{
    // Asked without blocking: while Redis (re)connects the answer waits for it, not the server.
    m_limiter.store().isReachableAsync([request, respond](bool reachable) {
        if (reachable)
            return respond(
                ApiResponse::raw(200, jsonType, QByteArrayLiteral("{\"status\":\"ready\"}")));
        respond(storeUnavailable(request,
                                 Failure{QStringLiteral("the lease store is not reachable"), {}}));
    });
}

void ApiController::metrics(const ApiRequest &, Respond respond)
{
    respond(ApiResponse::raw(200, QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                             m_metrics.render(m_limiter.store().storedLeaseCountForGauge())));
}

ApiResponse ApiController::notFound(const ApiRequest &request)
{
    return ApiResponse::problem(404, "not-found", QStringLiteral("Not found"),
                                QStringLiteral("no route matches %1; see docs/API.md")
                                    .arg(request.url.path(QUrl::FullyEncoded)),
                                request.requestId);
}

ApiResponse ApiController::methodNotAllowed(const ApiRequest &request, const QByteArray &allow)
{
    ApiResponse response = ApiResponse::problem(
        405, "method-not-allowed", QStringLiteral("Method not allowed"),
        QStringLiteral("%1 supports %2")
            .arg(request.url.path(QUrl::FullyEncoded), QString::fromLatin1(allow)),
        request.requestId);
    response.headers.append({QByteArrayLiteral("Allow"), allow});
    return response;
}

ApiResponse ApiController::payloadTooLarge(const ApiRequest &request)
{
    return ApiResponse::problem(
        413, "payload-too-large", QStringLiteral("Payload too large"),
        QStringLiteral("request bodies are limited to %1 bytes").arg(maxBodyBytes),
        request.requestId);
}

} // namespace vs
