#pragma once

#include "Scenario.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;

namespace vs {

class TableEditor;

// Every field of a scenario (workload, viewing habits, retries, thresholds), with presets and
// open/save. The target and the policy live in the run toolbar and the policy editor; the
// window puts the three together and shows the scenario's own validation here.
class ScenarioPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioPanel(QWidget *parent = nullptr);

    // The fields of this panel; target and policy are left at their defaults.
    Scenario scenario() const;
    // Takes every field this panel shows from `scenario`.
    void setScenario(const Scenario &scenario);

    // HTTP targets run in real time only: the clock choice is locked and the HTTP settings open.
    void setHttpTarget(bool http);
    // Empty `error`: valid. Otherwise the message, with the field scrolled into view.
    void showValidation(const QString &error, const QString &field);
    void setEditable(bool editable);

    // The built-in scenarios (":/scenarios/*.json"), by file path.
    static QStringList presetPaths();

signals:
    void changed();
    void openRequested();
    void saveRequested();
    void presetRequested(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildForm();
    void retranslateUi();
    void updateDependentFields();
    QWidget *widgetForField(const QString &field) const;

    QComboBox *m_presetComboBox;
    QPushButton *m_openButton;
    QPushButton *m_saveButton;
    QScrollArea *m_scrollArea;
    QWidget *m_form = nullptr;
    QLabel *m_validationLabel;

    QLineEdit *m_nameLineEdit = nullptr;
    QSpinBox *m_seedSpinBox = nullptr;
    QDoubleSpinBox *m_durationSpinBox = nullptr;
    QComboBox *m_clockComboBox = nullptr;
    QSpinBox *m_usersSpinBox = nullptr;
    TableEditor *m_planMixEditor = nullptr;
    QDoubleSpinBox *m_arrivalsSpinBox = nullptr;
    TableEditor *m_stagesEditor = nullptr;
    QSpinBox *m_videosSpinBox = nullptr;
    QComboBox *m_catalogComboBox = nullptr;
    QDoubleSpinBox *m_zipfSpinBox = nullptr;
    QComboBox *m_watchComboBox = nullptr;
    QDoubleSpinBox *m_watchMeanSpinBox = nullptr;
    QDoubleSpinBox *m_watchSigmaSpinBox = nullptr;
    QDoubleSpinBox *m_heartbeatSpinBox = nullptr;
    QSlider *m_abandonSlider = nullptr;
    QDoubleSpinBox *m_abandonSpinBox = nullptr;
    QSpinBox *m_retryAttemptsSpinBox = nullptr;
    QDoubleSpinBox *m_retryBackoffSpinBox = nullptr;
    QSpinBox *m_connectionsSpinBox = nullptr;
    QDoubleSpinBox *m_timeoutSpinBox = nullptr;
    QCheckBox *m_denialRatioCheckBox = nullptr;
    QDoubleSpinBox *m_denialRatioSpinBox = nullptr;
    QCheckBox *m_latencyCheckBox = nullptr;
    QDoubleSpinBox *m_latencySpinBox = nullptr;
    QCheckBox *m_errorRatioCheckBox = nullptr;
    QDoubleSpinBox *m_errorRatioSpinBox = nullptr;
    QCheckBox *m_violationsCheckBox = nullptr;
    QSpinBox *m_violationsSpinBox = nullptr;
    // Group titles and row labels, kept to be retranslated.
    QGroupBox *m_runGroup = nullptr;
    QGroupBox *m_viewersGroup = nullptr;
    QGroupBox *m_arrivalsGroup = nullptr;
    QGroupBox *m_catalogGroup = nullptr;
    QGroupBox *m_watchingGroup = nullptr;
    QGroupBox *m_retryGroup = nullptr;
    QGroupBox *m_httpGroup = nullptr;
    QGroupBox *m_thresholdsGroup = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_seedLabel = nullptr;
    QLabel *m_durationLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    QLabel *m_usersLabel = nullptr;
    QLabel *m_planMixLabel = nullptr;
    QLabel *m_arrivalsLabel = nullptr;
    QLabel *m_stagesLabel = nullptr;
    QLabel *m_videosLabel = nullptr;
    QLabel *m_catalogLabel = nullptr;
    QLabel *m_zipfLabel = nullptr;
    QLabel *m_watchLabel = nullptr;
    QLabel *m_watchMeanLabel = nullptr;
    QLabel *m_watchSigmaLabel = nullptr;
    QLabel *m_heartbeatLabel = nullptr;
    QLabel *m_abandonLabel = nullptr;
    QLabel *m_retryAttemptsLabel = nullptr;
    QLabel *m_retryBackoffLabel = nullptr;
    QLabel *m_connectionsLabel = nullptr;
    QLabel *m_timeoutLabel = nullptr;
    QHash<QString, QWidget *> m_fieldWidgets; // JSON field -> its widget
    bool m_httpTarget = false;
    bool m_updating = false;
};

} // namespace vs
