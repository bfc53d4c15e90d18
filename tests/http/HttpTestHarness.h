#pragma once

#include "ApiServer.h"
#include "LeaseStore.h"
#include "ManualClock.h"
#include "StreamLimiter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <memory>

// One API server on a free loopback port with a manual clock, plus a client to talk to it.
// Tests own one per test function (init/cleanup) so no state leaks between them.
class HttpTestHarness
{
public:
    struct Reply
    {
        bool finished = false;
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QList<QNetworkReply::RawHeaderPair> headers;

        QByteArray header(const QByteArray &name) const;
        QJsonObject json() const;
    };

    // `store` null: a fresh MemoryLeaseStore.
    explicit HttpTestHarness(std::unique_ptr<vs::LeaseStore> store = {},
                             const vs::Policy &policy = vs::Policy(),
                             vs::LogFormat logFormat = vs::LogFormat::Text);
    ~HttpTestHarness();

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QUrl url(const QString &path) const;

    // Sends and waits (up to 10 s) for the answer; `finished` false on a timeout.
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Reply get(const QString &path) { return send("GET", path); }
    Reply postJson(const QString &path, const QByteArray &body)
    {
        return send("POST", path, body, {{"Content-Type", "application/json"}});
    }

    vs::ManualClock &clock() { return m_clock; }
    vs::LeaseStore &store() { return *m_store; }
    vs::StreamLimiter &limiter() { return *m_limiter; }
    vs::ApiServer &server() { return *m_server; }

private:
    vs::ManualClock m_clock;
    std::unique_ptr<vs::LeaseStore> m_store;
    std::unique_ptr<vs::StreamLimiter> m_limiter;
    std::unique_ptr<vs::ApiServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    quint16 m_port = 0;
};
