#include <QTest>

#include "AccessControl.h"
#include "Principal.h"

using namespace vs;

using Operation = AccessControl::Operation;
using Outcome = AccessDecision::Outcome;

Q_DECLARE_METATYPE(vs::AccessControl::Operation)
Q_DECLARE_METATYPE(vs::AccessDecision::Outcome)

namespace {

enum class Caller
{
    None,
    Owner,
    OtherUser,
    Admin,
    MetricsScraper,
};

std::optional<Principal> principalFor(Caller caller)
{
    switch (caller) {
    case Caller::None:
        return std::nullopt;
    case Caller::Owner:
        return Principal{QStringLiteral("alice"), {}, QStringLiteral("basic"), 0};
    case Caller::OtherUser:
        return Principal{QStringLiteral("bob"), {QStringLiteral("read")}, {}, 0};
    case Caller::Admin:
        return Principal{QStringLiteral("ops"), {QStringLiteral("admin")}, {}, 0};
    case Caller::MetricsScraper:
        return Principal{QStringLiteral("prometheus"), {QStringLiteral("metrics")}, {}, 0};
    }
    return std::nullopt;
}

} // namespace

Q_DECLARE_METATYPE(Caller)

class tst_AccessControl : public QObject
{
    Q_OBJECT

private slots:
    void decide_data();
    void decide();
    void everyRefusalHasReasonAndStatus();
    void planFor_data();
    void planFor();
};

void tst_AccessControl::decide_data()
{
    QTest::addColumn<Caller>("caller");
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("metricsOpen");
    QTest::addColumn<Outcome>("outcome");

    const QString alice = QStringLiteral("alice");
    const struct
    {
        const char *name;
        Operation operation;
    } streamOperations[] = {
        {"list", Operation::ListStreams}, {"start", Operation::StartStream},
        {"read", Operation::ReadStream},  {"renew", Operation::RenewStream},
        {"stop", Operation::StopStream},
    };
    for (const auto &op : streamOperations) {
        const QByteArray name(op.name);
        QTest::newRow(QByteArray(name + ": no token").constData())
            << Caller::None << op.operation << alice << false << Outcome::Unauthenticated;
        QTest::newRow(QByteArray(name + ": owner").constData())
            << Caller::Owner << op.operation << alice << false << Outcome::Allow;
        QTest::newRow(QByteArray(name + ": other user").constData())
            << Caller::OtherUser << op.operation << alice << false << Outcome::Forbidden;
        QTest::newRow(QByteArray(name + ": admin").constData())
            << Caller::Admin << op.operation << alice << false << Outcome::Allow;
        QTest::newRow(QByteArray(name + ": metrics scope is not a user's").constData())
            << Caller::MetricsScraper << op.operation << alice << false << Outcome::Forbidden;
        QTest::newRow(QByteArray(name + ": empty target never owned").constData())
            << Caller::Owner << op.operation << QString() << false << Outcome::Forbidden;
    }
    // User ids are compared exactly: a case variant is another user.
    QTest::newRow("owner, case variant of the id")
        << Caller::Owner << Operation::StopStream << QStringLiteral("Alice") << false
        << Outcome::Forbidden;

    for (const Operation op : {Operation::ReadPolicy, Operation::ChangePolicy}) {
        const QByteArray name = AccessControl::operationName(op).toUtf8();
        QTest::newRow(QByteArray(name + ": no token").constData())
            << Caller::None << op << QString() << false << Outcome::Unauthenticated;
        QTest::newRow(QByteArray(name + ": user").constData())
            << Caller::Owner << op << QString() << false << Outcome::Forbidden;
        QTest::newRow(QByteArray(name + ": metrics scope").constData())
            << Caller::MetricsScraper << op << QString() << false << Outcome::Forbidden;
        QTest::newRow(QByteArray(name + ": admin").constData())
            << Caller::Admin << op << QString() << false << Outcome::Allow;
    }

    QTest::newRow("probe: no token")
        << Caller::None << Operation::Probe << QString() << false << Outcome::Allow;
    QTest::newRow("probe: user") << Caller::Owner << Operation::Probe << QString() << false
                                 << Outcome::Allow;
    QTest::newRow("api document: no token")
        << Caller::None << Operation::ReadApiDocument << QString() << false << Outcome::Allow;

    QTest::newRow("metrics protected: no token")
        << Caller::None << Operation::ReadMetrics << QString() << false << Outcome::Unauthenticated;
    QTest::newRow("metrics protected: user")
        << Caller::Owner << Operation::ReadMetrics << QString() << false << Outcome::Forbidden;
    QTest::newRow("metrics protected: metrics scope")
        << Caller::MetricsScraper << Operation::ReadMetrics << QString() << false << Outcome::Allow;
    QTest::newRow("metrics protected: admin")
        << Caller::Admin << Operation::ReadMetrics << QString() << false << Outcome::Allow;
    QTest::newRow("metrics open: no token")
        << Caller::None << Operation::ReadMetrics << QString() << true << Outcome::Allow;
    // Opening metrics opens nothing else.
    QTest::newRow("metrics open: policy still protected")
        << Caller::None << Operation::ReadPolicy << QString() << true << Outcome::Unauthenticated;
    QTest::newRow("metrics open: streams still protected")
        << Caller::None << Operation::ListStreams << alice << true << Outcome::Unauthenticated;
}

