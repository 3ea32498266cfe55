// Figures: the hall's live figures first (opinions collected here and across the district, adopted
// opinions, participants with passports, delegations received, opinions on each open draft), drawn
// as cards with bars and a ring that ease to a changed number, always dated; then the content's key
// figures, large enough to read across the hall; a key figure linked to an exhibit opens it.
#include <algorithm>
#include <cmath>

#include "core/base/calendar.h"
#include "kiosk/screens/screen.h"
#include "kiosk/services/kiosk_services.h"
#include "kiosk/widgets/eased_number.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

// The live figure cards, in the order drawn.
enum Live { here_opinions, district_opinions, adopted, passports, delegations, kLiveCount };

class FiguresScreen : public Screen {
public:
    explicit FiguresScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "figures"; }
    std::string title(const Ui& ui) const override { return ui.t("home.figures"); }

    void draw(Ui& ui, ImRect area) override {
        refresh(ui);
        auto& figures = ctx_.content().figures;
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        y += ui.paragraph(ui.t_lines("home.figures"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, 0, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("live.intro"), FontRole::lead, theme::muted, ImVec2(x, y), w) + ui.s(30);

        y = draw_live(ui, x, y, w) + ui.s(56);

        if (!figures.empty()) {
            y += section_heading(ui, ui.t("live.key_figures"), ImVec2(x, y), w);
            y += ui.paragraph(ui.t("figures.intro"), FontRole::body, theme::muted, ImVec2(x, y), w) + ui.s(24);
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
        }
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // Reads the figures when the screen opens and again after each sync the agent completes: the
    // local counts only change by this visitor's own records, which open the screen anew.
    void refresh(Ui& ui) {
        std::int64_t synced = ctx_.services->sync_status().last_success_ms;
        if (loaded_ && synced == synced_at_) return;
        loaded_ = true;
        synced_at_ = synced;
        auto f = ctx_.services->live_figures();
        live_ = f ? *f : LiveFigures{};
        const LiveFigures& l = live_;
        const DistrictFigures* d = l.district ? &*l.district : nullptr;
        std::int64_t values[kLiveCount] = {l.here.opinions, d ? d->opinions : 0, d ? d->adopted : l.here.adopted,
                                           d ? d->passports : l.here.passports, d ? d->delegations : l.here.delegations};
        for (int i = 0; i < kLiveCount; ++i) eased_[i].set(static_cast<double>(values[i]), ui.now());
        // The drafts' bars, in the hub's order, only those this content knows (an id it does not know
        // has no title to show).
        bars_.clear();
        if (d)
            for (const ConsultationFigure& c : d->consultations)
                if (const Consultation* k = ctx_.content().find_consultation(c.consultation)) bars_.push_back({k, c.opinions});
        bar_max_ = 1;
        for (auto& b : bars_) bar_max_ = std::max(bar_max_, b.opinions);
        bar_eased_.resize(bars_.size());
        for (std::size_t i = 0; i < bars_.size(); ++i) bar_eased_[i].set(static_cast<double>(bars_[i].opinions), ui.now());
    }

    // A section's heading with the gold rule above it; returns the height used.
    float section_heading(Ui& ui, const std::string& text, ImVec2 pos, float w) {
        ui.dl()->AddRectFilled(pos, ImVec2(pos.x + ui.s(72), pos.y + ui.s(8)), theme::gold);
        return ui.s(24) + ui.paragraph(text, FontRole::heading, theme::primary_dark, ImVec2(pos.x, pos.y + ui.s(24)), w,
                                       {1.25f, 0, false}) +
               ui.s(12);
    }

    // The live figures: heading, their date (and a note when it is old or missing), the five cards
    // and the drafts' bars. Returns the y below them.
    float draw_live(Ui& ui, float x, float y, float w) {
        y += section_heading(ui, ui.t("live.title"), ImVec2(x, y), w);
        const LiveFigures& l = live_;
        std::int64_t now_ms = ctx_.services->moment().utc_ms;
        bool stale = l.district && now_ms - l.district_as_of_ms > kLiveFiguresStaleMs;
        if (l.district) {
            std::string when = local_time_text(l.district_as_of_ms);
            // A clock mark before the date: the figures' age is the first thing to judge them by.
            float r = ui.s(13);
            ImVec2 c(x + r, y + ui.fonts().size(FontRole::body) * 0.72f);
            ui.dl()->AddCircle(c, r, theme::teal, 24, ui.s(3));
            ui.dl()->AddLine(c, ImVec2(c.x, c.y - r * 0.6f), theme::teal, ui.s(3));
            ui.dl()->AddLine(c, ImVec2(c.x + r * 0.5f, c.y), theme::teal, ui.s(3));
            y += ui.paragraph(ui.tf("live.as_of", {when}), FontRole::body, theme::teal, ImVec2(x + 2 * r + ui.s(14), y),
                              w - 2 * r - ui.s(14)) +
                 ui.s(18);
        }
        if (!l.district || stale) {
            // Honest when the link is down: a note on a warm band, never a silent old number.
            std::string note = l.district ? ui.tf("live.stale", {local_time_text(l.district_as_of_ms)}) : ui.t("live.never");
            float pad = ui.s(24), bar = ui.s(10);
            float th = ui.text().layout(note, FontRole::body, theme::ink, w - 2 * pad - bar).height;
            ImRect band(ImVec2(x, y), ImVec2(x + w, y + th + 2 * pad));
            ui.card(band, theme::rgb(0xFBEBC8));
            ui.dl()->AddRectFilled(band.Min, ImVec2(band.Min.x + bar, band.Max.y), theme::gold, ui.s(theme::radius),
                                   ImDrawFlags_RoundCornersLeft);
            ui.paragraph(note, FontRole::body, theme::ink, ImVec2(x + bar + pad, y + pad), w - 2 * pad - bar);
            y = band.Max.y + ui.s(24);
        }
        y += ui.s(8);

        // Five cards: one row in landscape; in portrait two a row, the first across the whole width.
        float g = ui.s(theme::gap);
        bool portrait = ui.portrait();
        int cols = portrait ? 2 : kLiveCount;
        float cw = (w - g * (cols - 1)) / cols;
        float ch = live_card_height(ui, cw);
        for (int i = 0, slot = 0; i < kLiveCount; ++i) {
            bool wide = portrait && i == 0;
            int col = wide ? 0 : slot % cols;
            float cx = x + col * (cw + g);
            ImRect r(ImVec2(cx, y), ImVec2(wide ? x + w : cx + cw, y + ch));
            draw_live_card(ui, static_cast<Live>(i), r);
            if (wide) {
                y += ch + g;
            } else {
                ++slot;
                if (slot % cols == 0 || i == kLiveCount - 1) y += ch + g;
            }
        }

        // Opinions on each open draft: a bar each, longest for the most.
        if (l.district) {
            y += ui.s(32);
            y += section_heading(ui, ui.t("live.by_consultation"), ImVec2(x, y), w);
            y += ui.paragraph(ui.t("live.by_consultation_note"), FontRole::body, theme::muted, ImVec2(x, y), w) + ui.s(20);
            if (bars_.empty()) {
                y += ui.paragraph(ui.t("live.no_open"), FontRole::lead, theme::ink, ImVec2(x, y), w) + ui.s(12);
            } else {
                float pad = ui.s(32);
                float inner = w - 2 * pad;
                float row_gap = ui.s(30);
                float h = 2 * pad - row_gap;
                for (auto& b : bars_) h += bar_row_height(ui, b, inner) + row_gap;
                ui.card(ImRect(ImVec2(x, y), ImVec2(x + w, y + h)));
                float ry = y + pad;
                for (std::size_t i = 0; i < bars_.size(); ++i) ry += draw_bar_row(ui, i, ImVec2(x + pad, ry), inner) + row_gap;
                y += h;
            }
        }
        return y;
    }

    static constexpr float kCardPad = 28, kRing = 46;

    // What each card says under its number: a share, a rate or a total, in the visitor's language.
    std::string card_caption(Ui& ui, Live which) const {
        const LiveFigures& l = live_;
        if (!l.district) {
            // Before the first sync the cards show this kiosk's own counts, and say so.
            if (which == district_opinions) return ui.t("live.waiting");
            return which == here_opinions ? std::string() : ui.t("live.this_site");
        }
        const DistrictFigures& d = *l.district;
        switch (which) {
            case here_opinions: return ui.tf("live.share_of_district", {percent_text(l.here.opinions, d.opinions)});
            case district_opinions: return ui.t("live.all_sites");
            case adopted: return ui.tf("live.adopted_rate", {percent_text(d.adopted, d.opinions)});
            case passports: return ui.tf("live.issued_here", {grouped_number(l.here.passports)});
            case delegations: return ui.tf("live.people", {grouped_number(d.delegation_people)});
            default: return {};
        }
    }

    const std::string& card_label(Ui& ui, Live which) const {
        static const char* keys[kLiveCount] = {"live.here_opinions", "live.district_opinions", "live.adopted",
                                               "live.passports", "live.delegations"};
        // In 中英 a line per language: a card's label wraps more cleanly so than run together.
        return ui.t_lines(keys[which]);
    }

    // The share a card's bar or ring shows (0–1), or a negative number for none.
    double card_share(Live which) const {
        if (!live_.district) return -1;
        const DistrictFigures& d = *live_.district;
        auto share = [](std::int64_t a, std::int64_t b) { return b > 0 ? std::clamp(double(a) / double(b), 0.0, 1.0) : 0.0; };
        switch (which) {
            case here_opinions: return share(live_.here.opinions, d.opinions);
            case adopted: return share(d.adopted, d.opinions);
            case passports: return share(live_.here.passports, d.passports);
            default: return -1;
        }
    }

    // Every card as tall as the tallest needs, so a row lines up and no words are cut.
    float live_card_height(Ui& ui, float cw) {
        float pad = ui.s(kCardPad), text_w = cw - 2 * pad;
        float label_h = 0, caption_h = 0;
        for (int i = 0; i < kLiveCount; ++i) {
            label_h = std::max(label_h, ui.text().layout(card_label(ui, static_cast<Live>(i)), FontRole::lead, theme::ink,
                                                          text_w, {1.3f, 0, false}).height);
            caption_h = std::max(caption_h, ui.text().layout(card_caption(ui, static_cast<Live>(i)), FontRole::body,
                                                              theme::muted, text_w, {1.3f, 0, false}).height);
        }
        // The display size where the largest number fits the card, else the title size for all five,
        // so the row reads as one.
        // The adopted card's number shares its line with the ring.
        number_role_ = FontRole::display;
        for (int i = 0; i < kLiveCount; ++i) {
            float room = i == adopted ? text_w - 2 * ui.s(kRing) - ui.s(16) : text_w;
            if (ui.text().measure(grouped_number(static_cast<std::int64_t>(eased_[i].target())), FontRole::display) > room)
                number_role_ = FontRole::title;
        }
        label_h_ = label_h;
        return pad + label_h + ui.s(12) + ui.fonts().size(number_role_) * 1.1f +
               ui.s(14) + ui.s(12) + ui.s(14) + caption_h + pad;
    }

    void draw_live_card(Ui& ui, Live which, ImRect r) {
        ui.card(r);
        auto* dl = ui.dl();
        float pad = ui.s(kCardPad), text_w = r.GetWidth() - 2 * pad;
        static const ImU32 accents[kLiveCount] = {theme::primary, theme::primary_dark, theme::gold, theme::teal,
                                                  theme::gold_text};
        ImU32 accent = accents[which];
        dl->AddRectFilled(r.Min, ImVec2(r.Max.x, r.Min.y + ui.s(8)), accent, ui.s(theme::radius), ImDrawFlags_RoundCornersTop);
        float y = r.Min.y + pad;
        double share = card_share(which);
        ui.paragraph(card_label(ui, which), FontRole::lead, theme::ink, ImVec2(r.Min.x + pad, y), text_w, {1.3f, 0, false});
        // Every card's number on the same line, below the tallest label of the row.
        y = r.Min.y + pad + label_h_ + ui.s(12);
        const float num_h = ui.fonts().size(number_role_) * 1.1f;
        // The adoption rate as a ring beside the number: how much of what was said became law.
        float shown = eased_[which].target() > 0 ? static_cast<float>(eased_[which].shown(ui) / eased_[which].target()) : 1.0f;
        if (which == adopted && share >= 0) {
            ImVec2 c(r.Max.x - pad - ui.s(kRing), y + num_h * 0.5f);
            float rr = ui.s(kRing) - ui.s(7);
            dl->AddCircle(c, rr, theme::line, 48, ui.s(14));
            float a = static_cast<float>(share) * shown;
            if (a > 0.001f) {
                constexpr float kTop = -IM_PI / 2;
                dl->PathArcTo(c, rr, kTop, kTop + 2 * IM_PI * a, 48);
                dl->PathStroke(accent, 0, ui.s(14));
            }
        }
        bool waiting = !live_.district && which == district_opinions;
        std::string number = waiting ? "–" : grouped_number(std::llround(eased_[which].shown(ui)));
        // Gold is an accent only (too light for words): the adopted count is set in gold's text colour.
        ui.label(number, number_role_, which == adopted ? theme::gold_text : accent, ImVec2(r.Min.x + pad, y));
        y += num_h + ui.s(14);
        // A bar for a share of the district; a plain rule where the card has none.
        float bh = ui.s(12);
        ImRect track(ImVec2(r.Min.x + pad, y), ImVec2(r.Max.x - pad, y + bh));
        if (share >= 0 && which != adopted) {
            dl->AddRectFilled(track.Min, track.Max, theme::line, bh / 2);
            float fw = track.GetWidth() * static_cast<float>(share) * shown;
            if (fw > 0.5f) dl->AddRectFilled(track.Min, ImVec2(track.Min.x + std::max(fw, bh), track.Max.y), accent, bh / 2);
        } else {
            dl->AddRectFilled(ImVec2(track.Min.x, track.Min.y + bh / 2 - ui.s(1)), ImVec2(track.Max.x, track.Min.y + bh / 2 + ui.s(1)),
                              theme::line);
        }
        y += bh + ui.s(14);
        std::string caption = card_caption(ui, which);
        if (!caption.empty())
            ui.paragraph(caption, FontRole::body, theme::muted, ImVec2(r.Min.x + pad, y), text_w, {1.3f, 0, false});
    }

    struct Bar {
        const Consultation* consultation;
        std::int64_t opinions;
    };

    float bar_row_height(Ui& ui, const Bar& b, float w) {
        return ui.text().layout(ui.pick(b.consultation->title), FontRole::lead, theme::ink, w, {1.3f, 0, false}).height +
               ui.s(12) + ui.s(36);
    }

    // One draft: its title, then a bar in proportion to the most-answered draft and the count.
    float draw_bar_row(Ui& ui, std::size_t i, ImVec2 pos, float w) {
        const Bar& b = bars_[i];
        float th = ui.paragraph(ui.pick(b.consultation->title), FontRole::lead, theme::ink, pos, w, {1.3f, 0, false});
        float y = pos.y + th + ui.s(12), bh = ui.s(36);
        double v = bar_eased_[i].shown(ui);
        std::string count = ui.tf("live.opinions_count", {grouped_number(std::llround(v))});
        float count_w = ui.text().measure(count, FontRole::body) + ui.s(20);
        float track_w = std::max(ui.s(120), w - count_w);
        auto* dl = ui.dl();
        dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + track_w, y + bh), theme::rgb(0xF3ECE0), bh / 2);
        float fw = track_w * static_cast<float>(std::clamp(v / static_cast<double>(bar_max_), 0.0, 1.0));
        if (fw > 0.5f) dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + std::max(fw, bh), y + bh), theme::primary, bh / 2);
        ui.label(count, FontRole::body, theme::primary_dark,
                 ImVec2(pos.x + track_w + ui.s(20), y + bh / 2 - ui.fonts().size(FontRole::body) * 0.62f));
        return th + ui.s(12) + bh;
    }

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
    bool loaded_ = false;
    std::int64_t synced_at_ = 0;
    LiveFigures live_;
    EasedNumber eased_[kLiveCount];
    std::vector<Bar> bars_;
    std::vector<EasedNumber> bar_eased_;
    std::int64_t bar_max_ = 1;
    FontRole number_role_ = FontRole::display;
    float label_h_ = 0;  // the tallest card label of this frame (live_card_height)
};

}  // namespace

std::unique_ptr<Screen> make_figures_screen(AppContext& ctx) { return std::make_unique<FiguresScreen>(ctx); }

}  // namespace lianxin::kiosk
