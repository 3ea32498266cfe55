// Home: the hall's welcome and one large tile per area of the exhibition (the timeline, each
// section, the key figures), the consultations, the participation passport, the station and the
// guided tours.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/passport_art.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

struct Tile {
    std::string title, blurb, image, big_number;
    std::function<void()> open;
    enum class Icon { none, speech, passport, people, route } icon = Icon::none;  // drawn, not an image
};

// A speech bubble with lines of text: "have your say".
void draw_speech_icon(Ui& ui, ImRect r) {
    auto* dl = ui.dl();
    ImVec2 c = r.GetCenter();
    float w = std::min(r.GetWidth(), r.GetHeight()) * 0.62f, h = w * 0.62f;
    ImRect b(ImVec2(c.x - w / 2, c.y - h / 2 - h * 0.1f), ImVec2(c.x + w / 2, c.y + h / 2 - h * 0.1f));
    dl->AddRectFilled(b.Min, b.Max, theme::white, h * 0.22f);
    dl->AddTriangleFilled(ImVec2(b.Min.x + w * 0.22f, b.Max.y - 1), ImVec2(b.Min.x + w * 0.42f, b.Max.y - 1),
                          ImVec2(b.Min.x + w * 0.16f, b.Max.y + h * 0.32f), theme::white);
    for (int i = 0; i < 3; ++i) {
        float ly = b.Min.y + h * (0.3f + 0.2f * i);
        float lw = w * (i == 2 ? 0.4f : 0.64f);
        dl->AddRectFilled(ImVec2(b.Min.x + w * 0.18f, ly - h * 0.045f), ImVec2(b.Min.x + w * 0.18f + lw, ly + h * 0.045f),
                          i == 0 ? theme::primary : theme::gold, h * 0.045f);
    }
}

// Three people side by side, the middle one larger: the deputies who meet residents here.
void draw_people_icon(Ui& ui, ImRect r) {
    auto* dl = ui.dl();
    ImVec2 c = r.GetCenter();
    float k = std::min(r.GetWidth(), r.GetHeight()) * 0.16f;
    auto person = [&](float dx, float scale, ImU32 col) {
        float head = k * 0.42f * scale, body_w = k * 1.15f * scale, body_h = k * 0.85f * scale;
        ImVec2 h(c.x + dx, c.y - body_h * 0.55f);
        dl->AddCircleFilled(h, head, col, 32);
        ImVec2 b0(h.x - body_w / 2, h.y + head * 1.25f), b1(h.x + body_w / 2, h.y + head * 1.25f + body_h);
        dl->AddRectFilled(b0, b1, col, body_w * 0.45f, ImDrawFlags_RoundCornersTop);
    };
    person(-k * 1.15f, 0.85f, theme::gold);
    person(k * 1.15f, 0.85f, theme::gold);
    person(0, 1.1f, theme::white);
}

// A winding route through three stops to a flag: guided tours.
void draw_route_icon(Ui& ui, ImRect r) {
    auto* dl = ui.dl();
    ImVec2 c = r.GetCenter();
    float k = std::min(r.GetWidth(), r.GetHeight()) * 0.2f;
    ImVec2 a(c.x - k * 1.6f, c.y + k * 0.7f), b(c.x - k * 0.2f, c.y - k * 0.5f), d(c.x + k * 1.1f, c.y + k * 0.5f);
    ImVec2 flag(c.x + k * 1.7f, c.y - k * 0.6f);
    dl->AddBezierCubic(a, ImVec2(a.x + k * 0.6f, a.y - k * 1.2f), ImVec2(b.x - k * 0.6f, b.y - k * 0.2f), b, theme::gold, ui.s(5));
    dl->AddBezierCubic(b, ImVec2(b.x + k * 0.6f, b.y + k * 0.2f), ImVec2(d.x - k * 0.6f, d.y + k * 0.6f), d, theme::gold, ui.s(5));
    dl->AddLine(d, ImVec2(flag.x - k * 0.25f, d.y - k * 0.1f), theme::gold, ui.s(5));
    for (ImVec2 p : {a, b, d}) {
        dl->AddCircleFilled(p, k * 0.26f, theme::white, 24);
        dl->AddCircleFilled(p, k * 0.11f, theme::primary_dark, 16);
    }
    ImVec2 pole(flag.x - k * 0.25f, d.y - k * 0.1f);
    dl->AddLine(pole, ImVec2(pole.x, flag.y - k * 0.5f), theme::white, ui.s(4));
    dl->AddTriangleFilled(ImVec2(pole.x, flag.y - k * 0.5f), ImVec2(pole.x + k * 0.7f, flag.y - k * 0.25f),
                          ImVec2(pole.x, flag.y), theme::white);
}

