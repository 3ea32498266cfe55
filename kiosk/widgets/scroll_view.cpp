// Inertial scrolling and paging.
#include "kiosk/widgets/scroll_view.h"

#include <algorithm>
#include <cmath>

namespace lianxin::kiosk {

namespace {
float frame_dt(Millis& last, Millis now) {
    float dt = last < 0 ? 0.016f : static_cast<float>(now - last) / 1000.0f;
    last = now;
    return std::clamp(dt, 0.0f, 0.05f);
}
}  // namespace

float ScrollView::update(Ui& ui, ImRect view, float content_extent) {
    float dt = frame_dt(last_, ui.now());
    const PointerTracker& p = ui.pointer();
    bool vertical = axis_ == Axis::vertical;
    float view_len = vertical ? view.GetHeight() : view.GetWidth();
    float max = std::max(0.0f, content_extent - view_len);

    if (p.pressed_this_frame() && view.Contains(p.press_pos()) && ui.input_enabled()) {
        tracking_ = true;
        // A touch that stops a coasting list only stops it; it must not open what is under it.
        if (std::fabs(velocity_) > 60) ui.pointer().cancel_tap();
        velocity_ = 0;
    }
    const auto own_axis = vertical ? PointerTracker::Axis::vertical : PointerTracker::Axis::horizontal;
    if (tracking_ && p.dragging() && p.drag_axis() == own_axis) {
        float d = vertical ? p.frame_delta().y : p.frame_delta().x;
        bool outside = offset_ < 0 || offset_ > max;
        offset_ -= outside ? d * 0.4f : d;  // resistance past the ends
    }
    if (tracking_ && p.released_this_frame()) {
        tracking_ = false;
        if (p.was_drag_release() && p.released_axis() == own_axis)
            velocity_ = -(vertical ? p.release_velocity().y : p.release_velocity().x);
        velocity_ = std::clamp(velocity_, -6000.0f, 6000.0f);
    }
    if (tracking_ && !p.is_down()) tracking_ = false;

    if (!tracking_) {
        if (velocity_ != 0) {
            offset_ += velocity_ * dt;
            velocity_ *= std::exp(-dt * 3.5f);
            if (std::fabs(velocity_) < 15) velocity_ = 0;
            if (offset_ < -ui.s(120) || offset_ > max + ui.s(120)) velocity_ = 0;
        }
        float target = std::clamp(offset_, 0.0f, max);
        if (offset_ != target) {
            if (velocity_ != 0) velocity_ *= 0.5f;
            offset_ += (target - offset_) * std::min(1.0f, dt * 14);
            if (std::fabs(target - offset_) < 0.5f) offset_ = target;
        }
        if (velocity_ != 0 || offset_ != target) ui.animate();
    }
    return std::round(offset_);
}

void ScrollView::draw_indicator(Ui& ui, ImRect view, float content_extent) const {
    bool vertical = axis_ == Axis::vertical;
    float view_len = vertical ? view.GetHeight() : view.GetWidth();
    if (content_extent <= view_len + 1) return;
    float frac = view_len / content_extent;
    float len = std::max(ui.s(60), view_len * frac);
    float t = std::clamp(offset_ / (content_extent - view_len), 0.0f, 1.0f);
    float start = (view_len - len) * t;
    float w = ui.s(6);
    ImU32 col = theme::rgb(0x6B625B, 90);
    if (vertical)
        ui.dl()->AddRectFilled(ImVec2(view.Max.x - w - ui.s(6), view.Min.y + start),
                               ImVec2(view.Max.x - ui.s(6), view.Min.y + start + len), col, w / 2);
    else
        ui.dl()->AddRectFilled(ImVec2(view.Min.x + start, view.Max.y - w - ui.s(6)),
                               ImVec2(view.Min.x + start + len, view.Max.y - ui.s(6)), col, w / 2);
}

void SnapPager::draw(Ui& ui, ImRect view, int count, int& page, const std::function<void(int, ImRect)>& draw_page) {
    float pos = update(ui, view, count, page);
    ui.push_clip(ImRect(ImVec2(view.Min.x - ui.s(4), view.Min.y - ui.s(10)), ImVec2(view.Max.x + ui.s(4), view.Max.y + ui.s(20))), Overflow::horizontal);
    float pitch = view.GetWidth() + ui.s(60);
    for (int i = std::max(0, static_cast<int>(pos) - 1); i <= std::min(count - 1, static_cast<int>(pos) + 1); ++i) {
        float dx = (i - pos) * pitch;
        draw_page(i, ImRect(ImVec2(view.Min.x + dx, view.Min.y), ImVec2(view.Max.x + dx, view.Max.y)));
    }
    ui.pop_clip();
}

float SnapPager::update(Ui& ui, ImRect view, int count, int& page) {
    float dt = frame_dt(last_, ui.now());
    const auto& p = ui.pointer();
    float width = std::max(1.0f, view.GetWidth());
    page = std::clamp(page, 0, std::max(0, count - 1));

    if (p.pressed_this_frame() && view.Contains(p.press_pos()) && ui.input_enabled()) {
        tracking_ = true;
        drag_px_ = 0;
    }
    if (tracking_ && p.dragging() && p.drag_axis() == PointerTracker::Axis::horizontal) drag_px_ += p.frame_delta().x;
    if (tracking_ && p.released_this_frame()) {
        tracking_ = false;
        float v = p.release_velocity().x;
        if (p.was_drag_release() && p.released_axis() == PointerTracker::Axis::horizontal) {
            if ((drag_px_ < -width * 0.18f || v < -700) && page < count - 1) ++page;
            else if ((drag_px_ > width * 0.18f || v > 700) && page > 0) --page;
        }
        pos_ -= drag_px_ / width;
        drag_px_ = 0;
    }
    if (tracking_ && !p.is_down()) tracking_ = false;

    float shown = pos_ - drag_px_ / width;
    if (tracking_) {
        // Resist dragging past the first and last page.
        if (shown < 0) shown *= 0.35f;
        if (shown > count - 1) shown = (count - 1) + (shown - (count - 1)) * 0.35f;
        return shown;
    }
    float target = static_cast<float>(page);
    if (pos_ != target) {
        pos_ += (target - pos_) * std::min(1.0f, dt * 12);
        if (std::fabs(target - pos_) < 0.002f) pos_ = target;
        ui.animate();
    }
    return pos_;
}

}  // namespace lianxin::kiosk
