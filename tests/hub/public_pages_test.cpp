// The hub's public pages as documents: everything from data escaped (an injection attempt is
// text), the language chosen from ?lang= and Accept-Language with a toggle, verdicts and
// statuses in words, and the phone form's parsing and CSRF guard.
#include <catch2/catch.hpp>

#include "hub/pages/opinion_form.h"
#include "hub/pages/public_pages.h"

using namespace lianxin;
using namespace lianxin::hub;

namespace {

const StringTable& strings() {
    static StringTable t = [] {
        auto r = StringTable::load(std::string(LIANXIN_SOURCE_DIR) + "/assets/web");
        REQUIRE(r.ok());
        return std::move(*r);
    }();
    return t;
}

const std::string kAttack = "<script>alert('x')</script>\"&";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("escaping turns markup into text", "[hub][pages]") {
    CHECK(escape_html(kAttack) == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;");
    CHECK(escape_html("立法 ok") == "立法 ok");
}

TEST_CASE("the page language follows ?lang=, then Accept-Language, else Chinese", "[hub][pages]") {
    CHECK(negotiate_lang("en", "zh-CN") == Lang::en);
    CHECK(negotiate_lang("zh", "en-GB") == Lang::zh);
    CHECK(negotiate_lang("", "en-GB,en;q=0.9") == Lang::en);
    CHECK(negotiate_lang("", "fr-FR,en;q=0.5,zh-CN;q=0.8") == Lang::zh);
    CHECK(negotiate_lang("", "fr-FR,en;q=0.5") == Lang::en);
    CHECK(negotiate_lang("", "de") == Lang::zh);
    CHECK(negotiate_lang("xx", "") == Lang::zh);
}

TEST_CASE("a passport page shows stamps, statuses and replies, with every data string escaped", "[hub][pages]") {
    PassportPage p;
    p.short_code = "JJ1-D535-E0WN";
    p.issued = {2026, 11, 29};
    PassportPageStamp s;
    s.date = {2026, 11, 29};
    s.draft = "锦江区住宅小区物业管理若干规定";
    s.provision = "第三条";
    s.text = kAttack;
    s.status = OpinionStatus::partly_adopted;
    s.reply = kAttack;
    p.stamps.push_back(s);
    p.certificates.push_back({"第三条 · 部分采纳", "/c/LXC1:AB%20C?x=\"y\""});
    std::string html = render_passport_page(strings(), {Lang::zh, "", "/p/X?lang=en"}, p);
    CHECK(contains(html, "<html lang=\"zh-CN\">"));
    CHECK(contains(html, "JJ1-D535-E0WN"));
    CHECK(contains(html, "部分采纳"));
    CHECK(contains(html, "class=\"chip s-partly_adopted\""));
    CHECK_FALSE(contains(html, "<script>"));
    CHECK(contains(html, "&lt;script&gt;alert(&#39;x&#39;)"));
    CHECK(contains(html, "href=\"/c/LXC1:AB%20C?x=&quot;y&quot;\""));
    CHECK(contains(html, "href=\"/p/X?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"));
    std::string en = render_passport_page(strings(), {Lang::en, "", "/p/X?lang=zh"}, p);
    CHECK(contains(en, "Partly adopted"));
    CHECK(contains(en, ">中文</a>"));
}

TEST_CASE("a certificate page gives a clear verdict", "[hub][pages]") {
    CertificatePage ok{std::nullopt, "Draft <b>", "Article 3", "partly adopted", "1 March 2027", "19F1-248A-663B-4878"};
    std::string html = render_certificate_page(strings(), {Lang::en, "", ""}, ok);
    CHECK(contains(html, "Genuine certificate"));
    CHECK(contains(html, "An opinion from a participation passport on Article 3 was partly adopted on 1 March 2027."));
    CHECK(contains(html, "Draft &lt;b&gt;"));
    for (auto problem : {TokenProblem::bad_signature, TokenProblem::revoked, TokenProblem::unknown_key}) {
        CertificatePage bad;
        bad.problem = problem;
        std::string b = render_certificate_page(strings(), {Lang::zh, "", ""}, bad);
        CHECK(contains(b, "证书无效"));
        CHECK(contains(b, strings().get(Lang::zh, std::string("refused.") + token_problem_name(problem))));
        CHECK_FALSE(contains(b, "证书真实有效"));
    }
}

TEST_CASE("the opinion form keeps what was typed, escaped, and shows the problems", "[hub][pages]") {
    OpinionFormPage f;
    f.action = "/o/property-rules";
    f.title = "物业管理规定";
    f.deadline = {2027, 1, 31};
    f.articles = {{1, "第一条", "", "", {}}, {2, "第二条 <i>", "", "", {}}};
    f.max_chars = 500;
    f.values.article = "2";
    f.values.stance = "oppose";
    f.values.text = kAttack;
    f.values.name = "\"><img src=x>";
    f.problems = {{FormField::text, "请先写下您的意见。"}};
    f.form_token = "abc";
    std::string html = render_opinion_form(strings(), {Lang::zh, "", ""}, f);
    CHECK(contains(html, "<option value=\"2\" selected>第二条 &lt;i&gt;</option>"));
    CHECK(contains(html, "value=\"oppose\" checked"));
    CHECK(contains(html, "&lt;script&gt;"));
    CHECK(contains(html, "value=\"&quot;&gt;&lt;img src=x&gt;\""));
    CHECK(contains(html, "请检查：请先写下您的意见。"));
    CHECK(contains(html, "name=\"form_token\" value=\"abc\""));
    CHECK(contains(html, "2027年1月31日"));
    f.open = false;
    CHECK(contains(render_opinion_form(strings(), {Lang::en, "", ""}, f), "no longer takes opinions"));
}

TEST_CASE("form bodies parse with limits, and fields become a draft", "[hub][pages]") {
    auto f = parse_urlencoded("article=3&stance=suggest&text=%E7%AB%8B%E6%B3%95+%E5%A5%BD&consent=1&name=");
    REQUIRE(f.ok());
    auto v = form_values(*f);
    CHECK(v.text == "立法 好");
    CHECK(v.consent);
    auto d = draft_from_form(v, Lang::zh);
    REQUIRE(d);
    CHECK(d->article == 3);
    CHECK(d->stance == Stance::suggest);
    CHECK_FALSE(parse_urlencoded("text=%E7%AB%8").ok());
    CHECK_FALSE(parse_urlencoded("text=%ZZ").ok());
    CHECK_FALSE(parse_urlencoded("a=1&a=2").ok());
    CHECK_FALSE(parse_urlencoded(std::string(kMaxFormBytes + 1, 'a')).ok());
    // Values the form never offers: a forged post.
    CHECK_FALSE(draft_from_form({"0", "suggest", "x", "", "", false}, Lang::zh));
    CHECK_FALSE(draft_from_form({"3a", "suggest", "x", "", "", false}, Lang::zh));
    CHECK_FALSE(draft_from_form({"", "maybe", "x", "", "", false}, Lang::zh));
    CHECK(draft_from_form({"", "support", "x", "", "", false}, Lang::en).has_value());
}

TEST_CASE("the CSRF token binds the cookie, the consultation and the hub's secret", "[hub][pages]") {
    auto secret = new_form_secret();
    auto cookie = new_form_cookie();
    auto token = form_token(secret, cookie, "property-rules");
    CHECK(check_form_token(secret, cookie, "property-rules", token));
    CHECK_FALSE(check_form_token(secret, new_form_cookie(), "property-rules", token));  // another browser
    CHECK_FALSE(check_form_token(secret, cookie, "elderly-meals", token));              // another form
    CHECK_FALSE(check_form_token(new_form_secret(), cookie, "property-rules", token));  // another hub
    CHECK_FALSE(check_form_token(secret, "", "property-rules", token));                 // no cookie
    CHECK_FALSE(check_form_token(secret, cookie, "property-rules", token.substr(1)));
    std::string flipped = token;
    flipped[0] = flipped[0] == 'a' ? 'b' : 'a';
    CHECK_FALSE(check_form_token(secret, cookie, "property-rules", flipped));
}

namespace {

// A two-article draft page as the route fills it, with markup in every string from content.
OpinionFormPage draft_page(Lang lang) {
    OpinionFormPage f;
    f.action = "/o/property-rules";
    f.draft_url = std::string("/o/property-rules?lang=") + lang_code(lang);
    f.title = "物业管理规定";
    f.summary = "第一段。\n第二段 <b>";
    f.deadline = {2027, 1, 31};
    f.articles = {{1, "第一条 目的", "条文一。\n条文一第二段。", "白话一。", {"想一想一？"}},
                  {2, "第二条 " + kAttack, "条文二 " + kAttack, "白话二 " + kAttack, {"问 " + kAttack}}};
    f.max_chars = 1000;
    f.max_name_chars = 40;
    f.form_token = "abc";
    return f;
}

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the opinion form shows every article folded, with its text, plain words and questions", "[hub][pages]") {
    for (Lang lang : {Lang::zh, Lang::en}) {
        OpinionFormPage f = draft_page(lang);
        std::string html = render_opinion_form(strings(), {lang, "", "", "锦江基地"}, f);
        // Folded: one <details> an article, none open, each titled in its <summary>.
        CHECK(count(html, "<details class=\"article\"") == 2);
        CHECK_FALSE(contains(html, " open>"));
        CHECK(contains(html, "<details class=\"article\" id=\"article-1\"><summary>第一条 目的</summary>"));
        CHECK(contains(html, "<p>条文一。</p><p>条文一第二段。</p>"));
        CHECK(contains(html, "<div class=\"plain\"><h3>" + strings().get(lang, "draft.plain") + "</h3><p>白话一。</p></div>"));
        CHECK(contains(html, "<li>想一想一？</li>"));
        CHECK(contains(html, strings().get(lang, "draft.legal_text")));
        CHECK(contains(html, "href=\"/o/property-rules?lang=" + std::string(lang_code(lang)) +
                                 "&amp;article=2#opinion\">" + strings().get(lang, "draft.comment_article")));
        // Content is text, never markup.
        CHECK_FALSE(contains(html, "<script>"));
        CHECK(count(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;") == 5);  // title ×2, text, plain, question
        CHECK(contains(html, "<p>第二段 &lt;b&gt;</p>"));
        // The draft comes before the form, which is the page's last section.
        CHECK(html.find("id=\"draft\"") < html.find("id=\"opinion\""));
    }
    // A link to one article opens it (and the form has it chosen).
    OpinionFormPage f = draft_page(Lang::en);
    f.open_article = 2;
    f.values.article = "2";
    std::string html = render_opinion_form(strings(), {Lang::en, "", ""}, f);
    CHECK(contains(html, "<details class=\"article\" id=\"article-2\" open>"));
    CHECK(contains(html, "<option value=\"2\" selected>"));
    // A closed draft can still be read, without links to comment.
    f.open = false;
    html = render_opinion_form(strings(), {Lang::en, "", ""}, f);
    CHECK(count(html, "<details class=\"article\"") == 2);
    CHECK_FALSE(contains(html, "#opinion"));
    CHECK_FALSE(contains(html, "<form"));
}

TEST_CASE("a problem with the opinion stands at its field, tied to it for screen readers", "[hub][pages]") {
    OpinionFormPage f = draft_page(Lang::en);
    f.problems = {{FormField::text, "Write your opinion first."},
                  {FormField::phone, "This is not a phone number."},
                  {FormField::none, "This form has expired."}};
    std::string html = render_opinion_form(strings(), {Lang::en, "", ""}, f);
    // Beside the field, between its label and the control, and named by the control.
    CHECK(contains(html, "</label><p class=\"field-error\" id=\"text-error\">Write your opinion first.</p><textarea"));
    CHECK(contains(html, "aria-invalid=\"true\" aria-describedby=\"text-error\">"));
    CHECK(contains(html, "<p class=\"field-error\" id=\"phone-error\">This is not a phone number.</p><input type=\"tel\""));
    CHECK(contains(html, "id=\"phone\" name=\"phone\" value=\"\" autocomplete=\"off\" aria-invalid=\"true\" aria-describedby=\"phone-error\">"));
    CHECK(count(html, "aria-invalid=\"true\"") == 2);
    // The list at the top links each to its field; one about no field stays plain.
    CHECK(contains(html, "<a href=\"#text\">Please check: Write your opinion first.</a>"));
    CHECK(contains(html, "<p>Please check: This form has expired.</p>"));
    // The list heads the form, where a post lands; with the draft closed (no form) it heads the page.
    CHECK(contains(html, "<h2 id=\"opinion\">Your opinion</h2><div class=\"problems\" role=\"alert\">"));
    CHECK(contains(html, "action=\"/o/property-rules#opinion\""));
    f.open = false;
    std::string closed = render_opinion_form(strings(), {Lang::en, "", ""}, f);
    CHECK(closed.find("class=\"problems\"") < closed.find("<details"));
    CHECK(contains(closed, "This form has expired."));
    f.open = true;
    // Choices that could not be read: the message is inside the group or beside the list.
    f.problems = {{FormField::stance, "Choose again."}, {FormField::consent, "Tick the box."}};
    html = render_opinion_form(strings(), {Lang::en, "", ""}, f);
    CHECK(contains(html, "<fieldset id=\"stance\" role=\"radiogroup\" aria-invalid=\"true\" aria-describedby=\"stance-error\">"));
    CHECK(contains(html, "</legend><p class=\"field-error\" id=\"stance-error\">Choose again.</p>"));
    CHECK(contains(html, "<p class=\"field-error\" id=\"consent-error\">Tick the box.</p><label class=\"choice\"><input type=\"checkbox\" id=\"consent\""));
    // Markup in a message is text.
    f.problems = {{FormField::name, kAttack}};
    html = render_opinion_form(strings(), {Lang::en, "", ""}, f);
    CHECK_FALSE(contains(html, "<script>"));
    CHECK(contains(html, "id=\"name-error\">&lt;script&gt;"));
}

TEST_CASE("which field each opinion rule is about, and which field of a forged post is unreadable", "[hub][pages]") {
    CHECK(form_field_of(OpinionProblem::text_empty) == FormField::text);
    CHECK(form_field_of(OpinionProblem::text_too_long) == FormField::text);
    CHECK(form_field_of(OpinionProblem::article_not_found) == FormField::article);
    CHECK(form_field_of(OpinionProblem::name_too_long) == FormField::name);
    CHECK(form_field_of(OpinionProblem::name_without_phone) == FormField::phone);
    CHECK(form_field_of(OpinionProblem::phone_invalid) == FormField::phone);
    CHECK(form_field_of(OpinionProblem::contact_without_consent) == FormField::consent);
    CHECK(form_field_of(OpinionProblem::deadline_passed) == FormField::none);
    FormField bad = FormField::none;
    CHECK_FALSE(draft_from_form({"-1", "suggest", "x", "", "", false}, Lang::zh, &bad));
    CHECK(bad == FormField::article);
    CHECK_FALSE(draft_from_form({"", "<script>", "x", "", "", false}, Lang::zh, &bad));
    CHECK(bad == FormField::stance);
}

TEST_CASE("the thank-you leads back to the draft, on to the next article and to the other drafts", "[hub][pages]") {
    for (Lang lang : {Lang::zh, Lang::en}) {
        const std::string q = std::string("?lang=") + lang_code(lang);
        OpinionFormPage f = draft_page(lang);
        f.thanks = true;
        f.values.article = "1";
        f.other_drafts = {{"老年助餐 <i>", "/o/elderly-meals" + q}};
        std::string html = render_opinion_form(strings(), {lang, "", ""}, f);
        CHECK(contains(html, strings().get(lang, "form.thanks")));
        CHECK(contains(html, "<a href=\"/o/property-rules" + q + "#draft\"><span>" + strings().get(lang, "thanks.back")));
        CHECK(contains(html, "<a href=\"/o/property-rules" + q + "&amp;article=2#article-2\"><span>" +
                                 escape_html(format_text(strings().get(lang, "thanks.next_article"), {"第二条 " + kAttack}))));
        CHECK(contains(html, "<h2>" + strings().get(lang, "thanks.other_drafts") + "</h2>"));
        CHECK(contains(html, "<a href=\"/o/elderly-meals" + q + "\"><span>老年助餐 &lt;i&gt;</span></a>"));
        CHECK_FALSE(contains(html, "<form"));
        CHECK_FALSE(contains(html, "<script>"));
        // After the last article, or the whole draft, there is no next one; with no other draft
        // open, no empty list.
        f.values.article = "2";
        f.other_drafts.clear();
        html = render_opinion_form(strings(), {lang, "", ""}, f);
        CHECK_FALSE(contains(html, "#article-"));
        CHECK_FALSE(contains(html, strings().get(lang, "thanks.other_drafts")));
        CHECK(contains(html, "#draft\">"));
        f.values.article = "";
        CHECK_FALSE(contains(render_opinion_form(strings(), {lang, "", ""}, f), "#article-"));
    }
}

TEST_CASE("a refused certificate says what to do next, in both languages", "[hub][pages]") {
    for (Lang lang : {Lang::zh, Lang::en}) {
        for (auto problem : {TokenProblem::bad_signature, TokenProblem::truncated, TokenProblem::malformed,
                             TokenProblem::wrong_prefix, TokenProblem::unknown_key}) {
            CertificatePage bad;
            bad.problem = problem;
            std::string html = render_certificate_page(strings(), {lang, "", ""}, bad);
            CHECK(contains(html, "<h2>" + strings().get(lang, "certificate.next_title") + "</h2>"));
            CHECK(contains(html, escape_html(strings().get(lang, "certificate.next_scan"))));
            CHECK(contains(html, escape_html(strings().get(lang, "certificate.next_staff"))));
        }
        // Scanning a withdrawn certificate again changes nothing: only the staff step.
        CertificatePage revoked;
        revoked.problem = TokenProblem::revoked;
        std::string html = render_certificate_page(strings(), {lang, "", ""}, revoked);
        CHECK(contains(html, escape_html(strings().get(lang, "certificate.next_revoked"))));
        CHECK_FALSE(contains(html, escape_html(strings().get(lang, "certificate.next_scan"))));
        // A genuine one needs no next step.
        CertificatePage ok{std::nullopt, "d", "p", "o", "date", "serial"};
        CHECK_FALSE(contains(render_certificate_page(strings(), {lang, "", ""}, ok), "certificate.next"));
        CHECK_FALSE(contains(render_certificate_page(strings(), {lang, "", ""}, ok),
                             strings().get(lang, "certificate.next_title")));
    }
}

TEST_CASE("every page's header names the hall, and the site when no content names one", "[hub][pages]") {
    PassportPage p;
    p.short_code = "JJ1-D535-E0WN";
    std::string html = render_passport_page(strings(), {Lang::zh, "", "/p/X?lang=en", "锦江区基层实践基地 " + kAttack}, p);
    CHECK(contains(html, "<header><p class=\"site\"><span class=\"hall\">锦江区基层实践基地 &lt;script&gt;"));
    CHECK(contains(html, "<span class=\"brand\">" + strings().get(Lang::zh, "site.name") + "</span>"));
    CHECK(contains(html, "<title>参与护照 · 锦江区基层实践基地 &lt;script&gt;"));
    CHECK_FALSE(contains(html, "<script>"));
    // No hall known (nothing published yet): the site's name stands in, once.
    html = render_passport_page(strings(), {Lang::en, "", ""}, p);
    CHECK(contains(html, "<span class=\"hall\">" + strings().get(Lang::en, "site.name") + "</span></p>"));
    CHECK_FALSE(contains(html, "class=\"brand\""));
    for (Lang lang : {Lang::zh, Lang::en}) {
        CHECK(contains(render_certificate_page(strings(), {lang, "", "", "Hall X"}, {TokenProblem::revoked, {}, {}, {}, {}, {}}),
                       "<span class=\"hall\">Hall X</span>"));
        CHECK(contains(render_opinion_form(strings(), {lang, "", "", "Hall X"}, draft_page(lang)), "<span class=\"hall\">Hall X</span>"));
        CHECK(contains(render_not_found(strings(), {lang, "", "", "Hall X"}, "notfound.page", {}), "<span class=\"hall\">Hall X</span>"));
        CHECK(contains(render_passport_problem(strings(), {lang, "", "", "Hall X"}, "passport.invalid"), "<span class=\"hall\">Hall X</span>"));
    }
}

TEST_CASE("the page for an address that is not there offers the drafts taking opinions", "[hub][pages]") {
    std::string html = render_not_found(strings(), {Lang::en, "", "/nothing?lang=zh"}, "notfound.page",
                                        {{"Draft <one>", "/o/one?lang=en"}});
    CHECK(contains(html, "<h1>Page not found</h1>"));
    CHECK(contains(html, strings().get(Lang::en, "notfound.page")));
    CHECK(contains(html, "<a href=\"/o/one?lang=en\"><span>Draft &lt;one&gt;</span></a>"));
    html = render_not_found(strings(), {Lang::zh, "", ""}, "form.not_found", {});
    CHECK(contains(html, strings().get(Lang::zh, "form.not_found")));
    CHECK_FALSE(contains(html, strings().get(Lang::zh, "notfound.drafts")));
}

TEST_CASE("text from content becomes escaped paragraphs at its line breaks", "[hub][pages]") {
    CHECK(paragraphs_html("一。\n\n二 <b>\r\n  \n三") == "<p>一。</p><p>二 &lt;b&gt;</p><p>三</p>");
    CHECK(paragraphs_html("") == "");
    CHECK(paragraphs_html("\n\n") == "");
}
