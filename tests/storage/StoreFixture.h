#pragma once

#include "LeaseStore.h"
#include "RedisTestServer.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

// Makes a fresh store of one backend for each test, so every contract test runs against each.
class StoreFixture
{
public:
    static constexpr qint64 tombstoneRetentionMs = 60'000;

    StoreFixture();
    ~StoreFixture();

    // Empty when ready; otherwise why the backend could not be started (a test failure).
    QString setUp();
    RedisTestServer &redis() { return m_redis; }
    // Creates a fresh, empty store of `backend`: memory, sqlite or redis.
    std::unique_ptr<vs::LeaseStore> create(const QString &backend, QString *error);

private:
    QTemporaryDir m_directory;
    RedisTestServer m_redis;
    int m_sqliteFiles = 0;
};
