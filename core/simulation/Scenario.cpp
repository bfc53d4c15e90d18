#include "Scenario.h"

#include "IdRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

#include <cmath>
#include <limits>

namespace vs {

namespace {

constexpr double maxSeed = 9007199254740992.0; // 2^53: every integer below is exact in JSON

// Thrown inside parsing only and turned into a ScenarioParseResult at the boundary, so every
// field check is one line.
struct FieldError
{
    QString field;
    QString message;
};

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

// Reads one JSON object, remembering which keys were used so unknown ones can be refused.
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, QString prefix)
        : m_object(object)
        , m_prefix(std::move(prefix))
    {}

    QString path(const QString &key) const
    {
        return m_prefix.isEmpty() ? key : m_prefix % u'.' % key;
    }

    bool has(const QString &key)
    {
        m_known.append(key);
        return m_object.contains(key);
    }

    [[noreturn]] void fail(const QString &key, const QString &message) const
    {
        throw FieldError{path(key), path(key) % QStringLiteral(": ") % message};
    }

    double number(const QString &key, double current, double min, double max,
                  bool minExclusive = false)
    {
        if (!has(key))
            return current;
        const QJsonValue value = m_object.value(key);
        if (!value.isDouble())
            fail(key, QStringLiteral("must be a number, not ") % typeName(value));
        const double v = value.toDouble();
        if (!std::isfinite(v) || v < min || v > max || (minExclusive && v == min)) {
            fail(key, QStringLiteral("must be %1 %2 and at most %3")
                          .arg(minExclusive ? QStringLiteral("greater than")
                                            : QStringLiteral("at least"))
                          .arg(min)
                          .arg(max));
        }
        return v;
    }

    qint64 integer(const QString &key, qint64 current, qint64 min, qint64 max)
    {
        if (!has(key))
            return current;
        const QJsonValue value = m_object.value(key);
        if (!value.isDouble())
            fail(key, QStringLiteral("must be an integer, not ") % typeName(value));
        const double v = value.toDouble();
        if (!std::isfinite(v) || std::floor(v) != v)
            fail(key, QStringLiteral("must be an integer"));
        if (v < double(min) || v > double(max))
            fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return qint64(v);
    }

    QString string(const QString &key, const QString &current)
    {
        if (!has(key))
            return current;
        const QJsonValue value = m_object.value(key);
        if (!value.isString())
            fail(key, QStringLiteral("must be a string, not ") % typeName(value));
        return value.toString();
    }

    // One of `choices`; returns the index.
    int choice(const QString &key, int current, const QStringList &choices)
    {
        if (!has(key))
            return current;
        const QString text = string(key, {});
        const int index = int(choices.indexOf(text));
        if (index < 0) {
            fail(key, QStringLiteral("must be one of \"%1\", not \"%2\"")
                          .arg(choices.join(QStringLiteral("\", \"")), text));
        }
        return index;
    }

    QJsonObject object(const QString &key)
    {
        if (!has(key))
            return {};
        const QJsonValue value = m_object.value(key);
        if (!value.isObject())
            fail(key, QStringLiteral("must be an object, not ") % typeName(value));
        return value.toObject();
    }

    QJsonArray array(const QString &key)
    {
        if (!has(key))
            return {};
        const QJsonValue value = m_object.value(key);
        if (!value.isArray())
            fail(key, QStringLiteral("must be an array, not ") % typeName(value));
        return value.toArray();
    }

    void refuseUnknown() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_known.contains(it.key())) {
                throw FieldError{path(it.key()), path(it.key()) %
                                                     QStringLiteral(": unknown field (allowed: ") %
                                                     m_known.join(QStringLiteral(", ")) % u')'};
            }
        }
    }

private:
    QJsonObject m_object;
    QString m_prefix;
    QStringList m_known;
};

const QStringList clockNames{QStringLiteral("virtual"), QStringLiteral("real")};
const QStringList targetNames{QStringLiteral("embedded"), QStringLiteral("http")};
const QStringList catalogNames{QStringLiteral("uniform"), QStringLiteral("zipf")};
const QStringList watchNames{QStringLiteral("exponential"), QStringLiteral("lognormal"),
                             QStringLiteral("fixed")};

