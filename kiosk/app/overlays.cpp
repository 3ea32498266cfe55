// The idle countdown, the keep-or-discard question and the maintenance PIN pad.
#include "kiosk/app/overlays.h"

#include <cmath>

namespace lianxin::kiosk {

namespace {
constexpr int kMaxFailures = 5;
constexpr Millis kLockout = 60'000;

ImRect centered_panel(Ui& ui, float w, float h) {
    ImVec2 c(ui.size().x / 2, ui.size().y / 2);
    return ImRect(ImVec2(std::round(c.x - w / 2), std::round(c.y - h / 2)), ImVec2(std::round(c.x + w / 2), std::round(c.y + h / 2)));
}
}  // namespace

bool draw_countdown_overlay(Ui& ui, Millis left_ms, Millis total_ms) {
    auto* dl = ui.dl();
    dl->AddRectFilled(ImVec2(0, 0), ui.size(), theme::scrim);
    float w = std::min(ui.size().x - ui.s(96), ui.s(900));
    TextLayoutOptions center;
    center.center = true;
    auto& title = ui.text().layout(ui.t("idle.still_there"), FontRole::title, theme::ink, w - ui.s(80), center);
    auto& explain = ui.text().layout(ui.t("idle.explain"), FontRole::body, theme::muted, w - ui.s(80), center);
    float bh = ui.s(theme::touch_target) * 1.1f;
    float h = ui.s(56) + title.height + ui.s(30) + ui.s(250) + explain.height + ui.s(36) + bh + ui.s(40);
    ImRect p = centered_panel(ui, w, h);
    ui.card(p);
    float y = p.Min.y + ui.s(56);
    ui.draw(title, ImVec2(p.Min.x + ui.s(40), y));
    y += title.height + ui.s(30);
    // A ring that empties as the seconds run out.
    ImVec2 c(p.GetCenter().x, y + ui.s(110));
    float r = ui.s(100), frac = total_ms > 0 ? static_cast<float>(left_ms) / total_ms : 0;
    dl->AddCircle(c, r, theme::line, 64, ui.s(14));
    const float start = -IM_PI / 2;
    dl->PathArcTo(c, r, start, start + 2 * IM_PI * frac, 64);
    dl->PathStroke(theme::primary, 0, ui.s(14));
    std::string secs = std::to_string((left_ms + 999) / 1000);
    ui.label_centered(secs, FontRole::display, theme::primary, ImRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r)));
    y += ui.s(250);
    ui.draw(explain, ImVec2(p.Min.x + ui.s(40), y));
    float bw = (w - ui.s(40) * 2 - ui.s(24)) / 2;
    float by = p.Max.y - ui.s(40) - bh;
    bool finish = ui.button(ui.t("idle.finish"), ImRect(ImVec2(p.Min.x + ui.s(40), by), ImVec2(p.Min.x + ui.s(40) + bw, by + bh)),
                            ButtonKind::secondary);
    // "Continue" needs no handler of its own: any tap that is not "Finish" resumes the visit.
    ui.button(ui.t("idle.continue"), ImRect(ImVec2(p.Max.x - ui.s(40) - bw, by), ImVec2(p.Max.x - ui.s(40), by + bh)),
              ButtonKind::primary);
    return finish;
}

DiscardChoice draw_discard_overlay(Ui& ui) {
    auto* dl = ui.dl();
    dl->AddRectFilled(ImVec2(0, 0), ui.size(), theme::scrim);
    float w = std::min(ui.size().x - ui.s(96), ui.s(900));
    TextLayoutOptions center;
    center.center = true;
    auto& title = ui.text().layout(ui.t("leave.title"), FontRole::title, theme::ink, w - ui.s(80), center);
    auto& explain = ui.text().layout(ui.t("leave.explain"), FontRole::lead, theme::muted, w - ui.s(80), center);
    float bh = ui.s(theme::touch_target) * 1.1f;
    float h = ui.s(56) + title.height + ui.s(24) + explain.height + ui.s(48) + bh + ui.s(40);
    ImRect p = centered_panel(ui, w, h);
    ui.card(p);
    float y = p.Min.y + ui.s(56);
    ui.draw(title, ImVec2(p.Min.x + ui.s(40), y));
    y += title.height + ui.s(24);
    ui.draw(explain, ImVec2(p.Min.x + ui.s(40), y));
    // "Keep writing" where "continue" is on the countdown, and the stronger colour: the safe
    // choice is the one a hurried finger lands on.
    float bw = (w - ui.s(40) * 2 - ui.s(24)) / 2;
    float by = p.Max.y - ui.s(40) - bh;
    if (ui.button(ui.t("leave.discard"), ImRect(ImVec2(p.Min.x + ui.s(40), by), ImVec2(p.Min.x + ui.s(40) + bw, by + bh)),
                  ButtonKind::secondary))
        return DiscardChoice::discard;
    if (ui.button(ui.t("leave.keep"), ImRect(ImVec2(p.Max.x - ui.s(40) - bw, by), ImVec2(p.Max.x - ui.s(40), by + bh)),
                  ButtonKind::primary))
        return DiscardChoice::keep;
    if (ui.tapped(ImRect(ImVec2(0, 0), ui.size())) && !p.Contains(ui.pointer().tap_pos())) return DiscardChoice::keep;
    return DiscardChoice::none;
}

