// Millis: a time in milliseconds on the kiosk's monotonic clock (SDL's ticks, or the virtual clock
// of a scripted run), as the idle machine, input, throttles and the event log measure it.
#pragma once

#include <cstdint>

namespace lianxin {

using Millis = std::int64_t;

}  // namespace lianxin
