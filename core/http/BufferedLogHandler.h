#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLoggingCategory>
#include <QMutex>
#include <QObject>
#include <QtGlobal>

#include <functional>
#include <optional>

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
    // Turns an info message of `category` that is already UTF-8 bytes into the output bytes
    // Formatter would make of it, newline included; nullopt when only Formatter can tell.
    using DirectFormatter =
        std::function<std::optional<QByteArray>(const char *category, QByteArrayView message)>;

    static constexpr qsizetype maxBufferedBytes = 64 * 1024;

    // `formatter` empty: Qt's qFormatLogMessage (QT_MESSAGE_PATTERN applies) and a newline;
    // then info() formats directly as long as QT_MESSAGE_PATTERN is unset. With a formatter,
    // info() formats directly only through `direct`.
    explicit BufferedLogHandler(int fileDescriptor, Formatter formatter = {},
                                DirectFormatter direct = {}, QObject *parent = nullptr);
    // Flushes and, if installed, puts the previous handler back.
    ~BufferedLogHandler() override;

    // Becomes the process' message handler. Call on the thread whose event loop flushes it;
    // at most one handler may be installed at a time.
    void install();
    void flush();

    // Logs `message` (UTF-8) on `category` at info level, with the same output as
    // qCInfo(category, "%s", message), without Qt's printf-style formatting and QString round
    // trip: the line per request is serve's most frequent message. Goes through Qt when no
    // handler is installed or the installed one cannot format the line directly.
    static void info(const QLoggingCategory &category, QByteArrayView message);

    // How many write() calls reached the descriptor (for tests and diagnostics).
    quint64 writeCount() const;

private:
    static void handleMessage(QtMsgType type, const QMessageLogContext &context,
                              const QString &message);
    void append(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void appendLine(QtMsgType type, QByteArrayView line);
    void writeLocked();

    const int m_fileDescriptor;
    const Formatter m_formatter;
    const DirectFormatter m_direct;
    mutable QMutex m_mutex;
    QByteArray m_buffer;
    quint64 m_writeCount = 0;
    bool m_installed = false;
    QtMessageHandler m_previous = nullptr;
};

} // namespace vs
