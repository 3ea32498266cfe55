// A figure that eases to its new value when it changes (about 0.6 s, fast then settling), for the
// live figures on the figures screen and the attract loop. Frames are asked for only while it
// moves (Ui::animate), so a still screen still draws none.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/base/millis.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

class EasedNumber {
public:
    static constexpr Millis kDuration = 600;

    // The value to reach. The first one is reached from 0 (the figure counts up as it appears); a
    // later change starts from what is shown at `now`, so an easing under way bends smoothly.
    void set(double target, Millis now) {
        if (started_ && target == to_) return;
        from_ = started_ ? value_at(now) : 0.0;
        to_ = target;
        start_ = now;
        started_ = true;
    }
    // The value to draw this frame; asks for another frame while it is still moving.
    double shown(Ui& ui) const {
        if (from_ != to_ && ui.now() - start_ < kDuration) ui.animate();
        return value_at(ui.now());
    }
    double target() const { return to_; }

private:
    double value_at(Millis now) const {
        if (!started_) return 0.0;
        double t = std::clamp(static_cast<double>(now - start_) / kDuration, 0.0, 1.0);
        double eased = 1.0 - std::pow(1.0 - t, 3.0);  // ease-out cubic
        return from_ + (to_ - from_) * eased;
    }

    double from_ = 0, to_ = 0;
    Millis start_ = 0;
    bool started_ = false;
};

// 12345 → "12,345": grouped in thousands, as both languages print counts on the hall's boards.
inline std::string grouped_number(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// A share as a whole percent ("12%"); "0%" when there is nothing to share, and "<1%" for a share
// too small to round to one, so a site's first opinions never read as none.
inline std::string percent_text(std::int64_t part, std::int64_t whole) {
    if (whole <= 0 || part <= 0) return "0%";
    long pct = std::lround(100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return pct == 0 ? "<1%" : std::to_string(pct) + "%";
}

}  // namespace lianxin::kiosk
