// A guided tour for a guide with a delegation: each stop full screen in Chinese and English
// together (a column per language in landscape, a block per language in portrait), the exhibit's
// picture or the figure's number, the guide's talking points and a progress strip; an overview of
// every stop to jump to; an end page; a blank (black) screen. Driven by swipe and taps, and by a
// presenter remote's keys (docs/architecture.md, "Guided tours").
//
// Sections: 1. Keys and moving between stops  2. A stop  3. The strip and the header  4. Overview
// and end page.
#include <algorithm>
#include <cmath>

#include "core/i18n/date_text.h"
#include "core/passports/passport_book.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/arrow_button.h"
#include "kiosk/widgets/passport_art.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

constexpr ImU32 kBlank = theme::rgb(0x000000);
// A stage a shade deeper than the paper, so a stop's card (whose pictures sit on the paper colour)
// stands out whole; stops still ahead on the strip in a tone that shows on it.
constexpr ImU32 kStage = theme::rgb(0xEDE3D2);
constexpr ImU32 kAhead = theme::rgb(0xD3C4AC);

class TourScreen : public Screen {
public:
    TourScreen(AppContext& ctx, std::string id) : ctx_(ctx), id_(std::move(id)) {}
    const char* name() const override {
        if (blank_) return "tour-blank";
        if (overview_) return "tour-overview";
        const Tour* t = tour();
        return t && page_ >= static_cast<int>(t->stops.size()) ? "tour-end" : "tour";
    }
    std::string title(const Ui& ui) const override { return tour() ? ui.pick(tour()->title) : std::string(); }
    bool full_screen() const override { return true; }
    bool guided_tour() const override { return true; }
    ImU32 background() const override { return blank_ ? kBlank : kStage; }

    // ------------------------------------------------------------ 1. Keys and moving between stops

    // A presenter remote: PageDown / Right next, PageUp / Left back, B blanks the screen (and
    // brings it back), F5 starts again from the first stop, Shift+F5 goes on from the stop shown
    // ("from the current slide"). Escape leaves the tour, as it leaves every screen (KioskApp).
    bool on_key(const std::string& key) override {
        const Tour* t = tour();
        if (!t) return false;
        if (blank_) {
            // Any key brings the picture back first, so a guide never moves on unseen.
            set_blank(false);
            if (key == "F5") go_to(0, "restart");
            return true;
        }
        if (key == "B") { set_blank(true); return true; }
        if (key == "F5") { overview_ = false; go_to(0, "restart"); return true; }
        if (key == "Shift+F5") { overview_ = false; return true; }
        if (overview_) return false;
        if (key == "PageDown" || key == "Right") { go_to(page_ + 1, "key"); return true; }
        if (key == "PageUp" || key == "Left") { go_to(page_ - 1, "key"); return true; }
        return false;
    }

    void draw(Ui& ui, ImRect area) override {
        const Tour* t = tour();
        if (!t || t->stops.empty()) { ctx_.nav->back(); return; }
        // Both languages on every page of a tour, whatever the visitor chose (docs/architecture.md).
        Ui::BothLanguages both(ui);
        int n = static_cast<int>(t->stops.size());
        if (blank_) {
            // Black, and nothing to read; a touch brings the stop back.
            if (ui.tapped(area)) set_blank(false);
            return;
        }
        if (overview_) { draw_overview(ui, *t, area); return; }
        float m = ui.s(theme::margin);
        float bar = ui.s(theme::touch_target);
        ImRect head(ImVec2(area.Min.x + m, area.Min.y + m * 0.5f), ImVec2(area.Max.x - m, area.Min.y + m * 0.5f + bar));
        ImRect foot(ImVec2(area.Min.x + m, area.Max.y - m * 0.5f - bar), ImVec2(area.Max.x - m, area.Max.y - m * 0.5f));
        draw_header(ui, *t, head);
        ImRect pages(ImVec2(area.Min.x + m, head.Max.y + ui.s(28)), ImVec2(area.Max.x - m, foot.Min.y - ui.s(28)));
        if (scrolls_.size() != static_cast<std::size_t>(n + 1)) {
            scrolls_.assign(static_cast<std::size_t>(n + 1), ScrollView{});
            extents_.assign(static_cast<std::size_t>(n + 1), 0.0f);
        }
        int before = page_;
        pager_.draw(ui, pages, n + 1, page_, [&](int i, ImRect r) {
            if (i < n) draw_stop(ui, *t, i, r);
            else draw_end(ui, r);
        });
        if (page_ != before) how_ = "swipe";  // the pager moved on a drag
        draw_footer(ui, *t, foot);
        note_page(*t);
    }

private:
    const Tour* tour() const { return ctx_.content().find_tour(id_); }

