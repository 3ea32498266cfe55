// The kiosk's look: colours (shared with the content illustrations) and sizes at 1080p scale.
#pragma once

#include <imgui.h>

namespace lianxin::kiosk::theme {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

inline constexpr ImU32 background = rgb(0xF7F1E6);
inline constexpr ImU32 surface = rgb(0xFFFFFF);
inline constexpr ImU32 surface_pressed = rgb(0xEFE6D6);
inline constexpr ImU32 primary = rgb(0xB8322A);
inline constexpr ImU32 primary_pressed = rgb(0x8E1F1A);
inline constexpr ImU32 primary_dark = rgb(0x8E1F1A);
inline constexpr ImU32 gold = rgb(0xD9A441);       // accents only: too light for text (2:1)
inline constexpr ImU32 gold_text = rgb(0x8A5F10);  // gold words: 5:1 on the background
inline constexpr ImU32 ink = rgb(0x2A2522);
inline constexpr ImU32 muted = rgb(0x6B625B);
inline constexpr ImU32 teal = rgb(0x2A7379);  // 4.9:1 on the background, so small teal text reads
inline constexpr ImU32 line = rgb(0xE4D8C6);
inline constexpr ImU32 white = rgb(0xFFFFFF);
inline constexpr ImU32 shadow = rgb(0x2A2522, 28);
inline constexpr ImU32 scrim = rgb(0x1A1512, 170);

// Sizes in px at UI scale 1; multiply by Ui::s().
inline constexpr float top_bar_height = 112;
inline constexpr float touch_target = 80;   // ≥ 72 px at 1080p (docs/architecture.md, layout check)
inline constexpr float margin = 48;
inline constexpr float gap = 28;
inline constexpr float radius = 20;
inline constexpr float drag_threshold = 18;

}  // namespace lianxin::kiosk::theme
