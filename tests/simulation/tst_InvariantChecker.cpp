#include "InvariantChecker.h"

#include <QTest>

using namespace vs;

namespace {

TargetReply reply(TargetCall::Kind kind, TargetReply::Outcome outcome, quint32 video, qint64 atMs,
                  qint64 expiresAtMs = 1'000'000, int limit = 2)
{
    TargetReply r;
    r.call.kind = kind;
    r.call.user = 0;
    r.call.video = video;
    r.outcome = outcome;
    r.decidedAtMs = atMs;
    r.expiresAtMs = expiresAtMs;
    r.limit = limit;
    return r;
}

} // namespace

class tst_InvariantChecker : public QObject
{
    Q_OBJECT

private slots:
    void countsGrantsBeyondTheLimit();
    void endedStreamsStopCounting_data();
    void endedStreamsStopCounting();
};

void tst_InvariantChecker::countsGrantsBeyondTheLimit()
{
    InvariantChecker checker(1);
    using O = TargetReply::Outcome;
    checker.onReply(reply(TargetCall::Kind::Watch, O::Granted, 1, 10), 10);
    checker.onReply(reply(TargetCall::Kind::Watch, O::Granted, 2, 11), 11);
    QCOMPARE(checker.violations(), 0);
    checker.onReply(reply(TargetCall::Kind::Watch, O::Granted, 3, 12), 12); // a broken server
    QCOMPARE(checker.violations(), 1);
    checker.onReply(reply(TargetCall::Kind::Watch, O::Reused, 3, 13), 13); // no new slot
    QCOMPARE(checker.violations(), 1);
    QCOMPARE(checker.peakHeld(), 3);
}

void tst_InvariantChecker::endedStreamsStopCounting_data()
{
    QTest::addColumn<int>("how");
    QTest::newRow("stopped") << 0;
    QTest::newRow("stop sent, not yet answered") << 1;
    QTest::newRow("expired by its reported expiry") << 2;
    QTest::newRow("evicted by the grant") << 3;
    QTest::newRow("heartbeat said expired") << 4;
}

void tst_InvariantChecker::endedStreamsStopCounting()
{
    QFETCH(int, how);
    using O = TargetReply::Outcome;
    InvariantChecker checker(1);
    checker.onReply(reply(TargetCall::Kind::Watch, O::Granted, 1, 10, 500), 10);
    checker.onReply(reply(TargetCall::Kind::Watch, O::Granted, 2, 11), 11);
    qint64 grantAtMs = 20;
    TargetReply third = reply(TargetCall::Kind::Watch, O::Granted, 3, grantAtMs);
    switch (how) {
    case 0:
        checker.onReply(reply(TargetCall::Kind::Stop, O::Stopped, 1, 15), 15);
        break;
    case 1:
        checker.onStopSent(0, 1);
        break;
    case 2:
        third.decidedAtMs = 500; // exactly the expiry instant: no longer counts
        break;
    case 3:
        third.evictedVideos = {1};
        break;
    case 4:
        checker.onReply(reply(TargetCall::Kind::Heartbeat, O::Expired, 1, 15), 15);
        break;
    }
    checker.onReply(third, third.decidedAtMs);
    QCOMPARE(checker.violations(), 0);
}

QTEST_GUILESS_MAIN(tst_InvariantChecker)
#include "tst_InvariantChecker.moc"
