#pragma once

#include "EventCollector.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace vs {

// Denials, evictions, errors and what the app did, newest at the bottom. Keeps at most
// maxLines lines so a day-long run cannot grow it without bound.
class EventLogPanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int maxLines = 2000;

    explicit EventLogPanel(QWidget *parent = nullptr);

    // Appends a batch from the core as one edit (one layout pass, not one per line).
    void appendEvents(const EventCollector::Batch &batch);
    void appendMessage(const QString &text);
    void appendError(const QString &text);
    void clear();
    int lineCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    static QString stamp();
    void appendLines(const QString &lines);

    QPlainTextEdit *m_text;
    QPushButton *m_clearButton;
    QLabel *m_capLabel;
};

} // namespace vs
