// An exhibit page: hero image, title, subtitle, place and year, and the Markdown body, in one
// scrolling column sized for reading from a step away (two, one per language, in the 中英 mode).
#include <cmath>
#include <map>

#include "core/markdown/markdown_doc.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/markdown_view.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

class ExhibitScreen : public Screen {
public:
    ExhibitScreen(AppContext& ctx, std::string id) : ctx_(ctx), id_(std::move(id)) {}
    const char* name() const override { return "exhibit"; }
    std::string title(const Ui& ui) const override {
        auto* e = ctx_.content().find_exhibit(id_);
        return e ? ui.pick(e->title) : std::string();
    }

    void draw(Ui& ui, ImRect area) override {
        auto* e = ctx_.content().find_exhibit(id_);
        if (!e) { ctx_.nav->back(); return; }
        float m = ui.s(theme::margin);
        // Two languages side by side take a wider page.
        float col_w = std::min(area.GetWidth() - 2 * m, ui.s(ui.bilingual() && !ui.portrait() ? 1760 : 1240));
        float x = std::round(area.Min.x + (area.GetWidth() - col_w) / 2);

        float off = scroll_.update(ui, area, extent_);
        // Until the visitor starts reading down, a strip at the bottom says the story goes on
        // below the picture; the words stop above it.
        bool hint = off < ui.s(40) && extent_ > area.GetHeight() + ui.s(80);
        float strip = ui.s(theme::touch_target) + 2 * m;
        ui.push_clip(hint ? ImRect(area.Min, ImVec2(area.Max.x, area.Max.y - strip)) : area, Overflow::vertical);
        float y = area.Min.y + m - off;
        float top = y;
        auto* dl = ui.dl();
        if (!e->image.empty()) {
            float h = std::round(std::min(col_w * 9 / 16, ui.portrait() ? ui.s(620) : ui.s(560)));
            ui.image_contain(e->image, ImRect(ImVec2(x, y), ImVec2(x + col_w, y + h)), ui.s(theme::radius));
            y += h + ui.s(40);
        }
        // The words, once, or in the bilingual mode once per language side by side (one after the
        // other in portrait).
        y += ui.in_each_language(ImVec2(x, y), col_w, [&](ImVec2 at, float w) {
            float yy = at.y;
            if (auto* sec = ctx_.content().find_section(e->section)) {
                ui.label(ui.pick(sec->title), FontRole::body, theme::primary, ImVec2(at.x, yy));
                yy += ui.fonts().size(FontRole::body) * 1.5f;
            }
            yy += ui.paragraph(ui.pick(e->title), FontRole::title, theme::ink, ImVec2(at.x, yy), w, {1.25f, 0, false}) +
                  ui.s(12);
            yy += ui.paragraph(ui.pick(e->subtitle), FontRole::lead, theme::muted, ImVec2(at.x, yy), w) + ui.s(20);
            // Said once, small, above the Chinese the English reader is about to meet.
            yy += ui.translation_note(e->english_pending, ImVec2(at.x, yy), w, "exhibit.translation_pending");

            // Place and year as quiet chips.
            float cx = at.x;
            auto chip = [&](const std::string& s) {
                if (s.empty()) return;
                float cw = ui.text().measure(s, FontRole::body) + ui.s(40);
                ImRect r(ImVec2(cx, yy), ImVec2(cx + cw, yy + ui.s(56)));
                dl->AddRectFilled(r.Min, r.Max, theme::rgb(0x2F7F86, 28), r.GetHeight() / 2);
                ui.label_centered(s, FontRole::body, theme::teal, r);
                cx += cw + ui.s(14);
            };
            chip(ui.pick(e->place));
            if (e->year > 0) chip(std::to_string(e->year));
            if (cx > at.x) yy += ui.s(56) + ui.s(30);
            dl->AddLine(ImVec2(at.x, yy), ImVec2(at.x + w, yy), theme::line, ui.s(2));
            yy += ui.s(36);
            yy += draw_markdown(ui, body(*e, ui.lang()), "exhibits", ImVec2(at.x, yy), w, area.Min.y, area.Max.y);
            return yy - at.y;
        });
        y += m * 2;
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
        if (hint) {  // a tap on it scrolls the first screen away
            float fade = ui.s(80);
            ImU32 clear = theme::rgb(0xF7F1E6, 0);
            float top_of_strip = area.Max.y - strip;
            dl->AddRectFilledMultiColor(ImVec2(area.Min.x, top_of_strip - fade), ImVec2(area.Max.x, top_of_strip), clear,
                                        clear, theme::background, theme::background);
            const std::string& more = ui.t("exhibit.more_below");
            float bw = ui.text().measure(more, FontRole::lead) + ui.s(110), bh = ui.s(theme::touch_target);
            ImRect b(ImVec2(std::round(area.GetCenter().x - bw / 2), area.Max.y - m - bh),
                     ImVec2(std::round(area.GetCenter().x + bw / 2), area.Max.y - m));
            if (ui.button(more, b, ButtonKind::secondary)) scroll_.jump_to(area.GetHeight() * 0.75f);
            ImVec2 c(b.Min.x + ui.s(38), b.GetCenter().y);
            dl->AddLine(ImVec2(c.x - ui.s(10), c.y - ui.s(5)), ImVec2(c.x, c.y + ui.s(5)), theme::primary, ui.s(4));
            dl->AddLine(ImVec2(c.x, c.y + ui.s(5)), ImVec2(c.x + ui.s(10), c.y - ui.s(5)), theme::primary, ui.s(4));
        }
    }

private:
    const MarkdownDoc& body(const Exhibit& e, Lang lang) {
        auto it = docs_.find(lang);
        // An English body still to come: the Chinese one (the title says so).
        if (it == docs_.end()) it = docs_.emplace(lang, parse_markdown(e.body.shown_in(lang))).first;
        return it->second;
    }

    AppContext& ctx_;
    std::string id_;
    ScrollView scroll_;
    float extent_ = 0;
    std::map<Lang, MarkdownDoc> docs_;
};

}  // namespace

std::unique_ptr<Screen> make_exhibit_screen(AppContext& ctx, const std::string& id) {
    return std::make_unique<ExhibitScreen>(ctx, id);
}

}  // namespace lianxin::kiosk
