// The deputies who work from this station, by level from national to township (each card headed
// by its level) and within a level by name in the visitor's order (pinyin in Chinese), each with a
// portrait or drawn initials, when residents can meet them and what they work on, and a button to
// ask to meet them; a row of topics narrows the list.
#include <algorithm>

#include "core/i18n/name_order.h"
#include "core/text/utf8.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

// Initials for a portrait that has no picture: the family name in Chinese (its first character),
// the first letters of the first two words in English.
std::string initials(const Deputy& d, Lang lang) {
    std::string out;
    if (lang == Lang::zh || d.name.en.empty()) {
        std::size_t at = 0;
        char32_t c = utf8::next(d.name.zh, at);
        if (c != utf8::kInvalid) utf8::append(out, c);
        return out;
    }
    bool start = true;
    for (char c : d.name.en) {
        if (c == ' ') start = true;
        else if (start && out.size() < 2) {
            out += c;
            start = false;
        }
    }
    return out;
}

class DeputiesScreen : public Screen {
public:
    explicit DeputiesScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "deputies"; }
    std::string title(const Ui& ui) const override { return ui.t("home.station"); }

    void draw(Ui& ui, ImRect area) override {
        const auto& deputies = ctx_.content().deputies;
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float off = scroll_.update(ui, area, extent_);
        ui.push_clip(area, Overflow::vertical);
        float top = area.Min.y + m - off, y = top;
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        // What is on at the station, one tap away, beside the title.
        float title_w = w;
        if (!ctx_.content().schedule.empty()) {
            const std::string& label = ui.t("home.schedule");
            float bw = ui.text().measure(label, FontRole::lead) + ui.s(96), bh = ui.s(theme::touch_target);
            title_w = w - bw - ui.s(24);
            if (ui.button(label, ImRect(ImVec2(x + w - bw, y), ImVec2(x + w, y + bh)), ButtonKind::secondary))
                ctx_.nav->push(make_schedule_screen(ctx_));
        }
        y += ui.paragraph(ui.t("home.station"), FontRole::title, theme::primary_dark, ImVec2(x, y), title_w, {1.2f, 0, false});
        y += ui.s(8);
        y += ui.paragraph(ui.t("deputies.intro"), FontRole::lead, theme::muted, ImVec2(x, y), std::min(w, ui.s(1400))) + ui.s(24);
        const auto topics = all_topics(ui);
        y += draw_topic_filter(ui, topics, ImVec2(x, y), w) + ui.s(12);

        const std::string* wanted = topic_ >= 0 && topic_ < static_cast<int>(topics.size())
                                        ? &topics[static_cast<std::size_t>(topic_)] : nullptr;
        // One grid, national deputies first and township last, each card headed by its level:
        // a level with a single deputy leaves no half-empty row, and the whole station fits a
        // landscape screen.
        std::vector<const Deputy*> shown;
        for (DeputyLevel level : kDeputyLevels) {
            std::vector<const Deputy*> group;
            for (auto& d : deputies)
                if (d.level == level && (!wanted || works_on(ui, d, *wanted))) group.push_back(&d);
            sort_by_name(ui, group);
            shown.insert(shown.end(), group.begin(), group.end());
        }
        const bool any = !shown.empty();
        const int cols = ui.portrait() ? 2 : 3;
        const float cw = (w - g * (cols - 1)) / cols;
        y += ui.s(12);
        // Cards of a row as tall as the longest of them needs: nothing is cut.
        for (std::size_t i = 0; i < shown.size(); i += static_cast<std::size_t>(cols)) {
            const std::size_t end = std::min(shown.size(), i + static_cast<std::size_t>(cols));
            float row_h = 0;
            for (std::size_t k = i; k < end; ++k) row_h = std::max(row_h, card_height(ui, *shown[k], cw));
            for (std::size_t k = i; k < end; ++k) {
                float cx = x + static_cast<float>(k - i) * (cw + g);
                draw_card(ui, *shown[k], ImRect(ImVec2(cx, y), ImVec2(cx + cw, y + row_h)));
            }
            y += row_h + g;
        }
        if (!any) y += ui.paragraph(ui.t("deputies.none"), FontRole::lead, theme::muted, ImVec2(x, y + ui.s(24)), w) + ui.s(24);
        ui.pop_clip();
        extent_ = y - top + m;
        scroll_.draw_indicator(ui, area, extent_);
    }

