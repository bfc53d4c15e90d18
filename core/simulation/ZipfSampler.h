#pragma once

#include "RandomGenerator.h"

#include <cstdint>

namespace vs {

// Zipf-distributed ranks 1..n with P(k) ~ 1/k^s, in O(1) time and memory per sample
// (rejection-inversion, Hörmann and Derflinger 1996), so a catalog of millions of videos needs
// no table.
class ZipfSampler
{
public:
    ZipfSampler(std::uint32_t n, double exponent);

    // A rank in 1..n; rank 1 is the most popular.
    std::uint32_t sample(RandomGenerator &random) const;

private:
    double h(double x) const;
    double hIntegral(double x) const;
    double hIntegralInverse(double x) const;

    std::uint32_t m_n;
    double m_exponent;
    double m_hIntegralX1;
    double m_hIntegralN;
    double m_s;
};

} // namespace vs
