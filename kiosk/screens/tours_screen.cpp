// What a visiting group finds: the guided tours a guide can start (one card per tour: its first
// stop's picture, title, intro and number of stops; a tap starts it), the guestbook with its
// visitors' wall, and a line on the presenter remote's keys.
#include <algorithm>
#include <cmath>
#include <functional>

#include "core/i18n/bilingual_text.h"

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

// An open book with lines on its pages: the guestbook delegations sign.
void draw_book_icon(Ui& ui, ImRect r) {
    auto* dl = ui.dl();
    ImVec2 c = r.GetCenter();
    float w = std::min(r.GetWidth(), r.GetHeight() * 1.4f) * 0.3f, h = w * 0.78f;
    for (int side = -1; side <= 1; side += 2) {
        ImVec2 spine_top(c.x, c.y - h * 0.5f), spine_bottom(c.x, c.y + h * 0.5f);
        ImVec2 outer_top(c.x + side * w, c.y - h * 0.62f), outer_bottom(c.x + side * w, c.y + h * 0.38f);
        dl->AddQuadFilled(spine_top, outer_top, outer_bottom, spine_bottom, theme::white);
        for (int i = 0; i < 3; ++i) {
            float t = 0.25f + 0.2f * static_cast<float>(i);
            ImVec2 a(c.x + side * w * 0.16f, spine_top.y + h * t), b(c.x + side * w * 0.82f, outer_top.y + h * t);
            dl->AddLine(a, b, i == 0 ? theme::primary : theme::gold, std::max(2.0f, h * 0.05f));
        }
    }
    dl->AddLine(ImVec2(c.x, c.y - h * 0.5f), ImVec2(c.x, c.y + h * 0.5f), theme::gold, std::max(2.0f, h * 0.04f));
}

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
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m * 0.8f - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t_lines("tour.list_title"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, 0, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("tour.list_intro"), FontRole::lead, theme::muted, ImVec2(x, y), std::min(w, ui.s(1500))) + ui.s(36);
        for (auto& t : tours) y += draw_tour(ui, t, ImVec2(x, y), w) + g;
        y += draw_guestbook(ui, ImVec2(x, y), w) + g;
        if (!tours.empty()) y += ui.s(8) + draw_remote_hint(ui, ImVec2(x, y), w);
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // A card: the media beside the words (above them on a portrait screen), and a pill that shows
    // what a tap anywhere on the card does, with a note beside it. `draw_media` fills the media
    // area. Returns the card's height; `tapped` says whether it was tapped.
    float draw_card(Ui& ui, ImVec2 pos, float w, const std::function<void(ImRect, ImDrawFlags)>& draw_media,
                    const std::string& title_text, const std::string& intro_text, const std::string& pill_text,
                    const std::string& note, const std::string& target, bool& tapped) {
        float pad = ui.s(36);
        bool side = !ui.portrait();
        float media_w = side ? std::round(w * 0.38f) : w;
        float media_h = std::round(media_w * 9 / 16);
        float words_x = side ? pos.x + media_w + pad : pos.x + pad;
        float words_w = side ? w - media_w - 2 * pad : w - 2 * pad;
        float pill_h = ui.s(theme::touch_target);
        float pill_w = std::min(words_w, ui.text().measure(target_name(pill_text), FontRole::lead) + ui.s(96));
        // Laid out first, so the card is as tall as its words need.
        auto& title = ui.text().layout(title_text, FontRole::heading, theme::ink, words_w, {1.25f, 0, false});
        auto& intro = ui.text().layout(intro_text, FontRole::lead, theme::ink, words_w, {1.4f, 0, false});
        float words_h = title.height + ui.s(14) + intro.height + ui.s(24) + pill_h;
        float h = side ? std::max(media_h, words_h + 2 * pad) : media_h + words_h + 2 * pad;
        ImRect r(pos, ImVec2(pos.x + w, pos.y + h));
        ImRect shown = ui.pressable_card(r);
        ImRect media = side ? ImRect(shown.Min, ImVec2(shown.Min.x + media_w, shown.Max.y))
                            : ImRect(shown.Min, ImVec2(shown.Max.x, shown.Min.y + media_h));
        draw_media(media, side ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop);
        float y = (side ? shown.Min.y : media.Max.y) + pad;
        float wx = side ? words_x : shown.Min.x + pad;
        ui.draw(title, ImVec2(wx, y));
        y += title.height + ui.s(14);
        ui.draw(intro, ImVec2(wx, y));
        y += intro.height + ui.s(24);
        ImRect pill(ImVec2(wx, y), ImVec2(wx + pill_w, y + pill_h));
        ui.dl()->AddRectFilled(pill.Min, pill.Max, ui.held(r) ? theme::primary_pressed : theme::primary, pill_h / 2);
        ui.label_centered(target_name(pill_text), FontRole::lead, theme::white, pill);
        ImRect note_box(ImVec2(pill.Max.x + ui.s(28), pill.Min.y), ImVec2(shown.Max.x - pad, pill.Max.y));
        if (!note.empty() && note_box.GetWidth() >= ui.text().measure(note, FontRole::lead))
            ui.label(note, FontRole::lead, theme::muted,
                     ImVec2(note_box.Min.x, std::round(note_box.GetCenter().y - ui.fonts().size(FontRole::lead) * 0.72f)));
        ui.register_target(target, r);
        tapped = ui.tapped(r);
        return h;
    }

    float draw_tour(Ui& ui, const Tour& t, ImVec2 pos, float w) {
        std::string picture = tour_picture(ctx_.content(), t);
        auto media = [&](ImRect m, ImDrawFlags corners) {
            if (!picture.empty()) ui.image_contain(picture, m, ui.s(theme::radius), corners);
            else ui.dl()->AddRectFilled(m.Min, m.Max, theme::primary_dark, ui.s(theme::radius), corners);
        };
        std::string count = ui.each_lang([&](Lang) { return ui.tf("tour.stops", {std::to_string(t.stops.size())}); });
        bool tapped = false;
        float h = draw_card(ui, pos, w, media, ui.pick(t.title), ui.pick(t.intro), ui.t("tour.start"), count, ui.pick(t.title), tapped);
        if (tapped) ctx_.nav->push(make_tour_screen(ctx_, t.id));
        return h;
    }

    // The guestbook a delegation signs, and the wall of what others wrote.
    float draw_guestbook(Ui& ui, ImVec2 pos, float w) {
        auto media = [&](ImRect m, ImDrawFlags corners) {
            ui.dl()->AddRectFilled(m.Min, m.Max, theme::primary_dark, ui.s(theme::radius), corners);
            draw_book_icon(ui, m);
        };
        bool tapped = false;
        float h = draw_card(ui, pos, w, media, ui.t_lines("home.guestbook"), ui.t("home.guestbook_blurb"), ui.t("wall.open"), "",
                            target_name(ui.t("home.guestbook")), tapped);
        if (tapped) ctx_.nav->push(make_visitors_wall_screen(ctx_));
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
