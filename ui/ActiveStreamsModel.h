#pragma once

#include "Lease.h"

#include <QAbstractTableModel>

#include <vector>

namespace vs {

// One row of the active-streams table: a lease reduced to what the table shows.
struct StreamRow
{
    QString userId;
    QString videoId;
    QString deviceId;
    QString streamId;
    qint64 startedAtMs = 0;
    qint64 expiresAtMs = Lease::neverExpires;

    static StreamRow fromLease(const Lease &lease);
};

// The active streams of the embedded core. Built for 100k rows: the rows arrive as one batch
// (one model reset, no per-row signals), text is made only for the rows the view paints, and
// sorting happens here on plain fields instead of in a proxy through QVariant.
class ActiveStreamsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        UserColumn,
        VideoColumn,
        DeviceColumn,
        StartedColumn,
        ExpiresColumn,
        ColumnCount
    };

    explicit ActiveStreamsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Replaces every row at once and returns the previous rows (so the caller may free them
    // elsewhere). `rows` must already be in the model's sort order (sortRows(rows, sortColumn(),
    // sortOrder())), so the GUI thread never sorts a full batch.
    std::vector<StreamRow> setStreams(std::vector<StreamRow> rows);
    void clear();
    bool removeStream(const QString &streamId);

    const StreamRow &streamAt(int row) const { return m_rows[std::size_t(row)]; }
    int rowOf(const QString &streamId) const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Orders rows by `column`; user and video ids sort naturally ("u9" before "u10").
    static void sortRows(std::vector<StreamRow> &rows, int column, Qt::SortOrder order);
    static QString timeText(qint64 ms);

private:
    std::vector<StreamRow> m_rows;
    int m_sortColumn = UserColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace vs
