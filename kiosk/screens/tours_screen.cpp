// The guided tours a guide can start: one card per tour (its first stop's picture, title, intro and
// number of stops) and a line on the presenter remote's keys. Tapping a card starts the tour.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

// The picture a tour is known by: its first stop's exhibit picture that there is.
std::string tour_picture(const ContentSet& c, const Tour& t) {
    for (auto& stop : t.stops)
        if (auto* e = stop.exhibit.empty() ? nullptr : c.find_exhibit(stop.exhibit); e && !e->image.empty()) return e->image;
    return {};
}

class ToursScreen : public Screen {
public:
    explicit ToursScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "tours"; }
    std::string title(const Ui& ui) const override { return ui.t("tour.list_title"); }

    void draw(Ui& ui, ImRect area) override {
        auto& tours = ctx_.content().tours;
        if (tours.empty()) { ctx_.nav->back(); return; }
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m * 0.8f - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t_lines("tour.list_title"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, 0, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("tour.list_intro"), FontRole::lead, theme::muted, ImVec2(x, y), std::min(w, ui.s(1500))) + ui.s(36);
        for (auto& t : tours) y += draw_tour(ui, t, ImVec2(x, y), w) + g;
        y += ui.s(8);
        y += draw_remote_hint(ui, ImVec2(x, y), w);
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // A tour's card: the picture beside the words (above them on a portrait screen), and a
    // "start" pill that shows what a tap anywhere on the card does. Returns its height.
    float draw_tour(Ui& ui, const Tour& t, ImVec2 pos, float w) {
        float pad = ui.s(36);
        bool side = !ui.portrait();
        float media_w = side ? std::round(w * 0.38f) : w;
        float media_h = std::round(media_w * 9 / 16);
        float words_x = side ? pos.x + media_w + pad : pos.x + pad;
        float words_w = side ? w - media_w - 2 * pad : w - 2 * pad;
        const std::string& start = ui.t("tour.start");
        float pill_h = ui.s(theme::touch_target);
        float pill_w = ui.text().measure(start, FontRole::lead) + ui.s(96);
        // Laid out first, so the card is as tall as its words need.
        auto& title = ui.text().layout(ui.pick(t.title), FontRole::heading, theme::ink, words_w, {1.25f, 0, false});
        auto& intro = ui.text().layout(ui.pick(t.intro), FontRole::lead, theme::ink, words_w, {1.4f, 0, false});
        std::string count = ui.each_lang([&](Lang) { return ui.tf("tour.stops", {std::to_string(t.stops.size())}); });
        float words_h = title.height + ui.s(14) + intro.height + ui.s(24) + pill_h;
        float h = side ? std::max(media_h, words_h + 2 * pad) : media_h + words_h + 2 * pad;
        ImRect r(pos, ImVec2(pos.x + w, pos.y + h));
        ImRect shown = ui.pressable_card(r);
        float rr = ui.s(theme::radius);
        ImRect media = side ? ImRect(shown.Min, ImVec2(shown.Min.x + media_w, shown.Max.y))
                            : ImRect(shown.Min, ImVec2(shown.Max.x, shown.Min.y + media_h));
        std::string picture = tour_picture(ctx_.content(), t);
        if (!picture.empty())
            ui.image_contain(picture, media, rr, side ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop);
        else
            ui.dl()->AddRectFilled(media.Min, media.Max, theme::primary_dark, rr, side ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop);
        float y = (side ? shown.Min.y : media.Max.y) + pad;
        float wx = side ? words_x : shown.Min.x + pad;
        ui.draw(title, ImVec2(wx, y));
        y += title.height + ui.s(14);
        ui.draw(intro, ImVec2(wx, y));
        y += intro.height + ui.s(24);
        ImRect pill(ImVec2(wx, y), ImVec2(wx + pill_w, y + pill_h));
        ui.dl()->AddRectFilled(pill.Min, pill.Max, ui.held(r) ? theme::primary_pressed : theme::primary, pill_h / 2);
        ui.label_centered(start, FontRole::lead, theme::white, pill);
        ImRect count_box(ImVec2(pill.Max.x + ui.s(28), pill.Min.y), ImVec2(shown.Max.x - pad, pill.Max.y));
        if (count_box.GetWidth() >= ui.text().measure(count, FontRole::lead))
            ui.label(count, FontRole::lead, theme::muted,
                     ImVec2(count_box.Min.x, std::round(count_box.GetCenter().y - ui.fonts().size(FontRole::lead) * 0.72f)));
        ui.register_target(ui.pick(t.title), r);
        if (ui.tapped(r)) ctx_.nav->push(make_tour_screen(ctx_, t.id));
        return h;
    }

    // The remote's keys, for the guide who has one in hand.
    float draw_remote_hint(Ui& ui, ImVec2 pos, float w) {
        return ui.paragraph(ui.t("tour.remote_hint"), FontRole::body, theme::muted, pos, w, {1.4f, 0, false});
    }

    AppContext& ctx_;
    ScrollView scroll_;
    float extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_tours_screen(AppContext& ctx) { return std::make_unique<ToursScreen>(ctx); }

}  // namespace lianxin::kiosk
