// A draft under consultation, read article by article: the legal text beside (or, on a portrait
// screen, above) its plain-language explanation, with guiding questions; swipe or tap a number
// to move between articles; comment on this article or on the whole draft.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/screen.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

class DraftScreen : public Screen {
public:
    DraftScreen(AppContext& ctx, std::string id, int page) : ctx_(ctx), id_(std::move(id)), page_(page) {
        pager_.jump_to(page);
    }
    const char* name() const override { return "draft"; }
    std::string title(const Ui& ui) const override {
        auto* c = ctx_.content().find_consultation(id_);
        return c ? ui.pick(c->title) : std::string();
    }
    bool on_key(const std::string& key) override {
        auto* c = ctx_.content().find_consultation(id_);
        int n = c ? static_cast<int>(c->articles.size()) : 0;
        if (key == "Left" && page_ > 0) { --page_; return true; }
        if (key == "Right" && page_ < n - 1) { ++page_; return true; }
        return false;
    }

    void draw(Ui& ui, ImRect area) override {
        auto* c = ctx_.content().find_consultation(id_);
        if (!c || c->articles.empty()) { ctx_.nav->back(); return; }
        int n = static_cast<int>(c->articles.size());
        page_ = std::min(page_, n - 1);  // the draft may have lost articles since the screen was made
        float m = ui.s(theme::margin);
        float x = area.Min.x + m, w = area.GetWidth() - 2 * m;
        float y = area.Min.y + ui.s(30);
        y += ui.paragraph(ui.pick(c->title), FontRole::heading, theme::primary_dark, ImVec2(x, y), w, {1.3f, 0, false}) + ui.s(14);
        y += ui.translation_note(c->english_pending, ImVec2(x, y), w);

        // Article numbers: tap one to jump there.
        float chip = ui.s(theme::touch_target), gap = ui.s(12);
        float cx = x;
        for (int i = 0; i < n; ++i) {
            std::string label = std::to_string(c->articles[static_cast<std::size_t>(i)].number);
            ImRect r(ImVec2(cx, y), ImVec2(cx + chip, y + chip));
            if (ui.button(label, r, i == page_ ? ButtonKind::chip_selected : ButtonKind::chip, FontRole::lead)) page_ = i;
            cx += chip + gap;
        }
        ui.label(ui.tf("draft.article_of", {std::to_string(page_ + 1), std::to_string(n)}), FontRole::body,
                 theme::muted, ImVec2(cx + ui.s(12), y + chip / 2 - ui.fonts().size(FontRole::body) * 0.6f));
        y += chip + ui.s(22);

        bool collecting = c->is_collecting() && ctx_.today() <= c->deadline;
        float bh = ui.s(theme::touch_target) * 1.05f;
        float bottom = area.Max.y - m - bh - ui.s(20);
        ImRect pager_box(ImVec2(x, y), ImVec2(x + w, bottom));
        pager_.draw(ui, pager_box, n, page_,
                    [&](int i, ImRect r) { draw_article(ui, c->articles[static_cast<std::size_t>(i)], r, i); });

        float by = area.Max.y - m - bh;
        if (!collecting) {
            ui.paragraph(ui.t("draft.closed"), FontRole::lead, theme::primary_dark, ImVec2(x, by + ui.s(14)), w);
            return;
        }
        const auto& article = c->articles[static_cast<std::size_t>(page_)];
        const std::string& one = ui.t("draft.comment_article");
        const std::string& whole = ui.t("draft.comment_whole");
        float w1 = std::max(ui.s(360), ui.text().measure(one, FontRole::lead) + ui.s(80));
        float w2 = std::max(ui.s(360), ui.text().measure(whole, FontRole::lead) + ui.s(80));
        if (ui.portrait()) w1 = w2 = (w - ui.s(20)) / 2;
        if (ui.button(one, ImRect(ImVec2(x + w - w1, by), ImVec2(x + w, by + bh)), ButtonKind::primary))
            ctx_.nav->push(make_opinion_screen(ctx_, c->id, article.number));
        if (ui.button(whole, ImRect(ImVec2(x + w - w1 - ui.s(20) - w2, by), ImVec2(x + w - w1 - ui.s(20), by + bh)),
                      ButtonKind::secondary))
            ctx_.nav->push(make_opinion_screen(ctx_, c->id, 0));
    }

private:
    void draw_article(Ui& ui, const Article& a, ImRect r, int index) {
        auto& scroll = scrolls_[index];
        bool side = !ui.portrait();
        float g = ui.s(theme::gap);
        // Legal text on the left (or top) on paper; the plain words on the right in a warm card.
        ImRect legal = side ? ImRect(r.Min, ImVec2(r.Min.x + (r.GetWidth() - g) * 0.5f, r.Max.y)) : r;
        ImRect plain = side ? ImRect(ImVec2(legal.Max.x + g, r.Min.y), r.Max) : r;
        if (side) {
            // Each column scrolls on its own when its words are longer than the screen.
            auto& legal_scroll = legal_scrolls_[index];
            float lh = legal_height(ui, a, legal.GetWidth());
            float loff = legal_scroll.update(ui, legal, lh);
            ui.card(legal);
            ui.push_clip(legal, Overflow::vertical);
            draw_legal(ui, a, ImRect(ImVec2(legal.Min.x, legal.Min.y - loff), ImVec2(legal.Max.x, legal.Min.y - loff + lh)), false);
            ui.pop_clip();
            legal_scroll.draw_indicator(ui, legal, lh);
            float off = scroll.update(ui, plain, extents_[index]);
            ui.card(plain, theme::rgb(0xFFF8EA));
            ui.push_clip(plain, Overflow::vertical);
            extents_[index] = draw_plain(ui, a, ImVec2(plain.Min.x, plain.Min.y - off), plain.GetWidth());
            ui.pop_clip();
            scroll.draw_indicator(ui, plain, extents_[index]);
        } else {
            float off = scroll.update(ui, r, extents_[index]);
            ui.push_clip(r, Overflow::vertical);
            float y = r.Min.y - off;
            float lh = legal_height(ui, a, r.GetWidth());
            draw_legal(ui, a, ImRect(ImVec2(r.Min.x, y), ImVec2(r.Max.x, y + lh)));
            y += lh + g;
            float ph = draw_plain(ui, a, ImVec2(r.Min.x, y), r.GetWidth(), true);
            ui.pop_clip();
            extents_[index] = lh + g + ph;
            scroll.draw_indicator(ui, r, extents_[index]);
        }
    }

