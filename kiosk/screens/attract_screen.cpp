// The attract loop: the content's slides full-screen, cross-fading, then a slide of the hall's live
// figures (opinions collected here and across the district, how many adopted), with the hall's name
// and a clear "touch to begin" in both languages. Any touch starts a visit on the home screen.
#include <cmath>

#include "core/base/calendar.h"
#include "kiosk/screens/screen.h"
#include "kiosk/services/kiosk_services.h"
#include "kiosk/widgets/eased_number.h"
#include "kiosk/widgets/top_bar.h"

namespace lianxin::kiosk {

namespace {

class AttractScreen : public Screen {
public:
    explicit AttractScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "attract"; }
    std::string title(const Ui& ui) const override { return ui.pick(ctx_.content().hall.name); }
    bool full_screen() const override { return true; }
    bool between_visits() const override { return true; }
    ImU32 background() const override { return portrait_ ? theme::background : theme::ink; }

    void draw(Ui& ui, ImRect area) override {
        auto& slides = ctx_.content().slides;
        if (start_ < 0) {
            start_ = ui.now();
            load_figures();
        }
        const Millis period = static_cast<Millis>(ctx_.config().slide_seconds) * 1000, fade = 900;
        Millis t = ui.now() - start_;
        // The live figures come after the content's slides, when there is a figure to show.
        const int content_n = static_cast<int>(slides.size());
        int n = content_n + (live_shown_ ? 1 : 0);
        int cur = static_cast<int>((t / period) % n);
        if (cur != shown_slide_) {
            shown_slide_ = cur;
            // Read again as the figures come round: a sync or a visitor's opinion since then shows,
            // counting up to the new number. The loop keeps its length until the next round.
            if (cur == content_n) load_figures(ui.now());
        }
        const bool live = cur == content_n;
        Millis into = t % period;
        float a = n > 1 && t >= period && into < fade ? static_cast<float>(into) / fade : 1.0f;

        auto* dl = ui.dl();
        float w = area.GetWidth(), h = area.GetHeight();
        bool portrait = ui.portrait();
        portrait_ = portrait;
        // Landscape: the slide fills the screen under soft dark bands. Portrait: a 16:9 slide
        // cropped to a tall screen loses most of itself, so it is shown whole on the paper
        // colour, with the words on a deep panel below.
        ImRect picture = portrait ? ImRect(ImVec2(0, ui.s(200)), ImVec2(w, h * 0.64f)) : area;
        float panel_top = portrait ? h * 0.64f : h;
        auto show = [&](const std::string& image, ImU32 tint) {
            if (portrait) {
                auto [sw, sh] = ui.images().source_size(image);
                if (sw <= 0) return;
                float k = std::min(picture.GetWidth() / sw, picture.GetHeight() / sh);
                ImVec2 c = picture.GetCenter();
                ui.image_cover(image, ImRect(ImVec2(c.x - sw * k / 2, c.y - sh * k / 2), ImVec2(c.x + sw * k / 2, c.y + sh * k / 2)),
                               0, 0, tint);
            } else {
                ui.image_cover(image, area, 0, 0, tint);
            }
        };
        int prev = (cur + n - 1) % n;
        if (a < 1.0f && prev < content_n) show(slides[static_cast<std::size_t>(prev)].image, IM_COL32_WHITE);
        if (a < 1.0f && prev == content_n) draw_live_backdrop(ui, portrait ? picture : area, 1.0f, false);
        if (live)
            draw_live_backdrop(ui, portrait ? picture : area, a, true);
        else
            show(slides[static_cast<std::size_t>(cur)].image, IM_COL32(255, 255, 255, static_cast<int>(255 * a)));
        if (a < 1.0f) ui.animate();
        ui.wake_at(start_ + (t / period + 1) * period);

        if (portrait) {
            dl->AddRectFilled(ImVec2(0, panel_top), ImVec2(w, h), theme::primary_dark);
        } else {
            // Legibility: dark bands under the words, top and bottom, deep enough where the words
            // are for white text to keep 4.5:1 over the lightest artwork, fading out above them.
            const ImU32 deep = theme::rgb(0x1A1512, 190), none = theme::rgb(0x1A1512, 0);
            dl->AddRectFilled(ImVec2(0, 0), ImVec2(w, ui.s(150)), deep);
            dl->AddRectFilledMultiColor(ImVec2(0, ui.s(150)), ImVec2(w, ui.s(260)), deep, deep, none, none);
            float solid = h * 0.56f, fade = h * 0.34f;
            dl->AddRectFilledMultiColor(ImVec2(0, fade), ImVec2(w, solid), none, none, deep, deep);
            dl->AddRectFilled(ImVec2(0, solid), ImVec2(w, h), deep);
        }

        float m = ui.s(theme::margin) * 1.5f;
        float bh = ui.s(theme::touch_target);
        ImRect logo(ImVec2(m, m * 0.6f), ImVec2(m + bh, m * 0.6f + bh));
        if (draw_logo(ui, logo, !portrait)) ctx_.shell->logo_tapped();
        TextLayoutOptions one;
        one.max_lines = 2;
        one.line_spacing = 1.25f;
        float name_w = w - logo.Max.x - ui.s(24) - language_toggle_width(ui) - m - ui.s(24);
        // A name that needs more than two lines beside the language choice is set a size smaller.
        const std::string& hall_name = ui.pick(ctx_.content().hall.name);
        FontRole name_role = ui.text().layout(hall_name, FontRole::heading, 0, name_w).lines.size() > 2 ? FontRole::lead
                                                                                                          : FontRole::heading;
        auto& hall = ui.text().layout(hall_name, name_role, portrait ? theme::primary_dark : theme::white, name_w, one);
        ui.draw(hall, ImVec2(logo.Max.x + ui.s(24), std::round(logo.GetCenter().y - hall.height / 2)));

        TopBarActions lang;
        ImRect toggle(ImVec2(w - m - language_toggle_width(ui), logo.Min.y), ImVec2(w - m, logo.Max.y));
        draw_language_toggle(ui, toggle, lang, !portrait);
        if (lang.switch_to_zh || lang.switch_to_en || lang.switch_to_both) {
            if (lang.switch_to_both) ctx_.visit->set_bilingual();
            else ctx_.visit->set_language(lang.switch_to_zh ? Lang::zh : Lang::en);
            start_requested_ = true;
        }

        // The slide's words, bottom-left, in the visitor's language.
        float text_w = portrait ? w - 2 * m : w * 0.62f;
        float touch_h = ui.s(120);
        float y = portrait ? panel_top + m : 0;
        const std::string& caption_text = live ? as_of_text(ui) : ui.pick(slides[static_cast<std::size_t>(cur)].caption);
        const std::string& title_text = live ? ui.t("live.attract_title") : ui.pick(slides[static_cast<std::size_t>(cur)].title);
        auto& cap = ui.text().layout(caption_text, FontRole::lead, theme::rgb(0xFFFFFF, 230), text_w);
        auto& title = ui.text().layout(title_text, FontRole::title, theme::white, text_w, {1.25f, 2, false});
        float ty = portrait ? y + ui.s(30) : h - m - touch_h - ui.s(40) - cap.height - title.height - ui.s(12);
        ui.draw(title, ImVec2(m, ty), a);
        ui.draw(cap, ImVec2(m, ty + title.height + ui.s(12)), a);
        dl->AddRectFilled(ImVec2(m, ty - ui.s(26)), ImVec2(m + ui.s(96), ty - ui.s(18)), theme::gold);

        // "Touch to begin" in both languages: a visitor may read either.
        const std::string& main = ui.t("attract.touch");
        float pill_w = std::min(w - 2 * m, std::max(ui.s(640), ui.text().measure(main, FontRole::heading) + ui.s(160)));
        ImRect pill(ImVec2(m, h - m - touch_h), ImVec2(m + pill_w, h - m));
        dl->AddRectFilled(pill.Min, pill.Max, portrait ? theme::primary : theme::primary, touch_h / 2);
        if (portrait) dl->AddRect(pill.Min, pill.Max, theme::rgb(0xFFFFFF, 120), touch_h / 2, 0, ui.s(2));
        // A hand-drawn "tap" mark: a dot with a ring.
        ImVec2 c(pill.Min.x + touch_h / 2 + ui.s(10), pill.GetCenter().y);
        dl->AddCircleFilled(c, ui.s(13), theme::white, 24);
        dl->AddCircle(c, ui.s(27), theme::rgb(0xFFFFFF, 170), 32, ui.s(4));
        ImRect words(ImVec2(c.x + ui.s(50), pill.Min.y), ImVec2(pill.Max.x - ui.s(30), pill.Max.y));
        ui.label(main, FontRole::heading, theme::white,
                 ImVec2(words.Min.x, pill.GetCenter().y - ui.fonts().size(FontRole::heading) * 0.62f));
        std::string second = ui.t("attract.touch_other");
        ui.label(second, FontRole::caption, theme::rgb(0xFFFFFF, 210),
                 ImVec2(words.Min.x + 2, pill.GetCenter().y + ui.fonts().size(FontRole::heading) * 0.42f));

        // Slide position dots.
        float dot = ui.s(10), dx = ui.s(30);
        float dots_x = w - m - (n - 1) * dx;
        for (int i = 0; i < n; ++i)
            dl->AddCircleFilled(ImVec2(dots_x + i * dx, pill.GetCenter().y), i == cur ? dot : dot * 0.6f,
                                i == cur ? theme::white : theme::rgb(0xFFFFFF, 120), 20);

        ui.register_target(main, ImRect(ImVec2(0, 0), ImVec2(w, h)));
        if (ui.tapped(area)) start_requested_ = true;
        // The attract screen's own glyphs come first at launch; the rest follow within a second.
        // A touch in that second waits for them rather than show a screen with missing glyphs.
        if (start_requested_ && ctx_.shell->fonts_complete()) ctx_.nav->reset_to(make_home_screen(ctx_));
    }

private:
    void load_figures(Millis now = 0) {
        auto f = ctx_.services->live_figures();
        live_ = f ? *f : LiveFigures{};
        live_shown_ = live_.district.has_value() || live_.here.opinions > 0;
        here_.set(static_cast<double>(live_.here.opinions), now);
        district_.set(static_cast<double>(live_.district ? live_.district->opinions : 0), now);
        adopted_.set(static_cast<double>(live_.district ? live_.district->adopted : live_.here.adopted), now);
    }

