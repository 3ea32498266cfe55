// What the content editor's files share: the colours of a field's messages, and a field's label
// (a little space above it, in the lead size).
#pragma once

#include <imgui.h>

#include <string>

#include "admin-tool/gui/gui_widgets.h"

namespace lianxin::admin {

inline constexpr ImU32 kEditorError = IM_COL32(170, 30, 24, 255);
inline constexpr ImU32 kEditorWarn = IM_COL32(150, 96, 10, 255);

inline void field_label(const GuiFrame& f, const std::string& text) {
    ImGui::Dummy(ImVec2(0, f.px(6)));
    ImGui::PushFont(f.shell.font(FontRole::lead));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

}  // namespace lianxin::admin