namespace {
constexpr float kMessageHeight = 92;  // two lines of body text at 1080p
}  // namespace

bool PinPad::draw(Ui& ui) {
    Ui::OneLanguage staff(ui, ui.lang());  // for staff: one language, as maintenance
    if (!open_) return false;
    auto* dl = ui.dl();
    dl->AddRectFilled(ImVec2(0, 0), ui.size(), theme::scrim);
    float key = ui.s(110), gap = ui.s(18);
    float w = 3 * key + 2 * gap + ui.s(80);
    TextLayoutOptions center;
    center.center = true;
    auto& title = ui.text().layout(ui.t("pin.title"), FontRole::heading, theme::ink, w, center);
    // Top to bottom: title, dots, message, the keys, Cancel under them.
    float h = ui.s(36) + title.height + ui.s(16 + 56 + kMessageHeight) + 4 * key + 3 * gap + ui.s(28) +
              ui.s(theme::touch_target) + ui.s(32);
    ImRect p = centered_panel(ui, w, h);
    ui.card(p);
    float x = p.Min.x + ui.s(40), y = p.Min.y + ui.s(36);
    ui.draw(title, ImVec2(p.Min.x, y));
    y += title.height + ui.s(16);
    // Dots, not digits: someone may be watching.
    std::size_t shown = std::max<std::size_t>(4, entered_.size());
    float dot_gap = ui.s(40), dx = p.GetCenter().x - (shown - 1) * dot_gap / 2;
    for (std::size_t i = 0; i < shown; ++i)
        dl->AddCircleFilled(ImVec2(dx + i * dot_gap, y + ui.s(20)), ui.s(11), i < entered_.size() ? theme::ink : theme::line, 20);
    y += ui.s(56);
    bool locked = ui.now() < locked_until_;
    if (!locked && locked_until_ != 0) {
        locked_until_ = 0;
        message_.clear();
    }
    if (locked) {
        message_ = ui.tf("pin.locked", {std::to_string((locked_until_ - ui.now() + 999) / 1000)});
        ui.wake_at(ui.now() + 1000 - (ui.now() % 1000));
    }
    // Two lines kept for the message ("wrong PIN", the lockout's countdown), inside the padding.
    if (!message_.empty())
        ui.paragraph(message_, FontRole::body, theme::primary, ImVec2(p.Min.x + ui.s(24), y), w - ui.s(48), center);
    y += ui.s(kMessageHeight);

    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
    std::string del = ui.t("pin.delete"), ok = ui.t("pin.ok");
    bool success = false;
    for (int i = 0; i < 12; ++i) {
        int row = i / 3, col = i % 3;
        ImRect r(ImVec2(x + col * (key + gap), y + row * (key + gap)), ImVec2(x + col * (key + gap) + key, y + row * (key + gap) + key));
        std::string label = i == 9 ? del : i == 11 ? ok : labels[i];
        ButtonKind kind = i == 11 ? ButtonKind::primary : ButtonKind::chip;
        if (!ui.button(label, r, kind, i == 9 || i == 11 ? FontRole::lead : FontRole::heading) || locked) continue;
        if (i == 9) {
            if (!entered_.empty()) entered_.pop_back();
        } else if (i == 11) {
            if (check_(entered_)) {
                success = true;
                failures_ = 0;
                close();
            } else {
                entered_.clear();
                if (++failures_ >= kMaxFailures) {
                    locked_until_ = ui.now() + kLockout;
                    failures_ = 0;
                } else {
                    message_ = ui.t("pin.wrong");
                }
            }
        } else if (entered_.size() < 12) {
            entered_ += label;
            message_.clear();
        }
    }
    float by = y + 4 * key + 3 * gap + ui.s(28);
    if (ui.button(ui.t("pin.cancel"), ImRect(ImVec2(x, by), ImVec2(p.Max.x - ui.s(40), by + ui.s(theme::touch_target))),
                  ButtonKind::quiet))
        close();
    return success;
}

}  // namespace lianxin::kiosk
