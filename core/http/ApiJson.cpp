#include "ApiJson.h"

#include <QJsonDocument>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>

namespace vs::ApiJson {

namespace {

// Howard Hinnant's civil_from_days: proleptic Gregorian date from days since 1970-01-01.
void civilFromDays(qint64 days, qint64 &year, unsigned &month, unsigned &day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = unsigned(days - era * 146097);
    const unsigned yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    year = qint64(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

void appendDigits(char *&out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    out += width;
}

void appendString(QByteArray &out, const QString &text)
{
    // Only ever called with IdRules-valid ids: ASCII without quotes or backslashes.
    out += '"';
    out += text.toLatin1();
    out += '"';
}

} // namespace

namespace {

// Writes the 24 characters of rfc3339(msSinceEpoch) at `out`; returns the end.
char *writeRfc3339(char *out, qint64 msSinceEpoch)
{
    // Years 0-9999 only; anything else is not a time this service produces.
    constexpr qint64 maxMs = 253402300799999;
    msSinceEpoch = std::clamp<qint64>(msSinceEpoch, -62167219200000, maxMs);
    qint64 days = msSinceEpoch / 86400000;
    qint64 msOfDay = msSinceEpoch % 86400000;
    if (msOfDay < 0) {
        msOfDay += 86400000;
        --days;
    }
    qint64 year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civilFromDays(days, year, month, day);

    appendDigits(out, year, 4);
    *out++ = '-';
    appendDigits(out, month, 2);
    *out++ = '-';
    appendDigits(out, day, 2);
    *out++ = 'T';
    appendDigits(out, msOfDay / 3600000, 2);
    *out++ = ':';
    appendDigits(out, msOfDay / 60000 % 60, 2);
    *out++ = ':';
    appendDigits(out, msOfDay / 1000 % 60, 2);
    *out++ = '.';
    appendDigits(out, msOfDay % 1000, 3);
    *out++ = 'Z';
    return out;
}

// Collects one stream object on the stack and appends it to the output in one go: a chain of
// QByteArray appends (and toLatin1 copies of every id) cost several times as much.
class StreamWriter
{
public:
    void raw(QByteArrayView text) { m_text.append(text.data(), text.size()); }
    // Only ever called with IdRules-valid ids: ASCII without quotes or backslashes.
    void quoted(const QString &text)
    {
        const qsizetype start = m_text.size();
        m_text.resize(start + text.size() + 2);
        char *out = m_text.data() + start;
        *out++ = '"';
        for (const QChar c : text)
            *out++ = char(c.unicode());
        *out = '"';
    }
    void number(qint64 value)
    {
        char digits[24];
        raw(QByteArrayView(digits,
                           std::to_chars(digits, digits + sizeof digits, value).ptr - digits));
    }
    void quotedTime(qint64 msSinceEpoch)
    {
        char text[26];
        text[0] = '"';
        char *end = writeRfc3339(text + 1, msSinceEpoch);
        *end++ = '"';
        raw(QByteArrayView(text, end - text));
    }
    void appendTo(QByteArray &out) const { out.append(m_text.data(), m_text.size()); }

private:
    QVarLengthArray<char, 512> m_text;
};

} // namespace

QByteArray rfc3339(qint64 msSinceEpoch)
{
    QByteArray text(24, Qt::Uninitialized);
    writeRfc3339(text.data(), msSinceEpoch);
    return text;
}

qint64 heartbeatIntervalSeconds(const Lease &lease)
{
    if (!lease.expires())
        return 0;
    const qint64 ttlMs = lease.expiresAtMs - lease.lastHeartbeatAtMs;
    return std::max<qint64>(1, ttlMs / 3000);
}

void appendStream(QByteArray &out, const Lease &lease)
{
    StreamWriter json;
    json.raw("{\"stream_id\":");
    const auto streamId = lease.streamId.toAscii(); // base64url: nothing to escape
    json.raw("\"");
    json.raw(QByteArrayView(streamId.data(), streamId.size()));
    json.raw("\"");
    json.raw(",\"user_id\":");
    json.quoted(lease.userId);
    json.raw(",\"video_id\":");
    json.quoted(lease.videoId);
    json.raw(",\"device_id\":");
    if (lease.deviceId.isEmpty())
        json.raw("null");
    else
        json.quoted(lease.deviceId);
    json.raw(",\"started_at\":");
    json.quotedTime(lease.startedAtMs);
    json.raw(",\"expires_at\":");
    if (lease.expires())
        json.quotedTime(lease.expiresAtMs);
    else
        json.raw("null");
    json.raw(",\"heartbeat_interval_s\":");
    const qint64 interval = heartbeatIntervalSeconds(lease);
    if (interval > 0)
        json.number(interval);
    else
        json.raw("null");
    json.raw("}");
    json.appendTo(out);
}

QByteArray stream(const Lease &lease)
{
    QByteArray out;
    out.reserve(256);
    appendStream(out, lease);
    return out;
}

QByteArray streamList(const QString &userId, int limit, const QList<Lease> &active)
{
    QByteArray out;
    out.reserve(64 + 256 * active.size());
    out += "{\"user_id\":";
    appendString(out, userId);
    out += ",\"limit\":";
    out += QByteArray::number(limit);
    out += ",\"active\":";
    out += QByteArray::number(active.size());
    out += ",\"streams\":[";
    for (qsizetype i = 0; i < active.size(); ++i) {
        if (i > 0)
            out += ',';
        appendStream(out, active.at(i));
    }
    out += "]}";
    return out;
}

QJsonArray streamArray(const QList<Lease> &leases)
{
    QJsonArray array;
    for (const Lease &lease : leases)
        array.append(QJsonDocument::fromJson(stream(lease)).object());
    return array;
}

QByteArray originalVideo(const QString &videoId)
{
    QByteArray out = "{\"video_id\":";
    appendString(out, videoId);
    out += '}';
    return out;
}

QByteArray originalStreams(const QList<Lease> &active)
{
    QByteArray out = "{\"streams\":[";
    for (qsizetype i = 0; i < active.size(); ++i) {
        if (i > 0)
            out += ',';
        appendString(out, active.at(i).videoId);
    }
    out += "]}";
    return out;
}

} // namespace vs::ApiJson