void readTarget(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("target"));
    s.targetKind =
        Scenario::TargetKind(r.choice(QStringLiteral("kind"), int(s.targetKind), targetNames));
    const QString url = r.string(QStringLiteral("url"), s.targetUrl.toString());
    s.connections =
        int(r.integer(QStringLiteral("connections"), s.connections, 1, Scenario::maxConnections));
    s.timeoutS = r.number(QStringLiteral("timeout_s"), s.timeoutS, 0, 3600, true);
    r.refuseUnknown();
    if (s.targetKind == Scenario::TargetKind::Http) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (url.isEmpty())
            r.fail(QStringLiteral("url"), QStringLiteral("is required for the http target"));
        if (!parsed.isValid() || parsed.scheme() != u"http" || parsed.host().isEmpty())
            r.fail(QStringLiteral("url"),
                   QStringLiteral("must be an http:// URL with a host, not \"%1\"").arg(url));
        s.targetUrl = parsed;
    } else {
        s.targetUrl = url.isEmpty() ? QUrl() : QUrl(url);
    }
}

void readPopulation(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("population"));
    s.users = int(r.integer(QStringLiteral("users"), s.users, 1, Scenario::maxUsers));
    if (r.has(QStringLiteral("plan_mix"))) {
        const QJsonObject mix = r.object(QStringLiteral("plan_mix"));
        ObjectReader m(mix, r.path(QStringLiteral("plan_mix")));
        std::vector<std::pair<QString, double>> plans;
        double sum = 0;
        for (const QString &plan : mix.keys()) { // keys() is sorted
            if (!IdRules::isValid(plan))
                m.fail(plan,
                       QStringLiteral("plan names follow the id rule: ") % IdRules::ruleText());
            const double fraction = m.number(plan, 0, 0, 1);
            plans.emplace_back(plan, fraction);
            sum += fraction;
        }
        if (!plans.empty() && std::abs(sum - 1.0) > 1e-6) {
            r.fail(QStringLiteral("plan_mix"),
                   QStringLiteral("the fractions must add up to 1, not %1").arg(sum));
        }
        s.planMix = std::move(plans);
    }
    r.refuseUnknown();
}

void readArrivals(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("arrivals"));
    s.arrivalsPerUserPerHour =
        r.number(QStringLiteral("per_user_per_hour"), s.arrivalsPerUserPerHour, 0, 1e6);
    if (r.has(QStringLiteral("stages"))) {
        const QJsonArray stages = r.array(QStringLiteral("stages"));
        std::vector<Scenario::ArrivalStage> parsed;
        double previous = 0;
        for (qsizetype i = 0; i < stages.size(); ++i) {
            const QString prefix = r.path(QStringLiteral("stages")) % QStringLiteral("[%1]").arg(i);
            if (!stages.at(i).isObject())
                throw FieldError{prefix, prefix % QStringLiteral(": must be an object, not ") %
                                             typeName(stages.at(i))};
            ObjectReader st(stages.at(i).toObject(), prefix);
            if (!stages.at(i).toObject().contains(QStringLiteral("until_s")))
                st.fail(QStringLiteral("until_s"), QStringLiteral("is required"));
            Scenario::ArrivalStage stage;
            stage.untilS = st.number(QStringLiteral("until_s"), 0, 0, Scenario::maxDurationS, true);
            stage.multiplier = st.number(QStringLiteral("multiplier"), 1, 0, 1e6);
            st.refuseUnknown();
            if (stage.untilS <= previous)
                st.fail(QStringLiteral("until_s"),
                        QStringLiteral("must be greater than the previous stage's"));
            previous = stage.untilS;
            parsed.push_back(stage);
        }
        s.stages = std::move(parsed);
    }
    r.refuseUnknown();
}

void readCatalog(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("catalog"));
    s.videos = int(r.integer(QStringLiteral("videos"), s.videos, 1, Scenario::maxVideos));
    s.catalog = Scenario::CatalogDistribution(
        r.choice(QStringLiteral("distribution"), int(s.catalog), catalogNames));
    s.zipfS = r.number(QStringLiteral("zipf_s"), s.zipfS, 0, 10, true);
    r.refuseUnknown();
}

void readWatch(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("watch"));
    s.watch = Scenario::WatchDistribution(
        r.choice(QStringLiteral("distribution"), int(s.watch), watchNames));
    s.watchMeanS = r.number(QStringLiteral("mean_s"), s.watchMeanS, 0, 1e7, true);
    s.watchSigma = r.number(QStringLiteral("sigma"), s.watchSigma, 0, 10);
    r.refuseUnknown();
}

