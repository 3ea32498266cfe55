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
    CHECK(contains(html, "href=\"/p/X?lang=en\" hreflang=\"en\">English</a>"));
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
    f.articles = {{1, "第一条"}, {2, "第二条 <i>"}};
    f.max_chars = 500;
    f.values.article = "2";
    f.values.stance = "oppose";
    f.values.text = kAttack;
    f.values.name = "\"><img src=x>";
    f.problems = {"请先写下您的意见。"};
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
