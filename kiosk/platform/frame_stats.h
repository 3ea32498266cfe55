// Frame-time figures for bench/: with LIANXIN_FRAME_STATS=FILE, each frame's UI work (everything
// before GPU raster: input, layout, draw lists) is appended to FILE in microseconds, with the
// frame's number and screen.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace lianxin::kiosk {

inline void record_frame_stats(long long frame, std::chrono::steady_clock::duration ui_work, const std::string& screen) {
    static std::FILE* f = [] {
        const char* path = std::getenv("LIANXIN_FRAME_STATS");
        return path && *path ? std::fopen(path, "w") : nullptr;
    }();
    if (!f) return;
    std::fprintf(f, "%lld %lld %s\n", frame,
                 static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(ui_work).count()),
                 screen.c_str());
    std::fflush(f);
}

}  // namespace lianxin::kiosk
