#include "BufferedLogHandler.h"

#include <QAbstractEventDispatcher>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>

#include <unistd.h>

namespace vs {

namespace {

std::atomic<BufferedLogHandler *> installedHandler{nullptr};

QByteArray qtFormat(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QByteArray line = qFormatLogMessage(type, context, message).toLocal8Bit();
    line.append('\n');
    return line;
}

// What qFormatLogMessage makes of a message under Qt's default pattern
// ("%{if-category}%{category}: %{endif}%{message}"); the messages given to info() are ASCII, so
// the local 8-bit encoding changes nothing.
std::optional<QByteArray> defaultPatternLine(const char *category, QByteArrayView message)
{
    const bool named = category && qstrcmp(category, "default") != 0;
    const qsizetype prefix = named ? qsizetype(qstrlen(category)) + 2 : 0;
    QByteArray line(prefix + message.size() + 1, Qt::Uninitialized);
    char *next = line.data();
    if (named) {
        next = std::copy_n(category, prefix - 2, next);
        *next++ = ':';
        *next++ = ' ';
    }
    next = std::copy_n(message.data(), message.size(), next);
    *next = '\n';
    return line;
}

BufferedLogHandler::DirectFormatter directFor(const BufferedLogHandler::Formatter &formatter,
                                              BufferedLogHandler::DirectFormatter direct)
{
    if (formatter)
        return direct;
    if (!qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        return {};
    return &defaultPatternLine;
}

} // namespace

BufferedLogHandler::BufferedLogHandler(int fileDescriptor, Formatter formatter,
                                       DirectFormatter direct, QObject *parent)
    : QObject(parent)
    , m_fileDescriptor(fileDescriptor)
    , m_formatter(formatter ? formatter : Formatter(&qtFormat))
    , m_direct(directFor(formatter, std::move(direct)))
{
    m_buffer.reserve(maxBufferedBytes + 1024);
}

BufferedLogHandler::~BufferedLogHandler()
{
    if (m_installed) {
        qInstallMessageHandler(m_previous);
        installedHandler.store(nullptr);
    }
    flush();
}

void BufferedLogHandler::install()
{
    if (m_installed)
        return;
    // Once per pass: the loop is about to wait, so everything this pass logged goes out now.
    // `awake` (emitted when processEvents starts) covers loops that never wait.
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread())) {
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this,
                &BufferedLogHandler::flush);
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &BufferedLogHandler::flush);
    }
    installedHandler.store(this);
    m_previous = qInstallMessageHandler(&BufferedLogHandler::handleMessage);
    m_installed = true;
}

void BufferedLogHandler::handleMessage(QtMsgType type, const QMessageLogContext &context,
                                       const QString &message)
{
    if (BufferedLogHandler *handler = installedHandler.load())
        handler->append(type, context, message);
}

void BufferedLogHandler::info(const QLoggingCategory &category, QByteArrayView message)
{
    if (!category.isInfoEnabled())
        return;
    if (BufferedLogHandler *handler = installedHandler.load(); handler && handler->m_direct) {
        if (const std::optional<QByteArray> line =
                handler->m_direct(category.categoryName(), message)) {
            handler->appendLine(QtInfoMsg, *line);
            return;
        }
    }
    QMessageLogger().info(category, "%s", message.toByteArray().constData());
}

void BufferedLogHandler::append(QtMsgType type, const QMessageLogContext &context,
                                const QString &message)
{
    appendLine(type, m_formatter(type, context, message));
}

void BufferedLogHandler::appendLine(QtMsgType type, QByteArrayView line)
{
    QMutexLocker locker(&m_mutex);
    m_buffer.append(line);
    // Warnings must not wait for a busy loop, a fatal message must be out before the abort, and
    // another thread's message may find this thread's loop blocked for a long time.
    const bool urgent = type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg;
    if (urgent || m_buffer.size() >= maxBufferedBytes || QThread::currentThread() != thread())
        writeLocked();
}

void BufferedLogHandler::flush()
{
    QMutexLocker locker(&m_mutex);
    writeLocked();
}

quint64 BufferedLogHandler::writeCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_writeCount;
}

void BufferedLogHandler::writeLocked()
{
    qsizetype offset = 0;
    while (offset < m_buffer.size()) {
        const ssize_t written = ::write(m_fileDescriptor, m_buffer.constData() + offset,
                                        std::size_t(m_buffer.size() - offset));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            break; // stderr closed or broken: like Qt's own handler, drop the lines
        ++m_writeCount;
        offset += written;
    }
    m_buffer.resize(0); // keeps the capacity for the next pass
}

} // namespace vs
