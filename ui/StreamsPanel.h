#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace vs {

class ActiveStreamsFilterModel;
class ActiveStreamsModel;
class EmbeddedTarget;
class StreamsFetcher;

// The active streams of the embedded core: a sortable table with a filter box, refreshed in the
// background, where the selected streams can be stopped.
class StreamsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit StreamsPanel(QWidget *parent = nullptr);
    ~StreamsPanel() override;

    // Blocks until a listing of the previous target is done (see StreamsFetcher::setTarget).
    void setTarget(EmbeddedTarget *target);
    // Lists the streams again, in the background; refreshed() follows.
    void refresh();
    bool isRefreshing() const;

    ActiveStreamsModel *model() const { return m_model; }
    // Stops the selected streams in the core; returns how many it stopped.
    int stopSelected();

signals:
    void refreshed(int rows);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showFetchedRows();
    void updateCountLabel();
    void updateButtons();

    EmbeddedTarget *m_target = nullptr;
    StreamsFetcher *m_fetcher;
    ActiveStreamsModel *m_model;
    ActiveStreamsFilterModel *m_filter;
    QLineEdit *m_filterEdit;
    QTableView *m_view;
    QPushButton *m_stopButton;
    QPushButton *m_refreshButton;
    QLabel *m_countLabel;
    int m_fetchedSortColumn = -1;
    Qt::SortOrder m_fetchedSortOrder = Qt::AscendingOrder;
};

} // namespace vs
