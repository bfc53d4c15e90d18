#include "StoreFixture.h"

#include "MemoryLeaseStore.h"
#include "RedisLeaseStore.h"
#include "SqliteLeaseStore.h"

StoreFixture::StoreFixture() = default;
StoreFixture::~StoreFixture() = default;

QString StoreFixture::setUp()
{
    if (!m_directory.isValid())
        return QStringLiteral("cannot create a temporary directory");
    return m_redis.start();
}

std::unique_ptr<vs::LeaseStore> StoreFixture::create(const QString &backend, QString *error)
{
    if (backend == QLatin1String("memory"))
        return std::make_unique<vs::MemoryLeaseStore>(tombstoneRetentionMs);
    if (backend == QLatin1String("sqlite")) {
        vs::SqliteLeaseStore::Options options;
        options.tombstoneRetentionMs = tombstoneRetentionMs;
        auto opened = vs::SqliteLeaseStore::open(
            m_directory.filePath(QStringLiteral("leases-%1.db").arg(++m_sqliteFiles)), options);
        *error = opened.error;
        return std::move(opened.store);
    }
    if (backend == QLatin1String("redis")) {
        if (!m_redis.command({QByteArrayLiteral("FLUSHALL")}).startsWith("+OK")) {
            *error = QStringLiteral("the test redis-server does not answer");
            return nullptr;
        }
        vs::RedisLeaseStore::Options options;
        options.endpoint.port = m_redis.port();
        options.tombstoneRetentionMs = tombstoneRetentionMs;
        options.useCallerClockForTests = true;
        return std::make_unique<vs::RedisLeaseStore>(options);
    }
    *error = QStringLiteral("unknown backend ") + backend;
    return nullptr;
}
