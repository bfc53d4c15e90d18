#pragma once

#include <QLoggingCategory>

namespace vs {

Q_DECLARE_LOGGING_CATEGORY(vsStore)

} // namespace vs
