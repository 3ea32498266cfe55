// The bar across the top of every screen but the attract loop: the logo (tapped five times it
// opens maintenance), back and home, and the 中文 | EN | 中英 language choice.
#pragma once

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

struct TopBarActions {
    bool back = false, home = false, logo = false;
    bool switch_to_zh = false, switch_to_en = false, switch_to_both = false;
};

// Draws the logo mark alone (also used by the attract screen); returns true when tapped.
bool draw_logo(Ui& ui, ImRect r, bool on_dark);
// Draws the 中文 | EN | 中英 choice in `r` (at least language_toggle_width wide).
void draw_language_toggle(Ui& ui, ImRect r, TopBarActions& out, bool on_dark);
float language_toggle_width(const Ui& ui);
TopBarActions draw_top_bar(Ui& ui, bool can_go_back, const std::string& hall_name);
float top_bar_height(const Ui& ui);

}  // namespace lianxin::kiosk
