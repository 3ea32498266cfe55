// Laid-out text: runs of (text, font role, colour) broken into lines by UAX #14 (ICU, in core)
// and measured with the ImGui fonts; drawn with the draw list. Layouts are cached per
// (runs, width) because screens ask for the same text every frame.
#pragma once

#include <imgui.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/text/font_set.h"

namespace lianxin::kiosk {

struct TextRun {
    std::string text;
    FontRole role = FontRole::body;
    ImU32 color = IM_COL32(0, 0, 0, 255);
};

struct TextLayoutOptions {
    float line_spacing = 1.45f;  // line height as a multiple of the largest font size
    int max_lines = 0;           // 0 = unlimited; otherwise the last line ends with "…"
    bool center = false;
    // The design means the cut (a one-line preview of something shown whole elsewhere); the
    // layout check reports any other text cut with an ellipsis.
    bool ellipsis_chosen = false;
};

struct TextLayout {
    struct Piece {
        std::size_t begin, end;  // bytes into `text`
        int run;
        float x;
    };
    struct Line {
        std::vector<Piece> pieces;
        float width = 0, y = 0;
    };
    std::string text;                   // the runs concatenated
    std::vector<TextRun> runs;          // with text emptied; offsets in run_start
    std::vector<std::size_t> run_start;
    std::vector<Line> lines;
    float width = 0, height = 0, line_height = 0, ascent_pad = 0;
    bool truncated = false;
    bool ellipsis_chosen = false;  // from TextLayoutOptions
};

class TextLayouter {
public:
    explicit TextLayouter(const FontSet& fonts) : fonts_(fonts) {}
    const TextLayout& layout(const std::vector<TextRun>& runs, float max_width, const TextLayoutOptions& opt = {});
    const TextLayout& layout(const std::string& text, FontRole role, ImU32 color, float max_width,
                             const TextLayoutOptions& opt = {});
    // Single-line width of `text` in `role`, for buttons and chips.
    float measure(const std::string& text, FontRole role);
    void clear() { cache_.clear(); }
    // Evicts least-recently used layouts; call between frames (references stay valid within one).
    void trim();

private:
    const FontSet& fonts_;
    struct Entry {
        TextLayout layout;
        unsigned long long last_used;
    };
    std::unordered_map<std::string, Entry> cache_;
    unsigned long long tick_ = 0;
};

// Draws `layout` with its top-left at `pos`; `alpha` multiplies every run's colour.
void draw_text(ImDrawList* dl, const FontSet& fonts, const TextLayout& layout, ImVec2 pos, float alpha = 1.0f);

}  // namespace lianxin::kiosk
