#pragma once

#include "ActiveStreamsModel.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <atomic>
#include <vector>

namespace vs {

class EmbeddedTarget;

// Lists the embedded core's active streams on a thread of its own: asking the core for 100k
// streams takes tens of milliseconds, which the GUI thread must not spend. Results come back
// sorted, ready for ActiveStreamsModel::setStreams.
class StreamsFetcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxRows = 100'000;

    explicit StreamsFetcher(QObject *parent = nullptr);
    ~StreamsFetcher() override;

    // Waits for a listing in progress to end, so the previous target may be destroyed as soon as
    // this returns. nullptr: nothing to list.
    void setTarget(EmbeddedTarget *target);
    bool hasTarget() const { return m_target != nullptr; }

    // Starts a listing unless one is running (then returns false); fetched() follows.
    bool fetch(int sortColumn, Qt::SortOrder order);
    bool isFetching() const { return m_busy.load(); }

    // Frees `rows` on the fetcher's thread.
    void dispose(std::vector<StreamRow> rows);

    // The rows of the last listing (moved out), after fetched().
    std::vector<StreamRow> takeRows() { return std::move(m_rows); }

signals:
    void fetched();

private:
    void deliver(quint64 generation, std::vector<StreamRow> rows);

    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread; runs the listings
    QMutex m_targetMutex;        // held while a listing reads the target
    EmbeddedTarget *m_target = nullptr;
    quint64 m_generation = 0; // changes with the target; stale results are dropped
    std::atomic<bool> m_busy{false};
    std::vector<StreamRow> m_rows;
};

} // namespace vs