    float legal_height(Ui& ui, const Article& a, float w) {
        float pad = ui.s(36);
        auto& t = ui.text().layout(ui.pick(a.title), FontRole::heading, theme::ink, w - 2 * pad, {1.3f, 0, false});
        auto& body = ui.text().layout(ui.pick(a.text), FontRole::lead, theme::ink, w - 2 * pad, {1.6f, 0, false});
        return pad + ui.s(40) + t.height + ui.s(16) + body.height + pad;
    }

    void draw_legal(Ui& ui, const Article& a, ImRect r, bool own_card = true) {
        if (own_card) ui.card(r);
        float pad = ui.s(36);
        float y = r.Min.y + pad;
        ui.label(ui.t("draft.legal_text"), FontRole::body, theme::muted, ImVec2(r.Min.x + pad, y));
        y += ui.s(40);
        y += ui.paragraph(ui.pick(a.title), FontRole::heading, theme::ink, ImVec2(r.Min.x + pad, y), r.GetWidth() - 2 * pad,
                          {1.3f, 0, false}) + ui.s(16);
        ui.paragraph(ui.pick(a.text), FontRole::lead, theme::ink, ImVec2(r.Min.x + pad, y), r.GetWidth() - 2 * pad,
                     {1.6f, 0, false});
    }

    // The plain-language explanation and the questions; returns the height used.
    float draw_plain(Ui& ui, const Article& a, ImVec2 pos, float w, bool own_card = false) {
        float pad = ui.s(36);
        auto* dl = ui.dl();
        float inner = w - 2 * pad;
        auto& plain = ui.text().layout(ui.pick(a.plain), FontRole::lead, theme::ink, inner, {1.6f, 0, false});
        float qh = 0;
        for (auto& q : a.questions) qh += ui.text().layout(ui.pick(q), FontRole::lead, theme::teal, inner - ui.s(40)).height + ui.s(14);
        float h = pad + ui.s(44) + plain.height + (a.questions.empty() ? 0 : ui.s(30) + ui.s(44) + qh) + pad;
        if (own_card) ui.card(ImRect(pos, ImVec2(pos.x + w, pos.y + h)), theme::rgb(0xFFF8EA));
        float y = pos.y + pad;
        dl->AddRectFilled(ImVec2(pos.x + pad, y + ui.s(6)), ImVec2(pos.x + pad + ui.s(8), y + ui.s(34)), theme::gold);
        ui.label(ui.t("draft.plain"), FontRole::lead, theme::primary_dark, ImVec2(pos.x + pad + ui.s(22), y));
        y += ui.s(44);
        ui.draw(plain, ImVec2(pos.x + pad, y));
        y += plain.height;
        if (!a.questions.empty()) {
            y += ui.s(30);
            ui.label(ui.t("draft.questions"), FontRole::lead, theme::teal, ImVec2(pos.x + pad, y));
            y += ui.s(44);
            for (auto& q : a.questions) {
                auto& l = ui.text().layout(ui.pick(q), FontRole::lead, theme::teal, inner - ui.s(40));
                dl->AddCircle(ImVec2(pos.x + pad + ui.s(12), y + l.line_height / 2), ui.s(9), theme::teal, 16, ui.s(3));
                ui.draw(l, ImVec2(pos.x + pad + ui.s(40), y));
                y += l.height + ui.s(14);
            }
        }
        return h;
    }

    AppContext& ctx_;
    std::string id_;
    int page_ = 0;
    SnapPager pager_;
    std::map<int, ScrollView> scrolls_, legal_scrolls_;
    std::map<int, float> extents_;
};

}  // namespace

std::unique_ptr<Screen> make_draft_screen(AppContext& ctx, const std::string& id, int article_index) {
    return std::make_unique<DraftScreen>(ctx, id, std::max(0, article_index));
}

}  // namespace lianxin::kiosk
