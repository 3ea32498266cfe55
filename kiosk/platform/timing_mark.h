// Launch milestones for bench/: with LIANXIN_TIMING set, each mark goes to stderr with
// CLOCK_MONOTONIC milliseconds, so launch → first frame → fonts ready is measured from outside.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace lianxin::kiosk {

inline void timing_mark(const char* what) {
    static const bool on = std::getenv("LIANXIN_TIMING") != nullptr;
    if (!on) return;
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    std::fprintf(stderr, "lianxin-timing %s %.3f\n", what, ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
}

}  // namespace lianxin::kiosk
