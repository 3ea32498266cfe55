// Public pages: passport, certificate, opinion form (see public_pages.h).
#include "hub/pages/public_pages.h"

#include "core/i18n/date_text.h"

namespace lianxin::hub {

namespace {

std::string esc(std::string_view s) { return escape_html(s); }

std::string stamp_word(StampKind k) {
    return k == StampKind::tour ? "stamp.tour" : k == StampKind::meeting ? "stamp.meeting" : "stamp.opinion";
}

}  // namespace

std::string render_passport_page(const StringTable& t, const PageFrame& f, const PassportPage& p) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(t.get(l, "passport.title")) + "</h1>";
    b += "<div class=\"card\"><p class=\"muted\">" + esc(t.get(l, "passport.code")) + "</p><p class=\"code\">" +
         esc(p.short_code) + "</p><p class=\"muted\">" +
         esc(format_text(t.get(l, "passport.issued"), {date_text(p.issued, l)})) + "</p></div>";
    if (!p.certificates.empty()) {
        b += "<h2>" + esc(t.get(l, "passport.certificates")) + "</h2>";
        for (auto& c : p.certificates)
            b += "<div class=\"card\"><p>" + esc(c.summary) + "</p><a class=\"go\" href=\"" + esc(c.url) + "\">" +
                 esc(t.get(l, "passport.view_certificate")) + "</a></div>";
    }
    b += "<h2>" + esc(t.get(l, "passport.stamps")) + "</h2>";
    if (p.stamps.empty()) b += "<p class=\"muted\">" + esc(t.get(l, "passport.no_stamps")) + "</p>";
    for (auto& s : p.stamps) {
        b += "<div class=\"card stamp\"><div class=\"ring\">" + esc(t.get(l, stamp_word(s.kind))) + "<small>" +
             esc(short_date_text(s.date, l)) + "</small></div><div>";
        if (s.kind == StampKind::opinion) {
            b += "<strong>" + esc(s.draft) + "</strong><div class=\"muted\">" + esc(s.provision) + "</div>";
            if (!s.text.empty()) b += "<p class=\"quote\">“" + esc(s.text) + "”</p>";
            std::string code = opinion_status_code(s.status);
            b += "<span class=\"chip s-" + code + "\">" + esc(t.get(l, "status." + code)) + "</span>";
            if (!s.reply.empty())
                b += "<p><span class=\"muted\">" + esc(t.get(l, "passport.reply")) + "</span><br>" + esc(s.reply) + "</p>";
        }
        b += "</div></div>";
    }
    return render_page(t, {l, t.get(l, "passport.title"), f.switch_url}, b);
}

std::string render_passport_problem(const StringTable& t, const PageFrame& f, const std::string& key) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(t.get(l, "passport.title")) + "</h1><div class=\"card\"><p>" + esc(t.get(l, key)) +
                    "</p></div>";
    return render_page(t, {l, t.get(l, "passport.title"), f.switch_url}, b);
}

std::string render_certificate_page(const StringTable& t, const PageFrame& f, const CertificatePage& c) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(t.get(l, "certificate.title")) + "</h1>";
    if (c.problem) {
        b += "<div class=\"verdict bad\"><strong>✗ " + esc(t.get(l, "certificate.refused")) + "</strong>" +
             esc(t.get(l, std::string("refused.") + token_problem_name(*c.problem))) + "</div>";
        return render_page(t, {l, t.get(l, "certificate.title"), f.switch_url}, b);
    }
    b += "<div class=\"verdict ok\"><strong>✓ " + esc(t.get(l, "certificate.valid")) + "</strong>" +
         esc(t.get(l, "certificate.valid_detail")) + "</div>";
    b += "<div class=\"card\"><p>" +
         esc(format_text(t.get(l, "certificate.statement"), {c.provision, c.outcome, c.date})) + "</p><dl>";
    auto row = [&](const char* key, const std::string& v) {
        b += "<dt>" + esc(t.get(l, key)) + "</dt><dd>" + esc(v) + "</dd>";
    };
    row("certificate.draft", c.draft);
    row("certificate.provision", c.provision);
    row("certificate.outcome", c.outcome);
    row("certificate.date", c.date);
    row("certificate.serial", c.serial);
    b += "</dl></div>";
    return render_page(t, {l, t.get(l, "certificate.title"), f.switch_url}, b);
}

