#pragma once

#include "Scenario.h"
#include "SimulationSnapshot.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;

namespace vs {

// The run toolbar: start, pause, resume, stop and reset; the target (the embedded core or an
// endpoint URL); and the speed of virtual time, from 1x to as fast as the CPU allows.
class RunControls final : public QToolBar
{
    Q_OBJECT

public:
    explicit RunControls(QWidget *parent = nullptr);

    // Simulated seconds per wall second; 0 is "as fast as possible".
    double speed() const;
    int speedIndex() const;
    void setSpeedIndex(int index);

    Scenario::TargetKind targetKind() const;
    QString targetUrl() const;
    void setTarget(Scenario::TargetKind kind, const QString &url);

    // Enables the actions that make sense in `state`; `canStart` is false while the scenario is
    // invalid.
    void setRunState(SimulationSnapshot::State state, bool canStart);

    QAction *startAction() const { return m_startAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *resumeAction() const { return m_resumeAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *resetAction() const { return m_resetAction; }

    static const QList<double> &speeds();
    static QString speedText(double speed);

signals:
    void startRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();
    void resetRequested();
    void speedChanged(double speed);
    void targetChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QAction *addRunAction(QAction *action, const QString &buttonName);

    QAction *m_startAction;
    QAction *m_pauseAction;
    QAction *m_resumeAction;
    QAction *m_stopAction;
    QAction *m_resetAction;
    QComboBox *m_targetComboBox;
    QLineEdit *m_urlLineEdit;
    QSlider *m_speedSlider;
    QLabel *m_speedLabel;
    QLabel *m_targetLabel;
    QLabel *m_speedTitleLabel;
};

} // namespace vs
