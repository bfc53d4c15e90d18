// The active-streams table's model and filter: batch updates, sorting, filtering, removal.

#include "ActiveStreamsFilterModel.h"
#include "ActiveStreamsModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace vs;

namespace {

std::vector<StreamRow> rows(const QStringList &users)
{
    std::vector<StreamRow> result;
    qint64 at = 1'000;
    for (const QString &user : users) {
        StreamRow row;
        row.userId = user;
        row.videoId = QStringLiteral("v") + QString::number(at);
        row.streamId = QStringLiteral("s-") + user + QString::number(at);
        row.startedAtMs = at;
        row.expiresAtMs = at + 90'000;
        at += 1'000;
        result.push_back(row);
    }
    return result;
}

QStringList usersInOrder(const QAbstractItemModel &model)
{
    QStringList users;
    for (int row = 0; row < model.rowCount(); ++row)
        users.append(model.index(row, ActiveStreamsModel::UserColumn).data().toString());
    return users;
}

} // namespace

class tst_ActiveStreamsModel : public QObject
{
    Q_OBJECT

private slots:
    void setStreamsIsOneReset();
    void sortsNaturally_data();
    void sortsNaturally();
    void filterMatchesUserVideoOrDevice_data();
    void filterMatchesUserVideoOrDevice();
    void removeStream();
    void hundredThousandRows();
};

void tst_ActiveStreamsModel::setStreamsIsOneReset()
{
    ActiveStreamsModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    model.setStreams(rows({QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3")}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(inserts.count(), 0);
    QCOMPARE(model.columnCount(), int(ActiveStreamsModel::ColumnCount));
    QCOMPARE(model.index(0, ActiveStreamsModel::DeviceColumn).data().toString(),
             QStringLiteral("—"));
    QCOMPARE(model.index(0, ActiveStreamsModel::StartedColumn).data().toString(),
             QStringLiteral("00:00:01"));
}

void tst_ActiveStreamsModel::sortsNaturally_data()
{
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("ascending") << int(Qt::AscendingOrder)
                               << QStringList{QStringLiteral("u2"), QStringLiteral("u9"),
                                              QStringLiteral("u10"), QStringLiteral("u100")};
    QTest::newRow("descending") << int(Qt::DescendingOrder)
                                << QStringList{QStringLiteral("u100"), QStringLiteral("u10"),
                                               QStringLiteral("u9"), QStringLiteral("u2")};
}

void tst_ActiveStreamsModel::sortsNaturally()
{
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    ActiveStreamsModel model;
    ActiveStreamsFilterModel filter(&model);
    model.setStreams(rows({QStringLiteral("u10"), QStringLiteral("u9"), QStringLiteral("u100"),
                           QStringLiteral("u2")}));
    filter.sort(ActiveStreamsModel::UserColumn, Qt::SortOrder(order));
    QCOMPARE(usersInOrder(filter), expected);
    QCOMPARE(model.sortOrder(), Qt::SortOrder(order));
}

void tst_ActiveStreamsModel::filterMatchesUserVideoOrDevice_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::newRow("empty") << QString() << 3;
    QTest::newRow("user") << QStringLiteral("alice") << 1;
    QTest::newRow("case-insensitive") << QStringLiteral("ALICE") << 1;
    QTest::newRow("video") << QStringLiteral("v2000") << 1;
    QTest::newRow("device") << QStringLiteral("tv") << 2;
    QTest::newRow("nothing") << QStringLiteral("zzz") << 0;
}

void tst_ActiveStreamsModel::filterMatchesUserVideoOrDevice()
{
    QFETCH(QString, text);
    QFETCH(int, rows);
    ActiveStreamsModel model;
    ActiveStreamsFilterModel filter(&model);
    auto data = ::rows({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    data[1].deviceId = QStringLiteral("living-room-tv");
    data[2].deviceId = QStringLiteral("tv-2");
    model.setStreams(std::move(data));
    filter.setFilterText(text);
    QCOMPARE(filter.rowCount(), rows);
}

void tst_ActiveStreamsModel::removeStream()
{
    ActiveStreamsModel model;
    model.setStreams(rows({QStringLiteral("u1"), QStringLiteral("u2")}));
    const QString id = model.streamAt(0).streamId;
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(model.removeStream(id));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(id), -1);
    QVERIFY(!model.removeStream(id));
}

void tst_ActiveStreamsModel::hundredThousandRows()
{
    QStringList users;
    for (int i = 0; i < 100'000; ++i)
        users.append(QStringLiteral("u") + QString::number(100'000 - i));
    auto data = rows(users);
    ActiveStreamsModel::sortRows(data, ActiveStreamsModel::UserColumn, Qt::AscendingOrder);
    ActiveStreamsModel model;
    ActiveStreamsFilterModel filter(&model);
    model.setStreams(std::move(data));
    QCOMPARE(filter.rowCount(), 100'000);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("u1"));
    QCOMPARE(filter.index(99'999, 0).data().toString(), QStringLiteral("u100000"));
    filter.setFilterText(QStringLiteral("u9999"));
    QCOMPARE(filter.rowCount(), 11); // u9999 and u99990..u99999
}

QTEST_MAIN(tst_ActiveStreamsModel)
#include "tst_ActiveStreamsModel.moc"