    void go_to(int page, const char* how) {
        const Tour* t = tour();
        if (!t) return;
        int clamped = std::clamp(page, 0, static_cast<int>(t->stops.size()));
        if (clamped == page_) return;
        page_ = clamped;
        how_ = how;
    }

    void set_blank(bool on) {
        if (blank_ == on) return;
        blank_ = on;
        ctx_.services->log_event("tour", {{"event", on ? "blank" : "unblank"}, {"tour", id_}});
    }

    // One log event per stop reached (its index from 0, and how: start, swipe, key, tap, jump,
    // restart), the end page when it is reached, and the passport's stamp once the last stop is.
    void note_page(const Tour& t) {
        if (page_ == logged_page_) return;
        int n = static_cast<int>(t.stops.size());
        if (page_ < n)
            ctx_.services->log_event("tour", {{"event", "stop"}, {"tour", id_}, {"stop", page_}, {"of", n}, {"how", how_}});
        else
            ctx_.services->log_event("tour", {{"event", "end"}, {"tour", id_}, {"how", how_}});
        logged_page_ = page_;
        how_ = "swipe";
        if (page_ >= n - 1) stamp_passport();
    }

    // The tour walked to its last stop is stamped into the passport open in this visit, once
    // (PassportBook::stamp is idempotent: one stamp per passport, kind and tour).
    void stamp_passport() {
        const std::string& passport = ctx_.visit->open_passport();
        if (passport.empty() || stamped_) return;
        auto st = ctx_.services->passports().stamp(passport, StampKind::tour, id_, ctx_.services->moment());
        if (!st) {
            ctx_.services->log("tour_stamp_failed", st.error().detail);
            return;
        }
        stamped_ = true;
        ctx_.services->log_event("tour", {{"event", "stamped"}, {"tour", id_}});
        if (auto* sync = ctx_.services->sync()) sync->nudge();
    }

    // ------------------------------------------------------------ 2. A stop

    // A stop's page: the picture (or the figure's number) beside the words in landscape, above
    // them in portrait. The words scroll inside the page when a long point needs it.
    void draw_stop(Ui& ui, const Tour& t, int i, ImRect r) {
        const TourStop& stop = t.stops[static_cast<std::size_t>(i)];
        const Exhibit* e = stop.exhibit.empty() ? nullptr : ctx_.content().find_exhibit(stop.exhibit);
        const Figure* f = stop.figure.empty() ? nullptr : ctx_.content().find_figure(stop.figure);
        ui.card(r);
        float rr = ui.s(theme::radius), pad = ui.s(44);
        bool side = !ui.portrait();
        ImRect media = side ? ImRect(r.Min, ImVec2(r.Min.x + std::round(r.GetWidth() * 0.4f), r.Max.y))
                            : ImRect(r.Min, ImVec2(r.Max.x, r.Min.y + std::round(std::min(r.GetWidth() * 9 / 16, r.GetHeight() * 0.36f))));
        ImDrawFlags corners = side ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop;
        if (e && !e->image.empty()) ui.image_contain(e->image, media, rr, corners);
        else draw_number(ui, f, media, rr, corners);

        ImRect view = side ? ImRect(ImVec2(media.Max.x, r.Min.y + ui.s(8)), ImVec2(r.Max.x, r.Max.y - ui.s(8)))
                           : ImRect(ImVec2(r.Min.x, media.Max.y), ImVec2(r.Max.x, r.Max.y - ui.s(8)));
        auto& scroll = scrolls_[static_cast<std::size_t>(i)];
        float& extent = extents_[static_cast<std::size_t>(i)];
        float off = scroll.update(ui, view, extent);
        ui.push_clip(view, Overflow::vertical);
        float top = view.Min.y + pad * 0.8f - off;
        float h = ui.in_each_language(ImVec2(view.Min.x + pad, top), view.GetWidth() - 2 * pad, [&](ImVec2 at, float w) {
            return draw_words(ui, t, i, e, f, stop, at, w);
        });
        ui.pop_clip();
        extent = h + pad * 1.6f;
        scroll.draw_indicator(ui, view, extent);
    }

