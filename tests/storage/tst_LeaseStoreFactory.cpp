// --store specs: each valid form makes the right store, each invalid one a clear error.

#include "LeaseStoreFactory.h"
#include "MemoryLeaseStore.h"
#include "RedisLeaseStore.h"
#include "SqliteLeaseStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vs;

class tst_LeaseStoreFactory : public QObject
{
    Q_OBJECT

private slots:
    void createsTheNamedStore_data();
    void createsTheNamedStore();
    void rejectsBadSpecs_data();
    void rejectsBadSpecs();
    void redisUrlCarriesEndpoint();
};

void tst_LeaseStoreFactory::createsTheNamedStore_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("descriptionStart");
    QTest::newRow("memory") << u"memory"_qs << u"memory"_qs << u"memory"_qs;
    QTest::newRow("sqlite in the data dir") << u"sqlite"_qs << u"sqlite"_qs << u"sqlite:DATA/"_qs;
    QTest::newRow("sqlite with a path")
        << u"sqlite:DATA/x/y.db"_qs << u"sqlite"_qs << u"sqlite:DATA/x/y.db"_qs;
    QTest::newRow("redis") << u"redis://127.0.0.1:1/2"_qs << u"redis"_qs
                           << u"redis://127.0.0.1:1/2"_qs;
    QTest::newRow("redis default port")
        << u"redis://localhost"_qs << u"redis"_qs << u"redis://localhost:6379/0"_qs;
}

void tst_LeaseStoreFactory::createsTheNamedStore()
{
    QFETCH(QString, spec);
    QFETCH(QString, kind);
    QFETCH(QString, descriptionStart);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    spec.replace(u"DATA"_qs, directory.path());
    descriptionStart.replace(u"DATA"_qs, directory.path());
    const LeaseStoreCreation creation = createLeaseStore(spec, directory.path());
    QVERIFY2(creation.store, qPrintable(creation.error));
    QVERIFY2(creation.description.startsWith(descriptionStart), qPrintable(creation.description));
    if (kind == u"memory")
        QVERIFY(dynamic_cast<MemoryLeaseStore *>(creation.store.get()));
    else if (kind == u"sqlite")
        QVERIFY(dynamic_cast<SqliteLeaseStore *>(creation.store.get()));
    else
        QVERIFY(dynamic_cast<RedisLeaseStore *>(creation.store.get()));
}

void tst_LeaseStoreFactory::rejectsBadSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expectedText");
    // A malformed spec is a usage error; a well-formed one whose store fails to open is not.
    QTest::addColumn<bool>("specInvalid");
    QTest::newRow("empty") << QString() << u"unknown store"_qs << true;
    QTest::newRow("unknown") << u"postgres://x"_qs << u"memory | sqlite[:PATH] | redis://"_qs
                             << true;
    QTest::newRow("redis without host") << u"redis://"_qs << u"not a valid Redis URL"_qs << true;
    QTest::newRow("redis bad port") << u"redis://h:99999"_qs << u"not a valid Redis URL"_qs << true;
    QTest::newRow("redis bad db") << u"redis://h:1/abc"_qs << u"database must be a number"_qs
                                  << true;
    QTest::newRow("redis bad option")
        << u"redis://h:1/0?x=1"_qs << u"unknown Redis URL option"_qs << true;
    QTest::newRow("redis bad timeout")
        << u"redis://h:1/0?timeout_ms=0"_qs << u"timeout_ms"_qs << true;
    QTest::newRow("sqlite path is a directory")
        << u"sqlite:DATA"_qs << u"is a directory"_qs << false;
}

void tst_LeaseStoreFactory::rejectsBadSpecs()
{
    QFETCH(QString, spec);
    QFETCH(QString, expectedText);
    QFETCH(bool, specInvalid);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    spec.replace(u"DATA"_qs, directory.path());
    const LeaseStoreCreation creation = createLeaseStore(spec, directory.path());
    QVERIFY(!creation.store);
    QVERIFY2(creation.error.contains(expectedText), qPrintable(creation.error));
    QCOMPARE(creation.specInvalid, specInvalid);
}

void tst_LeaseStoreFactory::redisUrlCarriesEndpoint()
{
    const LeaseStoreCreation creation =
        createLeaseStore(u"redis://:s3cret@10.0.0.1:7000/3?timeout_ms=250"_qs, {});
    auto *store = dynamic_cast<RedisLeaseStore *>(creation.store.get());
    QVERIFY2(store, qPrintable(creation.error));
    QCOMPARE(store->endpoint().host, u"10.0.0.1"_qs);
    QCOMPARE(store->endpoint().port, 7000);
    QCOMPARE(store->endpoint().database, 3);
    QCOMPARE(store->endpoint().password, u"s3cret"_qs);
    QCOMPARE(store->endpoint().commandTimeoutMs, 250);
    QVERIFY(!creation.description.contains(u"s3cret"_qs));
}

QTEST_GUILESS_MAIN(tst_LeaseStoreFactory)
#include "tst_LeaseStoreFactory.moc"
