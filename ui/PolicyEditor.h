#pragma once

#include "Policy.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace vs {

class TableEditor;

// The policy of the embedded core: default limit, plan limits, lease TTL and what happens at
// the limit. It is the scenario's policy for the next run and, through Apply, the live policy
// of the running core (and so of HTTP clients of the embedded server).
class PolicyEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit PolicyEditor(QWidget *parent = nullptr);

    // The policy the widgets describe. Per-user overrides are not edited here; they are kept
    // from the last setPolicy().
    Policy policy() const;
    void setPolicy(const Policy &policy);
    // Empty when policy() is valid, otherwise why (e.g. a duplicate or invalid plan name).
    QString validationError() const;

signals:
    void applyRequested(const vs::Policy &policy);
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateOverridesLabel();
    void updateState();

    QSpinBox *m_limitSpinBox;
    QSpinBox *m_ttlSpinBox;
    QComboBox *m_atLimitComboBox;
    TableEditor *m_planLimits;
    QLabel *m_overridesLabel;
    QLabel *m_errorLabel;
    QPushButton *m_applyButton;
    QHash<QString, int> m_userOverrides;
    QLabel *m_limitLabel;
    QLabel *m_ttlLabel;
    QLabel *m_atLimitLabel;
    QLabel *m_planLimitsLabel;
};

} // namespace vs