class HomeScreen : public Screen {
public:
    explicit HomeScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "home"; }
    std::string title(const Ui& ui) const override { return ui.t("home.title"); }

    void draw(Ui& ui, ImRect area) override {
        auto tiles = make_tiles(ui);
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        if (ui.portrait()) {
            float content_h = 0;
            float off = scroll_.update(ui, area, last_extent_);
            ui.push_clip(area, Overflow::vertical);
            float y = area.Min.y + m - off;
            y += draw_welcome(ui, ImRect(ImVec2(area.Min.x + m, y), ImVec2(area.Max.x - m, y + ui.s(420))), true) + g;
            // Tiles share the height that is left, so every area is in view without scrolling
            // (the wide first tile takes 0.8 of a row); scrolling remains for small screens.
            // Two across: narrower tiles would break English titles inside their words; the
            // screen scrolls for the rest.
            const int cols = 2;
            int rows = 1 + (static_cast<int>(tiles.size()) - 1 + cols - 1) / cols;
            float avail = area.Max.y - m - y;
            float tile_h = std::clamp((avail - g * (rows - 1)) / (rows - 0.2f), ui.s(260), ui.s(400));
            y += draw_tiles(ui, tiles, ImRect(ImVec2(area.Min.x + m, y), ImVec2(area.Max.x - m, area.Max.y - m)), cols, tile_h);
            content_h = y + off + m - area.Min.y;
            ui.pop_clip();
            last_extent_ = content_h;
            scroll_.draw_indicator(ui, area, content_h);
        } else {
            float left_w = std::round(area.GetWidth() * (ui.bilingual() ? 0.3f : 0.36f));
            draw_welcome(ui, ImRect(ImVec2(area.Min.x + m, area.Min.y + m), ImVec2(area.Min.x + left_w, area.Max.y - m)), false);
            ImRect tiles_r(ImVec2(area.Min.x + left_w + g * 1.5f, area.Min.y + m), ImVec2(area.Max.x - m, area.Max.y - m));
            // More areas, more columns (the rows keep room for pictures), but never so narrow that
            // a title's word is broken inside.
            // Titles in two languages need the width of three columns at most.
            int cols = tiles.size() > 7 && !ui.bilingual() ? 4 : tiles.size() > 5 ? 3 : 2;
            while (cols > 3 && !titles_fit(ui, tiles, (tiles_r.GetWidth() - g * (cols - 1)) / cols)) --cols;
            draw_tiles(ui, tiles, tiles_r, cols, 0);
        }
    }

