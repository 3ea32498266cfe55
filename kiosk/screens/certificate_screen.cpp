// A certificate of adoption, verified here and now against the hub's keys and the revocations
// this kiosk knows: a clear verdict, what the certificate says (only when genuine), and its QR
// code large enough for a phone to check it online. Reached from a passport or by a scan.
#include <algorithm>
#include <cmath>

#include "core/i18n/date_text.h"
#include "core/passports/passport_book.h"
#include "kiosk/services/card_print_service.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/passport_art.h"
#include "kiosk/widgets/qr_view.h"

namespace lianxin::kiosk {

namespace {

constexpr ImU32 kValid = theme::rgb(0x2E7D4F);

class CertificateScreen : public Screen {
public:
    CertificateScreen(AppContext& ctx, std::string token) : ctx_(ctx), token_(std::move(token)) {
        auto v = ctx_.services->passports().check_certificate(token_);
        if (v && v->certificate) {
            claims_ = v->certificate;
            qr_text_ = ctx_.services->passports().certificate_qr_text(v->token);
            ctx_.services->log("certificate_checked", "valid " + serial_text(claims_->serial));
        } else {
            problem_ = v ? TokenProblem::wrong_prefix : v.error().problem;  // a passport is not a certificate
            ctx_.services->log("certificate_checked", std::string("refused ") + token_problem_name(*problem_) +
                                                (v ? "" : ": " + v.error().detail));
        }
    }
    const char* name() const override { return "certificate"; }
    std::string title(const Ui& ui) const override { return ui.t("certificate.title"); }

    void draw(Ui& ui, ImRect area) override {
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        ImRect in(ImVec2(area.Min.x + m, area.Min.y + m * 0.7f), ImVec2(area.Max.x - m, area.Max.y - m * 0.7f));
        float banner_h = ui.s(ui.bilingual() && problem_ ? 150 : 110);  // a refusal's reason in two languages
        draw_verdict(ui, ImRect(in.Min, ImVec2(in.Max.x, in.Min.y + banner_h)));
        ImRect body(ImVec2(in.Min.x, in.Min.y + banner_h + g), in.Max);
        if (!claims_) {
            draw_refusal_help(ui, body);
            return;
        }
        ImRect doc, side;
        if (ui.portrait()) {
            float h = std::round(body.GetHeight() * 0.52f);
            doc = ImRect(body.Min, ImVec2(body.Max.x, body.Min.y + h));
            side = ImRect(ImVec2(body.Min.x, body.Min.y + h + g), body.Max);
        } else {
            float w = std::round(body.GetWidth() * 0.58f);
            doc = ImRect(body.Min, ImVec2(body.Min.x + w, body.Max.y));
            side = ImRect(ImVec2(body.Min.x + w + g, body.Min.y), body.Max);
        }
        draw_document(ui, doc);
        draw_qr_side(ui, side);
    }

private:
    void draw_verdict(Ui& ui, ImRect r) {
        bool ok = claims_.has_value();
        auto* dl = ui.dl();
        ImU32 col = ok ? kValid : theme::primary;
        dl->AddRectFilled(r.Min, r.Max, col, ui.s(theme::radius));
        ImVec2 c(r.Min.x + r.GetHeight() / 2 + ui.s(10), r.GetCenter().y);
        float k = r.GetHeight() * 0.3f;
        dl->AddCircleFilled(c, k * 1.25f, theme::white, 40);
        if (ok) {
            dl->AddLine(ImVec2(c.x - k * 0.55f, c.y), ImVec2(c.x - k * 0.15f, c.y + k * 0.45f), col, ui.s(8));
            dl->AddLine(ImVec2(c.x - k * 0.15f, c.y + k * 0.45f), ImVec2(c.x + k * 0.6f, c.y - k * 0.45f), col, ui.s(8));
        } else {
            dl->AddLine(ImVec2(c.x - k * 0.5f, c.y - k * 0.5f), ImVec2(c.x + k * 0.5f, c.y + k * 0.5f), col, ui.s(8));
            dl->AddLine(ImVec2(c.x - k * 0.5f, c.y + k * 0.5f), ImVec2(c.x + k * 0.5f, c.y - k * 0.5f), col, ui.s(8));
        }
        float x = c.x + k * 1.25f + ui.s(30), w = r.Max.x - ui.s(30) - x;
        if (ok) {
            ui.label_centered(ui.t("certificate.valid"), FontRole::heading, theme::white,
                              ImRect(ImVec2(x, r.Min.y), ImVec2(x + ui.text().measure(ui.t("certificate.valid"), FontRole::heading), r.Max.y)));
        } else {
            std::string why = ui.t(std::string("certificate.refused.") + token_problem_name(*problem_));
            float y = r.Min.y + ui.s(12);
            ui.label(ui.t("certificate.not_valid"), FontRole::heading, theme::white, ImVec2(x, y));
            ui.paragraph(why, FontRole::body, theme::white, ImVec2(x, y + ui.fonts().size(FontRole::heading) * 1.3f), w, {1.2f, ui.bilingual() ? 2 : 1, false});
        }
        ui.register_script_label(ok ? "certificate-valid" : "certificate-refused", r);
    }

