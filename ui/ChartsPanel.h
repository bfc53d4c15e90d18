#pragma once

#include "SeriesDecimator.h"
#include "SimulationSnapshot.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace vs {

// The live charts of a run: active streams and viewers (with the capacity line when it is in
// reach), starts and ends per second, request latency p50/p99, and users by how many streams
// they hold. Each refresh replaces whole lines (one signal per line, at most
// SeriesDecimator::defaultMaxPoints points), so a refresh costs the same for a minute or a day.
class ChartsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsPanel(QWidget *parent = nullptr);

    void showSnapshot(const SimulationSnapshot &snapshot);
    // Antialiasing costs most of a chart's paint time: off while a run refreshes ten times a
    // second, on for a still picture (paused, finished, exported).
    void setLive(bool live);
    void clear();
    // The four charts side by side as one image, for "Export charts as PNG".
    QImage renderImage();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateTitles();
    QChartView *addChartView(QChart *chart, const QString &name);
    QLineSeries *addLine(QChart *chart, const QColor &color, Qt::PenStyle style = Qt::SolidLine);
    void setTimeAxis(QValueAxis *axis, double durationS, double simulatedS);

    QChartView *m_activeView;
    QChartView *m_ratesView;
    QChartView *m_latencyView;
    QChartView *m_usersView;
    QLineSeries *m_active;
    QLineSeries *m_viewers;
    QLineSeries *m_capacity;
    QLineSeries *m_grants;
    QLineSeries *m_denials;
    QLineSeries *m_expiries;
    QLineSeries *m_evictions;
    QLineSeries *m_p50;
    QLineSeries *m_p99;
    QValueAxis *m_activeX;
    QValueAxis *m_activeY;
    QValueAxis *m_ratesX;
    QValueAxis *m_ratesY;
    QValueAxis *m_latencyX;
    QValueAxis *m_latencyY;
    QBarSeries *m_usersSeries;
    QBarSet *m_usersSet;
    QBarCategoryAxis *m_usersX;
    QValueAxis *m_usersY;
    SeriesDecimator::TimeUnit m_unit = SeriesDecimator::TimeUnit::Seconds;
    // What the data-dependent titles say, kept so a language switch can say it again.
    qint64 m_shownCapacity = -1;
    bool m_latencyMeasured = false;
};

} // namespace vs
