// The serve log sink: lines logged during one event-loop pass reach the descriptor in one write,
// in order, and nothing is lost when the handler goes away before the loop turned again.

#include "BufferedLogHandler.h"
#include "HttpLog.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryFile>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace vs;

class tst_BufferedLogHandler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void burstIsWrittenOnceWhenTheLoopTurns();
    void destroyingWritesWhatIsLeft();
    void linesAreWhatQtWouldPrint();
    void urgentMessagesAreWrittenAtOnce_data();
    void urgentMessagesAreWrittenAtOnce();
    void largeBurstIsWrittenBeforeTheLoopTurns();
    void filterRulesStillSilenceTheCategory();
    void otherThreadsAreWrittenAtOnce();
    void directLinesAreWhatQtWouldPrint();
    void directLinesFollowTheFilterRules();
    void directLinesUseTheDirectFormatterOrFallBack();

private:
    QByteArray written() const;

    std::unique_ptr<QTemporaryFile> m_file;
    std::unique_ptr<BufferedLogHandler> m_handler;
};

void tst_BufferedLogHandler::init()
{
    QLoggingCategory::setFilterRules(QStringLiteral("vs.http.info=true"));
    m_file = std::make_unique<QTemporaryFile>();
    QVERIFY(m_file->open());
    m_handler = std::make_unique<BufferedLogHandler>(m_file->handle());
    m_handler->install();
}

void tst_BufferedLogHandler::cleanup()
{
    m_handler.reset();
    m_file.reset();
    QLoggingCategory::setFilterRules(QString());
}

QByteArray tst_BufferedLogHandler::written() const
{
    QFile reader(m_file->fileName());
    if (!reader.open(QIODevice::ReadOnly))
        return {};
    return reader.readAll();
}

void tst_BufferedLogHandler::burstIsWrittenOnceWhenTheLoopTurns()
{
    for (int i = 0; i < 500; ++i)
        qCInfo(lcHttp, "request %d", i);
    QCOMPARE(m_handler->writeCount(), quint64(0));
    QVERIFY(written().isEmpty());

    QCoreApplication::processEvents();
    QCOMPARE(m_handler->writeCount(), quint64(1));
    const QList<QByteArray> lines = written().split('\n');
    QCOMPARE(lines.size(), 501); // the last newline leaves an empty tail
    for (int i = 0; i < 500; ++i)
        QCOMPARE(lines[i], "vs.http: request " + QByteArray::number(i));

    QCoreApplication::processEvents(); // nothing new: no write
    QCOMPARE(m_handler->writeCount(), quint64(1));
}

void tst_BufferedLogHandler::destroyingWritesWhatIsLeft()
{
    for (int i = 0; i < 100; ++i)
        qCInfo(lcHttp, "request %d", i);
    qCInfo(lcHttp, "signal 15 received, stopping");
    m_handler.reset();
    const QByteArray text = written();
    QCOMPARE(text.count('\n'), 101);
    QVERIFY(text.startsWith("vs.http: request 0\n"));
    QVERIFY(text.endsWith("vs.http: request 99\nvs.http: signal 15 received, stopping\n"));
}

void tst_BufferedLogHandler::linesAreWhatQtWouldPrint()
{
    qCInfo(lcHttp, "method=POST route=/v1/users/{user}/streams status=201");
    qInfo("uncategorised");
    m_handler->flush();
    const QMessageLogContext httpContext(nullptr, 0, nullptr, "vs.http");
    const QMessageLogContext defaultContext(nullptr, 0, nullptr, "default");
    QCOMPARE(written(),
             qFormatLogMessage(QtInfoMsg, httpContext,
                               QStringLiteral("method=POST route=/v1/users/{user}/streams "
                                              "status=201"))
                     .toLocal8Bit() +
                 '\n' +
                 qFormatLogMessage(QtInfoMsg, defaultContext, QStringLiteral("uncategorised"))
                     .toLocal8Bit() +
                 '\n');
}

void tst_BufferedLogHandler::urgentMessagesAreWrittenAtOnce_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("urgent");
    QTest::newRow("debug") << int(QtDebugMsg) << false;
    QTest::newRow("info") << int(QtInfoMsg) << false;
    QTest::newRow("warning") << int(QtWarningMsg) << true;
    QTest::newRow("critical") << int(QtCriticalMsg) << true;
}

