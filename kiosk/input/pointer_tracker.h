// Turns pointer events into touch gestures: a press, a drag (past a threshold, after which the
// press can no longer become a tap), a tap, and the release velocity for inertial scrolling.
#pragma once

#include <imgui.h>

#include <deque>
#include <vector>

#include "core/base/millis.h"

namespace lianxin::kiosk {

class PointerTracker {
public:
    explicit PointerTracker(float drag_threshold_px) : threshold_(drag_threshold_px) {}

    void down(ImVec2 p, Millis t);
    void move(ImVec2 p, Millis t);
    void up(ImVec2 p, Millis t);
    // Clears what lasts one frame (tap, release, movement since the last frame).
    void end_frame();

    bool is_down() const { return down_; }
    bool dragging() const { return dragging_; }
    // The axis a drag took when it began (the larger of its first movement), kept until release:
    // a list inside a pager scrolls with an upward drag, the pager turns with a sideways one,
    // never both with one finger.
    enum class Axis { none, horizontal, vertical };
    Axis drag_axis() const { return axis_; }
    ImVec2 pos() const { return pos_; }
    ImVec2 press_pos() const { return press_; }
    ImVec2 frame_delta() const { return delta_; }
    bool pressed_this_frame() const { return pressed_now_; }
    bool released_this_frame() const { return released_now_; }
    bool tapped() const { return tapped_; }        // released without having dragged
    ImVec2 tap_pos() const { return tap_pos_; }
    ImVec2 release_velocity() const { return velocity_; }  // px/s, valid when released_this_frame
    bool was_drag_release() const { return released_now_ && released_drag_; }
    Axis released_axis() const { return released_axis_; }  // the axis of the drag just released
    // This press only stops something moving (a coasting list): its release is not a tap.
    void cancel_tap() { tap_cancelled_ = true; }
    // Every position the finger passed since the last frame, in order (handwriting needs them
    // all; frames come far less often than touch events).
    const std::vector<ImVec2>& frame_path() const { return path_; }

private:
    float threshold_;
    bool down_ = false, dragging_ = false, pressed_now_ = false, released_now_ = false;
    bool tapped_ = false, released_drag_ = false, tap_cancelled_ = false;
    Axis axis_ = Axis::none, released_axis_ = Axis::none;
    ImVec2 pos_{-1e6f, -1e6f}, press_{-1e6f, -1e6f}, delta_{0, 0}, tap_pos_{0, 0}, velocity_{0, 0};
    struct Sample { ImVec2 p; Millis t; };
    std::deque<Sample> samples_;
    std::vector<ImVec2> path_;
};

}  // namespace lianxin::kiosk
