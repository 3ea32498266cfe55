// The phone pages over real HTTP against a real hub with published content: the opinion form shows
// the draft article by article under the hall's name, an opinion leads on, a refused one is told at
// its field and keeps nothing, unknown addresses and refused certificates say what to do, and
// markup in published content or in a post is only ever text.
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/content/bundle.h"
#include "hub/pages/html.h"
#include "tests/support/form_encode.h"
#include "tests/hub/live_hub.h"
#include "tests/support/content_copy.h"

using namespace lianxin;
using namespace lianxin::test;
using lianxin::hub::escape_html;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
const Headers kEn{{"Accept-Language", "en"}};
const Headers kZh{{"Accept-Language", "zh-CN"}};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
    return n;
}

std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Publishes a bundle file and its .sig through the admin API.
void publish(LiveHub& hub, const SecretKey& admin, const std::filesystem::path& bundle) {
    std::string bytes = read_bytes(bundle);
    std::string sig = read_bytes(bundle.string() + ".sig");
    auto r = send(hub.url(), "POST", "/api/v1/admin/bundles", bytes, &admin, 0,
                  {{"Content-Type", "application/octet-stream"},
                   {"X-Lianxin-Bundle-Signature", to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
    INFO(r.body);
    REQUIRE(r.status == 201);
}

// A hub on SQLite with an admin key (the pages do not depend on the store's back-end).
struct PagesHub {
    TempDir tmp;
    LiveHub hub{fresh_spec("sqlite", tmp)};
    SecretKey admin = generate_key();

    explicit PagesHub(bool with_demo = true, std::vector<PublicKey> publishers = {demo_publisher_key()}) {
        hub.config.publisher_keys = std::move(publishers);
        hub.start();
        REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
        if (with_demo) publish(hub, admin, demo_dir() / "demo.lxb");
    }

    HttpResponse get(const std::string& target, const Headers& h = kEn) { return send(hub.url(), "GET", target, "", nullptr, 0, h); }

    std::size_t phone_opinions() {
        hub::OpinionFilter f;
        f.limit = 1000;
        auto list = hub.store().list_opinions(f);
        REQUIRE(list.ok());
        std::size_t n = 0;
        for (auto& o : *list) n += o.kiosk_id == hub::kPhoneKioskId;
        return n;
    }
};

FormSession open_form(PagesHub& h) { return form_session(h.get("/o/property-rules")); }

const std::string kHallEn = "Jinjiang Grassroots Practice Base for Whole-Process People&#39;s Democracy";
const std::string kHallZh = "锦江区全过程人民民主基层实践基地";

}  // namespace

TEST_CASE("phone pages: the form shows every article of the published draft, folded, under the hall's name",
          "[hub][http][pages]") {
    PagesHub h;
    auto en = h.get("/o/property-rules");
    INFO(en.body);
    REQUIRE(en.status == 200);
    CHECK(count(en.body, "<details class=\"article\"") == 7);
    CHECK_FALSE(contains(en.body, " open>"));
    CHECK(contains(en.body, "<details class=\"article\" id=\"article-6\"><summary>Article 6 — Safe parking and charging of e-bikes</summary>"));
    CHECK(contains(en.body, "E-bikes charging in stairwells are a common cause of fires"));           // plain words
    CHECK(contains(en.body, "No unit or individual shall park or charge an electric bicycle"));        // as drafted
    CHECK(contains(en.body, "Are there enough places to charge e-bikes in your compound?"));           // a question
    CHECK(contains(en.body, "<span class=\"hall\">" + kHallEn + "</span>"));
    CHECK(contains(en.body, "<title>Your opinion · " + kHallEn + "</title>"));

    auto zh = h.get("/o/property-rules", kZh);
    REQUIRE(zh.status == 200);
    CHECK(count(zh.body, "<details class=\"article\"") == 7);
    CHECK(contains(zh.body, "<span class=\"hall\">" + kHallZh + "</span>"));
    CHECK(contains(zh.body, "电动车在楼道里充电最容易起火"));
    CHECK(contains(zh.body, "<h3>白话解读</h3>"));

    // "Comment on this article" opens the form with the article chosen and shown open.
    auto one = h.get("/o/property-rules?lang=en&article=3");
    CHECK(contains(one.body, "<details class=\"article\" id=\"article-3\" open>"));
    CHECK(contains(one.body, "<option value=\"3\" selected>"));
    // An article the draft lacks, or anything else, is ignored.
    for (const char* q : {"?article=99", "?article=%3Cscript%3E", "?article=-1", "?article=03"}) {
        auto r = h.get(std::string("/o/property-rules") + q);
        INFO(q);
        CHECK(r.status == 200);
        CHECK_FALSE(contains(r.body, " open>"));
        CHECK_FALSE(contains(r.body, "\" selected>Article"));
        CHECK_FALSE(contains(r.body, "<script>"));
    }
    // The QR codes' upper-case form posts to the lower-case path, where its cookie is sent (and
    // lands at the form, where any problem is shown).
    auto upper = h.get("/O/property-rules");
    CHECK(upper.status == 200);
    CHECK(contains(upper.body, "<form method=\"post\" action=\"/o/property-rules#opinion\""));
}

TEST_CASE("phone pages: an opinion leads on; a refused one is told at its field and nothing is kept",
          "[hub][http][pages]") {
    PagesHub h;
    FormSession s = open_form(h);
    auto post = [&](std::vector<std::pair<std::string, std::string>> fields, const Headers& lang = kEn,
                    const std::string& path = "/o/property-rules") {
        fields.emplace_back("form_token", s.token);
        Headers hd = lang;
        hd.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        hd.emplace_back("Cookie", s.cookie);
        return send(h.hub.url(), "POST", path, form_encode(fields), nullptr, 0, hd);
    };
    auto opinion = [](std::string article, std::string text) {
        return std::vector<std::pair<std::string, std::string>>{
            {"lang", "en"}, {"article", std::move(article)}, {"stance", "suggest"}, {"text", std::move(text)}};
    };

    auto with_contact = [&](std::string name, std::string phone, bool consent) {
        auto f = opinion("", "x");
        f.insert(f.end(), {{"name", std::move(name)}, {"phone", std::move(phone)}});
        if (consent) f.emplace_back("consent", "1");
        return f;
    };

    // Kept: the thank-you leads back to the draft, to the next article and to the other draft.
    auto r = post(opinion("3", "Publish the fees every quarter."));
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(contains(r.body, "Thank you!"));
    CHECK(contains(r.body, "<a href=\"/o/property-rules?lang=en#draft\">"));
    CHECK(contains(r.body, "<a href=\"/o/property-rules?lang=en&amp;article=4#article-4\"><span>Read the next one: Article 4"));
    CHECK(contains(r.body, "<a href=\"/o/elderly-meals?lang=en\"><span>Measures on Community Meal Services"));
    CHECK(h.phone_opinions() == 1);

    // Refused by the rules: 200, the message at its field, the answers kept, nothing stored.
    struct Case {
        const char* what;
        std::vector<std::pair<std::string, std::string>> fields;
        std::string field;
    };
    std::vector<Case> cases{
        {"blank text", opinion("3", "   "), "text"},
        {"text over the limit", opinion("3", std::string(kOpinionTextMaxChars + 1, 'x')), "text"},
        {"a control character", opinion("3", std::string("a\x01b")), "text"},
        {"a character the kiosk cannot draw", opinion("3", "好 \xF0\x9F\x91\x8D"), "text"},
        {"bytes that are not UTF-8", opinion("3", "\xE7\xAB"), "text"},
        {"an article the draft lacks", opinion("99", "On article 99."), "article"},
        {"a bad phone", with_contact("Li", "12", true), "phone"},
        {"contact without consent", with_contact("Li", "13912345678", false), "consent"},
        {"a name too long", with_contact(std::string(kContactNameMaxChars + 1, 'n'), "13912345678", true), "name"},
    };
    for (auto& c : cases) {
        INFO(c.what);
        r = post(c.fields);
        INFO(r.body);
        CHECK(r.status == 200);
        CHECK_FALSE(contains(r.body, "Thank you!"));
        CHECK(contains(r.body, "<p class=\"field-error\" id=\"" + c.field + "-error\">"));
        CHECK(contains(r.body, "aria-invalid=\"true\" aria-describedby=\"" + c.field + "-error\""));
        CHECK(contains(r.body, "<a href=\"#" + c.field + "\">Please check: "));
        CHECK(count(r.body, "aria-invalid=\"true\"") == 1);
        CHECK(h.phone_opinions() == 1);
    }

    // Forged choices: 400, said at the field, and the form comes back with its token to try again.
    for (auto [field, value] : {std::pair<std::string, std::string>{"article", "abc"}, {"article", "0"},
                                {"article", "99999999999999999999"}, {"stance", "<script>alert(1)</script>"},
                                {"stance", ""}}) {
        auto f = opinion("3", "x");
        for (auto& kv : f)
            if (kv.first == field) kv.second = value;
        r = post(f);
        INFO(field << "=" << value << "\n" << r.body);
        CHECK(r.status == 400);
        CHECK(contains(r.body, "id=\"" + field + "-error\">" + web_strings().get(Lang::en, "form.unreadable")));
        CHECK(contains(r.body, "name=\"form_token\" value=\"" + s.token + "\""));
        CHECK_FALSE(contains(r.body, "<script>alert"));
        CHECK(h.phone_opinions() == 1);
    }

    // A body cut off mid-escape, or not sent as a form at all: told, not stored.
    Headers raw{{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", s.cookie}, {"Accept-Language", "en"}};
    r = send(h.hub.url(), "POST", "/o/property-rules",
             "lang=en&article=3&stance=suggest&form_token=" + s.token + "&text=%E7%AB%8", nullptr, 0, raw);
    CHECK(r.status == 200);
    CHECK(contains(r.body, "id=\"text-error\""));
    raw[0].second = "text/plain";
    r = send(h.hub.url(), "POST", "/o/property-rules", "text=hello", nullptr, 0, raw);
    CHECK_FALSE(contains(r.body, "Thank you!"));
    CHECK(contains(r.body, "class=\"problems\""));
    CHECK(h.phone_opinions() == 1);

    // A language the pages lack leaves the one the phone asked for; a post's own language wins
    // over the phone's, and the toggle then leads to the other one.
    auto f = opinion("3", "   ");
    f[0].second = "fr";
    r = post(f);
    CHECK(contains(r.body, "<html lang=\"en\">"));
    CHECK(contains(r.body, "href=\"/o/property-rules?lang=zh\""));
    r = post(opinion("3", "   "), kZh);
    CHECK(contains(r.body, "<html lang=\"en\">"));
    CHECK(contains(r.body, "href=\"/o/property-rules?lang=zh\" hreflang=\"zh-CN\""));

    // A post to a draft that is not there: a page that says so, nothing stored.
    r = post(opinion("3", "Lost?"), kEn, "/o/no-such-draft");
    CHECK(r.status == 404);
    CHECK(contains(r.body, escape_html(web_strings().get(Lang::en, "form.not_found"))));
    CHECK(h.phone_opinions() == 1);
}

TEST_CASE("phone pages: unknown addresses and refused certificates say what to do next", "[hub][http][pages]") {
    PagesHub h;
    for (auto [lang, headers] : {std::pair{Lang::en, kEn}, std::pair{Lang::zh, kZh}}) {
        const std::string code = lang_code(lang);
        // Any address no route has: a page in the phone's language, offering the open drafts.
        for (const char* path : {"/", "/nothing/here", "/o/Not-A-Draft!", "/P/"}) {
            auto r = h.get(path, headers);
            INFO(path << "\n" << r.body);
            CHECK(r.status == 404);
            CHECK(contains(header_value(r, "Content-Type"), "text/html"));
            CHECK(contains(r.body, escape_html(web_strings().get(lang, "notfound.page"))));
            CHECK(contains(r.body, "<a href=\"/o/property-rules?lang=" + code + "\">"));
            CHECK(contains(r.body, "<a href=\"/o/elderly-meals?lang=" + code + "\">"));
            CHECK(contains(r.body, lang == Lang::en ? kHallEn : kHallZh));
        }
        auto r = h.get("/o/no-such-draft", headers);
        CHECK(r.status == 404);
        CHECK(contains(r.body, escape_html(web_strings().get(lang, "form.not_found"))));
        CHECK(contains(r.body, "<a href=\"/o/elderly-meals?lang=" + code + "\">"));
        // A certificate that does not verify: the verdict and the two steps.
        for (const char* path : {"/c/LXC1:NOTACERTIFICATE", "/C/LXC1:", "/c/%00%FF"}) {
            r = h.get(path, headers);
            INFO(path);
            CHECK(contains(r.body, escape_html(web_strings().get(lang, "certificate.refused"))));
            CHECK(contains(r.body, escape_html(web_strings().get(lang, "certificate.next_scan"))));
            CHECK(contains(r.body, escape_html(web_strings().get(lang, "certificate.next_staff"))));
            CHECK(contains(r.body, lang == Lang::en ? kHallEn : kHallZh));
        }
        r = h.get("/p/LXP1:NOTATOKEN", headers);
        CHECK(r.status == 400);
        CHECK(contains(r.body, lang == Lang::en ? kHallEn : kHallZh));
    }
    // The API's own refusals stay JSON.
    auto api = h.get("/api/v1/nothing");
    CHECK(api.status == 404);
    CHECK(contains(header_value(api, "Content-Type"), "application/json"));
    auto post = send(h.hub.url(), "POST", "/nothing", "");
    CHECK(post.status == 404);
    CHECK(contains(header_value(post, "Content-Type"), "application/json"));
}

TEST_CASE("phone pages: with nothing published the pages still stand, under the site's name", "[hub][http][pages]") {
    PagesHub h(false);
    auto r = h.get("/o/property-rules");
    CHECK(r.status == 404);
    CHECK(contains(r.body, "<span class=\"hall\">" + web_strings().get(Lang::en, "site.name") + "</span>"));
    CHECK(contains(r.body, escape_html(web_strings().get(Lang::en, "form.not_found"))));
    CHECK_FALSE(contains(r.body, escape_html(web_strings().get(Lang::en, "notfound.drafts"))));
    r = h.get("/anything");
    CHECK(r.status == 404);
    CHECK(contains(r.body, escape_html(web_strings().get(Lang::en, "notfound.page"))));
}

TEST_CASE("phone pages: markup in published content is shown as text", "[hub][http][pages]") {
    // Content as a careless or hostile editor might write it, built and signed like any bundle.
    ContentCopy content;
    const std::string attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    content.replace("hall.toml", "name.en = \"Jinjiang Grassroots Practice Base", "name.en = \"" + attack + " Base");
    content.replace("consultations/property-rules.toml", "title.en = \"Article 3 — Openness about property fees\"",
                    "title.en = \"Article 3 " + attack + "\"");
    content.replace("consultations/property-rules.toml", "The property company must post in the compound",
                    attack + " The property company must post in the compound");
    content.replace("consultations/property-rules.toml", "Do you know what your monthly property fee is spent on?",
                    "Spent on? " + attack);
    auto load = content.load();
    INFO(all_problems(load));
    REQUIRE(load.problems.empty());
    SecretKey publisher = generate_key();
    auto bundle = content.tmp.path() / "hostile.lxb";
    REQUIRE(write_bundle(load, bundle, &publisher).ok());
    PagesHub h(false, {publisher.pub});
    publish(h.hub, h.admin, bundle);

    const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;";
    auto r = h.get("/o/property-rules");
    REQUIRE(r.status == 200);
    CHECK_FALSE(contains(r.body, "<script"));
    CHECK_FALSE(contains(r.body, "<img"));
    CHECK(contains(r.body, "<span class=\"hall\">" + escaped + " Base"));
    CHECK(contains(r.body, "<summary>Article 3 " + escaped + "</summary>"));
    CHECK(contains(r.body, "<p>" + escaped + " The property company must post"));
    CHECK(contains(r.body, "<li>Spent on? " + escaped + "</li>"));
    // And on the thank-you, whose next-article link carries a title.
    FormSession s = open_form(h);
    r = send(h.hub.url(), "POST", "/o/property-rules",
             form_encode({{"lang", "en"}, {"article", "2"}, {"stance", "support"}, {"text", "ok"}, {"form_token", s.token}}),
             nullptr, 0, {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", s.cookie}});
    REQUIRE(r.status == 200);
    CHECK(contains(r.body, "Read the next one: Article 3 " + escaped));
    CHECK_FALSE(contains(r.body, "<script"));
}

TEST_CASE("phone pages: hostile addresses and queries come back as text, in a language the pages have",
          "[hub][http][pages]") {
    PagesHub h;
    // The 404 page puts the address it was asked for into its language toggle.
    for (const char* target : {"/%3Cscript%3Ealert(1)%3C/script%3E", "/x\"onmouseover=alert(1)", "/x'><img%20src=x>",
                               "/o/property-rules/%22%3E%3Cimg%20src=x%3E"}) {
        auto r = h.get(target);
        INFO(target << "\n" << r.body);
        CHECK(r.status == 404);
        CHECK_FALSE(contains(r.body, "<script"));
        CHECK_FALSE(contains(r.body, "<img"));
        CHECK_FALSE(contains(r.body, "\"onmouseover"));
    }
    // Queries a phone never sends: an unknown language falls back to Accept-Language, the rest is ignored.
    for (const char* q : {"?lang=%3Cscript%3E", "?lang=fr", "?lang=EN", "?lang=en&lang=zh&article=3&article=4",
                          "?article=%E2%80%AE3"}) {
        auto r = h.get(std::string("/o/property-rules") + q, kZh);
        INFO(q);
        CHECK(r.status == 200);
        CHECK_FALSE(contains(r.body, "<script"));
        CHECK(contains(r.body, std::string(q).find("lang=en") != std::string::npos ? "<html lang=\"en\">" : "<html lang=\"zh-CN\">"));
    }
}
