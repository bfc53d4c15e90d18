#include "EventLogPanel.h"

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace vs {

EventLogPanel::EventLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
    , m_clearButton(new QPushButton(this))
    , m_capLabel(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("eventLogPlainTextEdit"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(maxLines);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_clearButton->setObjectName(QStringLiteral("clearLogButton"));
    m_capLabel->setEnabled(false);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_capLabel, 1);
    bottom->addWidget(m_clearButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addLayout(bottom);

    connect(m_clearButton, &QPushButton::clicked, this, &EventLogPanel::clear);
    retranslateUi();
}

void EventLogPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void EventLogPanel::retranslateUi()
{
    // Lines already in the log keep the language they were written in.
    m_text->setToolTip(tr("Denials, evictions and errors as they happen (simulated time, UTC)"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Remove every line from the log"));
    m_capLabel->setText(tr("Keeps the last %1 lines").arg(QLocale().toString(maxLines)));
}

void EventLogPanel::appendEvents(const EventCollector::Batch &batch)
{
    QStringList lines;
    for (const LimiterEvent &event : batch.events) {
        const QString at = QDateTime::fromMSecsSinceEpoch(event.atMs, Qt::UTC)
                               .toString(QStringLiteral("HH:mm:ss"));
        if (event.type == LimiterEvent::Type::Rejected) {
            lines.append(tr("%1  denied   %2 → %3 (limit %4)")
                             .arg(at, event.lease.userId, event.lease.videoId)
                             .arg(event.limit));
        } else {
            lines.append(tr("%1  evicted  %2 → %3 (oldest stream)")
                             .arg(at, event.lease.userId, event.lease.videoId));
        }
    }
    const QLocale locale;
    if (batch.droppedDenials > 0 || batch.droppedEvictions > 0) {
        lines.append(tr("%1  … and %2 more denials, %3 more evictions (not listed)")
                         .arg(stamp(), locale.toString(batch.droppedDenials),
                              locale.toString(batch.droppedEvictions)));
    }
    if (!lines.isEmpty())
        appendLines(lines.join(u'\n'));
}

void EventLogPanel::appendMessage(const QString &text)
{
    appendLines(stamp() % QStringLiteral("  ") % text);
}

void EventLogPanel::appendError(const QString &text)
{
    appendLines(stamp() % QStringLiteral("  ") % tr("error: %1").arg(text));
}

void EventLogPanel::clear()
{
    m_text->clear();
}

int EventLogPanel::lineCount() const
{
    return m_text->document()->isEmpty() ? 0 : m_text->blockCount();
}

QString EventLogPanel::stamp()
{
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
}

void EventLogPanel::appendLines(const QString &lines)
{
    m_text->appendPlainText(lines);
    m_text->horizontalScrollBar()->setValue(0);
}

} // namespace vs
