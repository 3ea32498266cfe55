// The open participation passport as a booklet: the identity page (code, date issued, the QR code
// a phone or another kiosk reads) and the stamps page (each opinion with its status and reply as
// far as this kiosk knows, certificates earned). Print a card, leave another opinion, or close it.
#include <algorithm>
#include <cmath>

#include "core/i18n/date_text.h"
#include "core/passports/passport_book.h"
#include "core/records/meeting_status.h"
#include "kiosk/services/card_print_service.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/passport_art.h"
#include "kiosk/widgets/qr_view.h"
#include "kiosk/widgets/scroll_view.h"

namespace lianxin::kiosk {

namespace {

constexpr ImU32 kPaper = theme::rgb(0xFBF7EF);
constexpr ImU32 kAdopted = theme::rgb(0x2E7D4F);
constexpr ImU32 kTracePanel = theme::rgb(0xE8F2EA);  // kAdopted's tint: ink on it is 12:1

ImU32 status_color(OpinionStatus s) {
    switch (s) {
        case OpinionStatus::received: return theme::muted;
        case OpinionStatus::included: return theme::teal;
        case OpinionStatus::adopted: return kAdopted;
        case OpinionStatus::partly_adopted: return theme::rgb(0xA8741A);
        case OpinionStatus::not_adopted: return theme::rgb(0x8A817A);
    }
    return theme::muted;
}

ImU32 meeting_color(MeetingStatus s) {
    switch (s) {
        case MeetingStatus::received: return theme::muted;
        case MeetingStatus::arranged: return kAdopted;
        case MeetingStatus::referred: return theme::teal;
        case MeetingStatus::closed: return theme::rgb(0x8A817A);
    }
    return theme::muted;
}

// A status as a filled chip at `at`; returns its height.
float draw_status_chip(Ui& ui, const std::string& text, ImU32 fill, ImVec2 at) {
    float cw = ui.text().measure(text, FontRole::body) + ui.s(36), ch = ui.s(50);
    ui.dl()->AddRectFilled(at, ImVec2(at.x + cw, at.y + ch), fill, ch / 2);
    ui.label_centered(text, FontRole::body, theme::white, ImRect(at, ImVec2(at.x + cw, at.y + ch)));
    return ch;
}

class PassportScreen : public Screen {
public:
    explicit PassportScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "passport"; }
    std::string title(const Ui& ui) const override { return ui.t("passport.title"); }

