#include "ScenarioPanel.h"

#include "TableEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace vs {

namespace {

// Texts (suffix, tool tip) come from ScenarioPanel::retranslateUi, so they follow the language.
QDoubleSpinBox *doubleSpinBox(QWidget *parent, const QString &name, double min, double max,
                              int decimals)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setGroupSeparatorShown(true);
    box->setAccelerated(true);
    return box;
}

QSpinBox *intSpinBox(QWidget *parent, const QString &name, int min, int max)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setGroupSeparatorShown(true);
    box->setAccelerated(true);
    return box;
}

QFormLayout *groupForm(QWidget *parent, QVBoxLayout *into, QGroupBox *&box, const QString &name)
{
    box = new QGroupBox(parent);
    box->setObjectName(name);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    into->addWidget(box);
    return form;
}

QLabel *rowLabel(QWidget *parent, QWidget *buddy)
{
    auto *label = new QLabel(parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

ScenarioPanel::ScenarioPanel(QWidget *parent)
    : QWidget(parent)
    , m_presetComboBox(new QComboBox(this))
    , m_openButton(
          new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this))
    , m_saveButton(
          new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this))
    , m_scrollArea(new QScrollArea(this))
    , m_validationLabel(new QLabel(this))
{
    m_presetComboBox->setObjectName(QStringLiteral("presetComboBox"));
    m_presetComboBox->addItem(QString());
    for (const QString &path : presetPaths())
        m_presetComboBox->addItem(QFileInfo(path).completeBaseName().replace(u'_', u' '), path);
    m_presetComboBox->setEnabled(m_presetComboBox->count() > 1);
    m_openButton->setObjectName(QStringLiteral("openScenarioButton"));
    m_saveButton->setObjectName(QStringLiteral("saveScenarioButton"));

    m_validationLabel->setObjectName(QStringLiteral("validationLabel"));
    m_validationLabel->setWordWrap(true);
    m_validationLabel->setStyleSheet(
        QStringLiteral("QLabel { color: #b3261e; font-weight: 600; }"));
    m_validationLabel->setVisible(false);

    m_form = buildForm();
    m_scrollArea->setObjectName(QStringLiteral("scenarioScrollArea"));
    m_scrollArea->setWidget(m_form);
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::NoFrame);
    m_scrollArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *top = new QHBoxLayout;
    top->addWidget(m_presetComboBox, 1);
    top->addWidget(m_openButton);
    top->addWidget(m_saveButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_scrollArea, 1);
    layout->addWidget(m_validationLabel);

    connect(m_openButton, &QPushButton::clicked, this, &ScenarioPanel::openRequested);
    connect(m_saveButton, &QPushButton::clicked, this, &ScenarioPanel::saveRequested);
    connect(m_presetComboBox, &QComboBox::activated, this, [this](int index) {
        const QString path = m_presetComboBox->itemData(index).toString();
        m_presetComboBox->setCurrentIndex(0);
        if (!path.isEmpty())
            emit presetRequested(path);
    });

    retranslateUi();
    setScenario(Scenario());
}

