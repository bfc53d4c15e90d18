// Chart decimation: bounded points, gauges keep the last value, rates the mean, p99 the maximum.

#include "SeriesDecimator.h"

#include <QTest>

using namespace vs;

namespace {

SeriesBuffer makeSeries(int seconds)
{
    SeriesBuffer series;
    for (int s = 1; s <= seconds; ++s) {
        SeriesPoint point;
        point.second = s;
        point.activeStreams = s;
        point.viewersWatching = s / 2;
        point.counters.grants = 10;
        point.counters.denials = s % 2; // alternating 0/1: mean 0.5
        point.latency.count = 1;
        point.latency.p50Ms = 2;
        point.latency.p99Ms = s == seconds / 2 ? 500 : 5; // one spike
        series.append(point);
    }
    return series;
}

} // namespace

class tst_SeriesDecimator : public QObject
{
    Q_OBJECT

private slots:
    void boundsPoints_data();
    void boundsPoints();
    void keepsShapeOfTheData();
    void unitsFollowDuration_data();
    void unitsFollowDuration();
};

void tst_SeriesDecimator::boundsPoints_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("maxPoints");
    QTest::addColumn<int>("expected");
    QTest::newRow("empty") << 0 << 600 << 0;
    QTest::newRow("short run: every second") << 300 << 600 << 300;
    QTest::newRow("exactly the cap") << 600 << 600 << 600;
    QTest::newRow("an hour") << 3600 << 600 << 600;
    QTest::newRow("a day") << 86400 << 600 << 600;
}

void tst_SeriesDecimator::boundsPoints()
{
    QFETCH(int, seconds);
    QFETCH(int, maxPoints);
    QFETCH(int, expected);
    const ChartPoints points = SeriesDecimator::decimate(
        makeSeries(seconds), SeriesDecimator::TimeUnit::Seconds, maxPoints);
    QCOMPARE(points.active.size(), expected);
    QCOMPARE(points.grants.size(), expected);
    QCOMPARE(points.latencyP99.size(), expected);
}

void tst_SeriesDecimator::keepsShapeOfTheData()
{
    const ChartPoints points =
        SeriesDecimator::decimate(makeSeries(3600), SeriesDecimator::TimeUnit::Minutes, 60);
    QCOMPARE(points.active.size(), 60);
    // The last gauge is the series' last value, at its time in minutes.
    QCOMPARE(points.active.last().y(), 3600.0);
    QCOMPARE(points.active.last().x(), 60.0);
    QCOMPARE(points.maxCount, 3600.0);
    // Rates stay per second: 10 grants every second is 10, not 600 per bucket.
    QCOMPARE(points.grants.first().y(), 10.0);
    QCOMPARE(points.denials.first().y(), 0.5);
    // The p99 spike survives decimation.
    QCOMPARE(points.maxLatency, 500.0);
    QCOMPARE(points.latencyP50.first().y(), 2.0);
}

void tst_SeriesDecimator::unitsFollowDuration_data()
{
    QTest::addColumn<double>("durationS");
    QTest::addColumn<int>("unit");
    QTest::newRow("ten minutes") << 600.0 << int(SeriesDecimator::TimeUnit::Seconds);
    QTest::newRow("an hour") << 3600.0 << int(SeriesDecimator::TimeUnit::Minutes);
    QTest::newRow("a day") << 86400.0 << int(SeriesDecimator::TimeUnit::Hours);
}

void tst_SeriesDecimator::unitsFollowDuration()
{
    QFETCH(double, durationS);
    QFETCH(int, unit);
    QCOMPARE(int(SeriesDecimator::unitFor(durationS)), unit);
}

QTEST_MAIN(tst_SeriesDecimator)
#include "tst_SeriesDecimator.moc"
