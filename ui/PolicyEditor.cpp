#include "PolicyEditor.h"

#include "IdRules.h"
#include "TableEditor.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace vs {

PolicyEditor::PolicyEditor(QWidget *parent)
    : QWidget(parent)
    , m_limitSpinBox(new QSpinBox(this))
    , m_ttlSpinBox(new QSpinBox(this))
    , m_atLimitComboBox(new QComboBox(this))
    , m_planLimits(new TableEditor({QString(), QString()}, {QStringLiteral("premium"), 4}, this))
    , m_overridesLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_applyButton(new QPushButton(this))
    , m_limitLabel(new QLabel(this))
    , m_ttlLabel(new QLabel(this))
    , m_atLimitLabel(new QLabel(this))
    , m_planLimitsLabel(new QLabel(this))
{
    m_limitSpinBox->setObjectName(QStringLiteral("policyLimitSpinBox"));
    m_limitSpinBox->setRange(0, Policy::maxLimit);

    m_ttlSpinBox->setObjectName(QStringLiteral("policyTtlSpinBox"));
    m_ttlSpinBox->setRange(0, int(Policy::maxLeaseTtlSeconds));

    m_atLimitComboBox->setObjectName(QStringLiteral("policyAtLimitComboBox"));
    m_atLimitComboBox->addItem(QString(), int(AtLimitBehaviour::Reject));
    m_atLimitComboBox->addItem(QString(), int(AtLimitBehaviour::EvictOldest));

    m_planLimits->setRole(QStringLiteral("planLimits"));

    m_overridesLabel->setObjectName(QStringLiteral("policyOverridesLabel"));
    m_overridesLabel->setWordWrap(true);
    m_overridesLabel->setEnabled(false);
    m_errorLabel->setObjectName(QStringLiteral("policyErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));

    m_applyButton->setObjectName(QStringLiteral("applyPolicyButton"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_limitLabel->setBuddy(m_limitSpinBox);
    m_ttlLabel->setBuddy(m_ttlSpinBox);
    m_atLimitLabel->setBuddy(m_atLimitComboBox);
    form->addRow(m_limitLabel, m_limitSpinBox);
    form->addRow(m_ttlLabel, m_ttlSpinBox);
    form->addRow(m_atLimitLabel, m_atLimitComboBox);
    form->addRow(m_planLimitsLabel);
    form->addRow(m_planLimits);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_overridesLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_applyButton, 0, Qt::AlignRight);

    connect(m_limitSpinBox, &QSpinBox::valueChanged, this, &PolicyEditor::updateState);
    connect(m_ttlSpinBox, &QSpinBox::valueChanged, this, &PolicyEditor::updateState);
    connect(m_atLimitComboBox, &QComboBox::currentIndexChanged, this, &PolicyEditor::updateState);
    connect(m_planLimits, &TableEditor::changed, this, &PolicyEditor::updateState);
    connect(m_applyButton, &QPushButton::clicked, this, [this] {
        if (validationError().isEmpty())
            emit applyRequested(policy());
    });

    setPolicy(Policy());
    retranslateUi();
}

void PolicyEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PolicyEditor::retranslateUi()
{
    m_limitLabel->setText(tr("Default &limit:"));
    m_limitSpinBox->setToolTip(
        tr("Streams a user may hold at once, unless their plan or an override says otherwise"));
    m_ttlLabel->setText(tr("Lease &TTL:"));
    m_ttlSpinBox->setSuffix(tr(" s"));
    m_ttlSpinBox->setSpecialValueText(tr("never expire"));
    m_ttlSpinBox->setToolTip(
        tr("A stream without a heartbeat for this long stops counting (0: never)"));
    m_atLimitLabel->setText(tr("At the li&mit:"));
    m_atLimitComboBox->setItemText(0, tr("Reject the new stream"));
    m_atLimitComboBox->setItemText(1, tr("Evict the oldest stream"));
    m_atLimitComboBox->setToolTip(tr("What happens when a user at the limit starts another video"));
    m_planLimitsLabel->setText(tr("Plan limits (win over the default):"));
    m_planLimits->setHeaders({tr("Plan"), tr("Limit")});
    m_planLimits->setToolTip(tr("Limits by plan; they win over the default limit"));
    m_applyButton->setText(tr("&Apply to the core"));
    m_applyButton->setToolTip(
        tr("Apply this policy to the running core now; HTTP clients see it at once"));
    updateOverridesLabel();
    updateState();
}

void PolicyEditor::updateOverridesLabel()
{
    m_overridesLabel->setText(tr("%n per-user override(s) from the scenario are kept.", nullptr,
                                 int(m_userOverrides.size())));
    m_overridesLabel->setVisible(!m_userOverrides.isEmpty());
}

Policy PolicyEditor::policy() const
{
    Policy policy;
    policy.defaultLimit = m_limitSpinBox->value();
    policy.leaseTtlSeconds = m_ttlSpinBox->value();
    policy.atLimit = AtLimitBehaviour(m_atLimitComboBox->currentData().toInt());
    for (const QVariantList &row : m_planLimits->rows()) {
        const QString plan = row.value(0).toString().trimmed();
        if (!plan.isEmpty())
            policy.planLimits.insert(plan, std::clamp(row.value(1).toInt(), 0, Policy::maxLimit));
    }
    policy.userOverrides = m_userOverrides;
    return policy;
}

void PolicyEditor::setPolicy(const Policy &policy)
{
    m_limitSpinBox->setValue(policy.defaultLimit);
    m_ttlSpinBox->setValue(
        int(std::min<qint64>(policy.leaseTtlSeconds, Policy::maxLeaseTtlSeconds)));
    m_atLimitComboBox->setCurrentIndex(m_atLimitComboBox->findData(int(policy.atLimit)));
    QStringList plans = policy.planLimits.keys();
    plans.sort();
    QList<QVariantList> rows;
    for (const QString &plan : std::as_const(plans))
        rows.append({plan, policy.planLimits.value(plan)});
    m_planLimits->setRows(rows);
    m_userOverrides = policy.userOverrides;
    updateOverridesLabel();
    updateState();
}

QString PolicyEditor::validationError() const
{
    QStringList seen;
    for (const QVariantList &row : m_planLimits->rows()) {
        const QString plan = row.value(0).toString().trimmed();
        if (!IdRules::isValid(plan))
            return tr("Plan \"%1\": %2").arg(plan, IdRules::ruleText());
        if (seen.contains(plan))
            return tr("Plan \"%1\" is listed twice").arg(plan);
        const int limit = row.value(1).toInt();
        if (limit < 0 || limit > Policy::maxLimit)
            return tr("Plan \"%1\": the limit must be between 0 and %2")
                .arg(plan)
                .arg(Policy::maxLimit);
        seen.append(plan);
    }
    return {};
}

void PolicyEditor::updateState()
{
    const QString error = validationError();
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
    m_applyButton->setEnabled(error.isEmpty());
    emit changed();
}

} // namespace vs