std::string render_opinion_form(const StringTable& t, const PageFrame& f, const OpinionFormPage& p) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(p.title) + "</h1>";
    // The thank-you comes straight under the title: after a long summary it would start below the
    // fold on a phone, and the visitor could think the opinion was lost.
    if (p.thanks) {
        b += "<div class=\"verdict ok\" role=\"status\"><strong>✓ " + esc(t.get(l, "form.thanks")) + "</strong>" +
             esc(t.get(l, "form.thanks_detail")) + "</div>";
        return render_page(t, {l, t.get(l, "form.title"), f.switch_url}, b);
    }
    // So are the problems with a refused opinion, for the same reason.
    if (!p.problems.empty()) {
        b += "<div class=\"problems\" role=\"alert\">";
        for (auto& m : p.problems) b += "<p>" + esc(format_text(t.get(l, "form.problem"), {m})) + "</p>";
        b += "</div>";
    }
    if (!p.summary.empty()) b += "<p class=\"sub\">" + esc(p.summary) + "</p>";
    if (!p.open) {
        b += "<div class=\"card\"><p>" + esc(t.get(l, "form.closed")) + "</p></div>";
        return render_page(t, {l, t.get(l, "form.title"), f.switch_url}, b);
    }
    b += "<p>" + esc(format_text(t.get(l, "form.intro"), {date_text(p.deadline, l)})) + "</p>";
    b += "<form method=\"post\" action=\"" + esc(p.action) + "\" accept-charset=\"utf-8\">";
    b += "<input type=\"hidden\" name=\"form_token\" value=\"" + esc(p.form_token) + "\">";
    b += "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(lang_code(l)) + "\">";
    b += "<label for=\"article\">" + esc(t.get(l, "form.article")) + "</label><select id=\"article\" name=\"article\">";
    b += "<option value=\"\"" + std::string(p.values.article.empty() ? " selected" : "") + ">" +
         esc(t.get(l, "form.whole")) + "</option>";
    for (auto& [n, title] : p.articles) {
        std::string v = std::to_string(n);
        b += "<option value=\"" + v + "\"" + (p.values.article == v ? " selected" : "") + ">" + esc(title) + "</option>";
    }
    b += "</select><fieldset><label>" + esc(t.get(l, "form.stance")) + "</label>";
    for (const char* s : {"support", "oppose", "suggest"}) {
        bool on = p.values.stance == s || (p.values.stance.empty() && std::string(s) == "suggest");
        b += "<label class=\"choice\"><input type=\"radio\" name=\"stance\" value=\"" + std::string(s) + "\"" +
             (on ? " checked" : "") + ">" + esc(t.get(l, std::string("form.") + s)) + "</label>";
    }
    b += "</fieldset><label for=\"text\">" + esc(format_text(t.get(l, "form.text"), {std::to_string(p.max_chars)})) +
         "</label><textarea id=\"text\" name=\"text\" required>" + esc(p.values.text) + "</textarea>";
    b += "<h2>" + esc(t.get(l, "form.contact")) + "</h2><p class=\"muted\">" + esc(t.get(l, "form.contact_why")) + "</p>";
    b += "<label for=\"name\">" + esc(t.get(l, "form.name")) + "</label><input type=\"text\" id=\"name\" name=\"name\" value=\"" +
         esc(p.values.name) + "\" autocomplete=\"off\">";
    b += "<label for=\"phone\">" + esc(t.get(l, "form.phone")) + "</label><input type=\"tel\" id=\"phone\" name=\"phone\" value=\"" +
         esc(p.values.phone) + "\" autocomplete=\"off\">";
    b += "<label class=\"choice\"><input type=\"checkbox\" name=\"consent\" value=\"1\"" +
         std::string(p.values.consent ? " checked" : "") + ">" + esc(t.get(l, "form.consent")) + "</label>";
    b += "<button type=\"submit\">" + esc(t.get(l, "form.submit")) + "</button></form>";
    return render_page(t, {l, t.get(l, "form.title"), f.switch_url}, b);
}

}  // namespace lianxin::hub