    // The figure's number large on the exhibition's red, its unit under it in both languages.
    void draw_number(Ui& ui, const Figure* f, ImRect media, float rr, ImDrawFlags corners) {
        ui.dl()->AddRectFilled(media.Min, media.Max, theme::primary_dark, rr, corners);
        if (!f) return;
        float big = ui.fonts().size(FontRole::display);
        std::string unit = f->unit.zh.empty() && f->unit.en.empty() ? std::string() : ui.pick(f->unit);
        auto& unit_lay = ui.text().layout(unit, FontRole::lead, theme::white, media.GetWidth() - ui.s(60), {1.3f, 0, true});
        float h = big * 1.1f + (unit.empty() ? 0 : ui.s(16) + unit_lay.height);
        float y = std::round(media.GetCenter().y - h / 2);
        ui.label_centered(f->value, FontRole::display, theme::white, ImRect(ImVec2(media.Min.x, y), ImVec2(media.Max.x, y + big * 1.1f)));
        if (!unit.empty()) ui.draw(unit_lay, ImVec2(media.Min.x + ui.s(30), y + big * 1.1f + ui.s(16)));  // centred in its width
        ui.dl()->AddRectFilled(ImVec2(media.GetCenter().x - ui.s(48), y - ui.s(36)), ImVec2(media.GetCenter().x + ui.s(48), y - ui.s(28)),
                               theme::gold);
    }

    // One language's words for a stop: which stop, its title, the exhibit's subtitle, then the
    // guide's talking points as a list. Returns the height used.
    float draw_words(Ui& ui, const Tour& t, int i, const Exhibit* e, const Figure* f, const TourStop& stop, ImVec2 at, float w) {
        float y = at.y;
        int n = static_cast<int>(t.stops.size());
        std::string kicker = ui.tf("tour.stop_of", {std::to_string(i + 1), std::to_string(n)});
        if (f) kicker += " · " + ui.t("tour.kind_figure");
        else if (auto* sec = e ? ctx_.content().find_section(e->section) : nullptr) kicker += " · " + ui.pick(sec->title);
        y += ui.paragraph(kicker, FontRole::body, theme::primary, ImVec2(at.x, y), w, {1.35f, 0, false}) + ui.s(10);
        std::string title = e ? ui.pick(e->title) : f ? f->value + " " + ui.pick(f->unit) : stop.exhibit + stop.figure;
        // A portrait screen gives each language the full width: the title a size larger there.
        FontRole title_role = ui.portrait() ? FontRole::title : FontRole::heading;
        y += ui.paragraph(title, title_role, theme::ink, ImVec2(at.x, y), w, {1.2f, 0, false}) + ui.s(12);
        const LocalizedText* sub = e ? &e->subtitle : f ? &f->label : nullptr;
        if (sub) y += ui.paragraph(ui.pick(*sub), FontRole::lead, theme::muted, ImVec2(at.x, y), w, {1.4f, 0, false}) + ui.s(12);
        y += ui.translation_note(t.english_pending || (e && e->english_pending) || (f && f->english_pending), ImVec2(at.x, y), w);
        if (stop.points.empty()) return y - at.y;
        y += ui.s(14);
        ui.dl()->AddLine(ImVec2(at.x, y), ImVec2(at.x + w, y), theme::line, ui.s(2));
        y += ui.s(28);
        float dot = ui.s(7), indent = ui.s(34);
        for (auto& p : stop.points) {
            float line = ui.fonts().size(FontRole::lead);
            ui.dl()->AddCircleFilled(ImVec2(at.x + dot + ui.s(2), y + line * 0.62f), dot, theme::gold, 16);
            y += ui.paragraph(ui.pick(p), FontRole::lead, theme::ink, ImVec2(at.x + indent, y), w - indent, {1.4f, 0, false}) + ui.s(18);
        }
        return y - at.y;
    }