QWidget *ScenarioPanel::buildForm()
{
    auto *form = new QWidget;
    auto *layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 4, 0);
    const auto addRow = [form](QFormLayout *into, QWidget *field) {
        QLabel *label = rowLabel(form, field);
        into->addRow(label, field);
        return label;
    };

    // General
    QFormLayout *general = groupForm(form, layout, m_runGroup, QStringLiteral("runGroupBox"));
    m_nameLineEdit = new QLineEdit(form);
    m_nameLineEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_seedSpinBox =
        intSpinBox(form, QStringLiteral("seedSpinBox"), 0, std::numeric_limits<int>::max());
    m_seedSpinBox->setGroupSeparatorShown(false);
    m_durationSpinBox =
        doubleSpinBox(form, QStringLiteral("durationSpinBox"), 0.1, Scenario::maxDurationS, 1);
    m_clockComboBox = new QComboBox(form);
    m_clockComboBox->setObjectName(QStringLiteral("clockComboBox"));
    m_clockComboBox->addItem(QString(), int(Scenario::ClockMode::Virtual));
    m_clockComboBox->addItem(QString(), int(Scenario::ClockMode::Real));
    m_nameLabel = addRow(general, m_nameLineEdit);
    m_nameLabel->setObjectName(QStringLiteral("nameLabel"));
    m_seedLabel = addRow(general, m_seedSpinBox);
    m_durationLabel = addRow(general, m_durationSpinBox);
    m_clockLabel = addRow(general, m_clockComboBox);

    // Population
    QFormLayout *population =
        groupForm(form, layout, m_viewersGroup, QStringLiteral("viewersGroupBox"));
    m_usersSpinBox = intSpinBox(form, QStringLiteral("usersSpinBox"), 1, Scenario::maxUsers);
    m_planMixEditor =
        new TableEditor({QString(), QString()}, {QStringLiteral("basic"), 100.0}, form);
    m_planMixEditor->setRole(QStringLiteral("planMix"));
    m_usersLabel = addRow(population, m_usersSpinBox);
    m_planMixLabel = new QLabel(form);
    population->addRow(m_planMixLabel);
    population->addRow(m_planMixEditor);

    // Arrivals
    QFormLayout *arrivals =
        groupForm(form, layout, m_arrivalsGroup, QStringLiteral("arrivalsGroupBox"));
    m_arrivalsSpinBox = doubleSpinBox(form, QStringLiteral("arrivalsSpinBox"), 0, 1e6, 3);
    m_stagesEditor = new TableEditor({QString(), QString()}, {600.0, 2.0}, form);
    m_stagesEditor->setRole(QStringLiteral("stages"));
    m_arrivalsLabel = addRow(arrivals, m_arrivalsSpinBox);
    m_stagesLabel = new QLabel(form);
    arrivals->addRow(m_stagesLabel);
    arrivals->addRow(m_stagesEditor);

    // Catalog
    QFormLayout *catalog =
        groupForm(form, layout, m_catalogGroup, QStringLiteral("catalogGroupBox"));
    m_videosSpinBox = intSpinBox(form, QStringLiteral("videosSpinBox"), 1, Scenario::maxVideos);
    m_catalogComboBox = new QComboBox(form);
    m_catalogComboBox->setObjectName(QStringLiteral("catalogComboBox"));
    m_catalogComboBox->addItem(QString(), int(Scenario::CatalogDistribution::Uniform));
    m_catalogComboBox->addItem(QString(), int(Scenario::CatalogDistribution::Zipf));
    m_zipfSpinBox = doubleSpinBox(form, QStringLiteral("zipfSpinBox"), 0.01, 10, 2);
    m_videosLabel = addRow(catalog, m_videosSpinBox);
    m_catalogLabel = addRow(catalog, m_catalogComboBox);
    m_zipfLabel = addRow(catalog, m_zipfSpinBox);

    // Watching
    QFormLayout *watching =
        groupForm(form, layout, m_watchingGroup, QStringLiteral("watchingGroupBox"));
    m_watchComboBox = new QComboBox(form);
    m_watchComboBox->setObjectName(QStringLiteral("watchComboBox"));
    m_watchComboBox->addItem(QString(), int(Scenario::WatchDistribution::Exponential));
    m_watchComboBox->addItem(QString(), int(Scenario::WatchDistribution::Lognormal));
    m_watchComboBox->addItem(QString(), int(Scenario::WatchDistribution::Fixed));
    m_watchMeanSpinBox = doubleSpinBox(form, QStringLiteral("watchMeanSpinBox"), 0.1, 1e7, 1);
    m_watchSigmaSpinBox = doubleSpinBox(form, QStringLiteral("watchSigmaSpinBox"), 0, 10, 2);
    m_heartbeatSpinBox = doubleSpinBox(form, QStringLiteral("heartbeatSpinBox"), 0.1, 86400, 1);
    m_abandonSlider = new QSlider(Qt::Horizontal, form);
    m_abandonSlider->setObjectName(QStringLiteral("abandonSlider"));
    m_abandonSlider->setRange(0, 100);
    m_abandonSpinBox = doubleSpinBox(form, QStringLiteral("abandonSpinBox"), 0, 100, 2);
    auto *abandon = new QHBoxLayout;
    abandon->addWidget(m_abandonSlider, 1);
    abandon->addWidget(m_abandonSpinBox);
    m_watchLabel = addRow(watching, m_watchComboBox);
    m_watchMeanLabel = addRow(watching, m_watchMeanSpinBox);
    m_watchSigmaLabel = addRow(watching, m_watchSigmaSpinBox);
    m_heartbeatLabel = addRow(watching, m_heartbeatSpinBox);
    m_abandonLabel = rowLabel(form, m_abandonSpinBox);
    watching->addRow(m_abandonLabel, abandon);

    // Retries
    QFormLayout *retry = groupForm(form, layout, m_retryGroup, QStringLiteral("retryGroupBox"));
    m_retryAttemptsSpinBox = intSpinBox(form, QStringLiteral("retryAttemptsSpinBox"), 1, 100);
    m_retryBackoffSpinBox = doubleSpinBox(form, QStringLiteral("retryBackoffSpinBox"), 0, 86400, 1);
    m_retryAttemptsLabel = addRow(retry, m_retryAttemptsSpinBox);
    m_retryBackoffLabel = addRow(retry, m_retryBackoffSpinBox);

    // HTTP target
    QFormLayout *http = groupForm(form, layout, m_httpGroup, QStringLiteral("httpGroupBox"));
    m_connectionsSpinBox =
        intSpinBox(form, QStringLiteral("connectionsSpinBox"), 1, Scenario::maxConnections);
    m_timeoutSpinBox = doubleSpinBox(form, QStringLiteral("timeoutSpinBox"), 0.1, 3600, 1);
    m_connectionsLabel = addRow(http, m_connectionsSpinBox);
    m_timeoutLabel = addRow(http, m_timeoutSpinBox);

    // Thresholds
    QFormLayout *thresholds =
        groupForm(form, layout, m_thresholdsGroup, QStringLiteral("thresholdsGroupBox"));
    auto threshold = [&](QCheckBox *&check, const QString &checkName, QWidget *field) {
        check = new QCheckBox(form);
        check->setObjectName(checkName);
        field->setEnabled(false);
        thresholds->addRow(check, field);
        connect(check, &QCheckBox::toggled, field, &QWidget::setEnabled);
    };
    m_denialRatioSpinBox = doubleSpinBox(form, QStringLiteral("denialRatioSpinBox"), 0, 1, 4);
    m_latencySpinBox = doubleSpinBox(form, QStringLiteral("latencyP99SpinBox"), 0, 1e9, 1);
    m_errorRatioSpinBox = doubleSpinBox(form, QStringLiteral("errorRatioSpinBox"), 0, 1, 4);
    m_violationsSpinBox = intSpinBox(form, QStringLiteral("limitViolationsSpinBox"), 0,
                                     std::numeric_limits<int>::max());
    threshold(m_denialRatioCheckBox, QStringLiteral("denialRatioCheckBox"), m_denialRatioSpinBox);
    threshold(m_latencyCheckBox, QStringLiteral("latencyP99CheckBox"), m_latencySpinBox);
    threshold(m_errorRatioCheckBox, QStringLiteral("errorRatioCheckBox"), m_errorRatioSpinBox);
    threshold(m_violationsCheckBox, QStringLiteral("limitViolationsCheckBox"), m_violationsSpinBox);
    layout->addStretch(1);

    m_fieldWidgets = {
        {QStringLiteral("name"), m_nameLineEdit},
        {QStringLiteral("seed"), m_seedSpinBox},
        {QStringLiteral("duration_s"), m_durationSpinBox},
        {QStringLiteral("clock"), m_clockComboBox},
        {QStringLiteral("population.users"), m_usersSpinBox},
        {QStringLiteral("population.plan_mix"), m_planMixEditor},
        {QStringLiteral("arrivals.per_user_per_hour"), m_arrivalsSpinBox},
        {QStringLiteral("arrivals.stages"), m_stagesEditor},
        {QStringLiteral("catalog.videos"), m_videosSpinBox},
        {QStringLiteral("catalog.zipf_s"), m_zipfSpinBox},
        {QStringLiteral("watch.mean_s"), m_watchMeanSpinBox},
        {QStringLiteral("watch.sigma"), m_watchSigmaSpinBox},
        {QStringLiteral("heartbeat_s"), m_heartbeatSpinBox},
        {QStringLiteral("abandon_probability"), m_abandonSpinBox},
        {QStringLiteral("retry.max_attempts"), m_retryAttemptsSpinBox},
        {QStringLiteral("retry.backoff_s"), m_retryBackoffSpinBox},
        {QStringLiteral("target.connections"), m_connectionsSpinBox},
        {QStringLiteral("target.timeout_s"), m_timeoutSpinBox},
        {QStringLiteral("thresholds"), m_denialRatioCheckBox},
    };

    // Every edit re-validates the whole scenario in the window.
    const auto emitChanged = [this] {
        if (!m_updating) {
            updateDependentFields();
            emit changed();
        }
    };
    for (QLineEdit *edit : form->findChildren<QLineEdit *>()) {
        if (qobject_cast<QAbstractSpinBox *>(edit->parentWidget()) == nullptr)
            connect(edit, &QLineEdit::textChanged, this, emitChanged);
    }
    for (QSpinBox *box : form->findChildren<QSpinBox *>())
        connect(box, &QSpinBox::valueChanged, this, emitChanged);
    for (QDoubleSpinBox *box : form->findChildren<QDoubleSpinBox *>())
        connect(box, &QDoubleSpinBox::valueChanged, this, emitChanged);
    for (QComboBox *box : form->findChildren<QComboBox *>())
        connect(box, &QComboBox::currentIndexChanged, this, emitChanged);
    for (QCheckBox *box : form->findChildren<QCheckBox *>())
        connect(box, &QCheckBox::toggled, this, emitChanged);
    connect(m_planMixEditor, &TableEditor::changed, this, emitChanged);
    connect(m_stagesEditor, &TableEditor::changed, this, emitChanged);
    // The slider and the spin box show one value: percent, the box with decimals.
    connect(m_abandonSlider, &QSlider::valueChanged, this, [this](int percent) {
        if (std::lround(m_abandonSpinBox->value()) != percent)
            m_abandonSpinBox->setValue(percent);
    });
    connect(m_abandonSpinBox, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        const QSignalBlocker blocker(m_abandonSlider);
        m_abandonSlider->setValue(int(std::lround(percent)));
    });
    return form;
}