private:
    std::vector<Tile> make_tiles(Ui& ui) {
        auto& c = ctx_.content();
        std::vector<Tile> tiles;
        // Having a say comes first: it is what a liaison point is for.
        if (!c.consultations.empty())
            tiles.push_back({ui.t_lines("home.consult"), ui.t("home.consult_blurb"), "", "",
                             [this] { ctx_.nav->push(make_consultations_screen(ctx_)); }, Tile::Icon::speech});
        // The passport: straight to it when one is open in this visit, else to the desk.
        tiles.push_back({ui.t_lines("home.passport"), ui.t("home.passport_blurb"), "", "",
                         [this] {
                             ctx_.nav->push(ctx_.visit->open_passport().empty() ? make_passport_desk_screen(ctx_)
                                                                                : make_passport_screen(ctx_));
                         },
                         Tile::Icon::passport});
        std::string tl_image;
        for (auto& e : c.timeline)
            if (!e.image.empty()) { tl_image = e.image; break; }
        if (!c.timeline.empty())
            tiles.push_back({ui.t_lines("home.timeline"), ui.t("home.timeline_blurb"), tl_image, "",
                             [this] { ctx_.nav->push(make_timeline_screen(ctx_)); }});
        for (auto& s : c.sections) {
            std::string id = s.id;
            tiles.push_back({ui.pick(s.title), ui.pick(s.intro), s.image, "",
                             [this, id] { ctx_.nav->push(make_section_screen(ctx_, id)); }});
        }
        if (!c.figures.empty())
            tiles.push_back({ui.t_lines("home.figures"), ui.t("home.figures_blurb"), "", c.figures.front().value,
                             [this] { ctx_.nav->push(make_figures_screen(ctx_)); }});
        // The station's own side, when the content has one: its deputies, and from there what is on.
        if (!c.deputies.empty() || !c.schedule.empty())
            tiles.push_back({ui.t_lines("home.station"), ui.t("home.station_blurb"), "", "",
                             [this] {
                                 ctx_.nav->push(ctx_.content().deputies.empty() ? make_schedule_screen(ctx_)
                                                                                : make_deputies_screen(ctx_));
                             },
                             Tile::Icon::people});
        // For a visiting group: guided tours for its guide, the guestbook and its wall.
        tiles.push_back({ui.t_lines("tour.home"), ui.t("tour.home_blurb"), "", "",
                         [this] { ctx_.nav->push(make_tours_screen(ctx_)); }, Tile::Icon::route});
        return tiles;
    }

    // The hall's name and welcome; returns the height used. The words are laid out first and the
    // picture takes what room is left, so a long English name never pushes the welcome off screen.
    float draw_welcome(Ui& ui, ImRect r, bool portrait) {
        auto& hall = ctx_.content().hall;
        auto* dl = ui.dl();
        float w = r.GetWidth();
        FontRole name_role = ui.bilingual() || ui.text().layout(ui.pick(hall.name), FontRole::title, 0, w).lines.size() > 2
                                 ? FontRole::heading : FontRole::title;
        auto& name = ui.text().layout(ui.pick(hall.name), name_role, theme::primary_dark, w, {1.25f, ui.bilingual() ? 6 : 3, false});
        auto& district = ui.text().layout(ui.pick(hall.district), FontRole::lead, theme::muted, w);
        float words_h = ui.s(64) + name.height + ui.s(10) + district.height + ui.s(18);
        float line = std::round(ui.fonts().size(ui.bilingual() ? FontRole::body : FontRole::lead) * 1.45f);
        // Two languages take the picture's room on a portrait screen.
        float img_h = portrait && !ui.bilingual() ? ui.s(300) : 0;
        TextLayoutOptions opt;
        // Both languages take the picture's room rather than cut the welcome.
        float share = ui.bilingual() ? 1.0f : 0.62f;
        opt.max_lines = portrait ? (ui.bilingual() ? 8 : 3)
                                 : std::max(2, static_cast<int>((r.GetHeight() * share - words_h - (ui.bilingual() ? ui.s(36) : 0)) / line));
        // Both languages of the welcome a size smaller, so neither is cut.
        auto& welcome = ui.text().layout(ui.pick(hall.welcome), ui.bilingual() ? FontRole::body : FontRole::lead, theme::ink, w, opt);
        if (!portrait) img_h = std::max(0.0f, r.GetHeight() - words_h - welcome.height - ui.s(36));

        float y = r.Min.y;
        if (img_h > ui.s(120) && !ctx_.content().slides.empty()) {
            ui.image_contain(ctx_.content().slides.front().image, ImRect(ImVec2(r.Min.x, y), ImVec2(r.Max.x, y + img_h)),
                             ui.s(theme::radius));
            y += img_h + ui.s(36);
        }
        dl->AddRectFilled(ImVec2(r.Min.x, y), ImVec2(r.Min.x + ui.s(80), y + ui.s(8)), theme::gold);
        y += ui.s(28);
        ui.draw(name, ImVec2(r.Min.x, y));
        y += name.height + ui.s(10);
        ui.draw(district, ImVec2(r.Min.x, y));
        y += district.height + ui.s(18);
        ui.draw(welcome, ImVec2(r.Min.x, y));
        y += welcome.height;
        return y - r.Min.y;
    }

    // Whether every word of every tile's title (other than the wide first) fits on a line of a tile
    // `w` wide: a line breaks between words, and inside one only when it does not fit.
    bool titles_fit(Ui& ui, const std::vector<Tile>& tiles, float w) {
        const float line_w = w - 2 * ui.s(26) - ui.s(64);  // draw_tile's padding and arrow
        for (std::size_t i = 1; i < tiles.size(); ++i) {
            const std::string& title = tiles[i].title;
            for (std::size_t at = 0; at < title.size();) {
                std::size_t end = title.find_first_of(" \n", at);
                if (end == std::string::npos) end = title.size();
                std::string word = title.substr(at, end - at);
                // Chinese breaks between any two characters; only a word of Latin letters is whole.
                bool latin = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; });
                if (latin && ui.text().measure(word, FontRole::heading) > line_w) return false;
                at = end + 1;
            }
        }
        return true;
    }

    // Lays tiles in `cols` columns, the first one spanning the full width; returns the height used.
    float draw_tiles(Ui& ui, const std::vector<Tile>& tiles, ImRect r, int cols, float fixed_h) {
        float g = ui.s(theme::gap);
        int rest = static_cast<int>(tiles.size()) - 1;
        int rows = 1 + (rest + cols - 1) / cols;
        float h = fixed_h > 0 ? fixed_h : (r.GetHeight() - g * (rows - 1)) / rows;
        float y = r.Min.y;
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            ImRect tr;
            if (i == 0) {
                float wide_h = fixed_h > 0 ? std::round(h * 0.8f) : h;  // a wide tile needs less height
                tr = ImRect(ImVec2(r.Min.x, y), ImVec2(r.Max.x, y + wide_h));
                y += wide_h + g;
            } else {
                int k = static_cast<int>(i) - 1, col = k % cols;
                float w = (r.GetWidth() - g * (cols - 1)) / cols;
                float x = r.Min.x + col * (w + g);
                tr = ImRect(ImVec2(x, y), ImVec2(x + w, y + h));
                if (col == cols - 1 || i + 1 == tiles.size()) y += h + g;
            }
            draw_tile(ui, tiles[i], tr, i == 0);
        }
        return y - r.Min.y;
    }

    // A tile's words come first and are never cut: the picture takes the room they leave (a
    // wide tile keeps its left part for it), and a blurb that cannot fit whole is left out.
    void draw_tile(Ui& ui, const Tile& t, ImRect r, bool wide) {
        ImRect shown = ui.pressable_card(r);
        float rr = ui.s(theme::radius);
        float pad = ui.s(26), arrow = ui.s(64);
        float words_w = (wide ? shown.GetWidth() * 0.54f : shown.GetWidth()) - 2 * pad;
        // Both narrower than the card so no line runs under the arrow in its corner.
        auto& title = title_layout(ui, t.title, words_w - arrow);
        auto& blurb = ui.text().layout(t.blurb, FontRole::body, theme::muted, words_w - arrow, {1.4f, 0, false});
        // The picture keeps at least this much (a figure needs room for its number).
        float min_media = t.big_number.empty() ? ui.s(110) : ui.fonts().size(FontRole::display) * 1.3f;
        float room = wide ? shown.GetHeight() - 2 * pad : shown.GetHeight() - 1.7f * pad - min_media;
        float words_h = title.height + ui.s(8) + blurb.height;
        bool with_blurb = words_h <= room;
        if (!with_blurb) words_h = title.height;
        float media_h = wide ? shown.GetHeight() : shown.GetHeight() - words_h - 1.7f * pad;
        ImRect media = wide ? ImRect(shown.Min, ImVec2(shown.Min.x + shown.GetWidth() * 0.46f, shown.Max.y))
                            : ImRect(shown.Min, ImVec2(shown.Max.x, shown.Min.y + media_h));
        if (media.GetHeight() >= min_media - 1) draw_tile_media(ui, t, media, wide, rr);
        ImVec2 at = wide ? ImVec2(media.Max.x + pad, shown.Min.y + pad) : ImVec2(shown.Min.x + pad, media.Max.y + pad * 0.7f);
        if (media.GetHeight() < min_media - 1 && !wide) at.y = shown.Min.y + pad;
        ui.draw(title, at);
        if (with_blurb) ui.draw(blurb, ImVec2(at.x, at.y + title.height + ui.s(8)));
        // An arrow says "open me" without relying on hover.
        auto* dl = ui.dl();
        ImVec2 a(shown.Max.x - pad - ui.s(20), shown.Max.y - pad - ui.s(14));
        dl->AddCircleFilled(a, ui.s(26), theme::primary, 32);
        ui.chevron(a, ui.s(9), true, theme::white, ui.s(4));
        ui.register_target(t.title, r);
        if (ui.tapped(r)) t.open();
    }

    // A tile's title; in the bilingual mode the English line (after the first line break) is set
    // a size smaller, so three columns of tiles hold both languages whole.
    const TextLayout& title_layout(Ui& ui, const std::string& title, float w) {
        std::size_t br = ui.bilingual() ? title.find('\n') : std::string::npos;
        if (br == std::string::npos) return ui.text().layout(title, FontRole::heading, theme::ink, w, {1.25f, 0, false});
        return ui.text().layout({TextRun{title.substr(0, br + 1), FontRole::heading, theme::ink},
                                 TextRun{title.substr(br + 1), FontRole::lead, theme::ink}},
                                w, {1.25f, 0, false});
    }

    void draw_tile_media(Ui& ui, const Tile& t, ImRect media, bool wide, float rr) {
        auto* dl = ui.dl();
        ImDrawFlags corners = wide ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop;
        if (!t.image.empty()) {
            ui.image_contain(t.image, media, rr, corners);
        } else if (t.icon == Tile::Icon::speech) {
            dl->AddRectFilled(media.Min, media.Max, theme::primary, rr, corners);
            draw_speech_icon(ui, media);
        } else if (t.icon == Tile::Icon::people) {
            dl->AddRectFilled(media.Min, media.Max, theme::teal, rr, corners);
            draw_people_icon(ui, media);
        } else if (t.icon == Tile::Icon::route) {
            dl->AddRectFilled(media.Min, media.Max, theme::primary_dark, rr, corners);
            draw_route_icon(ui, media);
        } else if (t.icon == Tile::Icon::passport) {
            dl->AddRectFilled(media.Min, media.Max, theme::rgb(0xEFE3CF), rr, corners);
            float k = media.GetHeight() * 0.14f;
            draw_passport_cover(ui, ImRect(ImVec2(media.Min.x + k, media.Min.y + k), ImVec2(media.Max.x - k, media.Max.y - k)));
        } else {
            dl->AddRectFilled(media.Min, media.Max, theme::primary, rr, corners);
            // The number only where it fits: the figure is decoration, the title says what opens.
            if (media.GetHeight() >= ui.fonts().size(FontRole::display) * 1.3f &&
                media.GetWidth() >= ui.text().measure(t.big_number, FontRole::display) + ui.s(24))
                ui.label_centered(t.big_number, FontRole::display, theme::white, media);
        }
    }

    AppContext& ctx_;
    ScrollView scroll_;
    float last_extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_home_screen(AppContext& ctx) { return std::make_unique<HomeScreen>(ctx); }

}  // namespace lianxin::kiosk
