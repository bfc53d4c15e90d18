#pragma once

#include "AtLimitBehaviour.h"
#include "HttpLimits.h"
#include "HttpLog.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

// What `videostreams serve` was asked to do, parsed and checked.
struct ServeOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    QString host = QStringLiteral("127.0.0.1"); // as the user wrote it, for the listening line
    quint16 port = 8080;                        // 0: pick a free port
    std::optional<int> limit;                   // unset: the policy default
    std::optional<qint64> ttlSeconds;
    std::optional<vs::AtLimitBehaviour> atLimit;
    vs::LogFormat logFormat = vs::LogFormat::Text;
    QString store = QStringLiteral("sqlite"); // --store: memory | sqlite[:PATH] | redis://...
    QString dataDir;                          // --data-dir: empty = the user's data directory
    // Security (docs/SECURITY.md).
    bool jwtAuth = false;    // --auth jwt
    QString jwtSecretFile;   // --jwt-secret-file
    QString jwtIssuer;       // --jwt-issuer: when set, tokens must carry this iss
    QString jwtAudience;     // --jwt-audience: when set, tokens' aud must include it
    bool metricsOpen = true; // --metrics open|protected; protected by default when auth is on
    vs::HttpLimits limits;   // --max-connections, --max-body-bytes, --request-rate

    // Parses `arguments` (program name first). On --help prints usage and sets `exitCode` 0; on
    // bad input prints the problem and sets `exitCode` 2; returns nullopt in both cases.
    static std::optional<ServeOptions> parse(const QStringList &arguments, int &exitCode);

    // "HOST:PORT" or "[IPv6]:PORT". Empty string on success, else what is wrong.
    QString setListen(const QString &text);
};
