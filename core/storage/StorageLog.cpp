#include "StorageLog.h"

namespace vs {

Q_LOGGING_CATEGORY(vsStore, "vs.store")

} // namespace vs
