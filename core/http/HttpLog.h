#pragma once

#include <QLoggingCategory>
#include <QStringView>

#include <optional>

namespace vs {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

// How the one line per request is written: logfmt-style text or one JSON object.
enum class LogFormat
{
    Text,
    Json,
};

std::optional<LogFormat> logFormatFromString(QStringView text);

} // namespace vs
