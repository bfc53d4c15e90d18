// Request -> handler dispatch, the way ApiServer does it after Qt's parser: route matching on
// the raw path, then the matched handler (the original calls, /v1, policy, probes) against an
// in-memory limiter. Input: a method selector byte, the path up to the first newline, then the
// body. The same bytes also go through HttpRequestScanner, whole and split in two, which must
// agree: a framing decision that depends on how TCP cut the bytes would be a bug. When
// SimpleHttpRequest takes a request from the front of the bytes, the scanner must see exactly
// one whole request in what it took: the two must agree on where a request ends.
#include <QCoreApplication>
#include <QJsonDocument>

#include "ApiServer.h"
#include "HttpRequestScanner.h"
#include "ManualClock.h"
#include "MemoryLeaseStore.h"
#include "SimpleHttpRequest.h"
#include "StreamLimiter.h"

#include <cstdint>
#include <memory>

namespace {

struct World
{
    vs::ManualClock clock;
    std::unique_ptr<vs::MemoryLeaseStore> store;
    std::unique_ptr<vs::StreamLimiter> limiter;
    std::unique_ptr<vs::ApiServer> server;
    int runs = 0;

    void reset()
    {
        server.reset();
        limiter.reset();
        store = std::make_unique<vs::MemoryLeaseStore>();
        limiter = std::make_unique<vs::StreamLimiter>(*store, clock);
        server = std::make_unique<vs::ApiServer>(*limiter);
    }
};

World &world()
{
    static int argc = 1;
    static char name[] = "fuzz_http_dispatch";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static World instance;
    // Fresh state now and then, so leases from earlier inputs do not pile up without bound.
    if (instance.runs++ % 2000 == 0)
        instance.reset();
    return instance;
}

void checkScanner(QByteArrayView bytes)
{
    vs::HttpLimits limits;
    limits.maxRequestLineBytes = 256;
    limits.maxHeaderBytes = 1024;
    limits.maxBodyBytes = 512;
    vs::HttpRequestScanner whole(limits);
    const auto wholeVerdict = whole.feed(bytes);
    vs::HttpRequestScanner split(limits);
    const qsizetype cut = bytes.isEmpty() ? 0 : qsizetype(std::uint8_t(bytes[0])) % bytes.size();
    auto splitVerdict = split.feed(bytes.first(cut));
    if (splitVerdict == vs::HttpRequestScanner::Verdict::Continue)
        splitVerdict = split.feed(bytes.sliced(cut));
    if (wholeVerdict != splitVerdict || whole.requestsStarted() != split.requestsStarted() ||
        whole.inHeaders() != split.inHeaders() || whole.inBody() != split.inBody())
        qFatal("HttpRequestScanner depends on how the bytes were split");
}

void checkSimpleRequest(QByteArrayView bytes)
{
    vs::SimpleHttpRequest request;
    const qsizetype taken = request.parse(bytes);
    if (taken == 0)
        return;
    if (taken > bytes.size() || request.body().size() > taken)
        qFatal("SimpleHttpRequest took more than it was given");
    vs::HttpLimits limits; // the defaults: whatever the scanner refuses, Qt would answer
    vs::HttpRequestScanner scanner(limits);
    if (scanner.feed(bytes.first(taken)) != vs::HttpRequestScanner::Verdict::Continue)
        return;
    if (scanner.requestsStarted() != 1 || scanner.inHeaders() || scanner.inBody())
        qFatal("SimpleHttpRequest and HttpRequestScanner disagree on where a request ends");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkScanner(input);
    checkSimpleRequest(input);
    if (!input.isEmpty())
        checkSimpleRequest(input.sliced(1)); // after the method selector: raw HTTP seeds
    if (size < 2)
        return 0;

    using Method = QHttpServerRequest::Method;
    static const Method methods[] = {Method::Get,    Method::Post, Method::Put,
                                     Method::Delete, Method::Head, Method::Patch};
    const Method method = methods[data[0] % std::size(methods)];
    const QByteArrayView rest = input.sliced(1);
    const qsizetype newline = rest.indexOf('\n');
    const QByteArrayView path = newline < 0 ? rest : rest.first(newline);
    const QByteArrayView body = newline < 0 ? QByteArrayView() : rest.sliced(newline + 1);

    World &state = world();
    vs::ApiRequest request;
    request.method = method;
    request.url = QUrl::fromEncoded(path.toByteArray());
    request.body = body.toByteArray();
    request.requestId = QByteArrayLiteral("fuzz");
    const vs::RouteTable &routes = state.server->routes();
    vs::RouteTable::Match match = routes.match(method, request.url.path(QUrl::FullyEncoded));
    if (match.routeIndex < 0)
        return 0;
    request.pathParameters = std::move(match.parameters);

    int answers = 0;
    routes.routes()[std::size_t(match.routeIndex)].handler(
        request, [&answers](const vs::ApiResponse &response) {
            ++answers;
            if (response.status < 200 || response.status > 599)
                qFatal("handler answered status %d", response.status);
            if (response.contentType == "application/problem+json" &&
                !QJsonDocument::fromJson(response.body).isObject())
                qFatal("a problem response is not a JSON object");
            // Server errors mean a handler failed to classify bad input.
            if (response.status >= 500 && response.status != 503)
                qFatal("handler answered %d", response.status);
        });
    // The in-memory store answers synchronously: exactly one answer, now.
    if (answers != 1)
        qFatal("handler answered %d times", answers);
    state.clock.advanceMs(250);
    return 0;
}
