// The timeline of liaison work: a rail of years to tap, and one large card per event that the
// visitor swipes through (or steps with the arrow buttons and the arrow keys).
#include <algorithm>
#include <cmath>

#include "core/text/utf8.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/arrow_button.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

class TimelineScreen : public Screen {
public:
    // Opened at an event (the editor's preview of it): stands there, without the slide from the first.
    TimelineScreen(AppContext& ctx, int start) : ctx_(ctx), page_(start) { pager_.jump_to(start); }
    const char* name() const override { return "timeline"; }
    std::string title(const Ui& ui) const override { return ui.t("home.timeline"); }

    bool on_key(const std::string& key) override {
        int n = static_cast<int>(ctx_.content().timeline.size());
        if (key == "Left" && page_ > 0) { --page_; return true; }
        if (key == "Right" && page_ < n - 1) { ++page_; return true; }
        return false;
    }

    void draw(Ui& ui, ImRect area) override {
        auto& events = ctx_.content().timeline;
        int n = static_cast<int>(events.size());
        if (n == 0) { ctx_.nav->back(); return; }
        page_ = std::clamp(page_, 0, n - 1);  // opened at an event the content may no longer have
        float m = ui.s(theme::margin);
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        float y = area.Min.y + m * 0.8f;
        y += ui.paragraph(ui.t("home.timeline"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, ui.bilingual() ? 2 : 1, false});
        y += ui.s(20);
        y += draw_year_rail(ui, ImRect(ImVec2(area.Min.x, y), ImVec2(area.Max.x, y + ui.s(130))), events);
        y += ui.s(24);

        float arrow = ui.s(theme::touch_target);
        bool side_arrows = !ui.portrait();
        ImRect pager_box(ImVec2(x + (side_arrows ? arrow + ui.s(24) : 0), y),
                         ImVec2(area.Max.x - m - (side_arrows ? arrow + ui.s(24) : 0),
                                area.Max.y - m - (side_arrows ? 0 : arrow + ui.s(24))));
        pager_.draw(ui, pager_box, n, page_,
                    [&](int i, ImRect card) { draw_event(ui, events[static_cast<std::size_t>(i)], card, i); });

        // Previous / next, large, for those who do not swipe.
        ImRect prev, next;
        if (side_arrows) {
            float cy = pager_box.GetCenter().y;
            prev = ImRect(ImVec2(x, cy - arrow / 2), ImVec2(x + arrow, cy + arrow / 2));
            next = ImRect(ImVec2(area.Max.x - m - arrow, cy - arrow / 2), ImVec2(area.Max.x - m, cy + arrow / 2));
        } else {
            float by = area.Max.y - m - arrow;
            prev = ImRect(ImVec2(x, by), ImVec2(x + arrow * 2.2f, by + arrow));
            next = ImRect(ImVec2(area.Max.x - m - arrow * 2.2f, by), ImVec2(area.Max.x - m, by + arrow));
            std::string counter = std::to_string(page_ + 1) + " / " + std::to_string(n);
            ui.label_centered(counter, FontRole::lead, theme::muted, ImRect(ImVec2(prev.Max.x, by), ImVec2(next.Min.x, by + arrow)));
        }
        if (arrow_button(ui, prev, false, page_ > 0, ui.t("timeline.previous"))) --page_;
        if (arrow_button(ui, next, true, page_ < n - 1, ui.t("timeline.next"))) ++page_;
    }

private:
    float draw_year_rail(Ui& ui, ImRect r, const std::vector<TimelineEvent>& events) {
        auto* dl = ui.dl();
        float m = ui.s(theme::margin);
        float chip_h = ui.s(theme::touch_target), gap = ui.s(14);
        std::vector<float> widths;
        float total = 0;
        for (auto& e : events) {
            std::string label = year_text(ui, e, true);
            widths.push_back(std::max(ui.s(130), ui.text().measure(label, FontRole::lead) + ui.s(44)));
            total += widths.back() + gap;
        }
        total += 2 * m - gap;
        // Keep the selected year in view when it changes.
        float off = rail_.update(ui, r, total);
        if (page_ != rail_page_) {
            float cx = m;
            for (int i = 0; i < page_; ++i) cx += widths[static_cast<std::size_t>(i)] + gap;
            float want = std::clamp(cx + widths[static_cast<std::size_t>(page_)] / 2 - r.GetWidth() / 2, 0.0f,
                                    std::max(0.0f, total - r.GetWidth()));
            rail_.jump_to(want);
            rail_page_ = page_;
            off = want;
        }
        ui.push_clip(r, Overflow::horizontal);
        float line_y = r.Min.y + chip_h + ui.s(30);
        dl->AddLine(ImVec2(r.Min.x, line_y), ImVec2(r.Max.x, line_y), theme::line, ui.s(4));
        float x = r.Min.x + m - off;
        for (std::size_t i = 0; i < events.size(); ++i) {
            ImRect chip(ImVec2(x, r.Min.y), ImVec2(x + widths[i], r.Min.y + chip_h));
            bool sel = static_cast<int>(i) == page_;
            if (ui.button(year_text(ui, events[i], true), chip, sel ? ButtonKind::chip_selected : ButtonKind::chip))
                page_ = static_cast<int>(i);
            dl->AddCircleFilled(ImVec2(chip.GetCenter().x, line_y), sel ? ui.s(12) : ui.s(8),
                                sel ? theme::primary : theme::gold, 20);
            x += widths[i] + gap;
        }
        ui.pop_clip();
        return r.GetHeight();
    }

