// Key figures: the numbers behind the practices, large enough to read across the hall; a
// figure linked to an exhibit opens it.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

class FiguresScreen : public Screen {
public:
    explicit FiguresScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "figures"; }
    std::string title(const Ui& ui) const override { return ui.t("home.figures"); }

    void draw(Ui& ui, ImRect area) override {
        auto& figures = ctx_.content().figures;
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t("home.figures"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, ui.bilingual() ? 2 : 1, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("figures.intro"), FontRole::lead, theme::muted, ImVec2(x, y), w) + ui.s(30);
        y += ui.translation_note(std::any_of(figures.begin(), figures.end(), [](const Figure& f) { return f.english_pending; }),
                                 ImVec2(x, y), w);

        int cols = ui.portrait() ? 2 : 4;
        float cw = (w - g * (cols - 1)) / cols, pad = ui.s(28);
        // Cards as tall as the longest label needs: a figure's words are never cut.
        float label_h = 0;
        for (auto& f : figures)
            label_h = std::max(label_h, ui.text().layout(ui.pick(f.label), FontRole::lead, theme::ink, cw - 2 * pad,
                                                          {1.35f, 0, false}).height);
        float ch = std::max(ui.s(340), pad + ui.s(18) + ui.fonts().size(FontRole::display) * 1.15f + label_h + pad);
        int n = static_cast<int>(figures.size());
        for (int i = 0; i < n; ++i) {
            int col = i % cols;
            ImRect r(ImVec2(x + col * (cw + g), y), ImVec2(x + col * (cw + g) + cw, y + ch));
            draw_figure(ui, figures[static_cast<std::size_t>(i)], r);
            if (col == cols - 1 || i == n - 1) y += ch + g;
        }
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    void draw_figure(Ui& ui, const Figure& f, ImRect r) {
        bool linked = !f.exhibit.empty() && ctx_.content().find_exhibit(f.exhibit);
        ImRect shown = ui.pressable_card(r, linked);
        auto* dl = ui.dl();
        float pad = ui.s(28);
        dl->AddRectFilled(ImVec2(shown.Min.x + pad, shown.Min.y + pad), ImVec2(shown.Min.x + pad + ui.s(56), shown.Min.y + pad + ui.s(8)),
                          theme::gold);
        float y = shown.Min.y + pad + ui.s(18);
        ui.label(f.value, FontRole::display, theme::primary, ImVec2(shown.Min.x + pad, y));
        float vw = ui.text().measure(f.value, FontRole::display);
        if (!f.unit.empty())
            ui.label(ui.each_lang([&](Lang) { return ui.pick(f.unit); }), FontRole::lead, theme::primary_dark,
                     ImVec2(shown.Min.x + pad + vw + ui.s(10), y + ui.fonts().size(FontRole::display) * 0.62f));
        y += ui.fonts().size(FontRole::display) * 1.15f;
        ui.paragraph(ui.pick(f.label), FontRole::lead, theme::ink, ImVec2(shown.Min.x + pad, y), shown.GetWidth() - 2 * pad,
                     {1.35f, 0, false});
        if (linked) {
            ImVec2 a(shown.Max.x - pad - ui.s(10), shown.Min.y + pad + ui.s(10));
            dl->AddCircleFilled(a, ui.s(20), theme::rgb(0xB8322A, 40), 24);
            ui.chevron(a, ui.s(7), true, theme::primary, ui.s(3.5f));
            ui.register_target(ui.pick(f.label), r);
            if (ui.tapped(r)) ctx_.nav->push(make_exhibit_screen(ctx_, f.exhibit));
        }
    }

    AppContext& ctx_;
    ScrollView scroll_;
    float extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_figures_screen(AppContext& ctx) { return std::make_unique<FiguresScreen>(ctx); }

}  // namespace lianxin::kiosk
