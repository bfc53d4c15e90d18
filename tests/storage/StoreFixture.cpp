#include "StoreFixture.h"

#include "MemoryLeaseStore.h"
#include "SqliteLeaseStore.h"

StoreFixture::StoreFixture() = default;
StoreFixture::~StoreFixture() = default;

QString StoreFixture::setUp()
{
    if (!m_directory.isValid())
        return QStringLiteral("cannot create a temporary directory");
    return {};
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
    *error = QStringLiteral("unknown backend ") + backend;
    return nullptr;
}
