#include "HttpTestHarness.h"

#include "MemoryLeaseStore.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>
#include <QtTest>

QByteArray HttpTestHarness::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject HttpTestHarness::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpTestHarness::HttpTestHarness(std::unique_ptr<vs::LeaseStore> store, const vs::Policy &policy,
                                 vs::LogFormat logFormat)
    : m_store(store ? std::move(store) : std::make_unique<vs::MemoryLeaseStore>())
    , m_limiter(std::make_unique<vs::StreamLimiter>(*m_store, m_clock, policy))
    , m_server(std::make_unique<vs::ApiServer>(*m_limiter, logFormat))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    m_port = m_server->listen(QHostAddress(QHostAddress::LocalHost), 0);
}

HttpTestHarness::~HttpTestHarness()
{
    m_network.reset();
    m_server.reset();
}

QUrl HttpTestHarness::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

HttpTestHarness::Reply HttpTestHarness::send(const QByteArray &method, const QString &path,
                                             const QByteArray &body,
                                             const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl::fromEncoded(url(path).toEncoded()));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *networkReply = m_network->sendCustomRequest(request, method, body);
    // An event loop rather than QTest::qWaitFor: that one sleeps in 10 ms steps, and each
    // request crosses threads several times (QNAM's HTTP thread, the server), which made every
    // request cost tens of milliseconds.
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(networkReply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(10'000);
    if (!networkReply->isFinished())
        loop.exec();
    Reply reply;
    reply.finished = networkReply->isFinished();
    if (reply.finished) {
        reply.status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply.body = networkReply->readAll();
        reply.contentType = networkReply->rawHeader("Content-Type");
        reply.headers = networkReply->rawHeaderPairs();
    }
    networkReply->deleteLater();
    return reply;
}
