#pragma once

#include <QSortFilterProxyModel>

namespace vs {

class ActiveStreamsModel;

// The filter box of the active-streams table: keeps rows whose user, video or device contains
// the text. Reads the rows' fields directly (no QVariant per row), and passes sorting on to the
// source model, which sorts its plain fields far faster than a proxy could.
class ActiveStreamsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ActiveStreamsFilterModel(ActiveStreamsModel *source, QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ActiveStreamsModel *m_source;
    QString m_text;
};

} // namespace vs