Scenario ScenarioPanel::scenario() const
{
    Scenario s;
    s.name = m_nameLineEdit->text().trimmed();
    s.seed = quint64(m_seedSpinBox->value());
    s.durationS = m_durationSpinBox->value();
    s.clock = Scenario::ClockMode(m_clockComboBox->currentData().toInt());
    s.users = m_usersSpinBox->value();
    s.planMix.clear();
    for (const QVariantList &row : m_planMixEditor->rows())
        s.planMix.emplace_back(row.value(0).toString().trimmed(), row.value(1).toDouble() / 100.0);
    std::sort(s.planMix.begin(), s.planMix.end());
    s.arrivalsPerUserPerHour = m_arrivalsSpinBox->value();
    s.stages.clear();
    for (const QVariantList &row : m_stagesEditor->rows())
        s.stages.push_back({row.value(0).toDouble(), row.value(1).toDouble()});
    s.videos = m_videosSpinBox->value();
    s.catalog = Scenario::CatalogDistribution(m_catalogComboBox->currentData().toInt());
    s.zipfS = m_zipfSpinBox->value();
    s.watch = Scenario::WatchDistribution(m_watchComboBox->currentData().toInt());
    s.watchMeanS = m_watchMeanSpinBox->value();
    s.watchSigma = m_watchSigmaSpinBox->value();
    s.heartbeatS = m_heartbeatSpinBox->value();
    s.abandonProbability = m_abandonSpinBox->value() / 100.0;
    s.retryMaxAttempts = m_retryAttemptsSpinBox->value();
    s.retryBackoffS = m_retryBackoffSpinBox->value();
    s.connections = m_connectionsSpinBox->value();
    s.timeoutS = m_timeoutSpinBox->value();
    if (m_denialRatioCheckBox->isChecked())
        s.thresholds.denialRatioMax = m_denialRatioSpinBox->value();
    if (m_latencyCheckBox->isChecked())
        s.thresholds.latencyP99MsMax = m_latencySpinBox->value();
    if (m_errorRatioCheckBox->isChecked())
        s.thresholds.errorRatioMax = m_errorRatioSpinBox->value();
    if (m_violationsCheckBox->isChecked())
        s.thresholds.limitViolationsMax = m_violationsSpinBox->value();
    return s;
}

