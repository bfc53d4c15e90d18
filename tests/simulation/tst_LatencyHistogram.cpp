#include "LatencyHistogram.h"

#include <QTest>

#include <algorithm>
#include <vector>

using namespace vs;

class tst_LatencyHistogram : public QObject
{
    Q_OBJECT

private slots:
    void percentiles_data();
    void percentiles();
    void empty();
    void mergeAddsCounts();
};

void tst_LatencyHistogram::percentiles_data()
{
    QTest::addColumn<double>("fraction");
    QTest::newRow("p50") << 0.50;
    QTest::newRow("p95") << 0.95;
    QTest::newRow("p99") << 0.99;
    QTest::newRow("p99.9") << 0.999;
}

void tst_LatencyHistogram::percentiles()
{
    QFETCH(double, fraction);
    // A spread from 1 µs to ~1 s, deterministic.
    std::vector<qint64> samples;
    LatencyHistogram histogram;
    quint64 x = 12345;
    for (int i = 0; i < 100'000; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const qint64 sample = qint64(1 + (x >> 44) % 1'000'000);
        samples.push_back(sample);
        histogram.add(sample);
    }
    std::sort(samples.begin(), samples.end());
    const double exact = double(samples[std::size_t(fraction * double(samples.size())) - 1]);
    const double estimate = histogram.percentileUs(fraction);
    QVERIFY2(std::abs(estimate - exact) <= exact * 0.05,
             qPrintable(QStringLiteral("exact %1, estimate %2").arg(exact).arg(estimate)));
    QCOMPARE(histogram.maxUs(), samples.back());
}

void tst_LatencyHistogram::empty()
{
    const LatencyHistogram histogram;
    QCOMPARE(histogram.percentileUs(0.99), 0.0);
    QCOMPARE(histogram.summary().count, 0);
}

void tst_LatencyHistogram::mergeAddsCounts()
{
    LatencyHistogram a;
    LatencyHistogram b;
    for (int i = 0; i < 10; ++i)
        a.add(100);
    for (int i = 0; i < 90; ++i)
        b.add(10'000);
    a.merge(b);
    QCOMPARE(a.count(), 100);
    QCOMPARE(a.maxUs(), 10'000);
    QVERIFY(a.percentileUs(0.05) < 110);
    QVERIFY(a.percentileUs(0.5) > 9'500);
}

QTEST_GUILESS_MAIN(tst_LatencyHistogram)
#include "tst_LatencyHistogram.moc"
