#pragma once

#include "Lease.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace vs {

// The JSON shapes of the API. Success bodies on the hot path are written as text directly:
// ids follow IdRules (no character needs escaping) and times have a fixed format, so this is
// both exact and much cheaper than building a QJsonDocument per request.
namespace ApiJson {

// RFC 3339 UTC with milliseconds, e.g. "2026-01-31T12:00:00.000Z".
QByteArray rfc3339(qint64 msSinceEpoch);

// How often a client should heartbeat: a third of the lease's TTL (at least 1 s); 0 when the
// lease never expires.
qint64 heartbeatIntervalSeconds(const Lease &lease);

// {"stream_id","user_id","video_id","device_id","started_at","expires_at","heartbeat_interval_s"}
// device_id, expires_at and heartbeat_interval_s are null when absent / never expiring.
void appendStream(QByteArray &out, const Lease &lease);
QByteArray stream(const Lease &lease);
QByteArray streamList(const QString &userId, int limit, const QList<Lease> &active);
QJsonArray streamArray(const QList<Lease> &leases);

// The original contract's bodies, byte for byte.
QByteArray originalVideo(const QString &videoId);
QByteArray originalStreams(const QList<Lease> &active);

} // namespace ApiJson

} // namespace vs