void readRetry(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("retry"));
    s.retryMaxAttempts = int(r.integer(QStringLiteral("max_attempts"), s.retryMaxAttempts, 1, 100));
    s.retryBackoffS = r.number(QStringLiteral("backoff_s"), s.retryBackoffS, 0, 86400);
    r.refuseUnknown();
}

void readThresholds(Scenario &s, const QJsonObject &json)
{
    ObjectReader r(json, QStringLiteral("thresholds"));
    auto optionalNumber = [&](const QString &key, double max) -> std::optional<double> {
        if (!json.contains(key)) {
            r.has(key);
            return std::nullopt;
        }
        return r.number(key, 0, 0, max);
    };
    s.thresholds.denialRatioMax = optionalNumber(QStringLiteral("denial_ratio_max"), 1);
    s.thresholds.latencyP99MsMax = optionalNumber(QStringLiteral("latency_p99_ms_max"), 1e9);
    s.thresholds.errorRatioMax = optionalNumber(QStringLiteral("error_ratio_max"), 1);
    if (json.contains(QStringLiteral("limit_violations_max"))) {
        s.thresholds.limitViolationsMax = r.integer(QStringLiteral("limit_violations_max"), 0, 0,
                                                    std::numeric_limits<qint32>::max());
    } else {
        r.has(QStringLiteral("limit_violations_max"));
    }
    r.refuseUnknown();
}

Scenario parse(const QJsonObject &json)
{
    Scenario s;
    ObjectReader r(json, QString());
    s.name = r.string(QStringLiteral("name"), s.name);
    const qint64 seed = r.integer(QStringLiteral("seed"), qint64(s.seed), 0, qint64(maxSeed));
    s.seed = quint64(seed);
    s.durationS =
        r.number(QStringLiteral("duration_s"), s.durationS, 0, Scenario::maxDurationS, true);
    readTarget(s, r.object(QStringLiteral("target")));
    const bool clockGiven = json.contains(QStringLiteral("clock"));
    s.clock = Scenario::ClockMode(r.choice(QStringLiteral("clock"), int(s.clock), clockNames));
    if (s.targetKind == Scenario::TargetKind::Http) {
        if (clockGiven && s.clock == Scenario::ClockMode::Virtual)
            r.fail(QStringLiteral("clock"), QStringLiteral("must be \"real\" for the http target"));
        s.clock = Scenario::ClockMode::Real;
    }
    if (r.has(QStringLiteral("policy"))) {
        const PolicyParseResult policy = Policy::fromJson(r.object(QStringLiteral("policy")));
        if (!policy.ok()) {
            const QString field = QStringLiteral("policy.") % policy.field;
            throw FieldError{field, policy.error.startsWith(policy.field)
                                        ? QString(QStringLiteral("policy.") % policy.error)
                                        : QString(field % QStringLiteral(": ") % policy.error)};
        }
        s.policy = policy.policy;
    }
    readPopulation(s, r.object(QStringLiteral("population")));
    readArrivals(s, r.object(QStringLiteral("arrivals")));
    readCatalog(s, r.object(QStringLiteral("catalog")));
    readWatch(s, r.object(QStringLiteral("watch")));
    s.heartbeatS = r.number(QStringLiteral("heartbeat_s"), s.heartbeatS, 0, 86400, true);
    s.abandonProbability =
        r.number(QStringLiteral("abandon_probability"), s.abandonProbability, 0, 1);
    readRetry(s, r.object(QStringLiteral("retry")));
    readThresholds(s, r.object(QStringLiteral("thresholds")));
    r.refuseUnknown();
    return s;
}

QJsonValue optionalJson(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

} // namespace

QString toString(Scenario::ClockMode mode)
{
    return clockNames.at(int(mode));
}

QString toString(Scenario::TargetKind kind)
{
    return targetNames.at(int(kind));
}

QString toString(Scenario::CatalogDistribution distribution)
{
    return catalogNames.at(int(distribution));
}

QString toString(Scenario::WatchDistribution distribution)
{
    return watchNames.at(int(distribution));
}

double Scenario::multiplierAt(double atS) const
{
    for (const ArrivalStage &stage : stages) {
        if (atS < stage.untilS)
            return stage.multiplier;
    }
    return 1.0;
}

