#include "StreamsPanel.h"

#include "ActiveStreamsFilterModel.h"
#include "ActiveStreamsModel.h"
#include "EmbeddedTarget.h"
#include "StreamsFetcher.h"
#include "UiLog.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

namespace vs {

StreamsPanel::StreamsPanel(QWidget *parent)
    : QWidget(parent)
    , m_fetcher(new StreamsFetcher(this))
    , m_model(new ActiveStreamsModel(this))
    , m_filter(new ActiveStreamsFilterModel(m_model, this))
    , m_filterEdit(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_stopButton(new QPushButton(this))
    , m_refreshButton(new QPushButton(this))
    , m_countLabel(new QLabel(this))
{
    m_filterEdit->setObjectName(QStringLiteral("streamsFilterLineEdit"));
    m_filterEdit->setClearButtonEnabled(true);

    m_view->setObjectName(QStringLiteral("streamsTableView"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ActiveStreamsModel::UserColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    // Fixed row heights and column widths: the view never measures 100k rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    const int timeWidth = m_view->fontMetrics().horizontalAdvance(QStringLiteral("88:88:88")) + 24;
    m_view->setColumnWidth(ActiveStreamsModel::UserColumn, 90);
    m_view->setColumnWidth(ActiveStreamsModel::VideoColumn, 90);
    m_view->setColumnWidth(ActiveStreamsModel::DeviceColumn, 80);
    m_view->setColumnWidth(ActiveStreamsModel::StartedColumn, timeWidth);

    m_stopButton->setObjectName(QStringLiteral("stopStreamButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshStreamsButton"));
    m_countLabel->setObjectName(QStringLiteral("streamsCountLabel"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_countLabel);
    top->addWidget(m_refreshButton);
    top->addWidget(m_stopButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterText(text);
        updateCountLabel();
    });
    connect(m_stopButton, &QPushButton::clicked, this, [this] { stopSelected(); });
    connect(m_refreshButton, &QPushButton::clicked, this, &StreamsPanel::refresh);
    connect(m_fetcher, &StreamsFetcher::fetched, this, &StreamsPanel::showFetchedRows);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StreamsPanel::updateButtons);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &StreamsPanel::updateButtons);

    retranslateUi();
    updateButtons();
}

StreamsPanel::~StreamsPanel() = default;

void StreamsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StreamsPanel::retranslateUi()
{
    m_filterEdit->setPlaceholderText(tr("Filter by user, video or device"));
    m_filterEdit->setToolTip(
        tr("Show only the streams whose user, video or device contains this text"));
    m_view->setToolTip(tr("Streams active in the embedded core (simulated time, UTC)"));
    m_stopButton->setText(tr("&Stop selected"));
    m_stopButton->setToolTip(
        tr("End the selected streams in the core, as a client's stop would (Del)"));
    // setText drops the shortcut that "&Stop" would take; Del stays the button's key.
    m_stopButton->setShortcut(QKeySequence::Delete);
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("List the active streams again now"));
    // The model's header texts come from tr() when painted; tell the view they changed.
    emit m_model->headerDataChanged(Qt::Horizontal, 0, m_model->columnCount() - 1);
    updateCountLabel();
}

void StreamsPanel::setTarget(EmbeddedTarget *target)
{
    m_fetcher->setTarget(target);
    m_target = target;
    m_model->clear();
    updateCountLabel();
    updateButtons();
}

void StreamsPanel::refresh()
{
    if (m_fetcher->fetch(m_model->sortColumn(), m_model->sortOrder())) {
        m_fetchedSortColumn = m_model->sortColumn();
        m_fetchedSortOrder = m_model->sortOrder();
    }
}

bool StreamsPanel::isRefreshing() const
{
    return m_fetcher->isFetching();
}

void StreamsPanel::showFetchedRows()
{
    // A refresh must not lose the user's place: keep the selected streams and the scroll offset.
    QSet<QString> selected;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        selected.insert(m_model->streamAt(m_filter->mapToSource(index).row()).streamId);
    const int scroll = m_view->verticalScrollBar()->value();

    QElapsedTimer timer;
    timer.start();
    std::vector<StreamRow> rows = m_fetcher->takeRows();
    // Only when the user clicked another column while the listing ran.
    if (m_fetchedSortColumn != m_model->sortColumn() || m_fetchedSortOrder != m_model->sortOrder())
        ActiveStreamsModel::sortRows(rows, m_model->sortColumn(), m_model->sortOrder());
    // Freeing 100k rows takes milliseconds: the fetcher's thread does it.
    m_fetcher->dispose(m_model->setStreams(std::move(rows)));

    if (!selected.isEmpty()) {
        QItemSelection selection;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (!selected.contains(m_model->streamAt(row).streamId))
                continue;
            const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
            if (index.isValid())
                selection.select(index, index);
        }
        m_view->selectionModel()->select(selection,
                                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_view->verticalScrollBar()->setValue(scroll);
    updateCountLabel();
    updateButtons();
    if (timer.elapsed() > 50)
        qCWarning(lcUi) << "showing" << m_model->rowCount() << "streams took" << timer.elapsed()
                        << "ms";
    emit refreshed(m_model->rowCount());
}

int StreamsPanel::stopSelected()
{
    if (m_target == nullptr)
        return 0;
    QStringList streamIds;
    QStringList userIds;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const StreamRow &row = m_model->streamAt(m_filter->mapToSource(index).row());
        streamIds.append(row.streamId);
        userIds.append(row.userId);
    }
    int stopped = 0;
    for (qsizetype i = 0; i < streamIds.size(); ++i) {
        // The core may have ended it meanwhile (expiry, eviction): the row goes either way.
        if (m_target->stopStream(userIds.at(i), streamIds.at(i)))
            ++stopped;
        m_model->removeStream(streamIds.at(i));
    }
    if (!streamIds.isEmpty())
        emit message(tr("Stopped %n stream(s) from the table", nullptr, stopped));
    updateCountLabel();
    updateButtons();
    return stopped;
}

void StreamsPanel::updateCountLabel()
{
    const QLocale locale;
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    QString text = shown == total
                       ? tr("%1 streams").arg(locale.toString(total))
                       : tr("%1 of %2 streams").arg(locale.toString(shown), locale.toString(total));
    if (total >= StreamsFetcher::maxRows)
        text += tr(" (first %1)").arg(locale.toString(StreamsFetcher::maxRows));
    m_countLabel->setText(text);
}

void StreamsPanel::updateButtons()
{
    m_stopButton->setEnabled(m_target != nullptr && m_view->selectionModel()->hasSelection());
    m_refreshButton->setEnabled(m_target != nullptr);
}

} // namespace vs
