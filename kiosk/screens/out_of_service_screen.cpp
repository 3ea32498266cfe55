// Out of service: the kiosk has no content it may show (the configured bundle was refused and no
// earlier verified one is kept). It says so in both languages at once, since no one can choose a
// language here, and stays up so staff can reach maintenance (logo gesture and PIN) and the sync
// agent can bring new content, which replaces this screen at once.
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/top_bar.h"

namespace lianxin::kiosk {

namespace {

class OutOfServiceScreen : public Screen {
public:
    explicit OutOfServiceScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "out-of-service"; }
    std::string title(const Ui& ui) const override { return ui.t("out_of_service.title"); }
    bool full_screen() const override { return true; }
    bool between_visits() const override { return true; }

    void draw(Ui& ui, ImRect area) override {
        float w = area.GetWidth(), h = area.GetHeight();
        float m = ui.s(theme::margin) * 1.5f;
        float bh = ui.s(theme::touch_target);
        // The logo where the attract screen has it: five taps open the PIN pad.
        ImRect logo(ImVec2(m, m * 0.6f), ImVec2(m + bh, m * 0.6f + bh));
        if (draw_logo(ui, logo, false)) ctx_.shell->logo_tapped();

        float cw = std::min(w - 2 * m, ui.s(1200));
        float x = std::round((w - cw) / 2);
        TextLayoutOptions center;
        center.center = true;
        // Chinese first, then English, each a title over its explanation.
        auto& zh_title = ui.text().layout(ui.t_in(Lang::zh, "out_of_service.title"), FontRole::title, theme::primary_dark,
                                          cw, center);
        auto& zh_body = ui.text().layout(ui.t_in(Lang::zh, "out_of_service.explain"), FontRole::lead, theme::ink, cw, center);
        auto& en_title = ui.text().layout(ui.t_in(Lang::en, "out_of_service.title"), FontRole::title, theme::primary_dark,
                                          cw, center);
        auto& en_body = ui.text().layout(ui.t_in(Lang::en, "out_of_service.explain"), FontRole::lead, theme::ink, cw, center);
        float gap = ui.s(20), rule = ui.s(56);
        float total = zh_title.height + gap + zh_body.height + rule + en_title.height + gap + en_body.height;
        float y = std::round(std::max(logo.Max.y + m, area.Min.y + (h - total) / 2));
        auto* dl = ui.dl();
        ui.draw(zh_title, ImVec2(x, y));
        y += zh_title.height + gap;
        ui.draw(zh_body, ImVec2(x, y));
        y += zh_body.height + rule / 2;
        dl->AddRectFilled(ImVec2(w / 2 - ui.s(48), y - ui.s(3)), ImVec2(w / 2 + ui.s(48), y + ui.s(3)), theme::gold);
        y += rule / 2;
        ui.draw(en_title, ImVec2(x, y));
        y += en_title.height + gap;
        ui.draw(en_body, ImVec2(x, y));
    }

private:
    AppContext& ctx_;
};

}  // namespace

std::unique_ptr<Screen> make_out_of_service_screen(AppContext& ctx) { return std::make_unique<OutOfServiceScreen>(ctx); }

}  // namespace lianxin::kiosk
