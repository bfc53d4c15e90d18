#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

struct redisAsyncContext;

namespace vs {

// Drives a hiredis async context from the Qt event loop. Replaces hiredis' adapters/qt.h, which
// connects to QSocketNotifier::activated(int), a signal Qt 6 no longer has (the connection fails
// at run time and the context never reads), and which is a Q_OBJECT class in a C header.
// Notifiers are disabled rather than deleted inside hiredis' callbacks, because hiredis may ask
// for that while one of them is emitting.
class RedisSocketAdapter final : public QObject
{
    Q_OBJECT

public:
    explicit RedisSocketAdapter(QObject *parent = nullptr);
    ~RedisSocketAdapter() override;

    // Installs the hooks on `context`; false if it already has an event library.
    bool attach(redisAsyncContext *context);

private:
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    void handleRead();
    void handleWrite();

    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
};

} // namespace vs
