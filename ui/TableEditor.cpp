#include "TableEditor.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace vs {

TableEditor::TableEditor(const QStringList &headers, QVariantList newRow, QWidget *parent)
    : QWidget(parent)
    , m_newRow(std::move(newRow))
    , m_table(new QTableWidget(0, int(headers.size()), this))
    , m_addButton(new QToolButton(this))
    , m_removeButton(new QToolButton(this))
{
    m_table->setHorizontalHeaderLabels(headers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    retranslateUi();

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_addButton, &QToolButton::clicked, this, [this] {
        addRow(m_newRow);
        updateHeight();
        emit changed();
    });
    connect(m_removeButton, &QToolButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        updateHeight();
        emit changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_updating)
            emit changed();
    });
    updateHeight();
}

void TableEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TableEditor::retranslateUi()
{
    m_addButton->setText(tr("Add"));
    m_addButton->setToolTip(tr("Add a row"));
    m_removeButton->setText(tr("Remove"));
    m_removeButton->setToolTip(tr("Remove the selected row"));
}

void TableEditor::setHeaders(const QStringList &headers)
{
    m_table->setHorizontalHeaderLabels(headers);
}

void TableEditor::setRole(const QString &role)
{
    m_table->setObjectName(role + QStringLiteral("TableWidget"));
    m_addButton->setObjectName(role + QStringLiteral("AddButton"));
    m_removeButton->setObjectName(role + QStringLiteral("RemoveButton"));
}

QList<QVariantList> TableEditor::rows() const
{
    QList<QVariantList> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QVariantList values;
        for (int column = 0; column < m_table->columnCount(); ++column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            values.append(item ? item->data(Qt::EditRole) : QVariant());
        }
        result.append(values);
    }
    return result;
}

void TableEditor::setRows(const QList<QVariantList> &rows)
{
    m_updating = true;
    m_table->setRowCount(0);
    for (const QVariantList &values : rows)
        addRow(values);
    m_updating = false;
    updateHeight();
    emit changed();
}

void TableEditor::addRow(const QVariantList &values)
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int column = 0; column < m_table->columnCount(); ++column) {
        auto *item = new QTableWidgetItem;
        item->setData(Qt::EditRole,
                      column < values.size() ? values.at(column) : m_newRow.value(column));
        m_table->setItem(row, column, item);
    }
    m_updating = wasUpdating;
}

void TableEditor::updateHeight()
{
    // Tall enough for the rows (up to five) without an inner scroll bar, never taller.
    const int visibleRows = std::clamp(m_table->rowCount(), 2, 5);
    const int height = m_table->horizontalHeader()->sizeHint().height() +
                       visibleRows * m_table->verticalHeader()->defaultSectionSize() +
                       2 * m_table->frameWidth();
    m_table->setFixedHeight(height);
}

} // namespace vs
