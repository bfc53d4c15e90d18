#include "Principal.h"

namespace vs {

bool Principal::hasScope(const QString &scope) const
{
    return scopes.contains(scope);
}

} // namespace vs
