#include "RedisEndpoint.h"

namespace vs {

QString RedisEndpoint::displayName() const
{
    return QStringLiteral("redis://%1:%2/%3").arg(host).arg(port).arg(database);
}

} // namespace vs
