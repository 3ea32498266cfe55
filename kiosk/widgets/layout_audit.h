// The layout check of scripted runs (`--layout-report`): while a frame is drawn, Ui hands every
// piece of text, card, button and touch target to this recorder; afterwards its rules turn them
// into faults a visitor would meet — text clipped or cut short, text running out of its card or
// button, text over text, targets too small for a finger or on top of each other, and text whose
// contrast with what is actually behind it (sampled from the frame drawn without text) is too low.
// Pure geometry and arithmetic: no GL here, so the rules are unit-tested on their own.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/platform/frame_capture.h"

namespace lianxin::kiosk {

// How a clip rectangle treats what lies beyond it: a scrolling view hides text past its edge
// on purpose, in the axis it scrolls; a fixed box that hides text has cut it off.
enum class Overflow { none, vertical, horizontal };

struct LayoutFault {
    std::string kind;     // clipped, truncated, small-text, out-of-box, overlap, small-target, targets-overlap,
                          // off-screen, contrast, missing-glyph
    std::string element;  // the text (shortened) or the target's label
    std::string detail;   // numbers a person needs to judge it
    ImRect rect;
};

class LayoutAudit {
public:
    // `scale` is the UI scale (pixels per 1080p pixel): the finger and text-size rules scale with it.
    void begin_frame(float scale, ImVec2 screen);

    struct Clip {
        ImRect rect;
        Overflow overflow = Overflow::none;
    };
    // `rect` is the ink box of the text; `truncated` when it was cut with an ellipsis and
    // `chosen` when the design meant that (a preview line, not the thing itself); `missing` names
    // the characters its font had no glyph for ("U+7F57 …"), drawn as a replacement.
    void text(const std::string& s, ImRect rect, const Clip& clip, bool overlay, ImU32 color, float font_px,
              bool truncated, bool chosen, std::string missing = {});
    // A card or button: text that starts in it must end in it.
    void box(const std::string& label, ImRect rect, const Clip& clip, bool overlay);
    // A touch target as drawn (before clipping) and the clip it sits in.
    void target(const std::string& label, ImRect rect, const Clip& clip, bool overlay);

    // Faults of the frame's geometry (everything but contrast).
    std::vector<LayoutFault> geometry_faults() const;
    // Contrast of each visible text against `background`: the same frame drawn without text.
    std::vector<LayoutFault> contrast_faults(const FramePixels& background) const;

    // What the frame held, for the report's line per shot (a check that saw nothing proves nothing).
    std::size_t texts() const { return texts_.size(); }
    // The texts a visitor sees in the frame (with a modal up, only the modal's), in drawing
    // order: a test can tell what a screen said, or that a message is gone.
    std::vector<std::string> shown_texts() const;
    std::size_t targets() const { return targets_.size(); }

    // WCAG relative luminance and contrast ratio, exposed for tests.
    static double luminance(std::uint8_t r, std::uint8_t g, std::uint8_t b);
    static double contrast(double l1, double l2);

private:
    struct Text {
        std::string s;
        ImRect ink, visible;
        Clip clip;
        bool overlay;
        ImU32 color;
        float font_px;
        bool truncated, chosen;
        std::string missing;
    };
    struct Box {
        std::string label;
        ImRect rect;
        bool overlay;
    };
    struct Target {
        std::string label;
        ImRect rect, visible;
        bool overlay;
        Overflow overflow;  // of its clip: a scrolling view may hold targets beyond the screen
    };
    // With a modal up (anything drawn on the overlay layer) only the overlay is in front of the
    // visitor; the screen beneath is dimmed and out of reach.
    bool judged(bool overlay) const { return overlay || !modal_; }

    float scale_ = 1;
    ImVec2 screen_{0, 0};
    bool modal_ = false;
    std::vector<Text> texts_;
    std::vector<Box> boxes_;
    std::vector<Target> targets_;
};

}  // namespace lianxin::kiosk
