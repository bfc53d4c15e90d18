#include "EmbeddedTarget.h"

#include <QTest>

using namespace vs;

namespace {

constexpr qint64 startMs = 1'700'000'000'000;

class ReplyRecorder final : public TargetListener
{
public:
    void onReply(const TargetReply &reply) override { replies.push_back(reply); }
    std::vector<TargetReply> replies;
};

TargetCall makeCall(TargetCall::Kind kind, quint32 user, quint32 video, StreamId stream = {})
{
    TargetCall call;
    call.kind = kind;
    call.user = user;
    call.video = video;
    call.stream = stream;
    return call;
}

} // namespace

Q_DECLARE_METATYPE(TargetReply::Outcome)

class tst_EmbeddedTarget : public QObject
{
    Q_OBJECT

private slots:
    void streamCalls_data();
    void streamCalls();
    void unknownUserIsAnError();
    void evictionNamesTheEndedVideos();
};

// Each row: a watch of user 0, video 7 at t=0 (granted), then `before` happens, then at
// `atS` simulated seconds a heartbeat or stop is sent, with the grant's id or with none (the
// target then uses the id it remembered).
void tst_EmbeddedTarget::streamCalls_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("before");
    QTest::addColumn<int>("atS");
    QTest::addColumn<bool>("handBackId");
    QTest::addColumn<TargetReply::Outcome>("expected");
    QTest::addColumn<qint64>("expiresAtMs");

    const int heartbeat = int(TargetCall::Kind::Heartbeat);
    const int stop = int(TargetCall::Kind::Stop);
    using O = TargetReply::Outcome;
    QTest::newRow("heartbeat renews")
        << heartbeat << "" << 30 << true << O::Renewed << startMs + 120'000;
    QTest::newRow("heartbeat by remembered id")
        << heartbeat << "" << 30 << false << O::Renewed << startMs + 120'000;
    QTest::newRow("heartbeat after expiry") << heartbeat << "" << 91 << true << O::Expired << 0LL;
    QTest::newRow("heartbeat after a stop")
        << heartbeat << "stop" << 30 << true << O::Unknown << 0LL;
    QTest::newRow("heartbeat after an admin stop")
        << heartbeat << "admin-stop" << 30 << true << O::Unknown << 0LL;
    QTest::newRow("heartbeat of a forgotten stream, no id")
        << heartbeat << "forget" << 30 << false << O::Unknown << 0LL;
    QTest::newRow("stop") << stop << "" << 30 << true << O::Stopped << 0LL;
    QTest::newRow("stop by remembered id") << stop << "" << 30 << false << O::Stopped << 0LL;
    QTest::newRow("stop twice") << stop << "stop" << 30 << true << O::Unknown << 0LL;
    QTest::newRow("stop after expiry") << stop << "" << 91 << true << O::Unknown << 0LL;
}

void tst_EmbeddedTarget::streamCalls()
{
    QFETCH(int, kind);
    QFETCH(QString, before);
    QFETCH(int, atS);
    QFETCH(bool, handBackId);
    QFETCH(TargetReply::Outcome, expected);
    QFETCH(qint64, expiresAtMs);

    Policy policy;
    policy.defaultLimit = 2;
    policy.leaseTtlSeconds = 90;
    EmbeddedTarget target(policy, QStringList{QString(), QString()}, 100);
    ReplyRecorder recorder;
    target.setListener(&recorder);
    QVERIFY(target.open(startMs).isEmpty());
    target.advanceTo(0);

    target.send(makeCall(TargetCall::Kind::Watch, 0, 7));
    QCOMPARE(recorder.replies.size(), std::size_t(1));
    QCOMPARE(recorder.replies.back().outcome, TargetReply::Outcome::Granted);
    const StreamId granted = recorder.replies.back().stream;
    QVERIFY(!granted.isNull());

    if (before == u"stop") {
        target.send(makeCall(TargetCall::Kind::Stop, 0, 7, granted));
        QCOMPARE(recorder.replies.back().outcome, TargetReply::Outcome::Stopped);
    } else if (before == u"admin-stop") {
        QVERIFY(target.stopStream(Target::userId(0), granted.toString()));
    } else if (before == u"forget") {
        target.forget(0, 7);
    }

    target.advanceTo(qint64(atS) * 1'000'000);
    target.send(makeCall(TargetCall::Kind(kind), 0, 7, handBackId ? granted : StreamId()));
    const TargetReply &reply = recorder.replies.back();
    QCOMPARE(reply.outcome, expected);
    QCOMPARE(reply.expiresAtMs, expiresAtMs);
    QCOMPARE(reply.decidedAtMs, startMs + atS * 1000);
    QVERIFY(reply.error.isEmpty());

    // What the target remembers follows the answer: only a renewed stream can be found again
    // without its id.
    target.send(makeCall(TargetCall::Kind::Heartbeat, 0, 7));
    const bool alive = expected == TargetReply::Outcome::Renewed;
    QCOMPARE(recorder.replies.back().outcome,
             alive ? TargetReply::Outcome::Renewed : TargetReply::Outcome::Unknown);
}

void tst_EmbeddedTarget::unknownUserIsAnError()
{
    EmbeddedTarget target(Policy(), QStringList{QString()}, 10);
    ReplyRecorder recorder;
    target.setListener(&recorder);
    QVERIFY(target.open(startMs).isEmpty());
    for (TargetCall::Kind kind :
         {TargetCall::Kind::Watch, TargetCall::Kind::Heartbeat, TargetCall::Kind::Stop}) {
        target.send(makeCall(kind, 1, 0));
        QCOMPARE(recorder.replies.back().outcome, TargetReply::Outcome::Error);
        QVERIFY(!recorder.replies.back().error.isEmpty());
    }
    target.prefetch(1); // a hint for a user that does not exist is ignored
}

void tst_EmbeddedTarget::evictionNamesTheEndedVideos()
{
    Policy policy;
    policy.defaultLimit = 1;
    policy.atLimit = AtLimitBehaviour::EvictOldest;
    EmbeddedTarget target(policy, QStringList{QString()}, 10);
    ReplyRecorder recorder;
    target.setListener(&recorder);
    QVERIFY(target.open(startMs).isEmpty());
    target.send(makeCall(TargetCall::Kind::Watch, 0, 3));
    target.advanceTo(1'000'000);
    target.send(makeCall(TargetCall::Kind::Watch, 0, 4));
    const TargetReply &reply = recorder.replies.back();
    QCOMPARE(reply.outcome, TargetReply::Outcome::Granted);
    QCOMPARE(reply.evictedVideos, std::vector<quint32>{3});
    // The evicted stream's id is gone from the target's memory, the new one is kept.
    target.send(makeCall(TargetCall::Kind::Heartbeat, 0, 3));
    QCOMPARE(recorder.replies.back().outcome, TargetReply::Outcome::Unknown);
    target.send(makeCall(TargetCall::Kind::Heartbeat, 0, 4));
    QCOMPARE(recorder.replies.back().outcome, TargetReply::Outcome::Renewed);
}

QTEST_GUILESS_MAIN(tst_EmbeddedTarget)
#include "tst_EmbeddedTarget.moc"
