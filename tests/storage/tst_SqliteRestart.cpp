// A SQLite-backed `serve` killed with SIGKILL loses nothing it answered: streams granted
// concurrently (many in one group commit) are listed after a restart on the same file, still
// count against the limit, and stopped ones stay stopped.

#include "HttpConnection.h"
#include "ServeProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

class tst_SqliteRestart : public QObject
{
    Q_OBJECT

private slots:
    void grantedStreamsSurviveSigkill_data();
    void grantedStreamsSurviveSigkill();
};

namespace {

QSet<QByteArray> listedIds(quint16 port, const QString &user, int *limit = nullptr)
{
    HttpConnection connection(port);
    const HttpConnection::Response response =
        connection.request("GET", "/v1/users/" + user.toLatin1() + "/streams");
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    if (limit)
        *limit = response.status == 200 ? body.value(u"limit").toInt() : -1;
    QSet<QByteArray> ids;
    for (const QJsonValue &stream : body.value(u"streams").toArray())
        ids.insert(stream.toObject().value(u"stream_id").toString().toLatin1());
    return ids;
}

} // namespace

void tst_SqliteRestart::grantedStreamsSurviveSigkill_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("stopsPerUser");
    QTest::newRow("every user full") << 20 << 3 << 0;
    QTest::newRow("one stream of each stopped") << 20 << 3 << 1;
    QTest::newRow("many users, limit 1") << 60 << 1 << 0;
}

void tst_SqliteRestart::grantedStreamsSurviveSigkill()
{
    QFETCH(int, users);
    QFETCH(int, limit);
    QFETCH(int, stopsPerUser);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QStringList arguments{QStringLiteral("--store"),
                                QStringLiteral("sqlite:") +
                                    directory.filePath(QStringLiteral("leases.db")),
                                QStringLiteral("--ttl"),
                                QStringLiteral("3600"),
                                QStringLiteral("--limit"),
                                QString::number(limit)};
    auto serve = std::make_unique<ServeProcess>();
    QString error = serve->start(arguments);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // Every user's streams requested at once, one connection per request: the server commits
    // many of them together.
    QHash<QString, QSet<QByteArray>> granted;
    std::vector<std::unique_ptr<HttpConnection>> connections;
    int answered = 0;
    for (int user = 0; user < users; ++user) {
        for (int video = 0; video < limit; ++video) {
            const QString userId = QStringLiteral("user%1").arg(user);
            connections.push_back(std::make_unique<HttpConnection>(serve->port()));
            connections.back()->send(
                "POST", "/v1/users/" + userId.toLatin1() + "/streams",
                R"({"video_id":"v)" + QByteArray::number(video) + R"("})",
                [&granted, &answered, userId](const HttpConnection::Response &response) {
                    ++answered;
                    QCOMPARE(response.status, 201);
                    granted[userId].insert(QJsonDocument::fromJson(response.body)
                                               .object()
                                               .value(u"stream_id")
                                               .toString()
                                               .toLatin1());
                });
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, users * limit, 30'000);
    HttpConnection control(serve->port());
    for (auto it = granted.begin(); it != granted.end(); ++it) {
        QCOMPARE(it->size(), limit);
        for (int stop = 0; stop < stopsPerUser; ++stop) {
            const QByteArray id = *it->begin();
            QCOMPARE(
                control.request("DELETE", "/v1/users/" + it.key().toLatin1() + "/streams/" + id)
                    .status,
                204);
            it->remove(id);
        }
    }

    serve->kill(); // SIGKILL right after the last answer: no shutdown code runs
    serve = std::make_unique<ServeProcess>();
    error = serve->start(arguments);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    HttpConnection connection(serve->port());
    for (auto it = granted.cbegin(); it != granted.cend(); ++it) {
        int listedLimit = 0;
        QCOMPARE(listedIds(serve->port(), it.key(), &listedLimit), it.value());
        QCOMPARE(listedLimit, limit);
        // They still count: a full user is refused, one with a free slot gets exactly one more.
        const QByteArray path = "/v1/users/" + it.key().toLatin1() + "/streams";
        for (int extra = 0; extra < stopsPerUser; ++extra)
            QCOMPARE(connection
                         .request("POST", path,
                                  R"({"video_id":"new)" + QByteArray::number(extra) + R"("})")
                         .status,
                     201);
        QCOMPARE(connection.request("POST", path, R"({"video_id":"one-too-many"})").status, 409);
    }
    error = serve->stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_SqliteRestart)
#include "tst_SqliteRestart.moc"
