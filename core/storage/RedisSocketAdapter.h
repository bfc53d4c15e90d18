#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

struct redisAsyncContext;

namespace vs {

// Drives a hiredis async context from the Qt event loop. Replaces hiredis' adapters/qt.h, which
// connects to QSocketNotifier::activated(int), a signal Qt 6 no longer has (the connection fails
// at run time and the context never reads), and which is a Q_OBJECT class in a C header.
//
// Writing: hiredis asks for a write after every command it buffers. Arming a write notifier for
// that costs system calls on every pass (with the GLib dispatcher each enable and disable wakes
// the loop through its eventfd), so once connected the adapter writes everything buffered in one
// write() when the loop is about to block: all commands issued in one event-loop pass go out
// together. The write notifier is armed only while connecting and when the socket would block.
// Reading: the read notifier stays on; each readiness reads all waiting replies in one read().
// Notifiers are disabled rather than deleted inside hiredis' callbacks, because hiredis may ask
// for that while one of them is emitting.
class RedisSocketAdapter final : public QObject
{
    Q_OBJECT

public:
    struct Statistics
    {
        quint64 flushes = 0;           // passes that wrote buffered commands
        quint64 writeNotifierArms = 0; // times a write had to wait for the socket
    };

    explicit RedisSocketAdapter(QObject *parent = nullptr);
    ~RedisSocketAdapter() override;

    // Installs the hooks on `context`; false if it already has an event library.
    bool attach(redisAsyncContext *context);
    // Writes what hiredis buffered now instead of when the loop is about to block.
    void flush();
    Statistics statistics() const { return m_statistics; }

signals:
    // Once or twice per event-loop pass, just before buffered commands are written: the last
    // moment to add commands that should go out in this pass' write.
    void aboutToFlush();

private:
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    void armWriteNotifier();
    void handleRead();
    void handleWrite();

    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
    bool m_writeWanted = false; // hiredis has buffered output
    bool m_flushing = false;
    Statistics m_statistics;
};

} // namespace vs
