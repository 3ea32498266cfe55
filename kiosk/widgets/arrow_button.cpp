// The paged screens' previous / next button (see arrow_button.h).
#include "kiosk/widgets/arrow_button.h"

namespace lianxin::kiosk {

bool arrow_button(Ui& ui, ImRect r, bool right, bool enabled, const std::string& label) {
    bool down = enabled && ui.held(r);
    ImU32 fill = !enabled ? theme::rgb(0xE4D8C6, 120) : down ? theme::primary_pressed : theme::primary;
    ui.dl()->AddRectFilled(r.Min, r.Max, fill, r.GetHeight() / 2);
    ui.chevron(r.GetCenter(), ui.s(14), right, enabled ? theme::white : theme::muted, ui.s(5));
    if (!enabled) return false;
    ui.register_target(label, r);
    return ui.tapped(r);
}

}  // namespace lianxin::kiosk
