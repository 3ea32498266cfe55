// Consultations open for opinions: one card per draft with where it stands in its process
// (the stage tracker) and how many days are left; a card opens the draft.
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

class ConsultationsScreen : public Screen {
public:
    explicit ConsultationsScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "consultations"; }
    std::string title(const Ui& ui) const override { return ui.t("consult.title"); }

    void draw(Ui& ui, ImRect area) override {
        auto& list = ctx_.content().consultations;
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t("consult.title"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, ui.bilingual() ? 2 : 1, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("consult.intro"), FontRole::lead, theme::muted, ImVec2(x, y), std::min(w, ui.s(1500))) + ui.s(30);
        if (list.empty()) ui.paragraph(ui.t("consult.none"), FontRole::lead, theme::ink, ImVec2(x, y), w);
        LocalDate today = ctx_.today();
        for (auto& c : list) {
            float h = card_height(ui, c, w, today);
            draw_card(ui, c, ImRect(ImVec2(x, y), ImVec2(x + w, y + h)), today);
            y += h + g;
        }
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    std::string badge_text(const Ui& ui, const Consultation& c, const LocalDate& today) const {
        long left = days_between(today, c.deadline);
        return !c.is_collecting() || left < 0 ? ui.t("consult.closed")
               : left == 0                    ? ui.t("consult.last_day")
                                              : ui.tf("consult.days_left", {std::to_string(left)});
    }

    // A card's words, top to bottom, laid out at `w` (the card's inner width); never cut, so
    // the card is as tall as they need.
    struct CardText {
        const TextLayout *title, *deadline, *summary;
        float tracker_h;
    };
    CardText card_text(Ui& ui, const Consultation& c, float w, float badge_w) {
        CardText t{};
        t.title = &ui.text().layout(ui.pick(c.title), FontRole::heading, theme::ink, w - badge_w - ui.s(24), {1.3f, 0, false});
        t.deadline = &ui.text().layout(ui.tf("consult.deadline", {c.deadline.to_string()}), FontRole::body,
                                       theme::teal, w, {1.3f, 0, false});
        t.summary = &ui.text().layout(ui.pick(c.summary), FontRole::body, theme::muted, w, {1.45f, 0, false});
        t.tracker_h = stage_tracker_height(ui, c, w, ui.portrait());
        return t;
    }
    float badge_width(Ui& ui, const std::string& badge) { return ui.text().measure(badge, FontRole::lead) + ui.s(48); }
    float card_height(Ui& ui, const Consultation& c, float w, const LocalDate& today) {
        float pad = ui.s(36), in_w = w - 2 * pad;
        auto t = card_text(ui, c, in_w, badge_width(ui, badge_text(ui, c, today)));
        float title_h = std::max(t.title->height, ui.s(64));
        return 2 * pad + title_h + ui.s(8) + t.deadline->height + ui.s(8) + t.summary->height + ui.s(20) + t.tracker_h +
               ui.s(20) + ui.s(theme::touch_target);
    }

    void draw_card(Ui& ui, const Consultation& c, ImRect r, const LocalDate& today) {
        ImRect shown = ui.pressable_card(r);
        auto* dl = ui.dl();
        float pad = ui.s(36);
        ImRect in(ImVec2(shown.Min.x + pad, shown.Min.y + pad), ImVec2(shown.Max.x - pad, shown.Max.y - pad));
        dl->AddRectFilled(shown.Min, ImVec2(shown.Min.x + ui.s(10), shown.Max.y), theme::primary, ui.s(theme::radius),
                          ImDrawFlags_RoundCornersLeft);
        // Days left, as a badge in the corner.
        long left = days_between(today, c.deadline);
        std::string badge = badge_text(ui, c, today);
        float bw = badge_width(ui, badge);
        ImRect br(ImVec2(in.Max.x - bw, in.Min.y), ImVec2(in.Max.x, in.Min.y + ui.s(64)));
        dl->AddRectFilled(br.Min, br.Max, left >= 0 && c.is_collecting() ? theme::rgb(0xD9A441, 60) : theme::line, br.GetHeight() / 2);
        ui.label_centered(badge, FontRole::lead, theme::primary_dark, br);

        auto t = card_text(ui, c, in.GetWidth(), bw);
        float y = in.Min.y;
        ui.draw(*t.title, ImVec2(in.Min.x, y));
        y += std::max(t.title->height, ui.s(64)) + ui.s(8);
        ui.draw(*t.deadline, ImVec2(in.Min.x, y));
        y += t.deadline->height + ui.s(8);
        ui.draw(*t.summary, ImVec2(in.Min.x, y));
        y += t.summary->height + ui.s(20);
        draw_stage_tracker(ui, ImRect(ImVec2(in.Min.x, y), ImVec2(in.Max.x, y + t.tracker_h)), c, ui.portrait());
        float button_h = ui.s(theme::touch_target);
        const std::string& read = ui.t("consult.read");
        float rw = ui.text().measure(read, FontRole::lead) + ui.s(90);
        ImRect rb(ImVec2(in.Max.x - rw, in.Max.y - button_h), in.Max);
        dl->AddRectFilled(rb.Min, rb.Max, theme::primary, rb.GetHeight() / 2);
        ui.label_centered(read, FontRole::lead, theme::white, rb);
        ui.register_target(ui.pick(c.title), r);
        if (ui.tapped(r)) ctx_.nav->push(make_draft_screen(ctx_, c.id));
    }

    AppContext& ctx_;
    ScrollView scroll_;
    float extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_consultations_screen(AppContext& ctx) { return std::make_unique<ConsultationsScreen>(ctx); }

}  // namespace lianxin::kiosk
