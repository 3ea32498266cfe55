// The layout check's rules (see layout_audit.h).
#include "kiosk/widgets/layout_audit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text/utf8.h"

namespace lianxin::kiosk {

namespace {

// The design's numbers, at 1080p (scaled with the UI).
constexpr float kFingerPx = 72;     // finger targets at 1080p (docs/architecture.md, the layout check)
constexpr float kLargeTextPx = 24;  // from here on 3:1 is enough (WCAG "large text")
constexpr float kMinTextPx = 24;    // nothing a visitor must read is smaller, a step away
constexpr double kContrastSmall = 4.5, kContrastLarge = 3.0;
// A percentile, not the minimum: anti-aliased edges of other shapes under a line of text would
// otherwise decide; the darkest tenth of what is behind the text is what a reader meets.
constexpr double kContrastPercentile = 0.10;

// Text and targets a visitor reads as one element, for the report: at most ~40 bytes.
std::string shorten(const std::string& s) {
    return s.size() <= 40 ? s : utf8::cut(s, 40) + "\xE2\x80\xA6";
}

std::string px(float v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    return b;
}

bool has_area(const ImRect& r) { return r.GetWidth() > 0.5f && r.GetHeight() > 0.5f; }

// Overlap deeper than `tol` in both axes: touching edges and hairline rounding are not faults.
bool overlaps(const ImRect& a, const ImRect& b, float tol) {
    return std::min(a.Max.x, b.Max.x) - std::max(a.Min.x, b.Min.x) > tol &&
           std::min(a.Max.y, b.Max.y) - std::max(a.Min.y, b.Min.y) > tol;
}

bool inside(const ImRect& inner, const ImRect& outer, float tol) {
    return inner.Min.x >= outer.Min.x - tol && inner.Min.y >= outer.Min.y - tol && inner.Max.x <= outer.Max.x + tol &&
           inner.Max.y <= outer.Max.y + tol;
}

ImRect clipped(ImRect r, const ImRect& clip) {
    r.ClipWithFull(clip);
    return r;
}

double channel(std::uint8_t c) {
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

}  // namespace

double LayoutAudit::luminance(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

double LayoutAudit::contrast(double l1, double l2) {
    return (std::max(l1, l2) + 0.05) / (std::min(l1, l2) + 0.05);
}

void LayoutAudit::begin_frame(float scale, ImVec2 screen) {
    scale_ = scale;
    screen_ = screen;
    modal_ = false;
    texts_.clear();
    boxes_.clear();
    targets_.clear();
}

void LayoutAudit::text(const std::string& s, ImRect rect, const Clip& clip, bool overlay, ImU32 color, float font_px,
                       bool truncated, bool chosen, std::string missing) {
    if (overlay) modal_ = true;
    ImRect visible = clipped(clipped(rect, clip.rect), ImRect(ImVec2(0, 0), screen_));
    texts_.push_back(Text{s, rect, visible, clip, overlay, color, font_px, truncated, chosen, std::move(missing)});
}

void LayoutAudit::box(const std::string& label, ImRect rect, const Clip& clip, bool overlay) {
    if (overlay) modal_ = true;
    // Only the part of a card the visitor sees can hold or cover text.
    ImRect shown = clipped(rect, clip.rect);
    if (has_area(shown)) boxes_.push_back(Box{label, shown, overlay});
}

void LayoutAudit::target(const std::string& label, ImRect rect, const Clip& clip, bool overlay) {
    if (overlay) modal_ = true;
    targets_.push_back(Target{label, rect, clipped(rect, clip.rect), overlay, clip.overflow});
}

std::vector<std::string> LayoutAudit::shown_texts() const {
    std::vector<std::string> out;
    for (const Text& t : texts_)
        if (judged(t.overlay) && has_area(t.visible)) out.push_back(t.s);
    return out;
}

std::vector<LayoutFault> LayoutAudit::geometry_faults() const {
    std::vector<LayoutFault> out;
    const float tol = std::max(1.0f, 2 * scale_);

    for (std::size_t i = 0; i < texts_.size(); ++i) {
        const Text& t = texts_[i];
        if (!judged(t.overlay)) continue;
        if (!has_area(t.visible)) {
            // Wholly out of a view that scrolls: the visitor scrolls to it. Wholly hidden by a box
            // that does not: it is lost.
            if (t.clip.overflow == Overflow::none && has_area(t.ink))
                out.push_back({"clipped", shorten(t.s), "hidden entirely by its box", t.ink});
            continue;
        }
        // A character its font cannot draw shows as a replacement: never a box.
        if (!t.missing.empty()) out.push_back({"missing-glyph", shorten(t.s), "no glyph for " + t.missing, t.ink});
        // Past the edge of a box that does not scroll (or across a scrolling view's other axis).
        const ImRect& c = t.clip.rect;
        bool cut_x = t.ink.Min.x < c.Min.x - tol || t.ink.Max.x > c.Max.x + tol;
        bool cut_y = t.ink.Min.y < c.Min.y - tol || t.ink.Max.y > c.Max.y + tol;
        if (t.clip.overflow == Overflow::vertical) cut_y = false;
        if (t.clip.overflow == Overflow::horizontal) cut_x = false;
        if (cut_x || cut_y)
            out.push_back({"clipped", shorten(t.s), "ink " + px(t.ink.GetWidth()) + "x" + px(t.ink.GetHeight()) +
                                                        " shown " + px(t.visible.GetWidth()) + "x" + px(t.visible.GetHeight()),
                           t.ink});
        if (t.truncated && !t.chosen) out.push_back({"truncated", shorten(t.s), "cut with an ellipsis", t.ink});
        if (t.font_px < kMinTextPx * scale_ - 0.5f)
            out.push_back({"small-text", shorten(t.s), px(t.font_px / scale_) + " px, needs " + px(kMinTextPx), t.ink});

        for (const Box& b : boxes_) {
            if (b.overlay != t.overlay || !overlaps(t.visible, b.rect, tol) || inside(t.visible, b.rect, tol)) continue;
            bool starts_inside = b.rect.Contains(t.visible.Min);
            out.push_back({starts_inside ? "out-of-box" : "overlap", shorten(t.s),
                           (starts_inside ? "runs out of " : "under the edge of ") +
                               (b.label.empty() ? std::string("a card") : "\"" + shorten(b.label) + "\""),
                           t.visible});
        }
        for (std::size_t j = i + 1; j < texts_.size(); ++j) {
            const Text& u = texts_[j];
            if (u.overlay != t.overlay || !overlaps(t.visible, u.visible, tol)) continue;
            out.push_back({"overlap", shorten(t.s), "over \"" + shorten(u.s) + "\"", t.visible});
        }
    }

    const float finger = kFingerPx * scale_ - 0.5f;
    for (std::size_t i = 0; i < targets_.size(); ++i) {
        const Target& a = targets_[i];
        if (!judged(a.overlay)) continue;
        // Outside a scrolling view, a target past the screen's edge cannot be reached at all.
        if (a.overflow == Overflow::none && !ImRect(ImVec2(0, 0), screen_).Contains(a.rect)) {
            out.push_back({"off-screen", shorten(a.label), "beyond the " + px(screen_.x) + "x" + px(screen_.y) + " screen", a.rect});
            continue;
        }
        if (!has_area(a.visible)) continue;
        if (a.rect.GetWidth() < finger || a.rect.GetHeight() < finger)
            out.push_back({"small-target", shorten(a.label),
                           px(a.rect.GetWidth()) + "x" + px(a.rect.GetHeight()) + " px, needs " + px(kFingerPx * scale_),
                           a.rect});
        for (std::size_t j = i + 1; j < targets_.size(); ++j) {
            const Target& b = targets_[j];
            if (b.overlay != a.overlay || !overlaps(a.visible, b.visible, tol)) continue;
            out.push_back({"targets-overlap", shorten(a.label), "with \"" + shorten(b.label) + "\"", a.visible});
        }
    }
    return out;
}

std::vector<LayoutFault> LayoutAudit::contrast_faults(const FramePixels& bg) const {
    std::vector<LayoutFault> out;
    if (bg.width <= 0 || bg.height <= 0) return out;
    const int step = std::max(1, static_cast<int>(std::lround(2 * scale_)));
    std::vector<double> ratios;
    for (const Text& t : texts_) {
        if (!judged(t.overlay) || !has_area(t.visible)) continue;
        const double a = ((t.color >> IM_COL32_A_SHIFT) & 0xFF) / 255.0;
        if (a <= 0) continue;
        const std::uint8_t tr = (t.color >> IM_COL32_R_SHIFT) & 0xFF, tg = (t.color >> IM_COL32_G_SHIFT) & 0xFF,
                           tb = (t.color >> IM_COL32_B_SHIFT) & 0xFF;
        int x0 = std::clamp(static_cast<int>(t.visible.Min.x), 0, bg.width - 1);
        int x1 = std::clamp(static_cast<int>(t.visible.Max.x), 0, bg.width);
        int y0 = std::clamp(static_cast<int>(t.visible.Min.y), 0, bg.height - 1);
        int y1 = std::clamp(static_cast<int>(t.visible.Max.y), 0, bg.height);
        ratios.clear();
        for (int y = y0; y < y1; y += step) {
            for (int x = x0; x < x1; x += step) {
                const std::uint8_t* p = &bg.rgba[(static_cast<std::size_t>(y) * bg.width + x) * 4];
                // The text's colour as it lands on this pixel (its alpha blends with what is behind).
                auto mix = [&](std::uint8_t fg, std::uint8_t back) {
                    return static_cast<std::uint8_t>(std::lround(a * fg + (1 - a) * back));
                };
                double lt = luminance(mix(tr, p[0]), mix(tg, p[1]), mix(tb, p[2]));
                ratios.push_back(contrast(lt, luminance(p[0], p[1], p[2])));
            }
        }
        if (ratios.empty()) continue;
        auto nth = ratios.begin() + static_cast<long>(static_cast<double>(ratios.size() - 1) * kContrastPercentile);
        std::nth_element(ratios.begin(), nth, ratios.end());
        double need = t.font_px >= kLargeTextPx * scale_ - 0.01f ? kContrastLarge : kContrastSmall;
        if (*nth < need - 0.05) {
            char d[96];
            std::snprintf(d, sizeof d, "%.2f:1, needs %.1f:1 (%.0f px text)", *nth, need, t.font_px / scale_);
            out.push_back({"contrast", shorten(t.s), d, t.visible});
        }
    }
    return out;
}

}  // namespace lianxin::kiosk