    // What a refused certificate means for the person holding it, and where to go from here.
    void draw_refusal_help(Ui& ui, ImRect body) {
        float w = std::min(body.GetWidth(), ui.s(1300)), pad = ui.s(40);
        float h = ui.text().layout(ui.t("certificate.refused_help"), FontRole::lead, 0, w - 2 * pad, {1.45f, 0, false}).height;
        float bh = ui.s(theme::touch_target) * 1.1f;
        ImRect card(body.Min, ImVec2(body.Min.x + w, body.Min.y + h + bh + 3 * pad));
        ui.card(card);
        ui.paragraph(ui.t("certificate.refused_help"), FontRole::lead, theme::ink, ImVec2(card.Min.x + pad, card.Min.y + pad),
                     w - 2 * pad, {1.45f, 0, false});
        ImRect b(ImVec2(card.Min.x + pad, card.Max.y - pad - bh), ImVec2(card.Min.x + pad + ui.s(380), card.Max.y - pad));
        if (ui.button(ui.t("opinion.to_home"), b, ButtonKind::primary)) ctx_.nav->home();
    }

    std::string provision(Ui& ui, Lang lang) const {
        auto* c = ctx_.content().find_consultation(claims_->consultation_id);
        std::string art = claims_->article == 0 ? ui.t_in(lang, "passport.whole_draft")
                                                : format_text(ui.t_in(lang, "certificate.article"), {std::to_string(claims_->article)});
        if (c && claims_->article != 0)
            if (auto* a = c->find_article(claims_->article)) art = a->title.in(lang);
        return art;
    }

    void draw_document(Ui& ui, ImRect r) {
        auto* dl = ui.dl();
        dl->AddRectFilled(ImVec2(r.Min.x + ui.s(6), r.Min.y + ui.s(10)), ImVec2(r.Max.x + ui.s(6), r.Max.y + ui.s(10)), theme::shadow, ui.s(18));
        dl->AddRectFilled(r.Min, r.Max, theme::rgb(0xFFFDF7), ui.s(18));
        float k = ui.s(18);
        dl->AddRect(ImVec2(r.Min.x + k, r.Min.y + k), ImVec2(r.Max.x - k, r.Max.y - k), theme::gold, ui.s(10), 0, ui.s(4));
        dl->AddRect(ImVec2(r.Min.x + k * 1.6f, r.Min.y + k * 1.6f), ImVec2(r.Max.x - k * 1.6f, r.Max.y - k * 1.6f), theme::gold, ui.s(8), 0, ui.s(1.5f));
        float pad = ui.s(64);
        ImRect in(ImVec2(r.Min.x + pad, r.Min.y + pad * 0.8f), ImVec2(r.Max.x - pad, r.Max.y - pad * 0.7f));
        float seal_r = ui.s(54);
        draw_seal(ui, ImVec2(in.Max.x - seal_r, in.Min.y + seal_r), seal_r);
        float tw = in.GetWidth() - seal_r * 2 - ui.s(20);
        float y = in.Min.y;
        // Named in both languages in every mode, as the passport is.
        y += ui.paragraph(ui.t_in(ui.lang(), "certificate.title"), FontRole::title, theme::primary_dark, ImVec2(in.Min.x, y), tw,
                          {1.1f, 1, false});
        y += ui.paragraph(ui.t_in(ui.lang(), "certificate.heading_other"), FontRole::lead, theme::primary, ImVec2(in.Min.x, y),
                          tw, {1.2f, 1, false});
        y += ui.s(24);
        auto* c = ctx_.content().find_consultation(claims_->consultation_id);
        std::string draft = c ? ui.pick(c->title) : claims_->consultation_id;
        std::string outcome = ui.t(std::string("certificate.") + adoption_code(claims_->adoption));
        std::string statement = ui.each_lang([&](Lang l) { return ui.tf("certificate.statement", {provision(ui, l), outcome, date_text(claims_->decided, l)}); });
        y += ui.paragraph(statement, FontRole::lead, theme::ink, ImVec2(in.Min.x, y), in.GetWidth(), {1.45f, ui.bilingual() ? 6 : 3, false}) + ui.s(20);
        // The particulars as label / value rows.
        float label_w = ui.s(ui.lang() == Lang::zh && !ui.bilingual() ? 150 : 250);
        const int per_lang = ui.bilingual() ? 2 : 1;  // a line per language
        auto row = [&](const char* key, const std::string& value, int lines) {
            lines *= per_lang;
            if (y > in.Max.y - ui.fonts().size(FontRole::body) * 1.5f) return;
            ui.paragraph(ui.t(key), FontRole::body, theme::muted, ImVec2(in.Min.x, y), label_w, {1.35f, ui.bilingual() ? 2 : 1, false});
            y += ui.paragraph(value, FontRole::body, theme::ink, ImVec2(in.Min.x + label_w, y), in.GetWidth() - label_w,
                              {1.35f, lines, false}) + ui.s(8);
        };
        row("certificate.draft", draft, 2);
        row("certificate.provision", provision(ui, ui.lang()), 1);
        row("certificate.outcome", ui.t(std::string("passport.status.") + adoption_code(claims_->adoption)), 1);
        row("certificate.date", date_text(claims_->decided, ui.lang()), 1);
        row("certificate.serial", format_serial(claims_->serial), 1);
    }