void tst_BufferedLogHandler::urgentMessagesAreWrittenAtOnce()
{
    QFETCH(int, type);
    QFETCH(bool, urgent);
    QLoggingCategory::setFilterRules(QStringLiteral("vs.http.*=true"));
    qCInfo(lcHttp, "before");
    switch (QtMsgType(type)) {
    case QtDebugMsg:
        qCDebug(lcHttp, "message");
        break;
    case QtInfoMsg:
        qCInfo(lcHttp, "message");
        break;
    case QtWarningMsg:
        qCWarning(lcHttp, "message");
        break;
    default:
        qCCritical(lcHttp, "message");
        break;
    }
    // An urgent message takes the buffered lines with it, in order.
    QCOMPARE(written(), urgent ? QByteArray("vs.http: before\nvs.http: message\n") : QByteArray());
    QCOMPARE(m_handler->writeCount(), quint64(urgent ? 1 : 0));
}

void tst_BufferedLogHandler::largeBurstIsWrittenBeforeTheLoopTurns()
{
    const QByteArray payload(1000, 'x');
    const int lines = int(3 * BufferedLogHandler::maxBufferedBytes / payload.size());
    for (int i = 0; i < lines; ++i)
        qCInfo(lcHttp, "%s", payload.constData());
    // The buffer stays bounded: about every maxBufferedBytes a write, without the loop.
    QVERIFY2(m_handler->writeCount() >= 2 && m_handler->writeCount() <= 3,
             QByteArray::number(m_handler->writeCount()).constData());
    m_handler->flush();
    QCOMPARE(written().count('\n'), lines);
}

void tst_BufferedLogHandler::filterRulesStillSilenceTheCategory()
{
    QLoggingCategory::setFilterRules(QStringLiteral("vs.http.info=false"));
    qCInfo(lcHttp, "silenced");
    QLoggingCategory::setFilterRules(QStringLiteral("vs.http.info=true"));
    qCInfo(lcHttp, "shown");
    m_handler->flush();
    QCOMPARE(written(), QByteArray("vs.http: shown\n"));
}

void tst_BufferedLogHandler::otherThreadsAreWrittenAtOnce()
{
    // That thread's lines must not wait for this thread's loop, which may be blocked.
    std::unique_ptr<QThread> thread(QThread::create([] { qCInfo(lcHttp, "from a worker"); }));
    thread->start();
    QVERIFY(thread->wait(10'000));
    QCOMPARE(written(), QByteArray("vs.http: from a worker\n"));
}

// info() skips Qt's formatting, so its bytes must be exactly what qCInfo's would have been.
void tst_BufferedLogHandler::directLinesAreWhatQtWouldPrint()
{
    const QByteArray message("method=POST route=/v1/users/{user}/streams status=201");
    qCInfo(lcHttp, "%s", message.constData());
    m_handler->flush();
    const QByteArray throughQt = written();
    QVERIFY(!throughQt.isEmpty());
    BufferedLogHandler::info(lcHttp(), message);
    m_handler->flush();
    QCOMPARE(written(), throughQt + throughQt);
}

void tst_BufferedLogHandler::directLinesFollowTheFilterRules()
{
    QLoggingCategory::setFilterRules(QStringLiteral("vs.http.info=false"));
    BufferedLogHandler::info(lcHttp(), "silenced");
    QLoggingCategory::setFilterRules(QStringLiteral("vs.http.info=true"));
    BufferedLogHandler::info(lcHttp(), "shown");
    m_handler->flush();
    QCOMPARE(written(), QByteArray("vs.http: shown\n"));
}

void tst_BufferedLogHandler::directLinesUseTheDirectFormatterOrFallBack()
{
    m_handler.reset();
    m_handler = std::make_unique<BufferedLogHandler>(
        m_file->handle(),
        [](QtMsgType, const QMessageLogContext &, const QString &message) -> QByteArray {
            return "formatter: " + message.toUtf8() + '\n';
        },
        [](const char *, QByteArrayView message) -> std::optional<QByteArray> {
            if (!message.startsWith("direct"))
                return std::nullopt;
            return "direct: " + message.toByteArray() + '\n';
        });
    m_handler->install();
    BufferedLogHandler::info(lcHttp(), "direct line");
    BufferedLogHandler::info(lcHttp(), "other line");
    m_handler->flush();
    QCOMPARE(written(), QByteArray("direct: direct line\nformatter: other line\n"));
}

QTEST_GUILESS_MAIN(tst_BufferedLogHandler)
#include "tst_BufferedLogHandler.moc"
