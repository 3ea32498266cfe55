// The hub over real HTTP on loopback, on both store back-ends: registration through the admin
// API, signed pushes (held ids, one copy however often a push arrives, every refusal with its
// status), statuses that earn certificates fed back to the kiosk, and the public pages for phones
// (certificate verdicts, the passport page without contact details, the opinion form's guards).
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "tests/support/form_encode.h"
#include "tests/hub/live_hub.h"

using namespace lianxin;
using namespace lianxin::test;
using nlohmann::json;

namespace {

constexpr std::int64_t kMinute = 60'000;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The path and query of a page URL the product makes ("HTTPS://HOST/C/…" → "/C/…").
std::string path_of(const std::string& url) {
    auto scheme = url.find("://");
    REQUIRE(scheme != std::string::npos);
    return url.substr(url.find('/', scheme + 3));
}

SyncReply reply_of(const HttpResponse& r) {
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto reply = parse_sync_reply(r.body);
    if (!reply) FAIL("reply: " << reply.error().detail);
    return *reply;
}

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// Publishes the demo bundle through the admin API; returns its version.
std::string publish_demo(LiveHub& hub, const SecretKey& admin) {
    std::string bundle = read_bytes(demo_dir() / "demo.lxb");
    std::string sig = read_bytes(demo_dir() / "demo.lxb.sig");
    auto r = send(hub.url(), "POST", "/api/v1/admin/bundles", bundle, &admin, 0,
                  {{"Content-Type", "application/octet-stream"},
                   {"X-Lianxin-Bundle-Signature", to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return json::parse(r.body)["version"].get<std::string>();
}

}  // namespace

TEST_CASE("hub API: kiosks register, pushes are held once, and every bad request is refused", "[hub][http]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.start();

    // Registration through the admin API, once an admin key is enrolled on the hub's host.
    SecretKey admin = generate_key();
    SecretKey kiosk_key = generate_key();
    std::string reg_body = json{{"name", "hall-1"}, {"public_key", kiosk_key.pub.to_text()}}.dump();
    CHECK(send(hub.url(), "POST", "/api/v1/admin/kiosks", reg_body, &admin).status == 401);
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    auto r = send(hub.url(), "POST", "/api/v1/admin/kiosks", reg_body, &admin);
    INFO(r.body);
    REQUIRE(r.status == 201);
    json reg = json::parse(r.body);
    CHECK(reg["id"] == kiosk_key.pub.id);
    CHECK(reg["name"] == "hall-1");
    CHECK(reg["certificate_key"] == hub.certificate_key.pub.to_text());
    CHECK(reg["publisher_keys"] == json::array({demo_publisher_key().to_text()}));
    CHECK(reg["public_url"] == "https://lianxin.example.org");
    RegisteredKiosk kiosk{kiosk_key, reg["code"].get<std::string>()};
    CHECK(kiosk.code.size() == 3);
    // A kiosk signature is no admin signature.
    CHECK(send(hub.url(), "GET", "/api/v1/admin/kiosks", "", &kiosk_key).status == 401);
    r = send(hub.url(), "GET", "/api/v1/admin/kiosks", "", &admin);
    REQUIRE(r.status == 200);
    REQUIRE(json::parse(r.body).size() == 1);  // the hub's own "phone" entry is not listed
    CHECK(json::parse(r.body)[0]["id"] == kiosk.id());

    // A push from the registered kiosk: the hub holds every record and says so.
    LocalKiosk k(kiosk, hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId with_passport = k.opinion(p.id, true);
    OpinionId plain = k.opinion();
    SyncPush push = k.push();
    const std::string body = to_json(push);
    SyncReply first = reply_of(send(hub.url(), "POST", "/api/v1/sync", body, &kiosk.key));
    CHECK(as_set(first.held_opinions) == std::set<std::string>{with_passport, plain});
    CHECK(as_set(first.held_passports) == std::set<std::string>{p.id});
    CHECK(first.held_stamps.size() == 1);
    CHECK(first.public_url == "https://lianxin.example.org");  // certificates are drawn on it
    CHECK(opinion_rows(hub.store()) == std::map<std::string, int>{{with_passport, 1}, {plain, 1}});
    // The same push again (a kiosk that never heard the answer): the same ids, still one copy.
    SyncReply again = reply_of(send(hub.url(), "POST", "/api/v1/sync", body, &kiosk.key));
    CHECK(again.held_opinions == first.held_opinions);
    CHECK(again.held_passports == first.held_passports);
    CHECK(again.held_stamps == first.held_stamps);
    CHECK(opinion_rows(hub.store()) == std::map<std::string, int>{{with_passport, 1}, {plain, 1}});
    auto view = hub.store().find_passport(p.id);
    REQUIRE(view.ok());
    CHECK(view->stamps.size() == 1);
    // The heartbeat reached the kiosk list.
    r = send(hub.url(), "GET", "/api/v1/admin/kiosks", "", &admin);
    CHECK(json::parse(r.body)[0].contains("last_contact"));

    // Now every way a push is refused; none of them changes what the hub holds.
    LocalKiosk k2(kiosk, hub.certificate_key.pub);
    k2.opinion();
    const std::string other_body = to_json(k2.push());
    auto refused = [&](const HttpResponse& res, long status, const std::string& code) {
        INFO(res.body);
        CHECK(res.status == status);
        CHECK(contains(res.body, code));
    };
    SecretKey stranger = generate_key();
    refused(send(hub.url(), "POST", "/api/v1/sync", other_body, &stranger), 401, "unknown_key");
    refused(send(hub.url(), "POST", "/api/v1/sync", other_body), 401, "missing_header");

    SecretKey revoked_key = generate_key();
    r = send(hub.url(), "POST", "/api/v1/admin/kiosks",
             json{{"name", "hall-2"}, {"public_key", revoked_key.pub.to_text()}}.dump(), &admin);
    REQUIRE(r.status == 201);
    CHECK(send(hub.url(), "POST", "/api/v1/admin/kiosks/" + revoked_key.pub.id + "/revoke", "", &admin).status == 200);
    std::string revoked_body = other_body;
    for (std::size_t at; (at = revoked_body.find(kiosk.id())) != std::string::npos;)
        revoked_body.replace(at, kiosk.id().size(), revoked_key.pub.id);
    refused(send(hub.url(), "POST", "/api/v1/sync", revoked_body, &revoked_key), 403, "revoked");

    const std::int64_t window = 5 * kMinute + 1000;
    refused(send(hub.url(), "POST", "/api/v1/sync", other_body, &kiosk.key, live_ms() + window), 409, "stale_time");
    refused(send(hub.url(), "POST", "/api/v1/sync", other_body, &kiosk.key, live_ms() - window), 409, "stale_time");

    // A replay: the very same signed request a second time.
    auto headers = sign_request(kiosk.key, "POST", "/api/v1/sync", body, live_ms()).list();
    CHECK(send(hub.url(), "POST", "/api/v1/sync", body, nullptr, 0, headers).status == 200);
    refused(send(hub.url(), "POST", "/api/v1/sync", body, nullptr, 0, headers), 409, "replay");

    // Signed for one body, sent with another.
    headers = sign_request(kiosk.key, "POST", "/api/v1/sync", body, live_ms()).list();
    refused(send(hub.url(), "POST", "/api/v1/sync", other_body, nullptr, 0, headers), 401, "bad_signature");
    // Signed for another path.
    headers = sign_request(kiosk.key, "POST", "/api/v1/sync?x=1", other_body, live_ms()).list();
    refused(send(hub.url(), "POST", "/api/v1/sync", other_body, nullptr, 0, headers), 401, "bad_signature");

    refused(send(hub.url(), "POST", "/api/v1/sync", "{\"protocol\": 1, \"kiosk\": ", &kiosk.key), 400, "");
    refused(send(hub.url(), "POST", "/api/v1/sync", "{\"protocol\": 2, \"kiosk\": \"" + kiosk.id() + "\"}", &kiosk.key),
            400, "");
    // A push naming another kiosk than the signing key's.
    std::string misfiled = other_body;
    misfiled.replace(misfiled.find(kiosk.id()), kiosk.id().size(), "kiosk-0001");
    refused(send(hub.url(), "POST", "/api/v1/sync", misfiled, &kiosk.key), 403, "does not belong");
    // Over 8 MiB: refused before it is read as JSON.
    refused(send(hub.url(), "POST", "/api/v1/sync", std::string(kSyncMaxBodyBytes + 1, ' '), &kiosk.key), 413, "");

    CHECK(opinion_rows(hub.store()) == std::map<std::string, int>{{with_passport, 1}, {plain, 1}});
    hub.stop();
}

TEST_CASE("hub API: a status earns a certificate the kiosk receives, public pages show it and never contacts",
          "[hub][http]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    const std::string version = publish_demo(hub, admin);
    RegisteredKiosk kiosk = register_in_store(hub.store(), "hall-1");

    // A visitor's passport with an opinion (contact details given) and one trying markup.
    LocalKiosk k(kiosk, hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId adopted = k.opinion(p.id, true, "电动车充电应当统一规定。");
    const std::string attack = "<script>alert('x')</script> 楼道";
    OpinionId marked_up = k.opinion(p.id, false, attack);
    SyncPush push = k.push();
    SyncReply first = reply_of(send(hub.url(), "POST", "/api/v1/sync", to_json(push), &kiosk.key));
    CHECK(first.bundle_version == version);
    REQUIRE(mark_held(*k.outbox, *k.book, *k.records, push, first, live_ms()).ok());
    REQUIRE(apply_sync_reply(*k.db, *k.book, first, live_ms()).ok());

    // Staff see the contact details; the status earns a certificate signed with the hub's key.
    auto r = send(hub.url(), "GET", "/api/v1/admin/opinions?consultation=property-rules", "", &admin);
    REQUIRE(r.status == 200);
    bool staff_see_contact = false;
    for (auto& o : json::parse(r.body)) staff_see_contact |= o.value("contact_phone", "") == kContactPhone;
    CHECK(staff_see_contact);
    r = send(hub.url(), "POST", "/api/v1/admin/opinions/" + adopted + "/status",
             json{{"status", "partly_adopted"}, {"reply", "部分采纳：按季度公示。"}}.dump(), &admin);
    INFO(r.body);
    REQUIRE(r.status == 200);
    json answer = json::parse(r.body);
    CHECK(answer["status"] == "partly_adopted");
    REQUIRE(answer.contains("certificate"));
    const std::string token = answer["certificate"]["token"];
    auto verified = verify_token(token, {hub.certificate_key.pub});
    REQUIRE(verified.ok());
    REQUIRE(verified->certificate);
    PassportId pid{};
    REQUIRE(parse_passport_id(p.id, pid));
    CHECK(verified->certificate->passport == passport_ref_of(pid));
    CHECK(verified->certificate->adoption == Adoption::partly_adopted);
    CHECK(verified->certificate->consultation_id == "property-rules");
    CHECK(verified->certificate->article == 3);
    CHECK(answer["certificate"]["serial"] == serial_text(verified->certificate->serial));

    // The kiosk's next sync brings the status and the certificate, and they land in its booklet.
    SyncReply next = reply_of(send(hub.url(), "POST", "/api/v1/sync", to_json(k.push(first.cursor)), &kiosk.key));
    CHECK(next.certificates == std::vector<std::string>{token});
    REQUIRE(next.statuses.size() == 1);
    CHECK(next.statuses[0].opinion == adopted);
    CHECK(next.statuses[0].status == OpinionStatus::partly_adopted);
    CHECK(next.cursor > first.cursor);
    REQUIRE(apply_sync_reply(*k.db, *k.book, next, live_ms()).ok());
    auto booklet = k.book->booklet(p.id);
    REQUIRE(booklet.ok());
    REQUIRE(booklet->certificates.size() == 1);
    CHECK(booklet->certificates[0].claims.has_value());

    // The certificate's page (the QR code's URL, upper case) says genuine, then withdrawn.
    const std::vector<std::pair<std::string, std::string>> en{{"Accept-Language", "en"}};
    const std::string cert_path = path_of(certificate_url(hub.config.public_url, token));
    CHECK(cert_path.rfind("/C/", 0) == 0);
    r = send(hub.url(), "GET", cert_path, "", nullptr, 0, en);
    CHECK(r.status == 200);
    CHECK(contains(r.body, "Genuine certificate"));
    CHECK(contains(r.body, format_serial(verified->certificate->serial)));
    std::string altered = cert_path;
    std::size_t i = altered.size() / 2;
    while (!std::isalnum(static_cast<unsigned char>(altered[i]))) ++i;
    altered[i] = altered[i] == '0' ? '1' : '0';
    r = send(hub.url(), "GET", altered, "", nullptr, 0, en);
    CHECK(contains(r.body, "Not a valid certificate"));
    CHECK_FALSE(contains(r.body, "Genuine certificate"));

    // The passport's page shows its stamps and the outcome, escapes the markup, and shows no
    // contact details, although the hub holds them.
    const std::string passport_path = path_of(passport_url(hub.config.public_url, p.token));
    CHECK(passport_path.rfind("/P/", 0) == 0);
    r = send(hub.url(), "GET", passport_path, "", nullptr, 0, en);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(contains(r.body, format_short_code(p.short_code)));
    CHECK(contains(r.body, "电动车充电应当统一规定。"));
    CHECK(contains(r.body, "Partly adopted"));
    CHECK(contains(r.body, "部分采纳：按季度公示。"));
    CHECK(contains(r.body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 楼道"));
    CHECK_FALSE(contains(r.body, "<script"));
    CHECK_FALSE(contains(r.body, kContactName));
    CHECK_FALSE(contains(r.body, kContactPhone));
    CHECK(contains(r.body, "href=\"/C/LXC1:"));  // the certificate is linked, escaped as in its QR code
    auto held = hub.store().find_opinion(adopted);
    REQUIRE(held.ok());
    CHECK(held->opinion.contact_phone == kContactPhone);
    // Kept as typed: escaping is the pages' business, not the store's.
    CHECK(hub.store().find_opinion(marked_up)->opinion.text == attack);

    // Withdrawn: the revocation reaches the page and the kiosk's feed.
    r = send(hub.url(), "POST", "/api/v1/admin/certificates/" + serial_text(verified->certificate->serial) + "/revoke", "",
             &admin);
    CHECK(r.status == 200);
    r = send(hub.url(), "GET", cert_path, "", nullptr, 0, en);
    CHECK(contains(r.body, "withdrawn"));
    CHECK_FALSE(contains(r.body, "Genuine certificate"));
    SyncReply after = reply_of(send(hub.url(), "POST", "/api/v1/sync", to_json(k.push(next.cursor)), &kiosk.key));
    CHECK(after.revoked_certificates == std::vector<std::string>{serial_text(verified->certificate->serial)});
    // A passport token nobody registered signed is not a passport page.
    r = send(hub.url(), "GET", "/p/LXP1:NOTATOKEN", "", nullptr, 0, en);
    CHECK(r.status == 400);
    hub.stop();
}

TEST_CASE("hub API: a status set again keeps its certificate, a changed adoption replaces it, a withdrawn one revokes it",
          "[hub][http]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    RegisteredKiosk kiosk = register_in_store(hub.store(), "hall-1");
    LocalKiosk k(kiosk, hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId id = k.opinion(p.id, false, "楼道照明应当按月检查。");
    SyncPush push = k.push();
    SyncReply first = reply_of(send(hub.url(), "POST", "/api/v1/sync", to_json(push), &kiosk.key));
    REQUIRE(mark_held(*k.outbox, *k.book, *k.records, push, first, live_ms()).ok());

    auto set = [&](const std::string& status, const std::string& reply) {
        auto r = send(hub.url(), "POST", "/api/v1/admin/opinions/" + id + "/status",
                      json{{"status", status}, {"reply", reply}}.dump(), &admin);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    };
    auto live = [&] { return *hub.store().live_certificate_of(id); };

    json a = set("adopted", "采纳。");
    REQUIRE(a.contains("certificate"));
    const std::string serial = a["certificate"]["serial"];
    CHECK_FALSE(a.contains("revoked"));
    // The reply corrected, the status the same: the same certificate, not a second one.
    json again = set("adopted", "采纳：下月起执行。");
    REQUIRE(again.contains("certificate"));
    CHECK(again["certificate"]["serial"] == serial);
    CHECK_FALSE(again.contains("revoked"));
    REQUIRE(live().has_value());
    CHECK(live()->serial == serial);

    // Adopted in part after all: a new certificate says so, and the old one is withdrawn.
    json partly = set("partly_adopted", "部分采纳。");
    REQUIRE(partly.contains("certificate"));
    const std::string serial2 = partly["certificate"]["serial"];
    CHECK(serial2 != serial);
    CHECK(partly["revoked"] == serial);
    auto v = verify_token(partly["certificate"]["token"].get<std::string>(), {hub.certificate_key.pub});
    REQUIRE(v.ok());
    CHECK(v->certificate->adoption == Adoption::partly_adopted);
    auto old = hub.store().find_certificate(serial);
    REQUIRE(old.ok());
    CHECK(old->revoked_at_ms.has_value());
    CHECK(live()->serial == serial2);

    // Not adopted in the end: no certificate stands, and the kiosk hears of the revocation.
    json withdrawn = set("not_adopted", "经研究，暂不采纳。");
    CHECK_FALSE(withdrawn.contains("certificate"));
    CHECK(withdrawn["revoked"] == serial2);
    CHECK_FALSE(live().has_value());
    SyncReply next = reply_of(send(hub.url(), "POST", "/api/v1/sync", to_json(k.push(first.cursor)), &kiosk.key));
    CHECK(std::find(next.revoked_certificates.begin(), next.revoked_certificates.end(), serial) != next.revoked_certificates.end());
    CHECK(std::find(next.revoked_certificates.begin(), next.revoked_certificates.end(), serial2) != next.revoked_certificates.end());
    // Setting "not adopted" again has nothing more to revoke.
    json quiet = set("not_adopted", "经研究，暂不采纳。");
    CHECK_FALSE(quiet.contains("revoked"));
}

TEST_CASE("hub API: the phone form needs its cookie and token, escapes what comes back, and limits each address",
          "[hub][http]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    publish_demo(hub, admin);
    const std::vector<std::pair<std::string, std::string>> en{{"Accept-Language", "en"}};

    CHECK(send(hub.url(), "GET", "/o/no-such-draft", "", nullptr, 0, en).status == 404);
    auto page = send(hub.url(), "GET", "/o/property-rules", "", nullptr, 0, en);
    INFO(page.body);
    REQUIRE(page.status == 200);
    std::string set_cookie = header_value(page, "Set-Cookie");
    REQUIRE(set_cookie.rfind("lx_form=", 0) == 0);
    CHECK(contains(set_cookie, "HttpOnly"));
    CHECK(contains(set_cookie, "SameSite=Strict"));
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const std::string marker = "name=\"form_token\" value=\"";
    auto at = page.body.find(marker);
    REQUIRE(at != std::string::npos);
    at += marker.size();
    const std::string token = page.body.substr(at, page.body.find('"', at) - at);
    REQUIRE_FALSE(token.empty());

    auto phone_opinions = [&] {
        hub::OpinionFilter f;
        f.limit = 1000;
        auto list = hub.store().list_opinions(f);
        REQUIRE(list.ok());
        std::vector<hub::StoredOpinion> out;
        for (auto& o : *list)
            if (o.kiosk_id == hub::kPhoneKioskId) out.push_back(o);
        return out;
    };
    auto post = [&](const std::string& text, bool with_cookie, bool with_token, const std::string& phone = "") {
        std::vector<std::pair<std::string, std::string>> fields{
            {"lang", "en"}, {"article", "3"}, {"stance", "suggest"}, {"text", text}};
        if (with_token) fields.emplace_back("form_token", token);
        if (!phone.empty()) {
            fields.emplace_back("name", "Li Lei");
            fields.emplace_back("phone", phone);
            fields.emplace_back("consent", "1");
        }
        std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/x-www-form-urlencoded"}};
        if (with_cookie) h.emplace_back("Cookie", cookie);
        return send(hub.url(), "POST", "/o/property-rules", form_encode(fields), nullptr, 0, h);
    };

    // Without the cookie, without the token, or without either: refused, nothing stored.
    for (auto [c, t] : {std::pair{false, false}, std::pair{true, false}, std::pair{false, true}}) {
        auto r = post("Publish the fees every quarter.", c, t);
        CHECK(contains(r.body, "This form has expired"));
        CHECK_FALSE(contains(r.body, "Thank you!"));
    }
    CHECK(phone_opinions().empty());

    // With both: stored under the hub's phone entry, contact details kept for staff.
    auto r = post("Publish the fees every quarter.", true, true, "13912345678");
    INFO(r.body);
    CHECK(r.status == 200);
    CHECK(contains(r.body, "Thank you!"));
    auto stored = phone_opinions();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].opinion.text == "Publish the fees every quarter.");
    CHECK(stored[0].opinion.contact_phone == "13912345678");
    CHECK(stored[0].opinion.consultation_id == "property-rules");

    // Markup in the text comes back as text when the form is shown again (here: a bad phone).
    const std::string attack = "<script>alert('x')</script>";
    r = post(attack, true, true, "12");
    CHECK_FALSE(contains(r.body, "Thank you!"));
    CHECK(contains(r.body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    CHECK_FALSE(contains(r.body, "<script>"));
    CHECK(phone_opinions().size() == 1);

    // Ten opinions from one address in ten minutes are taken; the eleventh is 429.
    for (int i = 2; i <= 10; ++i) {
        r = post(i == 2 ? attack : "Opinion number " + std::to_string(i), true, true);
        CHECK(r.status == 200);
        CHECK(contains(r.body, "Thank you!"));
    }
    CHECK(phone_opinions().size() == 10);
    r = post("One too many.", true, true);
    CHECK(r.status == 429);
    CHECK(contains(r.body, "Too many opinions"));
    CHECK(phone_opinions().size() == 10);
    // The markup was stored as the visitor typed it (pages escape it; staff exports defuse it).
    bool raw = false;
    for (auto& o : phone_opinions()) raw |= o.opinion.text == attack;
    CHECK(raw);
    hub.stop();
}

TEST_CASE("hub API: nonces and rate-limit events too old to matter are forgotten, recent ones kept", "[hub][http]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    const std::int64_t now = live_ms();
    const std::string old_nonce(32, 'a'), recent_nonce(32, 'b');
    REQUIRE(*hub.store().remember_nonce(admin.pub.id, old_nonce, now - 2 * kRequestMaxSkewMs - 60'000));
    REQUIRE(*hub.store().remember_nonce(admin.pub.id, recent_nonce, now - kRequestMaxSkewMs));
    REQUIRE(hub.store().note_event("opinion-form", "192.0.2.1", now - 2 * 24 * 60 * kMinute).ok());
    REQUIRE(hub.store().note_event("opinion-form", "192.0.2.1", now - kMinute).ok());

    // Any signed request lets the hub tidy up (at most every few minutes).
    CHECK(send(hub.url(), "GET", "/api/v1/admin/kiosks", "", &admin).status == 200);
    // A nonce within twice the time window is still a replay; an older one is forgotten (a
    // request that old is refused as stale anyway).
    CHECK_FALSE(*hub.store().remember_nonce(admin.pub.id, recent_nonce, now));
    CHECK(*hub.store().remember_nonce(admin.pub.id, old_nonce, now));
    CHECK(*hub.store().count_recent("opinion-form", "192.0.2.1", 0) == 1);
    hub.stop();
}

TEST_CASE("a hub that was given no public URL hands kiosks none and issues no certificate", "[hub][http][sync]") {
    // HubConfig's default (localhost) is for the hub's own links on a developer's machine; handed
    // to kiosks (in a registration or a sync reply), it would move every passport's or
    // certificate's QR code there, and a certificate fitted to it may not fit a kiosk's own URL.
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.config.public_url = hub::HubConfig{}.public_url;
    hub.config.public_url_given = false;  // as `lianxin-hub --store …` with neither hub.toml nor --public-url
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    SecretKey kiosk_key = generate_key();
    auto r = send(hub.url(), "POST", "/api/v1/admin/kiosks",
                  json{{"name", "hall-1"}, {"public_key", kiosk_key.pub.to_text()}}.dump(), &admin);
    INFO(r.body);
    REQUIRE(r.status == 201);
    json reg = json::parse(r.body);
    CHECK_FALSE(reg.contains("public_url"));

    RegisteredKiosk kiosk{kiosk_key, reg["code"].get<std::string>()};
    LocalKiosk k(kiosk, hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId o = k.opinion(p.id);
    SyncReply reply = reply_of(send(hub.url(), "POST", "/api/v1/sync", to_json(k.push()), &kiosk.key));
    CHECK(reply.public_url == std::string());  // said: a kiosk forgets one an earlier reply gave it
    REQUIRE(reply.held_opinions == std::vector<std::string>{o});
    r = send(hub.url(), "POST", "/api/v1/admin/opinions/" + o + "/status",
             json{{"status", "adopted"}, {"reply", "采纳"}}.dump(), &admin);
    INFO(r.body);
    CHECK(r.status == 409);
    CHECK(contains(r.body, "no public_url"));
    CHECK(opinion_rows(hub.store()) == std::map<std::string, int>{{o, 1}});
    hub.stop();
}
