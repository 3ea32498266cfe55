// The meeting request form for phones (/m/) over real HTTP against a real hub with the demo content
// published: the station's deputies listed under the hall's name, one chosen from its own address;
// a request made by the kiosks' rules and filed under the phone; each refusal told at its field
// with nothing kept; an expired or borrowed token, a broken body and a flood of posts refused; a
// page that stands with no deputy published.
#include <catch2/catch.hpp>

#include "hub/pages/html.h"
#include "tests/hub/live_hub.h"
#include "tests/support/form_encode.h"

using namespace lianxin;
using namespace lianxin::test;
using lianxin::hub::escape_html;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
using Fields = std::vector<std::pair<std::string, std::string>>;
const Headers kEn{{"Accept-Language", "en"}};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

struct FormHub {
    TempDir tmp;
    LiveHub hub{fresh_spec("sqlite", tmp)};
    SecretKey admin = generate_key();
    std::string cookie, token;

    explicit FormHub(bool with_demo = true) {
        hub.config.publisher_keys = {demo_publisher_key()};
        hub.start();
        REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
        if (!with_demo) return;
        std::string sig = read_text(demo_dir() / "demo.lxb.sig");
        auto r = send(hub.url(), "POST", "/api/v1/admin/bundles", read_text(demo_dir() / "demo.lxb"), &admin, 0,
                      {{"Content-Type", "application/octet-stream"},
                       {"X-Lianxin-Bundle-Signature", to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
        REQUIRE(r.status == 201);
    }

    HttpResponse get(const std::string& target) { return send(hub.url(), "GET", target, "", nullptr, 0, kEn); }

    // The form's cookie and token, as a browser gets them with the page.
    void open() {
        FormSession f = form_session(get("/m/"));
        CHECK(contains(header_value(get("/m/"), "Set-Cookie"), "Path=/m/"));
        cookie = f.cookie;
        token = f.token;
    }

    HttpResponse post(Fields fields, const std::string& use_token = "") {
        fields.emplace_back("form_token", use_token.empty() ? token : use_token);
        Headers hd = kEn;
        hd.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        hd.emplace_back("Cookie", cookie);
        return send(hub.url(), "POST", "/m/", form_encode(fields), nullptr, 0, hd);
    }

    std::size_t phone_requests() {
        std::size_t n = 0;
        auto listed = hub.store().list_meetings({});  // held: a range-for over *temporary dangles
        REQUIRE(listed.ok());
        for (auto& m : *listed) n += m.kiosk_id == hub::kPhoneKioskId;
        return n;
    }
};

Fields request(std::string deputy, std::string topic) {
    return {{"lang", "en"}, {"deputy", std::move(deputy)}, {"topic", std::move(topic)}};
}

}  // namespace

TEST_CASE("phone pages: a request to meet a deputy is made by the kiosks' rules, refusals told at their fields",
          "[hub][http][pages][records]") {
    FormHub h;
    auto page = h.get("/m/");
    INFO(page.body.substr(0, 3000));
    CHECK(contains(page.body, "value=\"he-jianguo\""));
    CHECK_FALSE(contains(page.body, "value=\"he-jianguo\" checked"));
    CHECK(contains(h.get("/m/he-jianguo").body, "value=\"he-jianguo\" checked"));
    CHECK(h.get("/M/").status == 200);
    h.open();

    auto r = h.post({{"lang", "en"}, {"deputy", "he-jianguo"}, {"topic", "  Parking in the old estate.  "},
                     {"name", "Li"}, {"phone", "139 1234 5678"}, {"consent", "1"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(contains(r.body, "Thank you!"));
    auto held = h.hub.store().list_meetings({});
    REQUIRE(held->size() == 1);
    const MeetingRequest& m = held->front().request;
    CHECK(held->front().kiosk_id == hub::kPhoneKioskId);
    CHECK(m.kiosk == "phone");
    CHECK(m.topic == "Parking in the old estate.");  // normalised as at a kiosk
    CHECK(m.phone == "13912345678");
    CHECK(m.language == Lang::en);
    CHECK_FALSE(m.passport);

    struct Case {
        const char* what;
        Fields fields;
        std::string field;
    };
    auto with_contact = [](std::string name, std::string phone, bool consent) {
        Fields f = request("he-jianguo", "x");
        f.insert(f.end(), {{"name", std::move(name)}, {"phone", std::move(phone)}});
        if (consent) f.emplace_back("consent", "1");
        return f;
    };
    std::vector<Case> cases{
        {"no deputy chosen", request("", "Parking"), "deputy"},
        {"a deputy the station does not have", request("no-such-deputy", "Parking"), "deputy"},
        {"markup for a deputy", request("<script>alert(1)</script>", "Parking"), "deputy"},
        {"blank topic", request("he-jianguo", "   "), "topic"},
        {"topic over the limit", request("he-jianguo", std::string(kMeetingTopicMaxChars + 1, 't')), "topic"},
        {"a control character", request("he-jianguo", "a\x01z"), "topic"},
        {"a character the kiosk cannot draw", request("he-jianguo", "好 \xF0\x9F\x91\x8D"), "topic"},
        {"bytes that are not UTF-8", request("he-jianguo", "\xE7\xAB"), "topic"},
        {"a bad phone", with_contact("Li", "12", true), "phone"},
        {"contact without consent", with_contact("Li", "13912345678", false), "consent"},
        {"a name too long", with_contact(std::string(kContactNameMaxChars + 1, 'n'), "13912345678", true), "name"},
    };
    for (auto& c : cases) {
        INFO(c.what);
        r = h.post(c.fields);
        INFO(r.body.substr(0, 3000));
        CHECK(r.status == 200);
        CHECK_FALSE(contains(r.body, "Thank you!"));
        CHECK(contains(r.body, "<p class=\"field-error\" id=\"" + c.field + "-error\">"));
        CHECK(contains(r.body, "<a href=\"#" + c.field + "\">Please check: "));
        CHECK_FALSE(contains(r.body, "<script>alert"));
        CHECK(h.phone_requests() == 1);
    }

    // A body cut off mid-escape: told, nothing kept.
    Headers raw{{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", h.cookie}, {"Accept-Language", "en"}};
    r = send(h.hub.url(), "POST", "/m/", "lang=en&deputy=he-jianguo&form_token=" + h.token + "&topic=%E7%AB%8", nullptr, 0, raw);
    CHECK(r.status == 200);
    CHECK(contains(r.body, "id=\"topic-error\""));
    // A token this form did not give (the opinion form's, for a draft id) or none: expired.
    std::string opinion_token = form_session(send(h.hub.url(), "GET", "/o/property-rules", "", nullptr, 0, kEn)).token;
    r = h.post(request("he-jianguo", "Parking"), opinion_token);
    CHECK(contains(r.body, escape_html(web_strings().get(Lang::en, "form.expired"))));
    r = h.post(request("he-jianguo", "Parking"), "0");
    CHECK(contains(r.body, escape_html(web_strings().get(Lang::en, "form.expired"))));
    CHECK(h.phone_requests() == 1);
}

TEST_CASE("phone pages: the meeting form takes at most ten requests from one address in ten minutes",
          "[hub][http][pages][records]") {
    FormHub h;
    h.open();
    int taken = 0, limited = 0;
    for (int i = 0; i < 12; ++i) {
        auto r = h.post(request("he-jianguo", "Parking " + std::to_string(i)));
        taken += contains(r.body, "Thank you!");
        limited += r.status == 429;
    }
    CHECK(taken == 10);
    CHECK(limited == 2);
    CHECK(h.phone_requests() == 10);
}

TEST_CASE("phone pages: with no content published the meeting page stands and takes nothing",
          "[hub][http][pages][records]") {
    FormHub h(/*with_demo=*/false);
    auto page = h.get("/m/");
    CHECK(page.status == 200);
    CHECK(contains(page.body, escape_html(web_strings().get(Lang::en, "meeting.none"))));
    CHECK_FALSE(contains(page.body, "<form"));
    h.cookie = "lx_form=" + std::string(32, 'a');
    auto r = h.post(request("he-jianguo", "Parking"), "x");
    CHECK(r.status == 200);
    CHECK(h.hub.store().list_meetings({})->empty());
}
