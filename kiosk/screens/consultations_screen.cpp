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
        ui.push_clip(area);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t("consult.title"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, 1, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("consult.intro"), FontRole::lead, theme::muted, ImVec2(x, y), std::min(w, ui.s(1500))) + ui.s(30);
        if (list.empty()) ui.paragraph(ui.t("consult.none"), FontRole::lead, theme::ink, ImVec2(x, y), w);
        LocalDate today = ctx_.today();
        for (auto& c : list) {
            float h = ui.portrait() ? ui.s(560) : ui.s(430);
            draw_card(ui, c, ImRect(ImVec2(x, y), ImVec2(x + w, y + h)), today);
            y += h + g;
        }
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    void draw_card(Ui& ui, const Consultation& c, ImRect r, const LocalDate& today) {
        ImRect shown = ui.pressable_card(r);
        auto* dl = ui.dl();
        float pad = ui.s(36);
        ImRect in(ImVec2(shown.Min.x + pad, shown.Min.y + pad), ImVec2(shown.Max.x - pad, shown.Max.y - pad));
        dl->AddRectFilled(shown.Min, ImVec2(shown.Min.x + ui.s(10), shown.Max.y), theme::primary, ui.s(theme::radius),
                          ImDrawFlags_RoundCornersLeft);
        // Days left, as a badge in the corner.
        long left = days_between(today, c.deadline);
        std::string badge = !c.is_collecting() || left < 0 ? ui.t("consult.closed")
                            : left == 0                    ? ui.t("consult.last_day")
                                                           : format_text(ui.t("consult.days_left"), {std::to_string(left)});
        float bw = ui.text().measure(badge, FontRole::lead) + ui.s(48);
        ImRect br(ImVec2(in.Max.x - bw, in.Min.y), ImVec2(in.Max.x, in.Min.y + ui.s(64)));
        dl->AddRectFilled(br.Min, br.Max, left >= 0 && c.is_collecting() ? theme::rgb(0xD9A441, 60) : theme::line, br.GetHeight() / 2);
        ui.label_centered(badge, FontRole::lead, theme::primary_dark, br);

        float y = in.Min.y;
        float tw = in.GetWidth() - bw - ui.s(24);
        y += ui.paragraph(ui.pick(c.title), FontRole::heading, theme::ink, ImVec2(in.Min.x, y), tw,
                          {1.3f, ui.portrait() ? 3 : 2, false}) + ui.s(8);
        y += ui.paragraph(format_text(ui.t("consult.deadline"), {c.deadline.to_string()}), FontRole::body, theme::teal,
                          ImVec2(in.Min.x, y), in.GetWidth(), {1.3f, 1, false}) + ui.s(8);
        float tracker_h = ui.s(110);
        float button_h = ui.s(theme::touch_target);
        float summary_room = in.Max.y - y - tracker_h - button_h - ui.s(30);
        TextLayoutOptions sum;
        sum.max_lines = std::max(1, static_cast<int>(summary_room / (ui.fonts().size(FontRole::body) * 1.45f)));
        ui.paragraph(ui.pick(c.summary), FontRole::body, theme::muted, ImVec2(in.Min.x, y), in.GetWidth(), sum);
        draw_stage_tracker(ui, ImRect(ImVec2(in.Min.x, in.Max.y - button_h - ui.s(20) - tracker_h),
                                      ImVec2(in.Max.x, in.Max.y - button_h - ui.s(20))),
                           c, ui.portrait());
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