void ScenarioPanel::setScenario(const Scenario &s)
{
    m_updating = true;
    m_nameLineEdit->setText(s.name);
    m_seedSpinBox->setValue(
        int(std::min<quint64>(s.seed, quint64(std::numeric_limits<int>::max()))));
    m_durationSpinBox->setValue(s.durationS);
    m_clockComboBox->setCurrentIndex(m_clockComboBox->findData(int(s.clock)));
    m_usersSpinBox->setValue(s.users);
    QList<QVariantList> mix;
    for (const auto &[plan, fraction] : s.planMix)
        mix.append({plan, fraction * 100.0});
    m_planMixEditor->setRows(mix);
    m_arrivalsSpinBox->setValue(s.arrivalsPerUserPerHour);
    QList<QVariantList> stages;
    for (const Scenario::ArrivalStage &stage : s.stages)
        stages.append({stage.untilS, stage.multiplier});
    m_stagesEditor->setRows(stages);
    m_videosSpinBox->setValue(s.videos);
    m_catalogComboBox->setCurrentIndex(m_catalogComboBox->findData(int(s.catalog)));
    m_zipfSpinBox->setValue(s.zipfS);
    m_watchComboBox->setCurrentIndex(m_watchComboBox->findData(int(s.watch)));
    m_watchMeanSpinBox->setValue(s.watchMeanS);
    m_watchSigmaSpinBox->setValue(s.watchSigma);
    m_heartbeatSpinBox->setValue(s.heartbeatS);
    m_abandonSpinBox->setValue(s.abandonProbability * 100.0);
    m_retryAttemptsSpinBox->setValue(s.retryMaxAttempts);
    m_retryBackoffSpinBox->setValue(s.retryBackoffS);
    m_connectionsSpinBox->setValue(s.connections);
    m_timeoutSpinBox->setValue(s.timeoutS);
    m_denialRatioCheckBox->setChecked(s.thresholds.denialRatioMax.has_value());
    m_denialRatioSpinBox->setValue(s.thresholds.denialRatioMax.value_or(0.05));
    m_latencyCheckBox->setChecked(s.thresholds.latencyP99MsMax.has_value());
    m_latencySpinBox->setValue(s.thresholds.latencyP99MsMax.value_or(50));
    m_errorRatioCheckBox->setChecked(s.thresholds.errorRatioMax.has_value());
    m_errorRatioSpinBox->setValue(s.thresholds.errorRatioMax.value_or(0.01));
    m_violationsCheckBox->setChecked(s.thresholds.limitViolationsMax.has_value());
    m_violationsSpinBox->setValue(int(std::min<qint64>(s.thresholds.limitViolationsMax.value_or(0),
                                                       std::numeric_limits<int>::max())));
    m_updating = false;
    updateDependentFields();
    emit changed();
}

