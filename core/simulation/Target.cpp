#include "Target.h"

namespace vs {

QString Target::userId(quint32 user)
{
    return u'u' + QString::number(user);
}

QString Target::videoId(quint32 video)
{
    return u'v' + QString::number(video);
}

} // namespace vs
