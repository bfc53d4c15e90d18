#include "HttpLog.h"

namespace vs {

Q_LOGGING_CATEGORY(lcHttp, "vs.http")

std::optional<LogFormat> logFormatFromString(QStringView text)
{
    if (text == u"text")
        return LogFormat::Text;
    if (text == u"json")
        return LogFormat::Json;
    return std::nullopt;
}

} // namespace vs
