#include "RunControls.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

namespace vs {

RunControls::RunControls(QWidget *parent)
    : QToolBar(parent)
    , m_startAction(new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this))
    , m_pauseAction(new QAction(style()->standardIcon(QStyle::SP_MediaPause), QString(), this))
    , m_resumeAction(
          new QAction(style()->standardIcon(QStyle::SP_MediaSeekForward), QString(), this))
    , m_stopAction(new QAction(style()->standardIcon(QStyle::SP_MediaStop), QString(), this))
    , m_resetAction(new QAction(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this))
    , m_targetComboBox(new QComboBox(this))
    , m_urlLineEdit(new QLineEdit(this))
    , m_speedSlider(new QSlider(Qt::Horizontal, this))
    , m_speedLabel(new QLabel(this))
    , m_targetLabel(new QLabel(this))
    , m_speedTitleLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("runToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMovable(false);

    m_startAction->setObjectName(QStringLiteral("startAction"));
    m_startAction->setShortcut(Qt::Key_F5);
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setShortcut(Qt::Key_F6);
    m_resumeAction->setObjectName(QStringLiteral("resumeAction"));
    m_resumeAction->setShortcut(Qt::Key_F7);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_resetAction->setObjectName(QStringLiteral("resetAction"));
    m_resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));

    addRunAction(m_startAction, QStringLiteral("startButton"));
    addRunAction(m_pauseAction, QStringLiteral("pauseButton"));
    addRunAction(m_resumeAction, QStringLiteral("resumeButton"));
    addRunAction(m_stopAction, QStringLiteral("stopButton"));
    addRunAction(m_resetAction, QStringLiteral("resetButton"));
    addSeparator();

    m_targetComboBox->setObjectName(QStringLiteral("targetComboBox"));
    m_targetComboBox->addItem(QString(), int(Scenario::TargetKind::Embedded));
    m_targetComboBox->addItem(QString(), int(Scenario::TargetKind::Http));
    m_urlLineEdit->setObjectName(QStringLiteral("targetUrlLineEdit"));
    m_urlLineEdit->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_urlLineEdit->setClearButtonEnabled(true);
    m_urlLineEdit->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("http://127.0.0.1:80800")));
    m_urlLineEdit->setMaximumWidth(360);
    m_urlLineEdit->setEnabled(false);
    m_targetLabel->setObjectName(QStringLiteral("targetLabel"));
    m_targetLabel->setBuddy(m_targetComboBox);
    addWidget(m_targetLabel);
    addWidget(m_targetComboBox);
    addWidget(m_urlLineEdit);
    addSeparator();

    m_speedSlider->setObjectName(QStringLiteral("speedSlider"));
    m_speedSlider->setRange(0, int(speeds().size()) - 1);
    m_speedSlider->setPageStep(1);
    m_speedSlider->setTickPosition(QSlider::TicksBelow);
    m_speedSlider->setFixedWidth(140);
    m_speedSlider->setValue(int(speeds().size()) - 1);
    m_speedLabel->setObjectName(QStringLiteral("speedLabel"));
    m_speedTitleLabel->setObjectName(QStringLiteral("speedTitleLabel"));
    m_speedTitleLabel->setBuddy(m_speedSlider);
    addWidget(m_speedTitleLabel);
    addWidget(m_speedSlider);
    addWidget(m_speedLabel);

    connect(m_startAction, &QAction::triggered, this, &RunControls::startRequested);
    connect(m_pauseAction, &QAction::triggered, this, &RunControls::pauseRequested);
    connect(m_resumeAction, &QAction::triggered, this, &RunControls::resumeRequested);
    connect(m_stopAction, &QAction::triggered, this, &RunControls::stopRequested);
    connect(m_resetAction, &QAction::triggered, this, &RunControls::resetRequested);
    connect(m_speedSlider, &QSlider::valueChanged, this, [this] {
        m_speedLabel->setText(speedText(speed()));
        emit speedChanged(speed());
    });
    connect(m_targetComboBox, &QComboBox::currentIndexChanged, this, [this] {
        m_urlLineEdit->setEnabled(targetKind() == Scenario::TargetKind::Http);
        emit targetChanged();
    });
    connect(m_urlLineEdit, &QLineEdit::textChanged, this, &RunControls::targetChanged);

    retranslateUi();
    setRunState(SimulationSnapshot::State::Idle, true);
}