void ScenarioPanel::setHttpTarget(bool http)
{
    m_httpTarget = http;
    updateDependentFields();
}

void ScenarioPanel::updateDependentFields()
{
    const QSignalBlocker blocker(m_clockComboBox);
    if (m_httpTarget)
        m_clockComboBox->setCurrentIndex(m_clockComboBox->findData(int(Scenario::ClockMode::Real)));
    m_clockComboBox->setEnabled(!m_httpTarget);
    m_connectionsSpinBox->setEnabled(m_httpTarget);
    m_timeoutSpinBox->setEnabled(m_httpTarget);
    m_zipfSpinBox->setEnabled(m_catalogComboBox->currentData().toInt() ==
                              int(Scenario::CatalogDistribution::Zipf));
    m_watchSigmaSpinBox->setEnabled(m_watchComboBox->currentData().toInt() ==
                                    int(Scenario::WatchDistribution::Lognormal));
}

void ScenarioPanel::showValidation(const QString &error, const QString &field)
{
    m_validationLabel->setText(error.isEmpty() ? QString() : tr("⚠ %1").arg(error));
    m_validationLabel->setVisible(!error.isEmpty());
    if (QWidget *widget = widgetForField(field))
        m_scrollArea->ensureWidgetVisible(widget);
}

void ScenarioPanel::setEditable(bool editable)
{
    m_form->setEnabled(editable);
    m_presetComboBox->setEnabled(editable && m_presetComboBox->count() > 1);
    m_openButton->setEnabled(editable);
}

