// A section of the exhibition (model practices, lessons, the plan): its introduction and a card
// for each exhibit, in a grid that scrolls.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

class SectionScreen : public Screen {
public:
    SectionScreen(AppContext& ctx, std::string id) : ctx_(ctx), id_(std::move(id)) {}
    const char* name() const override { return "section"; }
    std::string title(const Ui& ui) const override {
        auto* s = ctx_.content().find_section(id_);
        return s ? ui.pick(s->title) : std::string();
    }

    void draw(Ui& ui, ImRect area) override {
        auto* sec = ctx_.content().find_section(id_);
        if (!sec) { ctx_.nav->back(); return; }
        auto exhibits = ctx_.content().exhibits_in(id_);
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float w = area.GetWidth() - 2 * m, x = area.Min.x + m;
        // Title and introduction, in the bilingual mode one column per language.
        float intro_w = ui.bilingual() ? w : std::min(w, ui.s(1400));
        y += ui.in_each_language(ImVec2(x, y), intro_w, [&](ImVec2 at, float cw) {
            float yy = at.y;
            yy += ui.paragraph(ui.pick(sec->title), FontRole::title, theme::primary_dark, ImVec2(at.x, yy), cw,
                               {1.25f, 0, false});
            yy += ui.s(10);
            yy += ui.translation_note(sec->english_pending, ImVec2(at.x, yy), cw);
            yy += ui.paragraph(ui.pick(sec->intro), FontRole::lead, theme::muted, ImVec2(at.x, yy), cw);
            return yy - at.y;
        }) + ui.s(36);

        int n = static_cast<int>(exhibits.size());
        int cols = ui.portrait() ? 1 : (n % 3 == 0 || n > 4 ? 3 : 2);
        float cw = (w - g * (cols - 1)) / cols;
        // Landscape: rows share the height left on screen, so a section reads at one glance when
        // it can; every card is as tall as the longest words need (they are never cut), and the
        // page scrolls when that is more than the screen.
        int rows = (n + cols - 1) / cols;
        float fit = (area.Max.y - m - (y + off) - g * (rows - 1)) / std::max(1, rows);
        float pad = ui.s(26);
        float words_max = 0;
        for (auto* e : exhibits) words_max = std::max(words_max, words_height(ui, *e, words_width(ui, cw, pad)));
        float ch = ui.portrait() ? std::max(ui.s(300), words_max + 2 * pad)
                                 : std::max(std::clamp(fit, ui.s(400), ui.s(640)), words_max + 2 * pad + ui.s(180));
        for (int i = 0; i < n; ++i) {
            int col = i % cols;
            ImRect r(ImVec2(x + col * (cw + g), y), ImVec2(x + col * (cw + g) + cw, y + ch));
            draw_card(ui, *exhibits[static_cast<std::size_t>(i)], r, i + 1, words_max);
            if (col == cols - 1 || i == n - 1) y += ch + g;
        }
        y += m;
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // Portrait cards are rows with the picture on the left; landscape cards have it on top.
    float media_width(const Ui& ui, float card_h) const { return ui.portrait() ? std::round(card_h * 1.1f) : 0; }
    float words_width(const Ui& ui, float card_w, float pad) const {
        return (ui.portrait() ? card_w - media_width(ui, ui.s(300)) : card_w) - 2 * pad;
    }
    std::string meta_line(const Ui& ui, const Exhibit& e) const {
        std::string meta = ui.pick(e.place);
        if (e.year > 0) meta += (meta.empty() ? "" : " · ") + std::to_string(e.year);
        return meta;
    }
    // Title, subtitle and the place-and-year line, whole.
    float words_height(Ui& ui, const Exhibit& e, float w) {
        float h = ui.text().layout(ui.pick(e.title), FontRole::heading, theme::ink, w, {1.25f, 0, false}).height + ui.s(8);
        h += ui.text().layout(ui.pick(e.subtitle), FontRole::body, theme::muted, w, {1.4f, 0, false}).height;
        std::string meta = meta_line(ui, e);
        if (!meta.empty()) h += ui.s(12) + ui.text().layout(meta, FontRole::caption, theme::teal, w, {1.3f, 0, false}).height;
        return h;
    }

    void draw_card(Ui& ui, const Exhibit& e, ImRect r, int number, float words_h) {
        ImRect shown = ui.pressable_card(r);
        auto* dl = ui.dl();
        float rr = ui.s(theme::radius), pad = ui.s(26);
        bool side = ui.portrait();
        ImRect media = side ? ImRect(shown.Min, ImVec2(shown.Min.x + media_width(ui, ui.s(300)), shown.Max.y))
                            : ImRect(shown.Min, ImVec2(shown.Max.x, shown.Max.y - words_h - 2 * pad));
        ImDrawFlags corners = side ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop;
        if (!e.image.empty()) {
            ui.image_contain(e.image, media, rr, corners);
        } else {
            dl->AddRectFilled(media.Min, media.Max, number % 2 ? theme::primary : theme::teal, rr, corners);
            ui.label_centered(std::to_string(number), FontRole::display, theme::white, media);
        }
        ImRect words = side ? ImRect(ImVec2(media.Max.x + pad, shown.Min.y + pad), ImVec2(shown.Max.x - pad, shown.Max.y - pad))
                            : ImRect(ImVec2(shown.Min.x + pad, media.Max.y + pad), ImVec2(shown.Max.x - pad, shown.Max.y - pad));
        float y = words.Min.y;
        y += ui.paragraph(ui.pick(e.title), FontRole::heading, theme::ink, ImVec2(words.Min.x, y), words.GetWidth(),
                          {1.25f, 0, false}) + ui.s(8);
        y += ui.paragraph(ui.pick(e.subtitle), FontRole::body, theme::muted, ImVec2(words.Min.x, y), words.GetWidth(),
                          {1.4f, 0, false});
        std::string meta = meta_line(ui, e);
        if (!meta.empty())
            ui.paragraph(meta, FontRole::caption, theme::teal, ImVec2(words.Min.x, y + ui.s(12)), words.GetWidth(),
                         {1.3f, 0, false});
        ui.register_target(ui.pick(e.title), r);
        if (ui.tapped(r)) ctx_.nav->push(make_exhibit_screen(ctx_, e.id));
    }

    AppContext& ctx_;
    std::string id_;
    ScrollView scroll_;
    float extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_section_screen(AppContext& ctx, const std::string& id) {
    return std::make_unique<SectionScreen>(ctx, id);
}

}  // namespace lianxin::kiosk
