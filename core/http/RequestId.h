#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace vs {

// Correlation ids for X-Request-Id: a client's id is echoed when it is sane (1-128 characters of
// [A-Za-z0-9._~:@+-], safe in a header, a log line and JSON without escaping); otherwise the
// server makes one.
class RequestId
{
public:
    static bool isSane(QByteArrayView id);
    // Unique within the process and unlikely to collide across processes: a random per-process
    // prefix and a counter. Cheap: no system call per request.
    static QByteArray generate();
    static QByteArray saneOrGenerated(const QByteArray &clientId);
};

} // namespace vs
