#include "HttpTestHarness.h"

#include "MemoryLeaseStore.h"

#include <QJsonDocument>
#include <QNetworkReply>
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

HttpTestHarness::HttpTestHarness(std::unique_ptr<vs::LeaseStore> store, const vs::Policy &policy)
    : m_store(store ? std::move(store) : std::make_unique<vs::MemoryLeaseStore>())
    , m_limiter(std::make_unique<vs::StreamLimiter>(*m_store, m_clock, policy))
    , m_server(std::make_unique<vs::ApiServer>(*m_limiter))
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
    Reply reply;
    reply.finished = QTest::qWaitFor([&] { return networkReply->isFinished(); }, 10'000);
    if (reply.finished) {
        reply.status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply.body = networkReply->readAll();
        reply.contentType = networkReply->rawHeader("Content-Type");
        reply.headers = networkReply->rawHeaderPairs();
    }
    networkReply->deleteLater();
    return reply;
}
