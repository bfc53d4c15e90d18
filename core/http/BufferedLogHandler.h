#pragma once

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QtGlobal>

#include <functional>

namespace vs {

// A Qt message handler that writes to a file descriptor (stderr) with one write() per
// event-loop pass instead of one per message. `serve` logs one line per request, and on a
// machine where every system call is expensive a write per line costs a sizeable share of the
// server thread. Messages still pass through Qt's category filter first, so QT_LOGGING_RULES
// (e.g. vs.http.info=false) works as before, and the text is what Qt's own handler would print.
//
// Lines are kept in order and written when the owning thread's event loop is about to block,
// when the buffer passes maxBufferedBytes, at once for warnings and worse (and for messages
// from other threads, whose loops do not flush it), on flush(), and when the handler is
// destroyed: nothing is lost on a clean stop.
class BufferedLogHandler final : public QObject
{
    Q_OBJECT

public:
    // Turns one message into its output bytes, newline included.
    using Formatter =
        std::function<QByteArray(QtMsgType, const QMessageLogContext &, const QString &)>;

    static constexpr qsizetype maxBufferedBytes = 64 * 1024;

    // `formatter` empty: Qt's qFormatLogMessage (QT_MESSAGE_PATTERN applies) and a newline.
    explicit BufferedLogHandler(int fileDescriptor, Formatter formatter = {},
                                QObject *parent = nullptr);
    // Flushes and, if installed, puts the previous handler back.
    ~BufferedLogHandler() override;

    // Becomes the process' message handler. Call on the thread whose event loop flushes it;
    // at most one handler may be installed at a time.
    void install();
    void flush();

    // How many write() calls reached the descriptor (for tests and diagnostics).
    quint64 writeCount() const;

private:
    static void handleMessage(QtMsgType type, const QMessageLogContext &context,
                              const QString &message);
    void append(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void writeLocked();

    const int m_fileDescriptor;
    const Formatter m_formatter;
    mutable QMutex m_mutex;
    QByteArray m_buffer;
    quint64 m_writeCount = 0;
    bool m_installed = false;
    QtMessageHandler m_previous = nullptr;
};

} // namespace vs
