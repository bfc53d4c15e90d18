#include "RedisSocketAdapter.h"

#include <hiredis/async.h>

namespace vs {

RedisSocketAdapter::RedisSocketAdapter(QObject *parent)
    : QObject(parent)
{}

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
    adapter->m_read->setEnabled(true);
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
    if (!adapter->m_write) {
        adapter->m_write =
            std::make_unique<QSocketNotifier>(adapter->m_context->c.fd, QSocketNotifier::Write);
        connect(adapter->m_write.get(), &QSocketNotifier::activated, adapter,
                &RedisSocketAdapter::handleWrite);
    }
    adapter->m_write->setEnabled(true);
}

void RedisSocketAdapter::delWrite(void *self)
{
    auto *adapter = static_cast<RedisSocketAdapter *>(self);
    if (adapter->m_write)
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

void RedisSocketAdapter::handleRead()
{
    if (m_context)
        redisAsyncHandleRead(m_context);
}

void RedisSocketAdapter::handleWrite()
{
    if (m_context)
        redisAsyncHandleWrite(m_context);
}

} // namespace vs
