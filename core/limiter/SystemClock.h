#pragma once

#include "Clock.h"

namespace vs {

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

} // namespace vs
