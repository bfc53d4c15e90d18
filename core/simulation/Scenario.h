#pragma once

#include "Policy.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>
#include <vector>

namespace vs {

struct ScenarioParseResult;

// One simulated workload: who watches what, how often and for how long, against which target,
// and which thresholds decide pass or fail. A value type; the JSON field names are the contract
// documented in docs/SCENARIOS.md.
struct Scenario
{
    enum class ClockMode
    {
        Virtual, // discrete-event, as fast as the CPU allows (or at a chosen speed)
        Real,    // simulated time follows the wall clock (1x)
    };
    enum class TargetKind
    {
        Embedded, // the core in-process, configured by `policy`
        Http,     // a VideoStreams endpoint over HTTP (real clock only)
    };
    enum class CatalogDistribution
    {
        Uniform,
        Zipf,
    };
    enum class WatchDistribution
    {
        Exponential,
        Lognormal,
        Fixed,
    };
    // The arrival rate is multiplied by `multiplier` from the previous stage's end (or 0) until
    // `untilS`; after the last stage the multiplier is 1.
    struct ArrivalStage
    {
        double untilS = 0;
        double multiplier = 1;
        friend bool operator==(const ArrivalStage &, const ArrivalStage &) = default;
    };
    struct Thresholds
    {
        std::optional<double> denialRatioMax;
        std::optional<double> latencyP99MsMax;
        std::optional<double> errorRatioMax;
        std::optional<qint64> limitViolationsMax;
        friend bool operator==(const Thresholds &, const Thresholds &) = default;
    };

    static constexpr int maxUsers = 10'000'000;
    static constexpr int maxVideos = 100'000'000;
    static constexpr double maxDurationS = 366.0 * 24 * 3600;
    static constexpr int maxConnections = 1024;

    QString name = QStringLiteral("scenario");
    quint64 seed = 1;
    double durationS = 3600;
    ClockMode clock = ClockMode::Virtual;

    TargetKind targetKind = TargetKind::Embedded;
    QUrl targetUrl;       // http only
    int connections = 8;  // http only: keep-alive connections
    double timeoutS = 10; // http only: a request without an answer by then is an error

    Policy policy; // embedded only; the http target enforces its own

    int users = 1000;
    // plan -> fraction of users, sorted by plan name so runs are reproducible. Empty: no plan.
    std::vector<std::pair<QString, double>> planMix;

    double arrivalsPerUserPerHour = 1;
    std::vector<ArrivalStage> stages;

    int videos = 1000;
    CatalogDistribution catalog = CatalogDistribution::Uniform;
    double zipfS = 1.0;

    WatchDistribution watch = WatchDistribution::Exponential;
    double watchMeanS = 1800;
    double watchSigma = 1.0; // lognormal only: sigma of the underlying normal

    double heartbeatS = 30;
    double abandonProbability = 0;
    int retryMaxAttempts = 1; // attempts per viewer, the first included: 1 means no retry
    double retryBackoffS = 5; // before the first retry; doubles for each further one

    Thresholds thresholds;

    // The arrival-rate multiplier in effect at simulated second `atS`.
    double multiplierAt(double atS) const;

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const; // indented, for files

    // Unknown fields, wrong types and out-of-range values are errors naming the field
    // (e.g. "watch.mean_s"). Missing fields keep the defaults above.
    static ScenarioParseResult fromJson(const QJsonObject &json);
    static ScenarioParseResult fromJsonBytes(const QByteArray &bytes);
    static ScenarioParseResult load(const QString &path);
    // Empty on success, otherwise why the file could not be written.
    QString save(const QString &path) const;

    friend bool operator==(const Scenario &, const Scenario &) = default;
};

struct ScenarioParseResult
{
    Scenario scenario;
    QString error; // empty on success; names the field
    QString field; // the offending field, e.g. "arrivals.stages[1].until_s"

    bool ok() const { return error.isEmpty(); }
};

QString toString(Scenario::ClockMode mode);
QString toString(Scenario::TargetKind kind);
QString toString(Scenario::CatalogDistribution distribution);
QString toString(Scenario::WatchDistribution distribution);

} // namespace vs