    static std::string year_text(const Ui& ui, const TimelineEvent& e, bool short_form) {
        if (!e.year_label.empty() && !short_form) return ui.pick(e.year_label);
        // A short label ("Late 2020", "2019年11月") tells two events of one year apart.
        if (!e.year_label.empty() && utf8::count_code_points(ui.pick(e.year_label)) <= 13) return ui.pick(e.year_label);
        return std::to_string(e.year);
    }

    // An event's card: its picture, and its words whole; when they are taller than the card they
    // scroll inside it (the indicator and a fade at the bottom say there is more).
    void draw_event(Ui& ui, const TimelineEvent& e, ImRect card, int index) {
        if (scrolls_.size() != ctx_.content().timeline.size()) {
            scrolls_.assign(ctx_.content().timeline.size(), ScrollView{});
            extents_.assign(ctx_.content().timeline.size(), 0.0f);
        }
        auto& scroll = scrolls_[static_cast<std::size_t>(index)];
        float& extent = extents_[static_cast<std::size_t>(index)];
        bool current = index == page_;
        ui.card(card);
        auto* dl = ui.dl();
        float rr = ui.s(theme::radius), pad = ui.s(44);
        bool side = !ui.portrait();
        ImRect media;
        if (!e.image.empty()) {
            media = side ? ImRect(card.Min, ImVec2(card.Min.x + card.GetWidth() * 0.42f, card.Max.y))
                         : ImRect(card.Min, ImVec2(card.Max.x, card.Min.y + card.GetWidth() * 9 / 16));
            ui.image_contain(e.image, media, rr, side ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop);
        } else {
            media = ImRect(card.Min, side ? ImVec2(card.Min.x, card.Max.y) : ImVec2(card.Max.x, card.Min.y));
        }
        ImRect view = side ? ImRect(ImVec2(media.Max.x, card.Min.y + ui.s(8)), ImVec2(card.Max.x, card.Max.y - ui.s(8)))
                           : ImRect(ImVec2(card.Min.x, media.Max.y), ImVec2(card.Max.x, card.Max.y - ui.s(8)));
        float off = scroll.update(ui, view, extent);
        ui.push_clip(view, Overflow::vertical);
        float x = view.Min.x + pad, w = view.GetWidth() - 2 * pad;
        float top = view.Min.y + (side ? pad - ui.s(8) : pad * 0.8f) - off, y = top;
        std::string year = e.year_label.empty() ? std::to_string(e.year) : ui.pick(e.year_label);
        FontRole year_role = e.year_label.empty() ? FontRole::display : FontRole::title;
        y += ui.paragraph(year, year_role, theme::primary, ImVec2(x, y - ui.s(10)), w, {1.05f, 0, false});
        dl->AddRectFilled(ImVec2(x, y + ui.s(6)), ImVec2(x + ui.s(80), y + ui.s(14)), theme::gold);
        y += ui.s(34);
        y += ui.paragraph(ui.pick(e.title), FontRole::heading, theme::ink, ImVec2(x, y), w, {1.3f, 0, false}) + ui.s(6);
        y += ui.translation_note(e.english_pending, ImVec2(x, y), w);
        if (!e.place.empty())
            y += ui.paragraph(ui.pick(e.place), FontRole::body, theme::teal, ImVec2(x, y), w, {1.4f, 0, false}) + ui.s(10);
        y += ui.paragraph(ui.pick(e.text), FontRole::lead, theme::ink, ImVec2(x, y), w);
        if (!e.exhibit.empty() && ctx_.content().find_exhibit(e.exhibit)) {
            const std::string& more = ui.t("timeline.read_more");
            float bw = ui.text().measure(more, FontRole::lead) + ui.s(80);
            y += ui.s(20);
            ImRect b(ImVec2(x, y), ImVec2(x + bw, y + ui.s(theme::touch_target)));
            if (ui.button(more, b, ButtonKind::secondary) && current) ctx_.nav->push(make_exhibit_screen(ctx_, e.exhibit));
            y += ui.s(theme::touch_target);
        }
        ui.pop_clip();
        extent = y - top + pad;
        if (extent > view.GetHeight() + 1 && off < extent - view.GetHeight() - 1) draw_more_fade(ui, view);
        scroll.draw_indicator(ui, view, extent);
    }

    // A soft fade over the bottom of a view whose words go on below it.
    static void draw_more_fade(Ui& ui, ImRect view) {
        float h = ui.s(48);
        ImU32 clear = theme::rgb(0xFFFFFF, 0), solid = theme::surface;
        ui.dl()->AddRectFilledMultiColor(ImVec2(view.Min.x, view.Max.y - h), view.Max, clear, clear, solid, solid);
    }

    AppContext& ctx_;
    int page_ = 0, rail_page_ = -1;
    SnapPager pager_;
    ScrollView rail_{ScrollView::Axis::horizontal};
    std::vector<ScrollView> scrolls_;  // one per event: its words scroll inside its card
    std::vector<float> extents_;
};

}  // namespace

std::unique_ptr<Screen> make_timeline_screen(AppContext& ctx, int start) {
    return std::make_unique<TimelineScreen>(ctx, start);
}

}  // namespace lianxin::kiosk