QWidget *ScenarioPanel::widgetForField(const QString &field) const
{
    // The longest known prefix: "arrivals.stages[1].until_s" -> the stages table.
    QString key = field;
    while (!key.isEmpty()) {
        if (QWidget *widget = m_fieldWidgets.value(key))
            return widget;
        const qsizetype cut = std::max(key.lastIndexOf(u'.'), key.lastIndexOf(u'['));
        key = cut > 0 ? key.left(cut) : QString();
    }
    return nullptr;
}

void ScenarioPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ScenarioPanel::retranslateUi()
{
    m_presetComboBox->setToolTip(tr("Load one of the scenarios that ship with VideoStreams"));
    m_presetComboBox->setItemText(0, tr("Presets…"));
    m_openButton->setText(tr("Open…"));
    m_openButton->setToolTip(tr("Open a scenario file (Ctrl+O)"));
    m_saveButton->setText(tr("Save…"));
    m_saveButton->setToolTip(tr("Save the scenario to a file (Ctrl+S)"));

    m_runGroup->setTitle(tr("Run"));
    m_nameLabel->setText(tr("&Name:"));
    m_nameLineEdit->setToolTip(tr("A name for the scenario; it appears in reports"));
    m_seedLabel->setText(tr("S&eed:"));
    m_seedSpinBox->setToolTip(tr("The same seed gives the same run, event for event"));
    m_durationLabel->setText(tr("&Duration:"));
    m_durationSpinBox->setSuffix(tr(" s"));
    m_durationSpinBox->setToolTip(tr("How much simulated time the run covers"));
    m_clockLabel->setText(tr("&Clock:"));
    m_clockComboBox->setItemText(0, tr("Virtual (as fast as allowed)"));
    m_clockComboBox->setItemText(1, tr("Real time"));
    m_clockComboBox->setToolTip(tr("Virtual time replays hours in seconds; real time follows the "
                                   "wall clock (required for HTTP targets)"));

    m_viewersGroup->setTitle(tr("Viewers"));
    m_usersLabel->setText(tr("&Users:"));
    m_usersSpinBox->setToolTip(tr("How many simulated user accounts"));
    m_planMixLabel->setText(tr("Plan mix (share of users per plan):"));
    m_planMixEditor->setHeaders({tr("Plan"), tr("Share %")});
    m_planMixEditor->setToolTip(
        tr("Which share of the users has which plan; the shares add up to 100%. Empty: no plans"));

    m_arrivalsGroup->setTitle(tr("Arrivals"));
    m_arrivalsLabel->setText(tr("Starts per user per &hour:"));
    m_arrivalsSpinBox->setToolTip(tr("How often each user starts a video, per hour"));
    m_stagesLabel->setText(tr("Stages (rate multiplier until a time):"));
    m_stagesEditor->setHeaders({tr("Until (s)"), tr("Rate ×")});
    m_stagesEditor->setToolTip(tr("Ramp the arrival rate: the multiplier holds from the previous "
                                  "stage's end until this time"));

    m_catalogGroup->setTitle(tr("Catalog"));
    m_videosLabel->setText(tr("&Videos:"));
    m_videosSpinBox->setToolTip(tr("How many different videos there are"));
    m_catalogLabel->setText(tr("Po&pularity:"));
    m_catalogComboBox->setItemText(0, tr("Uniform"));
    m_catalogComboBox->setItemText(1, tr("Zipf (few hits, long tail)"));
    m_catalogComboBox->setToolTip(tr("How viewers pick a video"));
    m_zipfLabel->setText(tr("Zipf e&xponent:"));
    m_zipfSpinBox->setToolTip(
        tr("Zipf exponent: higher means the top videos get more of the views"));

    m_watchingGroup->setTitle(tr("Watching"));
    m_watchLabel->setText(tr("&Watch time:"));
    m_watchComboBox->setItemText(0, tr("Exponential"));
    m_watchComboBox->setItemText(1, tr("Log-normal"));
    m_watchComboBox->setItemText(2, tr("Fixed"));
    m_watchComboBox->setToolTip(tr("How long viewers keep watching"));
    m_watchMeanLabel->setText(tr("&Mean:"));
    m_watchMeanSpinBox->setSuffix(tr(" s"));
    m_watchMeanSpinBox->setToolTip(tr("The mean watching time"));
    m_watchSigmaLabel->setText(tr("Si&gma:"));
    m_watchSigmaSpinBox->setToolTip(
        tr("Log-normal only: the spread (sigma of the underlying normal)"));
    m_heartbeatLabel->setText(tr("&Heartbeat every:"));
    m_heartbeatSpinBox->setSuffix(tr(" s"));
    m_heartbeatSpinBox->setToolTip(tr("How often a player renews its stream's lease"));
    m_abandonLabel->setText(tr("Abandon:"));
    m_abandonSlider->setToolTip(tr("Share of viewers who vanish without stopping (crashed "
                                   "players): their leases must expire"));
    m_abandonSpinBox->setSuffix(tr(" %"));
    m_abandonSpinBox->setToolTip(m_abandonSlider->toolTip());

    m_retryGroup->setTitle(tr("When denied"));
    m_retryAttemptsLabel->setText(tr("A&ttempts:"));
    m_retryAttemptsSpinBox->setToolTip(
        tr("Attempts per viewer, the first included (1: never retry)"));
    m_retryBackoffLabel->setText(tr("&Backoff:"));
    m_retryBackoffSpinBox->setSuffix(tr(" s"));
    m_retryBackoffSpinBox->setToolTip(
        tr("The wait before the first retry; it doubles for each further one"));

    m_httpGroup->setTitle(tr("HTTP target"));
    m_connectionsLabel->setText(tr("C&onnections:"));
    m_connectionsSpinBox->setToolTip(tr("Keep-alive connections to the endpoint"));
    m_timeoutLabel->setText(tr("T&imeout:"));
    m_timeoutSpinBox->setSuffix(tr(" s"));
    m_timeoutSpinBox->setToolTip(tr("A request without an answer by then counts as an error"));

    m_thresholdsGroup->setTitle(tr("Pass/fail thresholds"));
    for (QCheckBox *check :
         {m_denialRatioCheckBox, m_latencyCheckBox, m_errorRatioCheckBox, m_violationsCheckBox})
        check->setToolTip(tr("Fail the run when this is exceeded"));
    m_denialRatioCheckBox->setText(tr("Denial ratio"));
    m_denialRatioSpinBox->setToolTip(tr("Largest share of start attempts that may be denied"));
    m_latencyCheckBox->setText(tr("Latency p99"));
    m_latencySpinBox->setSuffix(tr(" ms"));
    m_latencySpinBox->setToolTip(tr("Largest p99 request latency"));
    m_errorRatioCheckBox->setText(tr("Error ratio"));
    m_errorRatioSpinBox->setToolTip(tr("Largest share of requests that may fail"));
    m_violationsCheckBox->setText(tr("Limit violations"));
    m_violationsSpinBox->setToolTip(tr("Times a user may be seen above their limit"));

    // The validation message is the scenario rules' own (English, like the file format); only
    // its frame is translated, on the next validation.
}

QStringList ScenarioPanel::presetPaths()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/scenarios"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths.append(dir.filePath(name));
    return paths;
}

} // namespace vs
