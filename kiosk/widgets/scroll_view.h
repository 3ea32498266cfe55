// Drag-to-scroll with inertia and a soft edge, for one axis. Any drag that starts inside the
// view scrolls it; taps inside still reach the widgets (PointerTracker keeps them apart).
#pragma once

#include <functional>

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

class ScrollView {
public:
    enum class Axis { vertical, horizontal };
    explicit ScrollView(Axis axis = Axis::vertical) : axis_(axis) {}

    // Call once per frame before drawing the content; returns the scroll offset to apply.
    float update(Ui& ui, ImRect view, float content_extent);
    float offset() const { return offset_; }
    void jump_to(float offset) { offset_ = offset; velocity_ = 0; }
    bool moving() const { return tracking_ || velocity_ != 0; }
    // Draws a thin position indicator at the view's edge while there is something to scroll.
    void draw_indicator(Ui& ui, ImRect view, float content_extent) const;

private:
    Axis axis_;
    float offset_ = 0, velocity_ = 0;
    bool tracking_ = false;
    Millis last_ = -1;
};

// A horizontal pager: drag to move between pages; it settles on a page when released.
class SnapPager {
public:
    // Returns the current position in pages (fractional while moving). `page` is updated when
    // the visitor settles on another page, and may be set from outside (tapping a year).
    float update(Ui& ui, ImRect view, int count, int& page);
    // update() plus drawing: calls draw_page(i, rect) for the pages in view (the current one and
    // its neighbours while moving), side by side, clipped to `view` with room for card shadows.
    void draw(Ui& ui, ImRect view, int count, int& page, const std::function<void(int, ImRect)>& draw_page);
    // Stands on `page` at once, without the slide there (a screen opened at a given page).
    void jump_to(int page) { pos_ = static_cast<float>(page); }

private:
    float pos_ = 0;  // in pages
    bool tracking_ = false;
    float drag_px_ = 0;
    Millis last_ = -1;
};

}  // namespace lianxin::kiosk
