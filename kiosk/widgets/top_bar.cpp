// The top bar.
#include "kiosk/widgets/top_bar.h"

#include <cmath>

namespace lianxin::kiosk {

float top_bar_height(const Ui& ui) { return std::round(ui.s(theme::top_bar_height)); }

bool draw_logo(Ui& ui, ImRect r, bool on_dark) {
    auto* dl = ui.dl();
    float rr = r.GetWidth() * 0.22f;
    dl->AddRectFilled(r.Min, r.Max, on_dark ? theme::white : theme::primary, rr);
    // Two linked rings: the bridge between residents and the legislature.
    ImVec2 c = r.GetCenter();
    float rad = r.GetWidth() * 0.2f, off = rad * 0.62f, th = std::max(2.0f, r.GetWidth() * 0.07f);
    ImU32 ring = on_dark ? theme::primary : theme::white;
    dl->AddCircle(ImVec2(c.x - off, c.y), rad, ring, 40, th);
    dl->AddCircle(ImVec2(c.x + off, c.y), rad, on_dark ? theme::gold : theme::gold, 40, th);
    return ui.tapped(r);  // not a registered target: the gesture is for staff
}

float language_toggle_width(const Ui& ui) { return std::round(ui.s(360)); }

void draw_language_toggle(Ui& ui, ImRect r, TopBarActions& out, bool on_dark) {
    auto* dl = ui.dl();
    float h = r.GetHeight();
    dl->AddRectFilled(r.Min, r.Max, on_dark ? theme::rgb(0x000000, 90) : theme::surface, h / 2);
    dl->AddRect(r.Min, r.Max, on_dark ? theme::rgb(0xFFFFFF, 140) : theme::line, h / 2, 0, ui.s(2));
    // Three segments, the same words in every language: each names itself.
    struct Segment {
        const char* label;
        bool chosen;
        bool* action;
    };
    Segment segs[] = {{"中文", !ui.bilingual() && ui.lang() == Lang::zh, &out.switch_to_zh},
                      {"EN", !ui.bilingual() && ui.lang() == Lang::en, &out.switch_to_en},
                      {"中英", ui.bilingual(), &out.switch_to_both}};
    float w = r.GetWidth() / 3;
    ImU32 idle = on_dark ? theme::white : theme::ink;
    for (int i = 0; i < 3; ++i) {
        ImRect seg(ImVec2(std::round(r.Min.x + w * i), r.Min.y), ImVec2(std::round(r.Min.x + w * (i + 1)), r.Max.y));
        ImRect pill = seg;
        pill.Expand(-ui.s(6));
        if (segs[i].chosen) dl->AddRectFilled(pill.Min, pill.Max, theme::primary, pill.GetHeight() / 2);
        else if (ui.held(seg)) dl->AddRectFilled(pill.Min, pill.Max, theme::rgb(0x000000, 30), pill.GetHeight() / 2);
        ui.label_centered(segs[i].label, FontRole::lead, segs[i].chosen ? theme::white : idle, seg);
        ui.register_target(segs[i].label, seg);
        if (ui.tapped(seg)) *segs[i].action = true;
    }
}

TopBarActions draw_top_bar(Ui& ui, bool can_go_back, const std::string& hall_name) {
    TopBarActions a;
    auto* dl = ui.dl();
    float h = top_bar_height(ui), m = ui.s(theme::margin);
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ui.size().x, h), theme::surface);
    dl->AddLine(ImVec2(0, h), ImVec2(ui.size().x, h), theme::line, ui.s(2));
    float btn_h = ui.s(theme::touch_target);
    float y = std::round((h - btn_h) / 2);
    ImRect logo(ImVec2(m, y), ImVec2(m + btn_h, y + btn_h));
    a.logo = draw_logo(ui, logo, false);

    float toggle_w = language_toggle_width(ui);
    ImRect toggle(ImVec2(ui.size().x - m - toggle_w, y), ImVec2(ui.size().x - m, y + btn_h));
    draw_language_toggle(ui, toggle, a, false);

    float x = logo.Max.x + ui.s(24);
    if (can_go_back) {
        const std::string& back = ui.t("nav.back");
        float bw = std::max(ui.s(170), ui.text().measure(back, FontRole::lead) + ui.s(80));
        ImRect rb(ImVec2(x, y), ImVec2(x + bw, y + btn_h));
        if (ui.button(back, rb, ButtonKind::chip)) a.back = true;
        ui.chevron(ImVec2(rb.Min.x + ui.s(30), rb.GetCenter().y), ui.s(11), false, theme::ink, ui.s(4));
        x = rb.Max.x + ui.s(16);
        const std::string& home = ui.t("nav.home");
        float hw = std::max(ui.s(150), ui.text().measure(home, FontRole::lead) + ui.s(56));
        ImRect rh(ImVec2(x, y), ImVec2(x + hw, y + btn_h));
        if (ui.button(home, rh, ButtonKind::chip)) a.home = true;
        x = rh.Max.x + ui.s(24);
    }
    // The hall's name where there is room for all of it: one line, else two smaller ones, else
    // none (the attract and home screens name the hall in full; a cut name helps nobody).
    float room = toggle.Min.x - ui.s(24) - x;
    if (room > ui.s(240)) {
        const TextLayout* l = &ui.text().layout(hall_name, FontRole::lead, theme::muted, room, {1.2f, 0, false});
        if (l->lines.size() > 1) l = &ui.text().layout(hall_name, FontRole::body, theme::muted, room, {1.15f, 0, false});
        if (l->lines.size() <= 2) ui.draw(*l, ImVec2(x, std::round(h / 2 - l->height / 2)));
    }
    return a;
}

}  // namespace lianxin::kiosk
