// The opinion form's page (/o/<consultation>): the draft article by article, each folded with its
// plain-language explanation, the form with every problem beside its field, and the thank-you that
// leads on; and the page for an address that is not there (see public_pages.h).
#include "core/i18n/date_text.h"
#include "hub/pages/form_parts.h"
#include "hub/pages/public_pages.h"

namespace lianxin::hub {

namespace {

std::string esc(std::string_view s) { return escape_html(s); }

// One tap opens an article: its text as drafted, the plain words in the warm card the kiosk uses,
// the questions, and a way to comment on it (the form below, with the article chosen).
std::string article_html(const StringTable& t, Lang l, const OpinionFormPage& p, const FormArticle& a) {
    std::string n = std::to_string(a.number);
    std::string b = "<details class=\"article\" id=\"article-" + n + "\"" + (p.open_article == a.number ? " open" : "") +
                    "><summary>" + esc(a.title) + "</summary><div class=\"article-body\">";
    if (!a.text.empty()) b += "<h3>" + esc(t.get(l, "draft.legal_text")) + "</h3>" + paragraphs_html(a.text);
    if (!a.plain.empty())
        b += "<div class=\"plain\"><h3>" + esc(t.get(l, "draft.plain")) + "</h3>" + paragraphs_html(a.plain) + "</div>";
    if (!a.questions.empty()) {
        b += "<h3>" + esc(t.get(l, "draft.questions")) + "</h3><ul class=\"questions\">";
        for (auto& q : a.questions) b += "<li>" + esc(q) + "</li>";
        b += "</ul>";
    }
    if (p.open)
        b += "<a class=\"go\" href=\"" + esc(p.draft_url + "&article=" + n + "#opinion") + "\">" +
             esc(t.get(l, "draft.comment_article")) + "</a>";
    return b + "</div></details>";
}

std::string links_html(const std::vector<PageLink>& links) {
    std::string b = "<ul class=\"next\">";
    for (auto& k : links) b += "<li><a href=\"" + esc(k.href) + "\"><span>" + esc(k.text) + "</span></a></li>";
    return b + "</ul>";
}

// After an opinion is kept the resident is led on, never left at a dead end: back to the draft,
// to the article after the one just commented on, to the other drafts taking opinions.
std::string thanks_html(const StringTable& t, Lang l, const OpinionFormPage& p) {
    std::string b = "<div class=\"verdict ok\" role=\"status\"><strong>✓ " + esc(t.get(l, "form.thanks")) + "</strong>" +
                    esc(t.get(l, "form.thanks_detail")) + "</div>";
    std::vector<PageLink> next{{t.get(l, "thanks.back"), p.draft_url + "#draft"}};
    const FormArticle* after = nullptr;
    for (auto& a : p.articles)
        if (!p.values.article.empty() && std::to_string(a.number) == p.values.article) after = &a + 1;
    if (after && after != p.articles.data() + p.articles.size())
        next.push_back({format_text(t.get(l, "thanks.next_article"), {after->title}),
                        p.draft_url + "&article=" + std::to_string(after->number) + "#article-" +
                            std::to_string(after->number)});
    b += "<h2>" + esc(t.get(l, "thanks.next")) + "</h2>" + links_html(next);
    if (!p.other_drafts.empty()) b += "<h2>" + esc(t.get(l, "thanks.other_drafts")) + "</h2>" + links_html(p.other_drafts);
    return b;
}

std::string form_html(const StringTable& t, Lang l, const OpinionFormPage& p) {
    std::string b = "<h2 id=\"opinion\">" + esc(t.get(l, "form.title")) + "</h2>" + problems_html(t, l, p.problems);
    // The page after a post opens at the form (see render_opinion_form); the thank-you has no
    // #opinion, so it opens at its top.
    b += "<form method=\"post\" action=\"" + esc(p.action + "#opinion") + "\" accept-charset=\"utf-8\">";
    b += "<input type=\"hidden\" name=\"form_token\" value=\"" + esc(p.form_token) + "\">";
    b += "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(lang_code(l)) + "\">";

    FieldMark m = mark(p.problems, FormField::article);
    b += "<label for=\"article\">" + esc(t.get(l, "form.article")) + "</label>" + m.message_html +
         "<select id=\"article\" name=\"article\"" + m.attrs + ">";
    b += "<option value=\"\"" + std::string(p.values.article.empty() ? " selected" : "") + ">" +
         esc(t.get(l, "form.whole")) + "</option>";
    for (auto& a : p.articles) {
        std::string v = std::to_string(a.number);
        b += "<option value=\"" + v + "\"" + (p.values.article == v ? " selected" : "") + ">" + esc(a.title) + "</option>";
    }
    b += "</select>";

    m = mark(p.problems, FormField::stance);
    b += "<fieldset id=\"stance\" role=\"radiogroup\"" + m.attrs + "><legend>" + esc(t.get(l, "form.stance")) +
         "</legend>" + m.message_html;
    for (const char* s : {"support", "oppose", "suggest"}) {
        bool on = p.values.stance == s || (p.values.stance.empty() && std::string(s) == "suggest");
        b += "<label class=\"choice\"><input type=\"radio\" name=\"stance\" value=\"" + std::string(s) + "\"" +
             (on ? " checked" : "") + ">" + esc(t.get(l, std::string("form.") + s)) + "</label>";
    }
    b += "</fieldset>";

    // maxlength keeps a phone's typing within the rules (and the body within the hub's limit); the
    // hub still checks, since anyone can post anything.
    m = mark(p.problems, FormField::text);
    b += "<label for=\"text\">" + esc(format_text(t.get(l, "form.text"), {std::to_string(p.max_chars)})) + "</label>" +
         m.message_html + "<textarea id=\"text\" name=\"text\" required maxlength=\"" + std::to_string(p.max_chars) +
         "\"" + m.attrs + ">" + esc(p.values.text) + "</textarea>";

    b += contact_fields_html(t, l, p.values.name, p.values.phone, p.values.consent, p.problems, p.max_name_chars,
                             "form.contact_why", "form.consent");
    b += "<button type=\"submit\">" + esc(t.get(l, "form.submit")) + "</button></form>";
    return b;
}

}  // namespace

std::string render_opinion_form(const StringTable& t, const PageFrame& f, const OpinionFormPage& p) {
    Lang l = f.lang;
    PageFrame frame{l, t.get(l, "form.title"), f.switch_url, f.hall};
    std::string b = "<h1>" + esc(p.title) + "</h1>";
    // The thank-you comes straight under the title: after a long summary it would start below the
    // fold on a phone, and the visitor could think the opinion was lost.
    if (p.thanks) return render_page(t, frame, b + thanks_html(t, l, p));
    // A refused opinion's problems stand at the head of the form, where a post lands (its action
    // ends in #opinion), so the resident does not scroll past the draft to find them; with the
    // form gone (the draft closed meanwhile) they stand here.
    if (!p.open) b += problems_html(t, l, p.problems);
    if (!p.summary.empty()) b += "<div class=\"sub\">" + paragraphs_html(p.summary) + "</div>";
    if (p.open) b += "<p>" + esc(format_text(t.get(l, "form.intro"), {date_text(p.deadline, l)})) + "</p>";
    else b += "<div class=\"card\"><p>" + esc(t.get(l, "form.closed")) + "</p></div>";
    if (!p.articles.empty()) {
        b += "<h2 id=\"draft\">" + esc(t.get(l, "draft.heading")) + "</h2><p class=\"muted\">" +
             esc(format_text(t.get(l, "draft.hint"), {std::to_string(p.articles.size())})) + "</p>";
        for (auto& a : p.articles) b += article_html(t, l, p, a);
    }
    if (p.open) b += form_html(t, l, p);
    return render_page(t, frame, b);
}

std::string render_not_found(const StringTable& t, const PageFrame& f, const std::string& message_key,
                             const std::vector<PageLink>& open_drafts) {
    Lang l = f.lang;
    std::string b = "<h1>" + esc(t.get(l, "notfound.title")) + "</h1><div class=\"card\"><p>" + esc(t.get(l, message_key)) +
                    "</p></div>";
    if (!open_drafts.empty()) b += "<h2>" + esc(t.get(l, "notfound.drafts")) + "</h2>" + links_html(open_drafts);
    return render_page(t, {l, t.get(l, "notfound.title"), f.switch_url, f.hall}, b);
}

}  // namespace lianxin::hub
