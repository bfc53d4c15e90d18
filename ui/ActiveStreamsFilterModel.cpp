#include "ActiveStreamsFilterModel.h"

#include "ActiveStreamsModel.h"

namespace vs {

ActiveStreamsFilterModel::ActiveStreamsFilterModel(ActiveStreamsModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
}

void ActiveStreamsFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void ActiveStreamsFilterModel::sort(int column, Qt::SortOrder order)
{
    m_source->sort(column, order);
}

bool ActiveStreamsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_text.isEmpty())
        return true;
    const StreamRow &row = m_source->streamAt(sourceRow);
    return row.userId.contains(m_text, Qt::CaseInsensitive) ||
           row.videoId.contains(m_text, Qt::CaseInsensitive) ||
           row.deviceId.contains(m_text, Qt::CaseInsensitive);
}

} // namespace vs
