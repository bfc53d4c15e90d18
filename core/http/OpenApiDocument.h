#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <QByteArray>

namespace vs {

// The OpenAPI 3 document of the whole API (resources/openapi.json), built into the binary as
// the resource `:/openapi.json` and served at GET /openapi.json. tests/http/tst_OpenApiDocument
// keeps it in step with the route table.
class OpenApiDocument
{
public:
    static constexpr const char *resourcePath = ":/openapi.json";

    // The document's bytes as built in; empty when the binary was linked without vs_resources.
    static QByteArray bytes();

    // 200 application/json with the document, or a 404 problem if it is not built in.
    static ApiResponse response(const ApiRequest &request);
};

} // namespace vs
