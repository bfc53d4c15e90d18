#include "ZipfSampler.h"

#include <algorithm>
#include <cmath>

namespace vs {

namespace {

// log1p(x)/x, accurate near 0.
double helper1(double x)
{
    return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}

// expm1(x)/x, accurate near 0.
double helper2(double x)
{
    return std::abs(x) > 1e-8 ? std::expm1(x) / x
                              : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
}

} // namespace

ZipfSampler::ZipfSampler(std::uint32_t n, double exponent)
    : m_n(std::max<std::uint32_t>(n, 1))
    , m_exponent(exponent)
{
    m_hIntegralX1 = hIntegral(1.5) - 1.0;
    m_hIntegralN = hIntegral(double(m_n) + 0.5);
    m_s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
}

double ZipfSampler::h(double x) const
{
    return std::exp(-m_exponent * std::log(x));
}

double ZipfSampler::hIntegral(double x) const
{
    const double logX = std::log(x);
    return helper2((1.0 - m_exponent) * logX) * logX;
}

double ZipfSampler::hIntegralInverse(double x) const
{
    double t = x * (1.0 - m_exponent);
    if (t < -1.0)
        t = -1.0; // only rounding gets here
    return std::exp(helper1(t) * x);
}

std::uint32_t ZipfSampler::sample(RandomGenerator &random) const
{
    for (;;) {
        const double u = m_hIntegralN + random.uniform() * (m_hIntegralX1 - m_hIntegralN);
        const double x = hIntegralInverse(u);
        double k = std::floor(x + 0.5);
        k = std::clamp(k, 1.0, double(m_n));
        if (k - x <= m_s || u >= hIntegral(k + 0.5) - h(k))
            return std::uint32_t(k);
    }
}

} // namespace vs
