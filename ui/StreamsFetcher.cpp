#include "StreamsFetcher.h"

#include "EmbeddedTarget.h"

#include <QMutexLocker>

#include <memory>

namespace vs {

StreamsFetcher::StreamsFetcher(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("vs-streams-fetcher"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

StreamsFetcher::~StreamsFetcher()
{
    setTarget(nullptr);
    m_thread.quit();
    m_thread.wait();
}

void StreamsFetcher::setTarget(EmbeddedTarget *target)
{
    QMutexLocker locker(&m_targetMutex);
    m_target = target;
    ++m_generation;
    m_rows.clear();
}

bool StreamsFetcher::fetch(int sortColumn, Qt::SortOrder order)
{
    if (m_target == nullptr || m_busy.exchange(true))
        return false;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        m_worker,
        [this, generation, sortColumn, order] {
            auto rows = std::make_shared<std::vector<StreamRow>>();
            {
                QMutexLocker locker(&m_targetMutex);
                if (m_target != nullptr && m_generation == generation) {
                    const QList<Lease> leases = m_target->activeStreams(maxRows);
                    rows->reserve(std::size_t(leases.size()));
                    for (const Lease &lease : leases)
                        rows->push_back(StreamRow::fromLease(lease));
                }
            }
            ActiveStreamsModel::sortRows(*rows, sortColumn, order);
            QMetaObject::invokeMethod(
                this, [this, generation, rows] { deliver(generation, std::move(*rows)); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return true;
}

void StreamsFetcher::dispose(std::vector<StreamRow> rows)
{
    if (rows.empty())
        return;
    auto garbage = std::make_shared<std::vector<StreamRow>>(std::move(rows));
    QMetaObject::invokeMethod(
        m_worker, [garbage]() mutable { garbage.reset(); }, Qt::QueuedConnection);
}

void StreamsFetcher::deliver(quint64 generation, std::vector<StreamRow> rows)
{
    m_busy = false;
    if (generation != m_generation)
        return;
    m_rows = std::move(rows);
    emit fetched();
}

} // namespace vs
