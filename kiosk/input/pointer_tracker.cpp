// Touch gestures from pointer events.
#include "kiosk/input/pointer_tracker.h"

#include <cmath>

namespace lianxin::kiosk {

void PointerTracker::down(ImVec2 p, Millis t) {
    down_ = true;
    dragging_ = false;
    axis_ = Axis::none;
    tap_cancelled_ = false;
    pressed_now_ = true;
    pos_ = press_ = p;
    path_.push_back(p);
    samples_.clear();
    samples_.push_back({p, t});
}

void PointerTracker::move(ImVec2 p, Millis t) {
    if (!down_) return;  // hover does nothing on a touchscreen
    delta_.x += p.x - pos_.x;
    delta_.y += p.y - pos_.y;
    pos_ = p;
    path_.push_back(p);
    if (!dragging_ && std::hypot(p.x - press_.x, p.y - press_.y) > threshold_) {
        dragging_ = true;
        axis_ = std::fabs(p.x - press_.x) > std::fabs(p.y - press_.y) ? Axis::horizontal : Axis::vertical;
    }
    samples_.push_back({p, t});
    while (samples_.size() > 2 && t - samples_.front().t > 100) samples_.pop_front();
}

void PointerTracker::up(ImVec2 p, Millis t) {
    if (!down_) return;
    move(p, t);
    down_ = false;
    released_now_ = true;
    released_drag_ = dragging_;
    velocity_ = {0, 0};
    if (dragging_ && samples_.size() >= 2) {
        auto& a = samples_.front();
        auto& b = samples_.back();
        float dt = static_cast<float>(b.t - a.t) / 1000.0f;
        if (dt > 0.005f && t - b.t < 80) velocity_ = {(b.p.x - a.p.x) / dt, (b.p.y - a.p.y) / dt};
    } else if (!tap_cancelled_) {
        tapped_ = true;
        tap_pos_ = press_;
    }
    dragging_ = false;
    released_axis_ = axis_;
    axis_ = Axis::none;
}

void PointerTracker::end_frame() {
    pressed_now_ = released_now_ = tapped_ = released_drag_ = false;
    released_axis_ = Axis::none;
    delta_ = {0, 0};
    path_.clear();
    if (!down_) pos_ = press_ = {-1e6f, -1e6f};  // nothing stays "under the finger" after release
}

}  // namespace lianxin::kiosk