    void draw_qr_side(Ui& ui, ImRect r) {
        float bh = ctx_.services->printing() ? ui.s(theme::touch_target) * 1.1f + ui.s(20) : 0;
        float cap_h = ui.fonts().size(FontRole::lead) * 3;
        ImRect qr_box(r.Min, ImVec2(r.Max.x, r.Max.y - cap_h - bh));
        ui.card(ImRect(r.Min, ImVec2(r.Max.x, r.Max.y - bh)));
        float pad = ui.s(24);
        ImRect shown = qr_.draw(ui, qr_text_, ImRect(ImVec2(qr_box.Min.x + pad, qr_box.Min.y + pad), ImVec2(qr_box.Max.x - pad, qr_box.Max.y)));
        ui.register_script_label("certificate-qr", shown);
        auto& lay = ui.text().layout(ui.t("certificate.scan_phone"), FontRole::lead, theme::muted, r.GetWidth() - 2 * pad, {1.3f, 2, false});
        ui.draw(lay, ImVec2(std::round(r.GetCenter().x - lay.width / 2), shown.Max.y + ui.s(14)));
        if (!ctx_.services->printing()) return;
        std::string key = serial_text(claims_->serial);
        auto state = ctx_.services->printing()->state(key);
        ImRect b(ImVec2(r.Min.x, r.Max.y - bh + ui.s(20)), r.Max);
        if (ui.button(ui.t("passport.print"), b, ButtonKind::secondary) && state != CardPrintService::State::printing) print(ui, key);
        const char* msg = CardPrintService::message_key(state);
        if (msg) ui.paragraph(ui.t(msg), FontRole::body, state == CardPrintService::State::failed ? theme::primary : theme::teal,
                              ImVec2(r.Min.x + pad, shown.Max.y + ui.s(14) + lay.height + ui.s(6)), r.GetWidth() - 2 * pad);
    }

    void print(Ui& ui, const std::string& key) {
        CardContent card = bilingual_card(ctx_.services->strings(), CardContent::Kind::certificate, "certificate.title", ctx_.content().hall);
        auto* c = ctx_.content().find_consultation(claims_->consultation_id);
        for (Lang l : {Lang::zh, Lang::en}) {
            card.lines.push_back((c ? c->title.in(l) : claims_->consultation_id) + " · " + provision(ui, l));
            card.lines.push_back(ui.t_in(l, std::string("passport.status.") + adoption_code(claims_->adoption)) + " · " +
                                 date_text(claims_->decided, l));
        }
        card.code = format_serial(claims_->serial);
        card.qr_text = qr_text_;
        ctx_.services->printing()->start(key, std::move(card), "Lianxin card");
        ctx_.services->log("print", "certificate " + key);
    }

    AppContext& ctx_;
    std::string token_, qr_text_;
    std::optional<CertificateClaims> claims_;
    std::optional<TokenProblem> problem_;
    QrView qr_;
};

}  // namespace

std::unique_ptr<Screen> make_certificate_screen(AppContext& ctx, std::string token) {
    return std::make_unique<CertificateScreen>(ctx, std::move(token));
}

}  // namespace lianxin::kiosk
