// The admin window's own widgets over Dear ImGui: buttons a script can tap by their label,
// status and stance chips in fixed colours, paragraphs wrapped by the Chinese line-breaking rules
// (the kiosk's TextLayouter), and the bar charts of the statistics view drawn with the draw list.
#pragma once

#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

#include "admin-tool/gui/gui_shell.h"
#include "admin-tool/ops/admin_text.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_status.h"

namespace lianxin::admin {

enum class ButtonStyle { normal, primary, danger, selected };

// What a view draws with: the shell (fonts, script targets) and the words.
struct GuiFrame {
    GuiShell& shell;
    const AdminText& t;
    Millis now = 0;

    // A button labelled `label` (ImGui's "##id" suffix allowed, not shown and not part of the
    // script's label); width 0 fits the text.
    bool button(const std::string& label, ButtonStyle style = ButtonStyle::normal, float width = 0) const;
    // Records the last ImGui item as a script target named `label`.
    void target(const std::string& label) const;
    void heading(const std::string& text) const;
    // A paragraph at the cursor, wrapped to the space left (or `width`), Chinese lines broken by
    // UAX #14.
    void paragraph(const std::string& text, FontRole role = FontRole::body, ImU32 colour = 0, float width = 0) const;
    void chip(const std::string& text, ImU32 fill, ImU32 ink) const;
    float px(float at_body_18) const;  // a length given for an 18 px body font, at this font size
};

// Fill and ink of a status or stance chip: the same colours in every view.
std::pair<ImU32, ImU32> status_colours(OpinionStatus s);
std::pair<ImU32, ImU32> stance_colours(Stance s);
constexpr ImU32 kAccent = IM_COL32(168, 33, 28, 255);   // the hall's red
constexpr ImU32 kMuted = IM_COL32(107, 102, 97, 255);

// A horizontal bar chart: one labelled bar per row, its value written at its end. Bars are scaled
// to the largest row, or to `scale_to` when it is given (charts drawn row by row share one scale).
void bar_chart(const GuiFrame& f, const std::vector<std::pair<std::string, double>>& rows, ImU32 colour,
               float label_width, const std::string& value_suffix = "", double scale_to = 0);
// Columns over time (one per day), with the first and last day written below.
void day_chart(const GuiFrame& f, const std::vector<std::pair<std::string, double>>& days, float height);

}  // namespace lianxin::admin