    void draw(Ui& ui, ImRect area) override {
        if (ctx_.visit->open_passport().empty()) {
            ctx_.nav->home();  // closed (the visit ended) while on screen
            return;
        }
        if (!view_ || ui.now() - loaded_at_ > 2000) {
            auto v = ctx_.services->passports().booklet(ctx_.visit->open_passport());
            if (!v) {
                ctx_.services->log("passport_unreadable", v.error().detail);
                ctx_.nav->home();
                return;
            }
            view_ = std::move(*v);
            loaded_at_ = ui.now();
        }
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        float bh = ui.s(theme::touch_target) * 1.1f;
        ImRect book(ImVec2(area.Min.x + m, area.Min.y + m * 0.6f), ImVec2(area.Max.x - m, area.Max.y - m * 0.6f - bh - g));
        // The cover shows round the pages: a red booklet opened flat.
        float edge = ui.s(14);
        ui.dl()->AddRectFilled(ImVec2(book.Min.x + ui.s(6), book.Min.y + ui.s(10)), ImVec2(book.Max.x + ui.s(6), book.Max.y + ui.s(10)),
                               theme::shadow, ui.s(26));
        ui.dl()->AddRectFilled(book.Min, book.Max, theme::primary_dark, ui.s(26));
        ImRect pages(ImVec2(book.Min.x + edge, book.Min.y + edge), ImVec2(book.Max.x - edge, book.Max.y - edge));
        ImRect id_page, stamp_page;
        if (ui.portrait()) {
            float h = std::round(pages.GetHeight() * 0.42f);
            id_page = ImRect(pages.Min, ImVec2(pages.Max.x, pages.Min.y + h));
            stamp_page = ImRect(ImVec2(pages.Min.x, pages.Min.y + h), pages.Max);
        } else {
            float w = std::round(pages.GetWidth() * 0.42f);
            id_page = ImRect(pages.Min, ImVec2(pages.Min.x + w, pages.Max.y));
            stamp_page = ImRect(ImVec2(pages.Min.x + w, pages.Min.y), pages.Max);
        }
        draw_page_paper(ui, id_page, stamp_page);
        draw_identity(ui, id_page);
        draw_stamps(ui, stamp_page);
        draw_actions(ui, ImRect(ImVec2(area.Min.x + m, area.Max.y - m * 0.6f - bh), ImVec2(area.Max.x - m, area.Max.y - m * 0.6f)));
    }

private:
    void draw_page_paper(Ui& ui, ImRect a, ImRect b) {
        auto* dl = ui.dl();
        float r = ui.s(16);
        bool portrait = ui.portrait();
        dl->AddRectFilled(a.Min, a.Max, kPaper, r, portrait ? ImDrawFlags_RoundCornersTop : ImDrawFlags_RoundCornersLeft);
        dl->AddRectFilled(b.Min, b.Max, kPaper, r, portrait ? ImDrawFlags_RoundCornersBottom : ImDrawFlags_RoundCornersRight);
        // The fold: a soft shadow either side of the spine.
        for (int i = 0; i < 6; ++i) {
            float k = ui.s(3) * static_cast<float>(i);
            ImU32 c = theme::rgb(0x2A2522, static_cast<unsigned>(30 - i * 5));
            if (portrait) dl->AddLine(ImVec2(a.Min.x, a.Max.y - k), ImVec2(a.Max.x, a.Max.y - k), c, ui.s(3));
            else dl->AddLine(ImVec2(a.Max.x - k, a.Min.y), ImVec2(a.Max.x - k, a.Max.y), c, ui.s(3));
        }
    }

    void draw_identity(Ui& ui, ImRect page) {
        const Passport& p = view_->passport;
        float pad = ui.s(40);
        ImRect in(ImVec2(page.Min.x + pad, page.Min.y + pad * 0.8f), ImVec2(page.Max.x - pad, page.Max.y - pad * 0.6f));
        auto* dl = ui.dl();
        bool portrait = ui.portrait();
        // Portrait: words on the left, the QR code on the right; landscape: stacked.
        float words_w = portrait ? in.GetWidth() * 0.5f : in.GetWidth();
        float y = in.Min.y;
        // The document names itself in both languages in every mode: the heading and, smaller,
        // its name in the other language (in the bilingual mode, Chinese then English).
        y += ui.paragraph(ui.t_in(ui.lang(), "passport.heading"), FontRole::title, theme::primary_dark, ImVec2(in.Min.x, y),
                          words_w, {1.1f, 2, false});
        y += ui.paragraph(ui.t_in(ui.lang(), "passport.heading_other"), FontRole::lead, theme::primary, ImVec2(in.Min.x, y),
                          words_w, {1.2f, 1, false});
        y += ui.s(6);
        y += ui.paragraph(ui.pick(ctx_.content().hall.name), FontRole::body, theme::muted, ImVec2(in.Min.x, y), words_w, {1.3f, ui.bilingual() ? 4 : 2, false});
        y += ui.s(14);
        dl->AddRectFilled(ImVec2(in.Min.x, y), ImVec2(in.Min.x + ui.s(90), y + ui.s(6)), theme::gold);
        y += ui.s(24);
        ui.label(ui.t("passport.code_label"), FontRole::body, theme::muted, ImVec2(in.Min.x, y));
        y += ui.fonts().size(FontRole::body) * 1.4f;
        ui.label(format_short_code(p.short_code), FontRole::title, theme::ink, ImVec2(in.Min.x, y));
        ui.register_script_label("passport-code", ImRect(ImVec2(in.Min.x, y), ImVec2(in.Min.x + words_w, y + ui.fonts().size(FontRole::title))));
        y += ui.fonts().size(FontRole::title) * 1.35f;
        ui.label(ui.each_lang([&](Lang l) { return ui.tf("passport.issued", {date_text(p.issued_on, l)}); }), FontRole::body, theme::muted, ImVec2(in.Min.x, y));
        y += ui.fonts().size(FontRole::body) * 1.6f;
        if (portrait)
            ui.paragraph(ui.t("passport.no_name"), FontRole::caption, theme::muted, ImVec2(in.Min.x, y), words_w);

        // The QR code: as large as the page allows, with its caption under it.
        float cap_h = ui.fonts().size(FontRole::body) * 2.8f;
        ImRect qr_box = portrait ? ImRect(ImVec2(in.Min.x + words_w + ui.s(20), in.Min.y), ImVec2(in.Max.x, in.Max.y - cap_h))
                                 : ImRect(ImVec2(in.Min.x, y + ui.s(6)), ImVec2(in.Max.x, in.Max.y - cap_h));
        ImRect shown = qr_.draw(ui, ctx_.services->passports().qr_text(p), qr_box);
        ui.register_script_label("passport-qr", shown);
        ImRect cap(ImVec2(qr_box.Min.x, shown.Max.y + ui.s(8)), ImVec2(qr_box.Max.x, shown.Max.y + cap_h));
        auto& lay = ui.text().layout(ui.t("passport.scan_phone"), FontRole::body, theme::muted, cap.GetWidth(), {1.3f, ui.bilingual() ? 4 : 2, false});
        ui.draw(lay, ImVec2(std::round(cap.GetCenter().x - lay.width / 2), cap.Min.y));
    }

