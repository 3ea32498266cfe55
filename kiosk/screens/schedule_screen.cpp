// What is on at the station: reception days, the deputies' monthly livestream and the "three
// meetings", coming up first (soonest first) and then those already held (latest first, with
// what came of them), each under its month; a livestream still to come carries its QR code.
#include <algorithm>

#include "core/i18n/date_text.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/qr_view.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

// Each kind in its own colour, white words on it (every one ≥ 4.5:1 with white).
ImU32 kind_colour(ScheduleKind k) {
    switch (k) {
        case ScheduleKind::reception: return theme::primary;
        case ScheduleKind::livestream: return theme::rgb(0x7A3E9D);
        case ScheduleKind::hearing: return theme::teal;
        case ScheduleKind::coordination: return theme::rgb(0x8A5F10);
        case ScheduleKind::evaluation: return theme::rgb(0x3D5A80);
    }
    return theme::primary;
}

class ScheduleScreen : public Screen {
public:
    explicit ScheduleScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "schedule"; }
    std::string title(const Ui& ui) const override { return ui.t("home.schedule"); }

    void draw(Ui& ui, ImRect area) override {
        const auto& items = ctx_.content().schedule;
        const LocalDate today = ctx_.today();
        std::vector<const ScheduleItem*> upcoming, past;
        for (auto& s : items) (s.date >= today ? upcoming : past).push_back(&s);
        std::reverse(past.begin(), past.end());  // the latest first

        float m = ui.s(theme::margin);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t("home.schedule"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, 0, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("schedule.intro"), FontRole::lead, theme::muted, ImVec2(x, y), std::min(w, ui.s(1400))) + ui.s(16);
        y += section(ui, ui.t("schedule.upcoming"), upcoming, ImVec2(x, y), w, false);
        if (upcoming.empty())
            y += ui.paragraph(ui.t("schedule.nothing_upcoming"), FontRole::lead, theme::muted, ImVec2(x, y), w) + ui.s(16);
        if (!past.empty()) y += section(ui, ui.t("schedule.past"), past, ImVec2(x, y), w, true);
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // A heading, then the items under their months; returns the height used.
    float section(Ui& ui, const std::string& heading, const std::vector<const ScheduleItem*>& list, ImVec2 at, float w,
                  bool held) {
        float y = at.y + ui.s(28);
        ui.dl()->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + ui.s(56), y + ui.s(6)), theme::gold);
        y += ui.s(18);
        y += ui.paragraph(heading, FontRole::heading, theme::primary_dark, ImVec2(at.x, y), w, {1.3f, 0, false}) + ui.s(8);
        std::string month;
        for (auto* s : list) {
            std::string this_month = month_text(s->date, ui.lang());
            if (this_month != month) {
                month = this_month;
                y += ui.s(10);
                y += ui.paragraph(month, FontRole::lead, theme::gold_text, ImVec2(at.x, y), w, {1.3f, 0, false}) + ui.s(10);
            }
            float h = card(ui, *s, ImRect(ImVec2(at.x, y), ImVec2(at.x + w, y)), held, false);
            card(ui, *s, ImRect(ImVec2(at.x, y), ImVec2(at.x + w, y + h)), held, true);
            y += h + ui.s(theme::gap);
        }
        return y - at.y;
    }

    // The names of the deputies taking part, in the visitor's language, joined as it writes lists.
    std::string names(const Ui& ui, const ScheduleItem& s) const {
        std::string out;
        for (auto& id : s.deputies)
            if (const Deputy* d = ctx_.content().find_deputy(id))
                out += (out.empty() ? "" : ui.lang() == Lang::zh ? "、" : ", ") + ui.pick(d->name);
        return out;
    }

    // One item: a calendar leaf, the words beside it, and for a livestream still to come its QR
    // code. Measures only (returns the height) unless `draw`.
    float card(Ui& ui, const ScheduleItem& s, ImRect r, bool held, bool draw) {
        const float pad = ui.s(28), leaf_w = ui.s(150), gap = ui.s(28);
        const bool qr = !held && !s.link.empty();
        const float qr_w = qr ? (ui.portrait() ? ui.s(240) : ui.s(260)) : 0;
        const float words_x = r.Min.x + pad + leaf_w + gap;
        const float words_w = r.Max.x - pad - (qr ? qr_w + gap : 0) - words_x;
        if (draw) {
            ui.card(r);
            // The calendar leaf: the month on a coloured band, the day large below it.
            ImRect leaf(ImVec2(r.Min.x + pad, r.Min.y + pad), ImVec2(r.Min.x + pad + leaf_w, r.Min.y + pad + ui.s(140)));
            ImRect band(leaf.Min, ImVec2(leaf.Max.x, leaf.Min.y + ui.s(48)));
            ui.dl()->AddRectFilled(leaf.Min, leaf.Max, theme::background, ui.s(14));
            ui.dl()->AddRectFilled(band.Min, band.Max, kind_colour(s.kind), ui.s(14), ImDrawFlags_RoundCornersTop);
            ui.label_centered(short_month_text(s.date, ui.lang()), FontRole::body, theme::white, band);
            ui.label_centered(std::to_string(s.date.day), FontRole::title, theme::ink,
                              ImRect(ImVec2(leaf.Min.x, band.Max.y), leaf.Max));
        }
        float y = r.Min.y + pad;
        // The kind as a tag, then the time of day.
        const std::string& kind = ui.t(std::string("schedule.kind.") + schedule_kind_code(s.kind));
        float tag_w = ui.text().measure(kind, FontRole::body) + ui.s(36), tag_h = ui.s(52);
        if (draw) {
            ImRect tag(ImVec2(words_x, y), ImVec2(words_x + tag_w, y + tag_h));
            ui.dl()->AddRectFilled(tag.Min, tag.Max, kind_colour(s.kind), tag_h / 2);
            ui.label_centered(kind, FontRole::body, theme::white, tag);
            std::string when = date_text(s.date, ui.lang()) + (s.time.empty() ? "" : "  " + s.time);
            ui.label(when, FontRole::body, theme::ink, ImVec2(words_x + tag_w + ui.s(16), y + (tag_h - ui.fonts().size(FontRole::body)) / 2));
        }
        y += tag_h + ui.s(14);
        auto text = [&](const std::string& str, FontRole role, ImU32 colour, float spacing, float after) {
            if (str.empty()) return;
            auto& l = ui.text().layout(str, role, colour, words_w, {spacing, 0, false});
            if (draw) ui.draw(l, ImVec2(words_x, y));
            y += l.height + after;
        };
        text(ui.pick(s.title), FontRole::heading, theme::ink, 1.3f, ui.s(8));
        text(s.place.empty() ? ui.t("schedule.online") : ui.pick(s.place), FontRole::body, theme::teal, 1.4f, ui.s(4));
        std::string who = names(ui, s);
        if (!who.empty()) text(ui.tf("schedule.with", {who}), FontRole::body, theme::muted, 1.4f, ui.s(4));
        if (held && !s.outcome.empty()) {
            y += ui.s(10);
            text(ui.t("schedule.outcome"), FontRole::body, theme::gold_text, 1.3f, ui.s(2));
            text(ui.pick(s.outcome), FontRole::lead, theme::ink, 1.45f, 0);
        }
        float words_h = y - r.Min.y + pad;
        float qr_h = 0;
        if (qr) {
            float cap_h = ui.fonts().size(FontRole::body) * 1.6f;
            qr_h = pad + qr_w + cap_h + pad;
            if (draw) {
                ImRect box(ImVec2(r.Max.x - pad - qr_w, r.Min.y + pad), ImVec2(r.Max.x - pad, r.Min.y + pad + qr_w));
                ImRect shown = qr_.draw(ui, s.link, box);
                ui.register_script_label("qr-" + s.id, shown);
                ui.label_centered(ui.t("schedule.scan_to_watch"), FontRole::body, theme::muted,
                                  ImRect(ImVec2(box.Min.x - ui.s(20), box.Max.y), ImVec2(box.Max.x + ui.s(20), box.Max.y + cap_h)));
            }
        }
        return std::max({words_h, ui.s(140) + 2 * pad, qr_h});
    }

    AppContext& ctx_;
    ScrollView scroll_;
    QrView qr_;
    float extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_schedule_screen(AppContext& ctx) { return std::make_unique<ScheduleScreen>(ctx); }

}  // namespace lianxin::kiosk
