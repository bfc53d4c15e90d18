#pragma once

#include <QList>
#include <QVariant>
#include <QWidget>

class QTableWidget;
class QToolButton;

namespace vs {

// A small editable table with add and remove buttons, for the scenario's lists: the plan mix,
// the arrival stages and the policy's plan limits. Cells hold QString, int or double values;
// the editors Qt picks for those types do the typing, and the scenario's own validation checks
// ranges, so the rules live in one place.
class TableEditor final : public QWidget
{
    Q_OBJECT

public:
    // `newRow` gives the column count and the values of an added row.
    TableEditor(const QStringList &headers, QVariantList newRow, QWidget *parent = nullptr);

    // Names the table "<role>TableWidget" and the buttons "<role>AddButton"/"<role>RemoveButton".
    void setRole(const QString &role);

    // The column titles; the owner sets them again when the language changes.
    void setHeaders(const QStringList &headers);

    QList<QVariantList> rows() const;
    void setRows(const QList<QVariantList> &rows);
    QTableWidget *table() const { return m_table; }

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void addRow(const QVariantList &values);
    void updateHeight();

    QVariantList m_newRow;
    QTableWidget *m_table;
    QToolButton *m_addButton;
    QToolButton *m_removeButton;
    bool m_updating = false;
};

} // namespace vs