    void draw_stamps(Ui& ui, ImRect page) {
        float pad = ui.s(40);
        ImRect view(ImVec2(page.Min.x + ui.s(24), page.Min.y + ui.s(12)), ImVec2(page.Max.x - ui.s(12), page.Max.y - ui.s(12)));
        float off = scroll_.update(ui, view, extent_);
        ui.push_clip(view, Overflow::vertical);
        float x = page.Min.x + pad, w = page.Max.x - pad - x;
        float top = page.Min.y + pad * 0.8f - off, y = top;
        auto& certs = view_->certificates;
        if (!certs.empty()) {
            y += ui.paragraph(ui.t("passport.certificates"), FontRole::heading, theme::primary_dark, ImVec2(x, y), w) + ui.s(12);
            for (auto& c : certs) {
                if (c.claims) {
                    y += draw_certificate_row(ui, c, ImRect(ImVec2(x, y), ImVec2(x + w, y + ui.s(176)))) + ui.s(16);
                } else {
                    // Withdrawn (or no longer verifiable here): said so, not silently dropped.
                    const char* key = c.refusal && c.refusal->problem == TokenProblem::revoked
                                          ? "passport.certificate_withdrawn" : "passport.certificate_unverifiable";
                    y += ui.paragraph(ui.t(key), FontRole::body, theme::muted, ImVec2(x, y), w) + ui.s(16);
                }
            }
            y += ui.s(16);
        }
        y += ui.paragraph(ui.t("passport.stamps"), FontRole::heading, theme::primary_dark, ImVec2(x, y), w) + ui.s(12);
        if (view_->stamps.empty())
            y += ui.paragraph(ui.t("passport.no_stamps"), FontRole::lead, theme::muted, ImVec2(x, y), w) + ui.s(12);
        for (auto& s : view_->stamps) y += draw_stamp_row(ui, s, ImVec2(x, y), w) + ui.s(22);
        ui.pop_clip();
        extent_ = y - top + pad;
        scroll_.draw_indicator(ui, view, extent_);
    }