    // ------------------------------------------------------------ 3. The strip and the header

    // The tour's name on the left; the overview and a quiet way out on the right.
    void draw_header(Ui& ui, const Tour& t, ImRect r) {
        const std::string& over = ui.t("tour.overview");
        const std::string& exit = ui.t("tour.exit");
        float ow = ui.text().measure(over, FontRole::body) + ui.s(110);
        float ew = ui.text().measure(exit, FontRole::body) + ui.s(96);
        ImRect exit_r(ImVec2(r.Max.x - ew, r.Min.y), r.Max);
        ImRect over_r(ImVec2(exit_r.Min.x - ui.s(20) - ow, r.Min.y), ImVec2(exit_r.Min.x - ui.s(20), r.Max.y));
        if (ui.button(over, over_r, ButtonKind::secondary, FontRole::body)) overview_ = true;
        draw_grid_mark(ui, ImVec2(over_r.Min.x + ui.s(36), over_r.GetCenter().y), ui.s(11));
        if (ui.button(exit, exit_r, ButtonKind::quiet, FontRole::body)) ctx_.nav->back();
        draw_cross(ui, ImVec2(exit_r.Min.x + ui.s(34), exit_r.GetCenter().y), ui.s(10));
        float w = over_r.Min.x - r.Min.x - ui.s(40);
        ui.dl()->AddRectFilled(ImVec2(r.Min.x, r.Min.y + ui.s(6)), ImVec2(r.Min.x + ui.s(8), r.Max.y - ui.s(6)), theme::gold, ui.s(4));
        auto& name = ui.text().layout(ui.pick(t.title), FontRole::body, theme::primary_dark, w - ui.s(28), {1.3f, 2, false});
        ui.draw(name, ImVec2(r.Min.x + ui.s(28), std::round(r.GetCenter().y - name.height / 2)));
    }

    // Four small squares: "all stops".
    void draw_grid_mark(Ui& ui, ImVec2 c, float k) {
        for (int dy = 0; dy < 2; ++dy)
            for (int dx = 0; dx < 2; ++dx) {
                ImVec2 a(c.x - k + dx * (k + ui.s(3)), c.y - k + dy * (k + ui.s(3)));
                ui.dl()->AddRectFilled(a, ImVec2(a.x + k - ui.s(1), a.y + k - ui.s(1)), theme::primary, ui.s(2));
            }
    }

