#include "EventQueue.h"

#include <QTest>

using namespace vs;

class tst_EventQueue : public QObject
{
    Q_OBJECT

private slots:
    void mergesHeapAndFifoInTimeOrder();
    void tiesGoInSchedulingOrder();
};

void tst_EventQueue::mergesHeapAndFifoInTimeOrder()
{
    EventQueue queue;
    for (qint64 t : {50, 10, 40, 30}) {
        SimulationEvent event;
        event.atUs = t;
        event.subject = quint32(t);
        queue.push(event);
    }
    for (qint64 t : {15, 25, 35, 45}) {
        SimulationEvent event;
        event.atUs = t;
        event.subject = quint32(t);
        event.kind = SimulationEvent::Heartbeat;
        queue.pushPeriodic(event);
    }
    QList<quint32> order;
    while (!queue.isEmpty())
        order.append(queue.pop().subject);
    QCOMPARE(order, (QList<quint32>{10, 15, 25, 30, 35, 40, 45, 50}));
    QCOMPARE(queue.nextTimeUs(), EventQueue::never);
}

void tst_EventQueue::tiesGoInSchedulingOrder()
{
    EventQueue queue;
    SimulationEvent event;
    event.atUs = 7;
    event.subject = 1;
    queue.pushPeriodic(event);
    event.subject = 2;
    queue.push(event);
    event.subject = 3;
    queue.pushPeriodic(event);
    event.subject = 4;
    queue.push(event);
    QList<quint32> order;
    while (!queue.isEmpty())
        order.append(queue.pop().subject);
    QCOMPARE(order, (QList<quint32>{1, 2, 3, 4}));
}

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_EventQueue.moc"