    // The figures slide's caption: when the district's figures were taken, so an old number is
    // never passed off as today's; this kiosk's own count is current either way.
    std::string as_of_text(Ui& ui) {
        if (!live_.district) return ui.t("live.never");
        std::string when = local_time_text(live_.district_as_of_ms);
        if (ctx_.services->moment().utc_ms - live_.district_as_of_ms > kLiveFiguresStaleMs) return ui.tf("live.stale", {when});
        return ui.tf("live.as_of", {when});
    }

    // The figures slide's picture: the hall's red with two quiet rings, and the numbers on it, each
    // under its label, in a row (landscape) or a column (portrait).
    // `numbers` false: the backdrop alone, under the next slide fading in.
    void draw_live_backdrop(Ui& ui, ImRect r, float alpha, bool numbers) {
        auto* dl = ui.dl();
        auto fade = [&](ImU32 c) {
            return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha) << IM_COL32_A_SHIFT);
        };
        dl->AddRectFilled(r.Min, r.Max, fade(theme::primary_dark));
        float big = std::min(r.GetWidth(), r.GetHeight());
        dl->AddCircle(ImVec2(r.Max.x - big * 0.12f, r.Min.y + big * 0.18f), big * 0.42f, fade(theme::rgb(0xFFFFFF, 22)), 96,
                      ui.s(40));
        dl->AddCircle(ImVec2(r.Min.x + big * 0.05f, r.Max.y - big * 0.05f), big * 0.3f, fade(theme::rgb(0xD9A441, 40)), 96,
                      ui.s(18));
        if (!numbers) return;
        struct Item {
            const char* key;
            EasedNumber* value;
        };
        std::vector<Item> items{{"live.attract_here", &here_}};
        if (live_.district) {
            items.push_back({"live.attract_district", &district_});
            items.push_back({"live.attract_adopted", &adopted_});
        }
        bool portrait = ui.portrait();
        float m = ui.s(theme::margin) * 1.5f;
        float col_w = portrait ? r.GetWidth() - 2 * m : (r.GetWidth() - 2 * m) / 3;
        float x = r.Min.x + m;
        // Landscape: the row sits in the upper half, above the dark band of the slide's words.
        float y = portrait ? r.Min.y + ui.s(40) : r.Min.y + r.GetHeight() * 0.2f;
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto& label = ui.text().layout(ui.t(items[i].key), FontRole::lead, theme::rgb(0xFFFFFF, 235), col_w - ui.s(40),
                                           {1.3f, 0, false});
            // Set tight: the figure sits close under its label, as one item.
            auto& number = ui.text().layout(grouped_number(std::llround(items[i].value->shown(ui))), FontRole::display,
                                            i == 2 ? theme::rgb(0xF2C66D) : theme::white, col_w, {1.1f, 0, false});
            ImVec2 at(x + (portrait ? 0 : i * col_w), y);
            dl->AddRectFilled(at, ImVec2(at.x + ui.s(64), at.y + ui.s(8)), fade(theme::gold));
            ui.draw(label, ImVec2(at.x, at.y + ui.s(24)), alpha);
            ui.draw(number, ImVec2(at.x, at.y + ui.s(24) + label.height + ui.s(4)), alpha);
            if (portrait) y += ui.s(24) + label.height + ui.s(4) + number.height + ui.s(48);
        }
    }

    AppContext& ctx_;
    LiveFigures live_;
    bool live_shown_ = false;
    int shown_slide_ = -1;
    EasedNumber here_, district_, adopted_;
    Millis start_ = -1;
    bool start_requested_ = false;
    bool portrait_ = false;
};

}  // namespace

std::unique_ptr<Screen> make_attract_screen(AppContext& ctx) { return std::make_unique<AttractScreen>(ctx); }

}  // namespace lianxin::kiosk
