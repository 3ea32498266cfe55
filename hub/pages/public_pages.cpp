// Public pages: passport and certificate (see public_pages.h; the opinion form is in opinion_page.cpp).
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
            if (s.hidden) b += "<p class=\"muted\">" + esc(t.get(l, "passport.hidden")) + "</p>";
            else if (!s.text.empty()) b += "<p class=\"quote\">“" + esc(s.text) + "”</p>";
            if (!s.final_title.empty())
                b += "<div class=\"trace\"><p><strong>" + esc(format_text(t.get(l, "passport.trace"), {s.final_title})) +
                     "</strong></p>" + paragraphs_html(s.final_text) + "</div>";
            std::string code = opinion_status_code(s.status);
            b += "<span class=\"chip s-" + code + "\">" + esc(t.get(l, "status." + code)) + "</span>";
            if (!s.reply.empty())
                b += "<p><span class=\"muted\">" + esc(t.get(l, "passport.reply")) + "</span><br>" + esc(s.reply) + "</p>";
        }
        b += "</div></div>";
    }
    return render_page(t, {l, t.get(l, "passport.title"), f.switch_url, f.hall}, b);
}

std::string render_passport_problem(const StringTable& t, const PageFrame& f, const std::string& key) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(t.get(l, "passport.title")) + "</h1><div class=\"card\"><p>" + esc(t.get(l, key)) +
                    "</p></div>";
    return render_page(t, {l, t.get(l, "passport.title"), f.switch_url, f.hall}, b);
}

std::string render_certificate_page(const StringTable& t, const PageFrame& f, const CertificatePage& c) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(t.get(l, "certificate.title")) + "</h1>";
    if (c.problem) {
        b += "<div class=\"verdict bad\" role=\"alert\"><strong>✗ " + esc(t.get(l, "certificate.refused")) +
             "</strong>" + esc(t.get(l, std::string("refused.") + token_problem_name(*c.problem))) + "</div>";
        // A refusal must not be a dead end: most are a bad scan, which a second try fixes; the rest
        // only staff can settle. Scanning a withdrawn certificate again changes nothing.
        b += "<h2>" + esc(t.get(l, "certificate.next_title")) + "</h2><ol class=\"steps\">";
        if (*c.problem == TokenProblem::revoked) {
            b += "<li>" + esc(t.get(l, "certificate.next_revoked")) + "</li>";
        } else {
            b += "<li>" + esc(t.get(l, "certificate.next_scan")) + "</li>";
            b += "<li>" + esc(t.get(l, "certificate.next_staff")) + "</li>";
        }
        b += "</ol>";
        return render_page(t, {l, t.get(l, "certificate.title"), f.switch_url, f.hall}, b);
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
    if (!c.final_title.empty()) {
        b += "<dt>" + esc(t.get(l, "certificate.trace")) + "</dt><dd><div class=\"trace\"><p><strong>" +
             esc(c.final_title) + "</strong></p>" + paragraphs_html(c.final_text) + "</div></dd>";
    }
    row("certificate.serial", c.serial);
    b += "</dl></div>";
    return render_page(t, {l, t.get(l, "certificate.title"), f.switch_url, f.hall}, b);
}

}  // namespace lianxin::hub