void RunControls::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QToolBar::changeEvent(event);
}

void RunControls::retranslateUi()
{
    setWindowTitle(tr("Run"));
    m_startAction->setText(tr("&Start"));
    m_startAction->setToolTip(tr("Start a run of the scenario (F5)"));
    m_pauseAction->setText(tr("&Pause"));
    m_pauseAction->setToolTip(tr("Pause the run; simulated time stands still (F6)"));
    m_resumeAction->setText(tr("Res&ume"));
    m_resumeAction->setToolTip(tr("Resume a paused run (F7)"));
    m_stopAction->setText(tr("S&top"));
    m_stopAction->setToolTip(tr("End the run here; the report covers the time so far (Shift+F5)"));
    m_resetAction->setText(tr("&Reset"));
    m_resetAction->setToolTip(tr("Back to the start with a fresh core and empty charts (Ctrl+R)"));
    m_targetComboBox->setItemText(0, tr("Embedded core"));
    m_targetComboBox->setItemText(1, tr("HTTP endpoint"));
    m_targetComboBox->setToolTip(
        tr("Run against this app's own core, or any VideoStreams endpoint over HTTP (real time)"));
    m_urlLineEdit->setToolTip(tr("The base URL of the VideoStreams endpoint to load"));
    m_targetLabel->setText(tr("Target:"));
    m_speedSlider->setToolTip(tr("Simulated seconds per wall second, in virtual time"));
    m_speedLabel->setMinimumWidth(fontMetrics().horizontalAdvance(tr("as fast as possible")) + 8);
    m_speedLabel->setText(speedText(speed()));
    m_speedTitleLabel->setText(tr("Speed:"));
}

QAction *RunControls::addRunAction(QAction *action, const QString &buttonName)
{
    addAction(action);
    widgetForAction(action)->setObjectName(buttonName);
    return action;
}

double RunControls::speed() const
{
    return speeds().value(m_speedSlider->value(), 0);
}

int RunControls::speedIndex() const
{
    return m_speedSlider->value();
}

void RunControls::setSpeedIndex(int index)
{
    m_speedSlider->setValue(std::clamp(index, 0, int(speeds().size()) - 1));
}

Scenario::TargetKind RunControls::targetKind() const
{
    return Scenario::TargetKind(m_targetComboBox->currentData().toInt());
}

QString RunControls::targetUrl() const
{
    return m_urlLineEdit->text().trimmed();
}

void RunControls::setTarget(Scenario::TargetKind kind, const QString &url)
{
    m_urlLineEdit->setText(url);
    m_targetComboBox->setCurrentIndex(m_targetComboBox->findData(int(kind)));
}

void RunControls::setRunState(SimulationSnapshot::State state, bool canStart)
{
    using State = SimulationSnapshot::State;
    const bool active = state == State::Running || state == State::Paused;
    m_startAction->setEnabled(!active && canStart);
    m_pauseAction->setEnabled(state == State::Running);
    m_resumeAction->setEnabled(state == State::Paused);
    m_stopAction->setEnabled(active);
    m_resetAction->setEnabled(state != State::Idle);
    m_targetComboBox->setEnabled(!active);
    m_urlLineEdit->setEnabled(!active && targetKind() == Scenario::TargetKind::Http);
}

const QList<double> &RunControls::speeds()
{
    static const QList<double> values{1, 2, 5, 10, 30, 60, 300, 600, 3600, 36000, 0};
    return values;
}

QString RunControls::speedText(double speed)
{
    if (speed <= 0)
        return tr("as fast as possible");
    return tr("%1x").arg(speed);
}

} // namespace vs
