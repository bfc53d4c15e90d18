#include "ChartsPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace vs {

namespace {

// A round upper bound a little above `value`, so axes grow in readable steps and do not
// twitch on every refresh.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

QValueAxis *valueAxis(const QString &format)
{
    auto *axis = new QValueAxis;
    axis->setLabelFormat(format);
    axis->setTickCount(6);
    axis->setMinorTickCount(1);
    axis->setRange(0, 1);
    return axis;
}

QChart *newChart()
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation); // animations cost the GUI thread at 10 Hz
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    return chart;
}

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
{
    // Active streams and viewers
    QChart *activeChart = newChart();
    m_active = addLine(activeChart, QColor(0x1f, 0x77, 0xb4));
    m_viewers = addLine(activeChart, QColor(0x2c, 0xa0, 0x2c));
    m_capacity = addLine(activeChart, QColor(0xd6, 0x27, 0x28), Qt::DashLine);
    m_activeX = valueAxis(QStringLiteral("%.0f"));
    m_activeY = valueAxis(QStringLiteral("%.0f"));
    activeChart->addAxis(m_activeX, Qt::AlignBottom);
    activeChart->addAxis(m_activeY, Qt::AlignLeft);
    for (QLineSeries *line : {m_active, m_viewers, m_capacity}) {
        line->attachAxis(m_activeX);
        line->attachAxis(m_activeY);
    }
    m_activeView = addChartView(activeChart, QStringLiteral("activeStreamsChartView"));

    // Events per second
    QChart *ratesChart = newChart();
    m_grants = addLine(ratesChart, QColor(0x2c, 0xa0, 0x2c));
    m_denials = addLine(ratesChart, QColor(0xd6, 0x27, 0x28));
    m_expiries = addLine(ratesChart, QColor(0xff, 0x7f, 0x0e));
    m_evictions = addLine(ratesChart, QColor(0x94, 0x67, 0xbd));
    m_ratesX = valueAxis(QStringLiteral("%.0f"));
    m_ratesY = valueAxis(QStringLiteral("%.0f"));
    ratesChart->addAxis(m_ratesX, Qt::AlignBottom);
    ratesChart->addAxis(m_ratesY, Qt::AlignLeft);
    for (QLineSeries *line : {m_grants, m_denials, m_expiries, m_evictions}) {
        line->attachAxis(m_ratesX);
        line->attachAxis(m_ratesY);
    }
    m_ratesView = addChartView(ratesChart, QStringLiteral("ratesChartView"));

    // Latency
    QChart *latencyChart = newChart();
    m_p50 = addLine(latencyChart, QColor(0x1f, 0x77, 0xb4));
    m_p99 = addLine(latencyChart, QColor(0xd6, 0x27, 0x28));
    m_latencyX = valueAxis(QStringLiteral("%.0f"));
    m_latencyY = valueAxis(QStringLiteral("%.1f"));
    latencyChart->addAxis(m_latencyX, Qt::AlignBottom);
    latencyChart->addAxis(m_latencyY, Qt::AlignLeft);
    for (QLineSeries *line : {m_p50, m_p99}) {
        line->attachAxis(m_latencyX);
        line->attachAxis(m_latencyY);
    }
    m_latencyView = addChartView(latencyChart, QStringLiteral("latencyChartView"));

    // Users by active streams
    QChart *usersChart = newChart();
    m_usersSet = new QBarSet(QString());
    m_usersSet->setColor(QColor(0x1f, 0x77, 0xb4));
    m_usersSeries = new QBarSeries;
    m_usersSeries->setObjectName(QStringLiteral("usersBarSeries"));
    m_usersSeries->append(m_usersSet);
    m_usersSeries->setBarWidth(0.7);
    usersChart->addSeries(m_usersSeries);
    m_usersX = new QBarCategoryAxis;
    m_usersY = valueAxis(QStringLiteral("%.0f"));
    usersChart->addAxis(m_usersX, Qt::AlignBottom);
    usersChart->addAxis(m_usersY, Qt::AlignLeft);
    m_usersSeries->attachAxis(m_usersX);
    m_usersSeries->attachAxis(m_usersY);
    usersChart->legend()->setVisible(false);
    m_usersView = addChartView(usersChart, QStringLiteral("usersByStreamsChartView"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    grid->addWidget(m_activeView, 0, 0);
    grid->addWidget(m_ratesView, 0, 1);
    grid->addWidget(m_latencyView, 1, 0);
    grid->addWidget(m_usersView, 1, 1);

    clear();
    retranslateUi();
}

void ChartsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ChartsPanel::retranslateUi()
{
    m_active->setName(tr("Active streams"));
    m_viewers->setName(tr("Viewers watching"));
    m_capacity->setName(tr("Capacity (users × limit)"));
    m_activeY->setTitleText(tr("Streams"));
    m_activeView->setToolTip(tr("Streams the core counts as active, and viewers actually watching; "
                                "the gap is leases of vanished players waiting to expire"));
    m_ratesView->chart()->setTitle(tr("Starts and ends per second"));
    m_grants->setName(tr("Grants"));
    m_denials->setName(tr("Denials"));
    m_expiries->setName(tr("Expiries"));
    m_evictions->setName(tr("Evictions"));
    m_ratesY->setTitleText(tr("Per simulated second"));
    m_ratesView->setToolTip(tr("Streams granted, starts denied at the limit, leases expired and "
                               "streams evicted, per second of simulated time"));
    m_p50->setName(tr("p50"));
    m_p99->setName(tr("p99"));
    m_latencyY->setTitleText(tr("Milliseconds"));
    m_latencyView->setToolTip(
        tr("Measured from when each request was meant to be sent (no coordinated omission); HTTP "
           "targets only, the embedded core answers in zero simulated time"));
    m_usersView->chart()->setTitle(tr("Users by active streams"));
    m_usersSet->setLabel(tr("Users"));
    m_usersX->setTitleText(tr("Active streams held"));
    m_usersY->setTitleText(tr("Users"));
    m_usersView->setToolTip(tr("How many users hold 0, 1, 2, … streams right now"));
    for (QValueAxis *axis : {m_activeX, m_ratesX, m_latencyX})
        axis->setTitleText(SeriesDecimator::axisTitle(m_unit));
    updateTitles();
}

QChartView *ChartsPanel::addChartView(QChart *chart, const QString &name)
{
    auto *view = new QChartView(chart, this);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    return view;
}

QLineSeries *ChartsPanel::addLine(QChart *chart, const QColor &color, Qt::PenStyle style)
{
    auto *line = new QLineSeries;
    QPen pen(color);
    pen.setWidthF(style == Qt::SolidLine ? 2.0 : 1.5);
    pen.setStyle(style);
    line->setPen(pen);
    // Keeps the line's points in a GPU-friendly path and skips per-point hover bookkeeping.
    line->setPointsVisible(false);
    chart->addSeries(line);
    return line;
}

void ChartsPanel::clear()
{
    for (QLineSeries *line : {m_active, m_viewers, m_capacity, m_grants, m_denials, m_expiries,
                              m_evictions, m_p50, m_p99}) {
        line->clear();
    }
    m_capacity->setVisible(false);
    for (QValueAxis *axis :
         {m_activeX, m_activeY, m_ratesX, m_ratesY, m_latencyX, m_latencyY, m_usersY})
        axis->setRange(0, 1);
    m_usersSet->remove(0, m_usersSet->count());
    m_usersX->clear();
    m_shownCapacity = -1;
    m_latencyMeasured = false;
    updateTitles();
}

void ChartsPanel::updateTitles()
{
    m_activeView->chart()->setTitle(
        m_shownCapacity >= 0
            ? tr("Active streams (capacity %1)").arg(QLocale().toString(m_shownCapacity))
            : tr("Active streams"));
    m_latencyView->chart()->setTitle(m_latencyMeasured
                                         ? tr("Request latency")
                                         : tr("Request latency (measured for HTTP targets)"));
}

void ChartsPanel::showSnapshot(const SimulationSnapshot &snapshot)
{
    m_unit = SeriesDecimator::unitFor(snapshot.durationS);
    const ChartPoints points = SeriesDecimator::decimate(snapshot.series, m_unit);

    m_active->replace(points.active);
    m_viewers->replace(points.viewers);
    m_grants->replace(points.grants);
    m_denials->replace(points.denials);
    m_expiries->replace(points.expiries);
    m_evictions->replace(points.evictions);
    m_p50->replace(points.latencyP50);
    m_p99->replace(points.latencyP99);

    // The capacity line only where it means something: known, and close enough to the data that
    // it does not flatten the lines into the floor.
    double countMax = points.maxCount;
    const bool capacityInReach =
        snapshot.capacity >= 0 && double(snapshot.capacity) <= 3 * std::max(countMax, 1.0);
    m_capacity->setVisible(capacityInReach);
    if (capacityInReach) {
        const double end =
            std::max(snapshot.durationS, snapshot.simulatedS) / SeriesDecimator::secondsPer(m_unit);
        m_capacity->replace(
            {QPointF(0, double(snapshot.capacity)), QPointF(end, double(snapshot.capacity))});
        countMax = std::max(countMax, double(snapshot.capacity));
    } else {
        m_capacity->clear();
    }
    m_shownCapacity = snapshot.capacity;
    m_latencyMeasured = snapshot.latency.count > 0;
    updateTitles();
    for (QValueAxis *axis : {m_activeX, m_ratesX, m_latencyX})
        setTimeAxis(axis, snapshot.durationS, snapshot.simulatedS);
    m_activeY->setRange(0, niceCeiling(countMax * 1.05));
    m_ratesY->setRange(0, niceCeiling(points.maxRate * 1.05));
    m_latencyY->setRange(0, niceCeiling(points.maxLatency * 1.05));

    // Bars: one category per count, the last one "n or more".
    const std::vector<int> &users = snapshot.usersByActiveCount;
    QStringList categories;
    for (std::size_t i = 0; i < users.size(); ++i) {
        categories.append(i + 1 == users.size() && users.size() > 1 ? tr("%1+").arg(i)
                                                                    : QString::number(i));
    }
    if (categories != m_usersX->categories()) {
        m_usersX->setCategories(categories);
        m_usersSet->remove(0, m_usersSet->count());
        for (std::size_t i = 0; i < users.size(); ++i)
            m_usersSet->append(0);
    }
    int usersMax = 0;
    for (std::size_t i = 0; i < users.size(); ++i) {
        if (m_usersSet->at(int(i)) != users[i])
            m_usersSet->replace(int(i), users[i]);
        usersMax = std::max(usersMax, users[i]);
    }
    m_usersY->setRange(0, niceCeiling(usersMax * 1.05));
}

void ChartsPanel::setTimeAxis(QValueAxis *axis, double durationS, double simulatedS)
{
    // The axis follows the data: it spans what has been simulated so far, at least a tenth of
    // the run so the first seconds are not stretched across the whole width.
    const double unitSeconds = SeriesDecimator::secondsPer(m_unit);
    const double span = std::max({simulatedS, durationS / 10.0, 1.0}) / unitSeconds;
    axis->setTitleText(SeriesDecimator::axisTitle(m_unit));
    axis->setRange(0, std::min(niceCeiling(span), std::max(durationS / unitSeconds, span)));
}

void ChartsPanel::setLive(bool live)
{
    for (QChartView *view : {m_activeView, m_ratesView, m_latencyView, m_usersView})
        view->setRenderHint(QPainter::Antialiasing, !live);
}

QImage ChartsPanel::renderImage()
{
    return grab().toImage();
}

} // namespace vs
