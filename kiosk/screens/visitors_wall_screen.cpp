// The visitors' wall: what delegations wrote in the guestbook and agreed to show, newest first,
// as cards (who, from where, how many, when, their words), the number of delegations this kiosk
// has received, and the way to sign. Only entries whose delegation chose the wall are read.
#include <algorithm>
#include <optional>

#include "core/i18n/bilingual_text.h"
#include "core/i18n/date_text.h"
#include "core/records/station_records.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

// The newest a wall shows: the cards of a busy year, and a read that stays quick.
constexpr std::size_t kWallEntriesShown = 60;

class VisitorsWallScreen : public Screen {
public:
    explicit VisitorsWallScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "visitors-wall"; }
    std::string title(const Ui& ui) const override { return ui.t("wall.title"); }

    void draw(Ui& ui, ImRect area) override {
        read_if_changed();
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        // Signing, one tap away beside the title.
        const std::string& sign = ui.t("wall.sign");
        float bw = std::min(w * 0.45f, ui.text().measure(target_name(sign), FontRole::lead) + ui.s(96));
        float bh = ui.s(theme::touch_target) * (ui.bilingual() && sign.find('\n') != std::string::npos ? 1.5f : 1.1f);
        if (ui.button(sign, ImRect(ImVec2(x + w - bw, y), ImVec2(x + w, y + bh)), ButtonKind::primary))
            ctx_.nav->push(make_guestbook_screen(ctx_));
        float head_w = w - bw - ui.s(24);
        float hy = y;
        hy += ui.paragraph(ui.t("wall.title"), FontRole::title, theme::primary_dark, ImVec2(x, hy), head_w, {1.2f, 0, false}) + ui.s(8);
        hy += ui.paragraph(ui.t("wall.intro"), FontRole::lead, theme::muted, ImVec2(x, hy), head_w, {1.3f, 0, false}) + ui.s(8);
        if (received_ > 0)
            hy += ui.paragraph(ui.tf("wall.received", {std::to_string(received_)}), FontRole::lead, theme::teal, ImVec2(x, hy), head_w,
                               {1.3f, 0, false});
        y = std::max(hy, y + bh) + ui.s(28);
        if (!problem_.empty()) {
            y += ui.paragraph(ui.t("wall.unreadable"), FontRole::lead, theme::muted, ImVec2(x, y), w) + g;
        } else if (entries_.empty()) {
            y += ui.paragraph(ui.t("wall.empty"), FontRole::lead, theme::muted, ImVec2(x, y), w) + g;
        }
        const int cols = ui.portrait() ? 1 : 2;
        const float cw = (w - g * (cols - 1)) / cols;
        // A row as tall as its longest card: nothing is cut.
        for (std::size_t i = 0; i < entries_.size(); i += static_cast<std::size_t>(cols)) {
            std::size_t end = std::min(entries_.size(), i + static_cast<std::size_t>(cols));
            float row_h = 0;
            for (std::size_t k = i; k < end; ++k) row_h = std::max(row_h, card(ui, entries_[k], ImVec2(0, 0), cw, false));
            for (std::size_t k = i; k < end; ++k) {
                float cx = x + static_cast<float>(k - i) * (cw + g);
                ui.card(ImRect(ImVec2(cx, y), ImVec2(cx + cw, y + row_h)));
                card(ui, entries_[k], ImVec2(cx, y), cw, true);
            }
            y += row_h + g;
        }
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // Read when the screen opens and again whenever a record was committed since (a delegation
    // just signed), not every frame.
    void read_if_changed() {
        auto committed = ctx_.services->records_committed();
        if (read_at_ && *read_at_ == committed) return;
        read_at_ = committed;
        auto& records = ctx_.services->station_records();
        auto wall = records.wall_entries(kWallEntriesShown);
        auto count = records.count_guestbook();
        problem_ = !wall ? wall.error().detail : !count ? count.error().detail : std::string();
        if (!problem_.empty()) {
            ctx_.services->log("storage_error", problem_);
            entries_.clear();
            received_ = 0;
            return;
        }
        entries_ = std::move(*wall);
        received_ = *count;
    }

    // One card: a gold bar, the organisation, where from and how many, the day, and the words in
    // quotation marks. Draws when `draw`; returns the height it takes at width `w`.
    float card(Ui& ui, const GuestbookEntry& e, ImVec2 at, float w, bool draw) {
        float pad = ui.s(32), x = at.x + pad, tw = w - 2 * pad, y = at.y + pad;
        if (draw) ui.dl()->AddRectFilled(ImVec2(x, y), ImVec2(x + ui.s(40), y + ui.s(5)), theme::gold);
        y += ui.s(18);
        auto text = [&](const std::string& s, FontRole role, ImU32 color, float gap_after) {
            const TextLayout& l = ui.text().layout(s, role, color, tw, {1.35f, 0, false});
            if (draw) ui.draw(l, ImVec2(x, y));
            y += l.height + gap_after;
        };
        // Visitors' words in the lead size throughout: its glyphs cover every character the
        // kiosk lets them type (the input set); the heading size holds only the content's.
        text(e.organisation, FontRole::lead, theme::primary_dark, ui.s(6));
        std::string who = ui.each_lang([&](Lang l) {
            return ui.tf("wall.from", {e.origin, std::to_string(e.people), short_date_text(local_date_of(e.created_at_ms), l)});
        });
        text(who, FontRole::lead, theme::muted, e.message.empty() ? 0 : ui.s(14));
        if (!e.message.empty()) text("“" + e.message + "”", FontRole::lead, theme::ink, 0);
        return y - at.y + pad;
    }

    AppContext& ctx_;
    ScrollView scroll_;
    float extent_ = 0;
    std::optional<std::uint64_t> read_at_;  // records_committed() when last read
    std::vector<GuestbookEntry> entries_;
    std::int64_t received_ = 0;
    std::string problem_;  // kiosk.db could not be read
};

}  // namespace

std::unique_ptr<Screen> make_visitors_wall_screen(AppContext& ctx) { return std::make_unique<VisitorsWallScreen>(ctx); }

}  // namespace lianxin::kiosk
