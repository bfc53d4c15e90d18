#include "ActiveStreamsModel.h"

#include <QDateTime>

#include <algorithm>

namespace vs {

namespace {

// Shorter ids first, then by text: generated ids like "u9" and "u10" come out in numeric order.
int naturalCompare(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

int compareRows(const StreamRow &a, const StreamRow &b, int column)
{
    switch (column) {
    case ActiveStreamsModel::VideoColumn:
        return naturalCompare(a.videoId, b.videoId);
    case ActiveStreamsModel::DeviceColumn:
        return a.deviceId.compare(b.deviceId);
    case ActiveStreamsModel::StartedColumn:
        return a.startedAtMs == b.startedAtMs ? 0 : (a.startedAtMs < b.startedAtMs ? -1 : 1);
    case ActiveStreamsModel::ExpiresColumn:
        return a.expiresAtMs == b.expiresAtMs ? 0 : (a.expiresAtMs < b.expiresAtMs ? -1 : 1);
    default:
        return naturalCompare(a.userId, b.userId);
    }
}

} // namespace

StreamRow StreamRow::fromLease(const Lease &lease)
{
    return StreamRow{lease.userId,      lease.videoId,    lease.deviceId, lease.streamId.toString(),
                     lease.startedAtMs, lease.expiresAtMs};
}

ActiveStreamsModel::ActiveStreamsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int ActiveStreamsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActiveStreamsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActiveStreamsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const StreamRow &row = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case UserColumn:
            return row.userId;
        case VideoColumn:
            return row.videoId;
        case DeviceColumn:
            return row.deviceId.isEmpty() ? tr("—") : row.deviceId;
        case StartedColumn:
            return timeText(row.startedAtMs);
        case ExpiresColumn:
            return row.expiresAtMs == Lease::neverExpires ? tr("never") : timeText(row.expiresAtMs);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        return tr("Stream %1, started %2 UTC")
            .arg(row.streamId,
                 QDateTime::fromMSecsSinceEpoch(row.startedAtMs, Qt::UTC).toString(Qt::ISODate));
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == StartedColumn || index.column() == ExpiresColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ActiveStreamsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UserColumn:
        return tr("User");
    case VideoColumn:
        return tr("Video");
    case DeviceColumn:
        return tr("Device");
    case StartedColumn:
        return tr("Started");
    case ExpiresColumn:
        return tr("Expires");
    default:
        return {};
    }
}

void ActiveStreamsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    sortRows(m_rows, column, order);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

std::vector<StreamRow> ActiveStreamsModel::setStreams(std::vector<StreamRow> rows)
{
    beginResetModel();
    std::swap(m_rows, rows);
    endResetModel();
    return rows;
}

void ActiveStreamsModel::clear()
{
    setStreams({});
}

bool ActiveStreamsModel::removeStream(const QString &streamId)
{
    const int row = rowOf(streamId);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    return true;
}

int ActiveStreamsModel::rowOf(const QString &streamId) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [&](const StreamRow &row) { return row.streamId == streamId; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

void ActiveStreamsModel::sortRows(std::vector<StreamRow> &rows, int column, Qt::SortOrder order)
{
    // Stable, so equal keys keep the core's order (oldest first per user).
    std::stable_sort(rows.begin(), rows.end(),
                     [column, order](const StreamRow &a, const StreamRow &b) {
                         const int c = compareRows(a, b, column);
                         return order == Qt::AscendingOrder ? c < 0 : c > 0;
                     });
}

QString ActiveStreamsModel::timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace vs