void tst_AccessControl::decide()
{
    QFETCH(Caller, caller);
    QFETCH(Operation, operation);
    QFETCH(QString, target);
    QFETCH(bool, metricsOpen);
    QFETCH(Outcome, outcome);

    const AccessControl access({.metricsOpen = metricsOpen});
    const std::optional<Principal> principal = principalFor(caller);
    const AccessDecision decision =
        access.decide(principal ? &*principal : nullptr, operation, target);
    QCOMPARE(decision.outcome, outcome);
    QCOMPARE(decision.allowed(), outcome == Outcome::Allow);
}

void tst_AccessControl::everyRefusalHasReasonAndStatus()
{
    const AccessControl access;
    const Principal user{QStringLiteral("bob"), {}, {}, 0};
    const AccessDecision unauthenticated =
        access.decide(nullptr, Operation::ListStreams, QStringLiteral("alice"));
    QCOMPARE(unauthenticated.httpStatus(), 401);
    QVERIFY(!unauthenticated.reason.isEmpty());
    const AccessDecision forbidden =
        access.decide(&user, Operation::ListStreams, QStringLiteral("alice"));
    QCOMPARE(forbidden.httpStatus(), 403);
    QVERIFY(!forbidden.reason.isEmpty());
    // The reason must not echo the other user's id back to the caller.
    QVERIFY(!forbidden.reason.contains(QStringLiteral("alice")));
    const AccessDecision allowed =
        access.decide(&user, Operation::ListStreams, QStringLiteral("bob"));
    QCOMPARE(allowed.httpStatus(), 200);
    QVERIFY(allowed.reason.isEmpty());
}

void tst_AccessControl::planFor_data()
{
    QTest::addColumn<Caller>("caller");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("requestMayName");
    QTest::addColumn<QString>("plan");

    QTest::newRow("own streams: the token's plan")
        << Caller::Owner << QStringLiteral("alice") << false << QStringLiteral("basic");
    QTest::newRow("own streams without plan claim: the default, never the request's")
        << Caller::OtherUser << QStringLiteral("bob") << false << QString();
    QTest::newRow("admin for another user: the request names it")
        << Caller::Admin << QStringLiteral("alice") << true << QString();
    QTest::newRow("admin for itself: its token's plan")
        << Caller::Admin << QStringLiteral("ops") << false << QString();
    QTest::newRow("other user (refused anyway): still never the request's")
        << Caller::OtherUser << QStringLiteral("alice") << false << QString();
}

void tst_AccessControl::planFor()
{
    QFETCH(Caller, caller);
    QFETCH(QString, target);
    QFETCH(bool, requestMayName);
    QFETCH(QString, plan);

    const std::optional<QString> result = AccessControl::planFor(*principalFor(caller), target);
    QCOMPARE(!result.has_value(), requestMayName);
    if (result)
        QCOMPARE(*result, plan);
}

QTEST_GUILESS_MAIN(tst_AccessControl)
#include "tst_AccessControl.moc"
