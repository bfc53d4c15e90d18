#include "EventQueue.h"

#include <QTest>

using namespace vs;

class tst_EventQueue : public QObject
{
    Q_OBJECT

private slots:
    void mergesHeapAndFifoInTimeOrder();
    void tiesGoInSchedulingOrder();
    void periodicAheadShowsUpcomingPeriodicEvents();
    void periodicEventsKeepTheirOrderAcrossGrowth_data();
    void periodicEventsKeepTheirOrderAcrossGrowth();
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

void tst_EventQueue::periodicAheadShowsUpcomingPeriodicEvents()
{
    EventQueue queue;
    QCOMPARE(queue.periodicAhead(0), nullptr);
    for (quint32 subject : {1u, 2u, 3u}) {
        SimulationEvent event;
        event.atUs = subject * 10;
        event.subject = subject;
        queue.pushPeriodic(event);
    }
    SimulationEvent early;
    early.atUs = 5;
    early.subject = 99;
    queue.push(early); // heap events are not part of the look-ahead
    QCOMPARE(queue.periodicAhead(0)->subject, 1u);
    QCOMPARE(queue.periodicAhead(2)->subject, 3u);
    QCOMPARE(queue.periodicAhead(3), nullptr);
    QCOMPARE(queue.pop().subject, 99u);
    QCOMPARE(queue.pop().subject, 1u);
    QCOMPARE(queue.periodicAhead(0)->subject, 2u);
    QCOMPARE(queue.periodicAhead(2), nullptr);
}

void tst_EventQueue::periodicEventsKeepTheirOrderAcrossGrowth_data()
{
    QTest::addColumn<int>("pushesPerRound");
    QTest::addColumn<int>("popsPerRound");
    QTest::newRow("grows while wrapped") << 3 << 2;
    QTest::newRow("drains as it goes") << 1 << 1;
    QTest::newRow("fills first") << 500 << 0;
}

void tst_EventQueue::periodicEventsKeepTheirOrderAcrossGrowth()
{
    QFETCH(int, pushesPerRound);
    QFETCH(int, popsPerRound);
    EventQueue queue;
    quint32 pushed = 0;
    quint32 expected = 0;
    for (int round = 0; round < 300; ++round) {
        for (int i = 0; i < pushesPerRound; ++i) {
            SimulationEvent event;
            event.atUs = pushed;
            event.subject = pushed++;
            queue.pushPeriodic(event);
        }
        for (int i = 0; i < popsPerRound && !queue.isEmpty(); ++i)
            QCOMPARE(queue.pop().subject, expected++);
        QCOMPARE(queue.size(), std::size_t(pushed - expected));
        if (!queue.isEmpty())
            QCOMPARE(queue.periodicAhead(queue.size() - 1)->subject, pushed - 1);
    }
    while (!queue.isEmpty())
        QCOMPARE(queue.pop().subject, expected++);
    QCOMPARE(expected, pushed);
}

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_EventQueue.moc"
