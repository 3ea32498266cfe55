// The admin window's own widgets (see gui_widgets.h).
#include "admin-tool/gui/gui_widgets.h"

#include <algorithm>
#include <cstdio>

namespace lianxin::admin {

namespace {

std::string visible_label(const std::string& label) {
    auto hash = label.find("##");
    return hash == std::string::npos ? label : label.substr(0, hash);
}

}  // namespace

float GuiFrame::px(float at_body_18) const { return at_body_18 * shell.font_size(FontRole::body) / 18.0f; }

void GuiFrame::target(const std::string& label) const {
    // Only what can be seen can be tapped: an item scrolled out of its list is not a target, and
    // one wider than its list is tapped in the part the list shows.
    if (!ImGui::IsItemVisible()) return;
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.ClipWith(ImGui::GetCurrentWindowRead()->ClipRect);
    shell.add_target(visible_label(label), r);
}

bool GuiFrame::button(const std::string& label, ButtonStyle style, float width) const {
    int pushed = 0;
    auto colour = [&](ImGuiCol c, ImU32 v) {
        ImGui::PushStyleColor(c, v);
        ++pushed;
    };
    switch (style) {
        case ButtonStyle::primary:
            colour(ImGuiCol_Button, kAccent);
            colour(ImGuiCol_ButtonHovered, IM_COL32(190, 48, 40, 255));
            colour(ImGuiCol_ButtonActive, IM_COL32(140, 24, 20, 255));
            colour(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
            break;
        case ButtonStyle::danger:
            colour(ImGuiCol_Button, IM_COL32(255, 236, 232, 255));
            colour(ImGuiCol_Text, IM_COL32(150, 24, 20, 255));
            break;
        case ButtonStyle::selected:
            colour(ImGuiCol_Button, IM_COL32(62, 56, 52, 255));
            colour(ImGuiCol_ButtonHovered, IM_COL32(82, 74, 68, 255));
            colour(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
            break;
        case ButtonStyle::normal: break;
    }
    bool pressed = ImGui::Button(label.c_str(), ImVec2(width, 0));
    ImGui::PopStyleColor(pushed);
    target(label);
    return pressed;
}

void GuiFrame::heading(const std::string& text) const {
    ImGui::PushFont(shell.font(FontRole::heading));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

void GuiFrame::paragraph(const std::string& text, FontRole role, ImU32 colour, float width) const {
    if (!colour) colour = ImGui::GetColorU32(ImGuiCol_Text);
    float w = width > 0 ? width : std::max(40.0f, ImGui::GetContentRegionAvail().x);
    kiosk::TextLayoutOptions opt;
    opt.line_spacing = 1.5f;
    auto& layout = shell.layouter().layout(text, role, colour, w, opt);
    ImVec2 at = ImGui::GetCursorScreenPos();
    kiosk::draw_text(ImGui::GetWindowDrawList(), shell.fonts(), layout, at);
    ImGui::Dummy(ImVec2(std::max(1.0f, layout.width), std::max(1.0f, layout.height)));
}

void GuiFrame::chip(const std::string& text, ImU32 fill, ImU32 ink) const {
    ImFont* f = shell.font(FontRole::caption);
    ImVec2 pad(px(8), px(3));
    // A text wider than the space left (a kiosk's warning in a table cell) wraps inside the chip.
    const float wrap = std::max(px(40), ImGui::GetContentRegionAvail().x - 2 * pad.x);
    ImVec2 sz = f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, text.c_str());
    const bool wrapped = sz.y > f->FontSize * 1.5f;
    ImVec2 at = ImGui::GetCursorScreenPos();
    // Centred on the height of a framed item (a button, a field), which text beside it aligns to.
    float line = ImGui::GetFrameHeight();
    at.y += std::max(0.0f, (line - sz.y - 2 * pad.y) / 2);
    auto* dl = ImGui::GetWindowDrawList();
    ImVec2 end(at.x + sz.x + 2 * pad.x, at.y + sz.y + 2 * pad.y);
    dl->AddRectFilled(at, end, fill, wrapped ? px(8) : sz.y);
    dl->AddText(f, f->FontSize, ImVec2(at.x + pad.x, at.y + pad.y), ink, text.c_str(), nullptr, wrap);
    ImGui::Dummy(ImVec2(end.x - ImGui::GetCursorScreenPos().x, std::max(line, end.y - ImGui::GetCursorScreenPos().y)));
}

std::pair<ImU32, ImU32> status_colours(OpinionStatus s) {
    switch (s) {
        case OpinionStatus::received: return {IM_COL32(236, 232, 226, 255), IM_COL32(80, 74, 68, 255)};
        case OpinionStatus::included: return {IM_COL32(226, 236, 248, 255), IM_COL32(28, 70, 130, 255)};
        case OpinionStatus::adopted: return {IM_COL32(222, 242, 226, 255), IM_COL32(22, 100, 44, 255)};
        case OpinionStatus::partly_adopted: return {IM_COL32(236, 244, 214, 255), IM_COL32(74, 96, 14, 255)};
        case OpinionStatus::not_adopted: return {IM_COL32(246, 232, 228, 255), IM_COL32(128, 44, 32, 255)};
    }
    return {IM_COL32(236, 232, 226, 255), IM_COL32(80, 74, 68, 255)};
}

std::pair<ImU32, ImU32> stance_colours(Stance s) {
    switch (s) {
        case Stance::support: return {IM_COL32(222, 242, 226, 255), IM_COL32(22, 100, 44, 255)};
        case Stance::oppose: return {IM_COL32(250, 226, 222, 255), IM_COL32(150, 30, 24, 255)};
        case Stance::suggest: return {IM_COL32(252, 240, 214, 255), IM_COL32(120, 80, 10, 255)};
    }
    return {IM_COL32(236, 232, 226, 255), IM_COL32(80, 74, 68, 255)};
}

void bar_chart(const GuiFrame& f, const std::vector<std::pair<std::string, double>>& rows, ImU32 colour,
               float label_width, const std::string& value_suffix, double scale_to) {
    double top = scale_to;
    for (auto& r : rows) top = std::max(top, r.second);
    float row_h = f.shell.font_size(FontRole::body) * 1.7f;
    float width = ImGui::GetContentRegionAvail().x;
    ImVec2 at = ImGui::GetCursorScreenPos();
    auto* dl = ImGui::GetWindowDrawList();
    ImFont* font = f.shell.font(FontRole::body);
    float value_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, ("0000000" + value_suffix).c_str()).x;
    float bar_room = std::max(10.0f, width - label_width - value_w - f.px(16));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        float y = at.y + static_cast<float>(i) * row_h;
        float text_y = y + (row_h - font->FontSize) / 2;
        // The label, cut with an ellipsis if it is longer than its column.
        std::string label = rows[i].first;
        const char* end = font->CalcWordWrapPositionA(1.0f, label.c_str(), label.c_str() + label.size(), label_width - f.px(8));
        if (end < label.c_str() + label.size()) label = std::string(label.c_str(), end) + "…";
        dl->AddText(font, font->FontSize, ImVec2(at.x, text_y), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
        float w = top > 0 ? static_cast<float>(rows[i].second / top) * bar_room : 0;
        float bar_top = y + row_h * 0.18f, bar_bottom = y + row_h * 0.82f;
        dl->AddRectFilled(ImVec2(at.x + label_width, bar_top), ImVec2(at.x + label_width + std::max(2.0f, w), bar_bottom),
                          colour, f.px(3));
        char value[48];
        if (rows[i].second == static_cast<double>(static_cast<long long>(rows[i].second)))
            std::snprintf(value, sizeof value, "%lld", static_cast<long long>(rows[i].second));
        else
            std::snprintf(value, sizeof value, "%.1f", rows[i].second);
        dl->AddText(font, font->FontSize, ImVec2(at.x + label_width + w + f.px(8), text_y), ImGui::GetColorU32(ImGuiCol_Text),
                    (value + value_suffix).c_str());
    }
    ImGui::Dummy(ImVec2(width, row_h * static_cast<float>(rows.size())));
}

void day_chart(const GuiFrame& f, const std::vector<std::pair<std::string, double>>& days, float height) {
    float width = ImGui::GetContentRegionAvail().x;
    ImVec2 at = ImGui::GetCursorScreenPos();
    auto* dl = ImGui::GetWindowDrawList();
    ImFont* font = f.shell.font(FontRole::caption);
    double top = 1;
    for (auto& d : days) top = std::max(top, d.second);
    float chart_h = height - font->FontSize * 1.6f;
    float slot = days.empty() ? width : width / static_cast<float>(days.size());
    dl->AddLine(ImVec2(at.x, at.y + chart_h), ImVec2(at.x + width, at.y + chart_h), IM_COL32(200, 194, 188, 255));
    for (std::size_t i = 0; i < days.size(); ++i) {
        float h = static_cast<float>(days[i].second / top) * (chart_h - font->FontSize * 1.4f);
        float x0 = at.x + static_cast<float>(i) * slot + slot * 0.15f, x1 = at.x + static_cast<float>(i + 1) * slot - slot * 0.15f;
        if (days[i].second > 0) dl->AddRectFilled(ImVec2(x0, at.y + chart_h - h), ImVec2(x1, at.y + chart_h), kAccent, 2);
        if (days[i].second > 0 && slot > font->FontSize * 1.2f) {
            std::string v = std::to_string(static_cast<long long>(days[i].second));
            ImVec2 vs = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, v.c_str());
            dl->AddText(font, font->FontSize, ImVec2((x0 + x1 - vs.x) / 2, at.y + chart_h - h - vs.y - 2), kMuted, v.c_str());
        }
    }
    if (!days.empty()) {
        dl->AddText(font, font->FontSize, ImVec2(at.x, at.y + chart_h + 4), kMuted, days.front().first.c_str());
        ImVec2 ls = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, days.back().first.c_str());
        dl->AddText(font, font->FontSize, ImVec2(at.x + width - ls.x, at.y + chart_h + 4), kMuted, days.back().first.c_str());
    }
    ImGui::Dummy(ImVec2(width, height));
}

}  // namespace lianxin::admin
