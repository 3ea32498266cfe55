// Touch gestures: a tap is a press and release without moving past the threshold; a drag never
// becomes a tap; release velocity drives inertial scrolling.
#include <catch2/catch.hpp>

#include "kiosk/input/pointer_tracker.h"

using lianxin::kiosk::PointerTracker;

TEST_CASE("a short press without movement is a tap at the press position", "[kiosk][touch]") {
    PointerTracker p(18);
    p.down({100, 100}, 0);
    CHECK(p.is_down());
    CHECK(p.pressed_this_frame());
    p.end_frame();
    p.move({105, 104}, 40);  // within the threshold: finger jitter
    p.up({105, 104}, 80);
    CHECK(p.tapped());
    CHECK(p.tap_pos().x == 100);
    CHECK_FALSE(p.was_drag_release());
    p.end_frame();
    CHECK_FALSE(p.tapped());
    CHECK(p.pos().x < -1000);  // nothing stays under the finger
}

TEST_CASE("a drag past the threshold never fires a tap, and reports velocity", "[kiosk][touch]") {
    PointerTracker p(18);
    p.down({100, 500}, 0);
    for (int i = 1; i <= 10; ++i) p.move({100, 500.0f - i * 30}, i * 16);
    CHECK(p.dragging());
    CHECK(p.frame_delta().y == Approx(-300));
    p.up({100, 200}, 176);
    CHECK_FALSE(p.tapped());
    CHECK(p.was_drag_release());
    CHECK(p.release_velocity().y < -1000);  // about -1875 px/s
}

TEST_CASE("moving back to the start after a drag is still a drag", "[kiosk][touch]") {
    PointerTracker p(18);
    p.down({0, 0}, 0);
    p.move({50, 0}, 16);
    p.move({0, 0}, 32);
    p.up({0, 0}, 48);
    CHECK_FALSE(p.tapped());
}

TEST_CASE("a slow finger that stops before lifting does not fling", "[kiosk][touch]") {
    PointerTracker p(18);
    p.down({0, 0}, 0);
    p.move({0, 200}, 100);
    p.up({0, 200}, 600);  // rested for half a second
    CHECK(p.release_velocity().y == Approx(0));
}

TEST_CASE("a drag keeps the axis it began with until release", "[kiosk][touch]") {
    PointerTracker p(18);
    p.down({500, 500}, 0);
    p.move({505, 470}, 20);  // mostly upward: a list's scroll
    CHECK(p.drag_axis() == PointerTracker::Axis::vertical);
    p.move({700, 440}, 60);  // then sideways: still the list's, not the pager's
    CHECK(p.drag_axis() == PointerTracker::Axis::vertical);
    p.up({720, 440}, 80);
    CHECK(p.released_axis() == PointerTracker::Axis::vertical);
    CHECK(p.drag_axis() == PointerTracker::Axis::none);
    p.end_frame();
    CHECK(p.released_axis() == PointerTracker::Axis::none);

    p.down({500, 500}, 200);
    p.move({540, 490}, 220);  // sideways first: the pager's
    CHECK(p.drag_axis() == PointerTracker::Axis::horizontal);
}