private:
    // Every topic of every deputy in the visitor's language, in the order first met.
    // A topic on one line, both languages side by side in the bilingual mode.
    static std::string tag(const Ui& ui, const LocalizedText& t) { return target_name(ui.pick(t)); }

    std::vector<std::string> all_topics(const Ui& ui) const {
        std::vector<std::string> out;
        for (auto& d : ctx_.content().deputies)
            for (auto& t : d.topics)
                if (std::find(out.begin(), out.end(), tag(ui, t)) == out.end()) out.push_back(tag(ui, t));
        return out;
    }

    static bool works_on(const Ui& ui, const Deputy& d, const std::string& topic) {
        return std::any_of(d.topics.begin(), d.topics.end(), [&](const LocalizedText& t) { return tag(ui, t) == topic; });
    }

    static void sort_by_name(const Ui& ui, std::vector<const Deputy*>& group) {
        std::vector<std::string> names;
        for (auto* d : group) names.push_back(ui.pick(d->name));
        std::vector<const Deputy*> sorted;
        for (std::size_t i : name_order(names, ui.lang())) sorted.push_back(group[i]);
        group = std::move(sorted);
    }

    // "All topics" and each topic as a chip to tap, wrapped onto as many lines as they need;
    // returns the height used.
    float draw_topic_filter(Ui& ui, const std::vector<std::string>& topics, ImVec2 at, float w) {
        if (topics.empty()) return 0;
        float h = ui.s(theme::touch_target), gap = ui.s(14), cx = at.x, cy = at.y;
        for (int i = -1; i < static_cast<int>(topics.size()); ++i) {
            const std::string& label = i < 0 ? ui.t("deputies.all_topics") : topics[static_cast<std::size_t>(i)];
            float bw = ui.text().measure(label, FontRole::body) + ui.s(56);
            if (cx > at.x && cx + bw > at.x + w) {
                cx = at.x;
                cy += h + gap;
            }
            if (ui.button(label, ImRect(ImVec2(cx, cy), ImVec2(cx + bw, cy + h)),
                          topic_ == i ? ButtonKind::chip_selected : ButtonKind::chip, FontRole::body))
                topic_ = i;
            cx += bw + gap;
        }
        return cy + h - at.y;
    }

    // A card's inner layout: the portrait on the left, the words beside it.
    struct Inner {
        float pad, portrait, words_x, words_w;
    };
    Inner inner(Ui& ui, float w) const {
        Inner in;
        in.pad = ui.s(28);
        in.portrait = ui.s(120);
        in.words_x = in.pad + in.portrait + ui.s(24);
        in.words_w = w - in.words_x - in.pad;
        return in;
    }

    // The topics as quiet tags (not buttons) flowing in `w`; draws them at `at` when `draw`,
    // and returns the height they take.
    float topic_tags(Ui& ui, const Deputy& d, ImVec2 at, float w, bool draw) {
        float h = ui.s(52), gap = ui.s(10), cx = at.x, cy = at.y, row_h = h;
        if (d.topics.empty()) return 0;
        for (auto& t : d.topics) {
            const std::string label = tag(ui, t);
            float tw = std::min(w, ui.text().measure(label, FontRole::body) + ui.s(36));
            // A tag wider than the card wraps inside (two languages on a narrow card) and grows.
            float th = tw < w ? h : std::max(h, ui.text().layout(label, FontRole::body, 0, w, {1.25f, 0, true}).height + ui.s(16));
            if (cx > at.x && cx + tw > at.x + w) {
                cx = at.x;
                cy += row_h + gap;
                row_h = h;
            }
            row_h = std::max(row_h, th);
            if (draw) {
                ImRect r(ImVec2(cx, cy), ImVec2(cx + tw, cy + th));
                ui.dl()->AddRectFilled(r.Min, r.Max, theme::rgb(0x2F7F86, 28), h / 2);
                ui.label_centered(label, FontRole::body, theme::teal, r);
            }
            cx += tw + gap;
        }
        return cy + row_h - at.y;
    }

    // The level heads the card: a gold bar and its name (a line per language in the bilingual mode).
    const TextLayout& level_text(Ui& ui, const Deputy& d, float w) {
        return ui.text().layout(ui.t(std::string("deputies.level.") + deputy_level_code(d.level)), FontRole::body,
                                theme::gold_text, w - 2 * inner(ui, w).pad, {1.3f, 0, false});
    }
    float level_height(Ui& ui, const Deputy& d, float w) { return ui.s(14) + level_text(ui, d, w).height + ui.s(16); }

    float card_height(Ui& ui, const Deputy& d, float w) {
        Inner in = inner(ui, w);
        float words = ui.text().layout(ui.pick(d.name), FontRole::heading, theme::ink, in.words_w, {1.25f, 0, false}).height +
                      ui.s(8) +
                      ui.text().layout(ui.each_lang([&](Lang) { return ui.tf("deputies.reception", {ui.pick(d.reception)}); }), FontRole::body,
                                       theme::muted, in.words_w, {1.4f, 0, false}).height;
        float tags = topic_tags(ui, d, ImVec2(0, 0), in.words_w, false);
        if (tags > 0) words += ui.s(16) + tags;
        return level_height(ui, d, w) + std::max(in.portrait, words) + ui.s(24) + ask_height(ui) + 2 * in.pad;
    }
    // "Ask to meet" across the card's foot.
    float ask_height(Ui& ui) const { return ui.s(theme::touch_target) * (ui.bilingual() ? 1.2f : 1.0f); }

    void draw_card(Ui& ui, const Deputy& d, ImRect r) {
        ui.card(r);
        Inner in = inner(ui, r.GetWidth());
        float top = r.Min.y + in.pad;
        ui.dl()->AddRectFilled(ImVec2(r.Min.x + in.pad, top), ImVec2(r.Min.x + in.pad + ui.s(40), top + ui.s(5)), theme::gold);
        ui.draw(level_text(ui, d, r.GetWidth()), ImVec2(r.Min.x + in.pad, top + ui.s(14)));
        top += level_height(ui, d, r.GetWidth());
        ImRect face(ImVec2(r.Min.x + in.pad, top), ImVec2(r.Min.x + in.pad + in.portrait, top + in.portrait));
        if (!d.portrait.empty()) {
            ui.image_cover(d.portrait, face, in.portrait / 2);
        } else {
            ui.dl()->AddCircleFilled(face.GetCenter(), in.portrait / 2, theme::primary, 48);
            ui.label_centered(initials(d, ui.lang()), FontRole::title, theme::white, face);
        }
        float x = r.Min.x + in.words_x, y = top;
        y += ui.paragraph(ui.pick(d.name), FontRole::heading, theme::ink, ImVec2(x, y), in.words_w, {1.25f, 0, false}) + ui.s(8);
        y += ui.paragraph(ui.each_lang([&](Lang) { return ui.tf("deputies.reception", {ui.pick(d.reception)}); }), FontRole::body, theme::muted,
                          ImVec2(x, y), in.words_w, {1.4f, 0, false});
        if (!d.topics.empty()) topic_tags(ui, d, ImVec2(x, y + ui.s(16)), in.words_w, true);
        ImRect ask(ImVec2(r.Min.x + in.pad, r.Max.y - in.pad - ask_height(ui)), ImVec2(r.Max.x - in.pad, r.Max.y - in.pad));
        if (ui.button(ui.t("deputies.ask_to_meet"), ask, ButtonKind::secondary, FontRole::body)) {
            ctx_.nav->push(make_meeting_screen(ctx_, d.id));
        }
        ui.register_script_label("meet-" + d.id, ask);
    }

    AppContext& ctx_;
    ScrollView scroll_;
    float extent_ = 0;
    int topic_ = -1;  // the topic shown (its place in all_topics), or -1 for all
};

}  // namespace

std::unique_ptr<Screen> make_deputies_screen(AppContext& ctx) { return std::make_unique<DeputiesScreen>(ctx); }

}  // namespace lianxin::kiosk