    void draw_cross(Ui& ui, ImVec2 c, float k) {
        ui.dl()->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), theme::ink, ui.s(3.5f));
        ui.dl()->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), theme::ink, ui.s(3.5f));
    }

    // Previous and next (Finish on the last stop) either side of a strip of segments, one per
    // stop: passed ones filled, the one shown large; each segment takes a tap to go there.
    void draw_footer(Ui& ui, const Tour& t, ImRect r) {
        int n = static_cast<int>(t.stops.size());
        float b = r.GetHeight();
        ImRect prev(r.Min, ImVec2(r.Min.x + b * 1.6f, r.Max.y));
        bool last = page_ >= n - 1, at_end = page_ >= n;
        const std::string& finish = ui.t("tour.finish");
        float next_w = last && !at_end ? ui.text().measure(finish, FontRole::lead) + ui.s(110) : b * 1.6f;
        ImRect next(ImVec2(r.Max.x - next_w, r.Min.y), r.Max);
        if (arrow_button(ui, prev, false, page_ > 0, ui.t("tour.previous"))) go_to(page_ - 1, "tap");
        if (last && !at_end) {
            if (ui.button(finish, next, ButtonKind::primary)) go_to(n, "finish");
        } else if (arrow_button(ui, next, true, !at_end, ui.t("tour.next"))) {
            go_to(page_ + 1, "tap");
        }
        // The strip: segments share the room between the buttons; a segment narrower than a
        // finger is drawn but not offered as a target (the overview reaches every stop then).
        float gap = ui.s(12);
        ImRect strip(ImVec2(prev.Max.x + ui.s(36), r.Min.y), ImVec2(next.Min.x - ui.s(36), r.Max.y));
        float seg = (strip.GetWidth() - gap * (n - 1)) / n;
        bool tappable = seg >= ui.s(theme::touch_target);
        for (int i = 0; i < n; ++i) {
            float x = strip.Min.x + i * (seg + gap);
            ImRect s(ImVec2(x, r.Min.y), ImVec2(x + seg, r.Max.y));
            bool here = i == page_, passed = i < page_;
            bool down = tappable && ui.held(s);
            float bar_h = here ? ui.s(14) : ui.s(8);
            float by = s.Max.y - ui.s(14) - bar_h / 2;
            ImU32 fill = here ? theme::primary : passed ? theme::rgb(0xB8322A, 150) : kAhead;
            if (down) fill = theme::primary_pressed;
            ui.dl()->AddRectFilled(ImVec2(s.Min.x, by - bar_h / 2), ImVec2(s.Max.x, by + bar_h / 2), fill, bar_h / 2);
            std::string num = std::to_string(i + 1);
            ImRect num_box(ImVec2(s.Min.x, s.Min.y), ImVec2(s.Max.x, by - bar_h / 2 - ui.s(4)));
            if (seg >= ui.text().measure(num, FontRole::body) + ui.s(8))
                ui.label_centered(num, FontRole::body, here ? theme::primary : passed ? theme::ink : theme::muted, num_box);
            if (!tappable) continue;
            ui.register_target("strip-stop-" + num, s);
            if (ui.tapped(s)) go_to(i, "strip");
        }
    }

    // ------------------------------------------------------------ 4. Overview and end page

    // Every stop as a card (picture or number, its place in the tour, its title); the stop shown
    // is outlined. A tap goes there; "back to stop k" returns without moving.
    void draw_overview(Ui& ui, const Tour& t, ImRect area) {
        int n = static_cast<int>(t.stops.size());
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float bar = ui.s(theme::touch_target);
        int current = std::min(page_, n - 1);
        ImRect head(ImVec2(area.Min.x + m, area.Min.y + m * 0.5f), ImVec2(area.Max.x - m, area.Min.y + m * 0.5f + bar));
        std::string back = ui.each_lang([&](Lang) { return ui.tf("tour.back_to_stop", {std::to_string(current + 1)}); });
        float bw = ui.text().measure(back, FontRole::body) + ui.s(64);
        ImRect back_r(ImVec2(head.Max.x - bw, head.Min.y), head.Max);
        if (ui.button(back, back_r, ButtonKind::primary, FontRole::body)) overview_ = false;
        auto& title = ui.text().layout(ui.t("tour.overview_title"), FontRole::heading, theme::primary_dark,
                                       back_r.Min.x - head.Min.x - ui.s(40), {1.2f, 2, false});
        ui.draw(title, ImVec2(head.Min.x, std::round(head.GetCenter().y - title.height / 2)));

        ImRect grid(ImVec2(area.Min.x + m, head.Max.y + ui.s(36)), ImVec2(area.Max.x - m, area.Max.y - m * 0.7f));
        float off = scroll_.update(ui, grid, grid_extent_);
        ui.push_clip(grid, Overflow::vertical);
        int cols = ui.portrait() ? 2 : 3;
        int rows = (n + cols - 1) / cols;
        float cw = (grid.GetWidth() - g * (cols - 1)) / cols;
        float ch = std::max(ui.s(400), (grid.GetHeight() - g * (rows - 1)) / rows);
        for (int i = 0; i < n; ++i) {
            int col = i % cols, row = i / cols;
            ImRect r(ImVec2(grid.Min.x + col * (cw + g), grid.Min.y + row * (ch + g) - off),
                     ImVec2(grid.Min.x + col * (cw + g) + cw, grid.Min.y + row * (ch + g) + ch - off));
            draw_overview_card(ui, t, i, r, i == current);
        }
        ui.pop_clip();
        grid_extent_ = rows * ch + (rows - 1) * g;
        scroll_.draw_indicator(ui, grid, grid_extent_);
    }

    void draw_overview_card(Ui& ui, const Tour& t, int i, ImRect r, bool current) {
        const TourStop& stop = t.stops[static_cast<std::size_t>(i)];
        const Exhibit* e = stop.exhibit.empty() ? nullptr : ctx_.content().find_exhibit(stop.exhibit);
        const Figure* f = stop.figure.empty() ? nullptr : ctx_.content().find_figure(stop.figure);
        ImRect shown = ui.pressable_card(r);
        float rr = ui.s(theme::radius), pad = ui.s(24);
        // The words take what they need; the picture the rest.
        std::string title = e ? ui.pick(e->title) : f ? ui.pick(f->label) : std::string();
        auto& words = ui.text().layout(title, FontRole::body, theme::ink, shown.GetWidth() - 2 * pad, {1.3f, 0, false});
        float media_h = std::max(ui.s(120), shown.GetHeight() - words.height - 2 * pad);
        ImRect media(shown.Min, ImVec2(shown.Max.x, shown.Min.y + media_h));
        if (e && !e->image.empty()) {
            ui.image_contain(e->image, media, rr, ImDrawFlags_RoundCornersTop);
        } else {
            ui.dl()->AddRectFilled(media.Min, media.Max, theme::primary_dark, rr, ImDrawFlags_RoundCornersTop);
            if (f && media.GetHeight() >= ui.fonts().size(FontRole::display) * 1.2f)
                ui.label_centered(f->value, FontRole::display, theme::white, media);
        }
        // The stop's number on a badge in the picture's corner.
        ImVec2 c(media.Min.x + ui.s(44), media.Min.y + ui.s(44));
        ui.dl()->AddCircleFilled(c, ui.s(30), current ? theme::primary : theme::ink, 32);
        ui.label_centered(std::to_string(i + 1), FontRole::body, theme::white, ImRect(ImVec2(c.x - ui.s(30), c.y - ui.s(30)), ImVec2(c.x + ui.s(30), c.y + ui.s(30))));
        ui.draw(words, ImVec2(shown.Min.x + pad, media.Max.y + pad * 0.8f));
        if (current) ui.dl()->AddRect(shown.Min, shown.Max, theme::primary, rr, 0, ui.s(5));
        std::string label = "overview-stop-" + std::to_string(i + 1);
        ui.register_target(label, r);
        if (ui.tapped(r)) {
            overview_ = false;
            go_to(i, "overview");
        }
    }

    // After the last stop: the end of the tour, the stamp when a passport is open, and where to go.
    void draw_end(Ui& ui, ImRect r) {
        ui.card(r);
        float pad = ui.s(56);
        float w = std::min(r.GetWidth() - 2 * pad, ui.s(1200));
        float x = std::round(r.GetCenter().x - w / 2);
        const std::string& again = ui.t("tour.again");
        const std::string& home = ui.t("tour.to_home");
        float bh = ui.s(theme::touch_target);
        auto& title = ui.text().layout(ui.t_lines("tour.end_title"), FontRole::title, theme::primary_dark, w, {1.2f, 0, true});
        auto& thanks = ui.text().layout(ui.t("tour.end_thanks"), FontRole::lead, theme::ink, w, {1.4f, 0, true});
        auto& stamped = ui.text().layout(stamped_ ? ui.t("tour.stamped") : std::string(), FontRole::lead, theme::teal, w, {1.4f, 0, true});
        float stamp_r = ui.s(80);
        float aw = ui.text().measure(again, FontRole::lead) + ui.s(80), hw = ui.text().measure(home, FontRole::lead) + ui.s(80);
        bool stacked = ui.portrait() || aw + hw + ui.s(24) > w;
        float buttons_h = stacked ? 2 * bh + ui.s(20) : bh;
        float h = (stamped_ ? 2 * stamp_r + ui.s(32) : ui.s(44)) + title.height + ui.s(16) + thanks.height +
                  (stamped_ ? ui.s(12) + stamped.height : 0) + ui.s(48) + buttons_h;
        float y = std::max(r.Min.y + pad, std::round(r.GetCenter().y - h / 2));
        if (stamped_) {
            draw_stamp(ui, ImVec2(r.GetCenter().x, y + stamp_r), stamp_r, ui.t("passport.stamp_tour"),
                       short_date_text(ctx_.today(), ui.lang()), theme::primary);
            y += 2 * stamp_r + ui.s(32);
        } else {
            ui.dl()->AddRectFilled(ImVec2(r.GetCenter().x - ui.s(48), y), ImVec2(r.GetCenter().x + ui.s(48), y + ui.s(8)), theme::gold);
            y += ui.s(36);
        }
        ui.draw(title, ImVec2(x, y));
        y += title.height + ui.s(16);
        ui.draw(thanks, ImVec2(x, y));
        y += thanks.height;
        if (stamped_) {
            y += ui.s(12);
            ui.draw(stamped, ImVec2(x, y));
            y += stamped.height;
        }
        y += ui.s(48);
        bool on_end = page_ >= static_cast<int>(tour()->stops.size());  // not while sliding past
        ImRect a, b;
        if (stacked) {
            float bw = std::max(aw, hw);
            a = ImRect(ImVec2(std::round(r.GetCenter().x - bw / 2), y), ImVec2(std::round(r.GetCenter().x + bw / 2), y + bh));
            b = ImRect(ImVec2(a.Min.x, y + bh + ui.s(20)), ImVec2(a.Max.x, y + 2 * bh + ui.s(20)));
        } else {
            float left = std::round(r.GetCenter().x - (aw + hw + ui.s(24)) / 2);
            a = ImRect(ImVec2(left, y), ImVec2(left + aw, y + bh));
            b = ImRect(ImVec2(a.Max.x + ui.s(24), y), ImVec2(a.Max.x + ui.s(24) + hw, y + bh));
        }
        if (ui.button(again, a, ButtonKind::secondary) && on_end) go_to(0, "restart");
        if (ui.button(home, b, ButtonKind::primary) && on_end) go_home(ctx_);
    }

    AppContext& ctx_;
    std::string id_;
    int page_ = 0;            // the stop shown, from 0; the stop count itself is the end page
    int logged_page_ = -1;    // the page the log last heard of
    const char* how_ = "start";  // what moved to page_, for the log
    bool overview_ = false, blank_ = false, stamped_ = false;
    SnapPager pager_;
    std::vector<ScrollView> scrolls_;  // one per page: a stop's words scroll inside it
    std::vector<float> extents_;
    ScrollView scroll_;  // the overview's grid
    float grid_extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_tour_screen(AppContext& ctx, const std::string& tour_id) {
    return std::make_unique<TourScreen>(ctx, tour_id);
}

}  // namespace lianxin::kiosk