    std::string provision_text(Ui& ui, const std::string& consultation_id, std::optional<int> article) {
        auto* c = ctx_.content().find_consultation(consultation_id);
        if (!c) return consultation_id;
        if (!article) return ui.t("passport.whole_draft");
        auto* a = c->find_article(*article);
        return a ? ui.pick(a->title) : ui.tf("certificate.article", {std::to_string(*article)});
    }

    float draw_stamp_row(Ui& ui, const StampView& s, ImVec2 pos, float w) {
        const char* word = s.kind == StampKind::tour ? "passport.stamp_tour"
                           : s.kind == StampKind::meeting ? "passport.stamp_meeting" : "passport.stamp_opinion";
        float r = ui.s(66);
        ImU32 ink = s.status == OpinionStatus::adopted || s.status == OpinionStatus::partly_adopted ? kAdopted : theme::primary;
        draw_stamp(ui, ImVec2(pos.x + r, pos.y + r + ui.s(4)), r, ui.t(word),
                   short_date_text(local_date_of(s.created_at_ms), ui.lang()), ink);
        float x = pos.x + 2 * r + ui.s(28), tw = w - (x - pos.x), y = pos.y;
        if (s.kind == StampKind::meeting) {
            for (auto& mr : view_->meetings)
                if (mr.id == s.ref) return std::max(draw_meeting(ui, mr, ImVec2(x, y), tw), 2 * r + ui.s(8));
        }
        if (s.kind == StampKind::tour) {
            // The tour by its title while the content still has it; its id otherwise.
            auto* tour = ctx_.content().find_tour(s.ref);
            y += ui.paragraph(tour ? ui.pick(tour->title) : s.ref, FontRole::lead, theme::ink, ImVec2(x, y), tw, {1.3f, 0, false});
            y += ui.paragraph(tour ? ui.each_lang([&](Lang) { return ui.t("tour.walked") + " · " +
                                                                     ui.tf("tour.stops", {std::to_string(tour->stops.size())}); })
                                   : ui.t("tour.walked"),
                              FontRole::body, theme::muted, ImVec2(x, y), tw, {1.3f, 0, false});
            return std::max(y - pos.y, 2 * r + ui.s(8));
        }
        if (!s.opinion) {
            y += ui.paragraph(s.ref, FontRole::body, theme::muted, ImVec2(x, y), tw);
            return std::max(y - pos.y, 2 * r + ui.s(8));
        }
        const Opinion& o = *s.opinion;
        auto* c = ctx_.content().find_consultation(o.consultation_id);
        y += ui.paragraph(c ? ui.pick(c->title) : o.consultation_id, FontRole::lead, theme::ink, ImVec2(x, y), tw, {1.3f, 0, false});
        y += ui.paragraph(provision_text(ui, o.consultation_id, o.article), FontRole::body, theme::muted, ImVec2(x, y), tw, {1.3f, 0, false});
        y += ui.s(4);
        // The visitor's own words and the hub's reply may hold any GB2312 character: the lead size
        // is the one whose glyphs cover them (the input set).
        // A preview: the stamp says which opinion it is; the words themselves went to the hub.
        y += ui.paragraph("“" + o.text + "”", FontRole::lead, theme::ink, ImVec2(x, y), tw, {1.35f, 2, false, true}) + ui.s(10);
        // The status as a chip, with the reply under it.
        y += draw_status_chip(ui, ui.t(std::string("passport.status.") + opinion_status_code(s.status)), status_color(s.status),
                              ImVec2(x, y)) + ui.s(8);
        if (!s.reply.empty())
            y += ui.paragraph(ui.tf("passport.reply", {s.reply}), FontRole::lead, theme::ink, ImVec2(x, y), tw,
                              {1.35f, 0, false});
        if (s.final_article) y += ui.s(12) + draw_trace(ui, *s.final_article, ImVec2(x, y), tw);
        return std::max(y - pos.y, 2 * r + ui.s(8));
    }