QJsonObject Scenario::toJson() const
{
    QJsonObject target{{QStringLiteral("kind"), toString(targetKind)}};
    if (targetKind == TargetKind::Http) {
        target.insert(QStringLiteral("url"), targetUrl.toString());
        target.insert(QStringLiteral("connections"), connections);
        target.insert(QStringLiteral("timeout_s"), timeoutS);
    }
    QJsonObject mix;
    for (const auto &[plan, fraction] : planMix)
        mix.insert(plan, fraction);
    QJsonArray stageArray;
    for (const ArrivalStage &stage : stages) {
        stageArray.append(QJsonObject{{QStringLiteral("until_s"), stage.untilS},
                                      {QStringLiteral("multiplier"), stage.multiplier}});
    }
    QJsonObject catalogJson{{QStringLiteral("videos"), videos},
                            {QStringLiteral("distribution"), toString(catalog)}};
    if (catalog == CatalogDistribution::Zipf)
        catalogJson.insert(QStringLiteral("zipf_s"), zipfS);
    QJsonObject watchJson{{QStringLiteral("distribution"), toString(watch)},
                          {QStringLiteral("mean_s"), watchMeanS}};
    if (watch == WatchDistribution::Lognormal)
        watchJson.insert(QStringLiteral("sigma"), watchSigma);
    QJsonObject thresholdJson;
    if (thresholds.denialRatioMax)
        thresholdJson.insert(QStringLiteral("denial_ratio_max"),
                             optionalJson(thresholds.denialRatioMax));
    if (thresholds.latencyP99MsMax)
        thresholdJson.insert(QStringLiteral("latency_p99_ms_max"),
                             optionalJson(thresholds.latencyP99MsMax));
    if (thresholds.errorRatioMax)
        thresholdJson.insert(QStringLiteral("error_ratio_max"),
                             optionalJson(thresholds.errorRatioMax));
    if (thresholds.limitViolationsMax)
        thresholdJson.insert(QStringLiteral("limit_violations_max"),
                             double(*thresholds.limitViolationsMax));

    QJsonObject json{
        {QStringLiteral("name"), name},
        {QStringLiteral("seed"), double(seed)},
        {QStringLiteral("duration_s"), durationS},
        {QStringLiteral("clock"), toString(clock)},
        {QStringLiteral("target"), target},
        {QStringLiteral("population"),
         QJsonObject{{QStringLiteral("users"), users}, {QStringLiteral("plan_mix"), mix}}},
        {QStringLiteral("arrivals"),
         QJsonObject{{QStringLiteral("per_user_per_hour"), arrivalsPerUserPerHour},
                     {QStringLiteral("stages"), stageArray}}},
        {QStringLiteral("catalog"), catalogJson},
        {QStringLiteral("watch"), watchJson},
        {QStringLiteral("heartbeat_s"), heartbeatS},
        {QStringLiteral("abandon_probability"), abandonProbability},
        {QStringLiteral("retry"), QJsonObject{{QStringLiteral("max_attempts"), retryMaxAttempts},
                                              {QStringLiteral("backoff_s"), retryBackoffS}}},
        {QStringLiteral("thresholds"), thresholdJson},
    };
    if (targetKind == TargetKind::Embedded)
        json.insert(QStringLiteral("policy"), policy.toJson());
    return json;
}

QByteArray Scenario::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

ScenarioParseResult Scenario::fromJson(const QJsonObject &json)
{
    ScenarioParseResult result;
    try {
        result.scenario = parse(json);
    } catch (const FieldError &error) {
        result.field = error.field;
        result.error = error.message;
    }
    return result;
}

ScenarioParseResult Scenario::fromJsonBytes(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ScenarioParseResult result;
        result.error = QStringLiteral("not valid JSON at offset %1: %2")
                           .arg(parseError.offset)
                           .arg(parseError.errorString());
        return result;
    }
    if (!document.isObject()) {
        ScenarioParseResult result;
        result.error = QStringLiteral("a scenario must be a JSON object");
        return result;
    }
    return fromJson(document.object());
}

ScenarioParseResult Scenario::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ScenarioParseResult result;
        result.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    ScenarioParseResult result = fromJsonBytes(file.readAll());
    if (!result.ok())
        result.error = path % QStringLiteral(": ") % result.error;
    return result;
}

QString Scenario::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    file.write(toJsonBytes());
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace vs
