// The large previous / next button of the paged screens (the timeline, a guided tour): a red pill
// with a drawn chevron, greyed where there is no page that way.
#pragma once

#include <string>

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

// Draws the button in `r`, pointing right or left; registers `label` for scripts while enabled.
// True on the frame it is tapped (never while disabled).
bool arrow_button(Ui& ui, ImRect r, bool right, bool enabled, const std::string& label);

}  // namespace lianxin::kiosk