    // A request to meet a deputy: whom, what about, and the staff's latest answer as the hub sent it.
    float draw_meeting(Ui& ui, const MeetingRequest& mr, ImVec2 pos, float tw) {
        float x = pos.x, y = pos.y;
        const Deputy* d = ctx_.content().find_deputy(mr.deputy);
        y += ui.paragraph(ui.each_lang([&](Lang) { return ui.tf("passport.meeting_with", {d ? ui.pick(d->name) : mr.deputy}); }),
                          FontRole::lead, theme::ink, ImVec2(x, y), tw, {1.3f, 0, false});
        y += ui.s(4);
        y += ui.paragraph("“" + mr.topic + "”", FontRole::lead, theme::ink, ImVec2(x, y), tw, {1.35f, 2, false, true}) + ui.s(10);
        y += draw_status_chip(ui, ui.t(std::string("meeting.status.") + meeting_status_code(mr.status)), meeting_color(mr.status),
                              ImVec2(x, y)) + ui.s(8);
        if (!mr.reply.empty())
            y += ui.paragraph(ui.tf("passport.reply", {mr.reply}), FontRole::lead, theme::ink, ImVec2(x, y), tw, {1.35f, 0, false});
        return y - pos.y;
    }

    // "您的意见 → 第五条（通过稿）" and the article's words as adopted, on a green-edged panel: where
    // the visitor's opinion went into the law. The English falls back to the Chinese until staff
    // enter a translation. The lead size: the law's words may hold any GB2312 character.
    float draw_trace(Ui& ui, const FinalArticle& a, ImVec2 pos, float w) {
        float pad = ui.s(20), bar = ui.s(8), gap = ui.s(6), x = pos.x + bar + pad, tw = w - bar - 2 * pad;
        // Laid out first (the layouts stay valid this frame), so the panel is drawn under the text.
        const TextLayout& head =
            ui.text().layout(ui.each_lang([&](Lang) { return ui.tf("passport.trace", {ui.pick(a.title)}); }), FontRole::lead, kAdopted, tw, {1.3f, 0, false});
        const TextLayout& body = ui.text().layout(ui.pick(a.text), FontRole::lead, theme::ink, tw, {1.4f, 0, false});
        float h = pad + head.height + gap + body.height + pad;
        ui.dl()->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), kTracePanel, ui.s(10));
        ui.dl()->AddRectFilled(pos, ImVec2(pos.x + bar, pos.y + h), kAdopted, ui.s(10), ImDrawFlags_RoundCornersLeft);
        ui.draw(head, ImVec2(x, pos.y + pad));
        ui.draw(body, ImVec2(x, pos.y + pad + head.height + gap));
        return h;
    }

    float draw_certificate_row(Ui& ui, const CertificateView& c, ImRect r) {
        const CertificateClaims& cl = *c.claims;
        ImRect shown = ui.pressable_card(r);
        float pad = ui.s(20);
        draw_seal(ui, ImVec2(shown.Min.x + pad + ui.s(44), shown.Min.y + ui.s(58)), ui.s(42));
        float x = shown.Min.x + pad + ui.s(110), w = shown.Max.x - pad - x, y = shown.Min.y + pad;
        auto* k = ctx_.content().find_consultation(cl.consultation_id);
        // One line, a pointer to the certificate: the certificate screen shows the title whole.
        y += ui.paragraph(k ? ui.pick(k->title) : cl.consultation_id, FontRole::body, theme::ink, ImVec2(x, y), w, {1.3f, 1, false, true});
        std::optional<int> art;
        if (cl.article != 0) art = cl.article;
        std::string line = provision_text(ui, cl.consultation_id, art) + " · " +
                           ui.t(std::string("passport.status.") + adoption_code(cl.adoption)) + " · " +
                           date_text(cl.decided, ui.lang());
        y += ui.paragraph(line, FontRole::body, kAdopted, ImVec2(x, y), w, {1.3f, 1, false, true});
        // Drawn as a button so it reads as one; the whole row takes the tap.
        const std::string& view = ui.t("passport.view_certificate");
        ImRect pill(ImVec2(x, y + ui.s(6)), ImVec2(x + ui.text().measure(view, FontRole::body) + ui.s(48), y + ui.s(6 + 48)));
        ui.dl()->AddRect(pill.Min, pill.Max, theme::primary, pill.GetHeight() / 2, 0, ui.s(2.5f));
        ui.label_centered(view, FontRole::body, theme::primary, pill);
        std::string label = "certificate-" + serial_text(cl.serial);
        ui.register_target(label, r);
        if (ui.tapped(r)) ctx_.nav->push(make_certificate_screen(ctx_, c.token));
        return r.GetHeight();
    }

    void draw_actions(Ui& ui, ImRect r) {
        float g = ui.s(24);
        bool can_print = ctx_.services->printing() != nullptr;
        int n = can_print ? 3 : 2;
        float w = (r.GetWidth() - g * (n - 1)) / n;
        if (!ui.portrait()) w = std::min(w, ui.s(440));
        float x = r.Min.x;
        auto next = [&] { ImRect b(ImVec2(x, r.Min.y), ImVec2(x + w, r.Max.y)); x += w + g; return b; };
        if (!ctx_.content().consultations.empty() && ui.button(ui.t("passport.leave_opinion"), next(), ButtonKind::primary)) {
            ctx_.nav->home();
            ctx_.nav->push(make_consultations_screen(ctx_));
        }
        if (can_print) {
            const Passport& p = view_->passport;
            auto state = ctx_.services->printing()->state(passport_log_ref(p.id));
            if (ui.button(ui.t("passport.print"), next(), ButtonKind::secondary) && state != CardPrintService::State::printing)
                print(ui);
            const char* msg = CardPrintService::message_key(state);
            if (msg) ui.label(ui.t(msg), FontRole::body, state == CardPrintService::State::failed ? theme::primary : theme::teal,
                              ImVec2(r.Min.x, r.Min.y - ui.fonts().size(FontRole::body) * 1.5f));
        }
        ImRect close(ImVec2(r.Max.x - w, r.Min.y), r.Max);
        if (ui.button(ui.t("passport.close"), close, ButtonKind::secondary)) {
            ctx_.services->log("passport_closed", passport_log_ref(ctx_.visit->open_passport()));
            ctx_.visit->close_passport();
            ctx_.nav->home();
        }
    }

    void print(Ui& ui) {
        const Passport& p = view_->passport;
        CardContent card = bilingual_card(ctx_.services->strings(), CardContent::Kind::passport, "passport.heading", ctx_.content().hall);
        card.lines = {format_text(ui.t_in(Lang::zh, "passport.issued"), {date_text(p.issued_on, Lang::zh)}) + " · " +
                      format_text(ui.t_in(Lang::en, "passport.issued"), {date_text(p.issued_on, Lang::en)})};
        card.code = format_short_code(p.short_code);
        card.qr_text = ctx_.services->passports().qr_text(p);
        // The job's title stays in CUPS's history: nothing in it may open the passport.
        ctx_.services->printing()->start(passport_log_ref(p.id), std::move(card), "Lianxin card");
        ctx_.services->log("print", "passport " + passport_log_ref(p.id));
    }

    AppContext& ctx_;
    std::optional<PassportBookletView> view_;
    Millis loaded_at_ = 0;
    QrView qr_;
    ScrollView scroll_;
    float extent_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_passport_screen(AppContext& ctx) { return std::make_unique<PassportScreen>(ctx); }

void show_open_passport(AppContext& ctx, const Passport& p, const char* how) {
    ctx.visit->open_passport(p.id);
    ctx.services->log("passport_opened", std::string(how) + " " + passport_log_ref(p.id));
    go_home(ctx);
    ctx.nav->push(make_passport_screen(ctx));
}

}  // namespace lianxin::kiosk
