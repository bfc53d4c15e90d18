#include "LeaseStoreFactory.h"

#include "MemoryLeaseStore.h"
#include "RedisLeaseStore.h"
#include "RedisPolicySource.h"
#include "SqliteLeaseStore.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace vs {

namespace {

// A store named correctly that could not be made (a file that cannot be opened, ...).
LeaseStoreCreation failure(const QString &message)
{
    LeaseStoreCreation creation;
    creation.error = message;
    return creation;
}

// A spec that names no store: the user's mistake, not the system's.
LeaseStoreCreation invalidSpec(const QString &message)
{
    LeaseStoreCreation creation = failure(message);
    creation.specInvalid = true;
    return creation;
}

LeaseStoreCreation createRedis(const QString &spec)
{
    const QUrl url(spec, QUrl::StrictMode);
    const QString hint = QStringLiteral("; expected redis://[:PASSWORD@]HOST[:PORT][/DB]");
    if (!url.isValid() || url.host().isEmpty())
        return invalidSpec(QStringLiteral("--store: '%1' is not a valid Redis URL").arg(spec) +
                           hint);
    RedisLeaseStore::Options options;
    options.endpoint.host = url.host();
    const int port = url.port(6379);
    if (port <= 0 || port > 65535)
        return invalidSpec(QStringLiteral("--store: Redis port must be 1 to 65535") + hint);
    options.endpoint.port = port;
    options.endpoint.password = url.password(QUrl::FullyDecoded);
    if (!url.userName().isEmpty() && url.password().isEmpty())
        options.endpoint.password = url.userName(QUrl::FullyDecoded); // redis://secret@host
    const QString path = url.path();
    if (!path.isEmpty() && path != u"/") {
        bool ok = false;
        const int database = path.mid(1).toInt(&ok);
        if (!ok || database < 0)
            return invalidSpec(QStringLiteral("--store: Redis database must be a number, got '%1'")
                                   .arg(path.mid(1)) +
                               hint);
        options.endpoint.database = database;
    }
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems()) {
        if (key != u"timeout_ms")
            return invalidSpec(QStringLiteral("--store: unknown Redis URL option '%1' (known: "
                                              "timeout_ms)")
                                   .arg(key));
        bool ok = false;
        const int timeout = value.toInt(&ok);
        if (!ok || timeout < 10 || timeout > 60'000)
            return invalidSpec(
                QStringLiteral("--store: timeout_ms must be 10 to 60000, got '%1'").arg(value));
        options.endpoint.connectTimeoutMs = timeout;
        options.endpoint.commandTimeoutMs = timeout;
    }
    // Sweeps run on the timer of the thread that serves requests: they must not wait for Redis.
    options.nonBlockingSweep = true;
    LeaseStoreCreation creation;
    creation.description = options.endpoint.displayName();
    creation.store = std::make_unique<RedisLeaseStore>(options);
    RedisPolicySource::Options policyOptions;
    policyOptions.endpoint = options.endpoint;
    creation.policySource = std::make_unique<RedisPolicySource>(policyOptions);
    return creation;
}

} // namespace

QString leaseStoreSpecSyntax()
{
    return QStringLiteral("memory | sqlite[:PATH] | redis://[:PASSWORD@]HOST[:PORT][/DB]");
}

LeaseStoreCreation createLeaseStore(const QString &spec, const QString &dataDir)
{
    const QString trimmed = spec.trimmed();
    if (trimmed == u"memory") {
        LeaseStoreCreation creation;
        creation.description = QStringLiteral("memory");
        creation.store = std::make_unique<MemoryLeaseStore>();
        return creation;
    }
    if (trimmed == u"sqlite" || trimmed.startsWith(u"sqlite:")) {
        QString path = trimmed.mid(7);
        if (path.isEmpty()) {
            const QString directory =
                dataDir.isEmpty()
                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                    : dataDir;
            if (directory.isEmpty())
                return failure(QStringLiteral("--store sqlite: no data directory is known on this "
                                              "system; pass --data-dir or sqlite:PATH"));
            path = QDir(directory).filePath(QStringLiteral("leases.db"));
        }
        SqliteLeaseStore::OpenResult opened = SqliteLeaseStore::open(path);
        if (!opened.store)
            return failure(opened.error);
        LeaseStoreCreation creation;
        creation.description = QStringLiteral("sqlite:") + opened.store->path();
        creation.store = std::move(opened.store);
        return creation;
    }
    if (trimmed.startsWith(u"redis://"))
        return createRedis(trimmed);
    return invalidSpec(QStringLiteral("--store: unknown store '%1'; use ").arg(spec) +
                       leaseStoreSpecSyntax());
}

} // namespace vs
