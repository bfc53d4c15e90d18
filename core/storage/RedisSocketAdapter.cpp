#include "RedisSocketAdapter.h"

#include <QAbstractEventDispatcher>

#include <hiredis/async.h>

namespace vs {

RedisSocketAdapter::RedisSocketAdapter(QObject *parent)
    : QObject(parent)
{
    // Both dispatchers emit `awake` when processEvents starts and `aboutToBlock` before they
    // wait, so every pass flushes, also when something runs processEvents without waiting.
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread())) {
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this,
                &RedisSocketAdapter::flush);
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &RedisSocketAdapter::flush);
    }
}

RedisSocketAdapter::~RedisSocketAdapter()
{
    if (m_context)
        m_context->ev.data = nullptr;
}

bool RedisSocketAdapter::attach(redisAsyncContext *context)
{
    if (context->ev.data)
        return false;
    m_context = context;
    context->ev.data = this;
    context->ev.addRead = &RedisSocketAdapter::addRead;
    context->ev.delRead = &RedisSocketAdapter::delRead;
    context->ev.addWrite = &RedisSocketAdapter::addWrite;
    context->ev.delWrite = &RedisSocketAdapter::delWrite;
    context->ev.cleanup = &RedisSocketAdapter::cleanup;
    return true;
}

void RedisSocketAdapter::addRead(void *self)
{
    auto *adapter = static_cast<RedisSocketAdapter *>(self);
    if (!adapter->m_read) {
        adapter->m_read =
            std::make_unique<QSocketNotifier>(adapter->m_context->c.fd, QSocketNotifier::Read);
        connect(adapter->m_read.get(), &QSocketNotifier::activated, adapter,
                &RedisSocketAdapter::handleRead);
    }
    adapter->m_read->setEnabled(true); // no-op when already on, which is the usual case
}

void RedisSocketAdapter::delRead(void *self)
{
    auto *adapter = static_cast<RedisSocketAdapter *>(self);
    if (adapter->m_read)
        adapter->m_read->setEnabled(false);
}

void RedisSocketAdapter::addWrite(void *self)
{
    auto *adapter = static_cast<RedisSocketAdapter *>(self);
    adapter->m_writeWanted = true;
    // Only the notifier tells when a non-blocking connect finished (hiredis 0.14 would take a
    // write attempt before that for success), and a write that would block must wait for room.
    const bool connected = adapter->m_context->c.flags & REDIS_CONNECTED;
    if (!connected || adapter->m_flushing)
        adapter->armWriteNotifier();
}

void RedisSocketAdapter::armWriteNotifier()
{
    if (!m_write) {
        m_write = std::make_unique<QSocketNotifier>(m_context->c.fd, QSocketNotifier::Write);
        connect(m_write.get(), &QSocketNotifier::activated, this, &RedisSocketAdapter::handleWrite);
    }
    if (!m_write->isEnabled()) {
        ++m_statistics.writeNotifierArms;
        m_write->setEnabled(true);
    }
}

void RedisSocketAdapter::delWrite(void *self)
{
    auto *adapter = static_cast<RedisSocketAdapter *>(self);
    adapter->m_writeWanted = false;
    if (adapter->m_write && adapter->m_write->isEnabled())
        adapter->m_write->setEnabled(false);
}

void RedisSocketAdapter::cleanup(void *self)
{
    // The context is being freed: stop watching its socket and forget it.
    auto *adapter = static_cast<RedisSocketAdapter *>(self);
    delRead(self);
    delWrite(self);
    adapter->m_context = nullptr;
}

void RedisSocketAdapter::flush()
{
    if (!m_context)
        return;
    emit aboutToFlush();
    // While the write notifier is armed it does the writing (connecting, or the socket is full).
    if (!m_context || !m_writeWanted || (m_write && m_write->isEnabled()))
        return;
    ++m_statistics.flushes;
    handleWrite();
}

void RedisSocketAdapter::handleRead()
{
    if (m_context)
        redisAsyncHandleRead(m_context);
}

void RedisSocketAdapter::handleWrite()
{
    if (!m_context)
        return;
    // hiredis asks for the write notifier (addWrite) when this write could not take everything.
    m_flushing = true;
    redisAsyncHandleWrite(m_context);
    m_flushing = false;
}

} // namespace vs
