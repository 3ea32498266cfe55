// Hostile requests to every hub route, on both store back-ends where the store answers: bodies
// over a route's limit refused from their Content-Length before they are sent, unknown keys and
// stale times refused before the body, request smuggling shapes and header floods, malformed
// JSON, types and query parameters (a 4xx with {"error", "message"} that changes nothing), the
// phone form's per-address limit under 40 posts at once (also through two hubs over one
// PostgreSQL), and a client that never reads its answers.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/crypto/signing_keys.h"
#include "core/sync/sync_messages.h"
#include "hub/route_limits.h"
#include "tests/support/form_encode.h"
#include "tests/hostile/raw_http.h"

using namespace lianxin;
using namespace lianxin::test;
using nlohmann::json;

namespace {

std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void publish_demo(LiveHub& hub, const SecretKey& admin) {
    std::string bundle = read_bytes(demo_dir() / "demo.lxb");
    std::string sig = read_bytes(demo_dir() / "demo.lxb.sig");
    auto r = send(hub.url(), "POST", "/api/v1/admin/bundles", bundle, &admin, 0,
                  {{"Content-Type", "application/octet-stream"},
                   {"X-Lianxin-Bundle-Signature", to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
    INFO(r.body);
    REQUIRE(r.status == 201);
}

std::string signed_head(const std::string& method, const std::string& target, const SecretKey* key, std::string key_id,
                        std::int64_t at_ms, std::uint64_t length, const std::string& extra = "") {
    std::string h = method + " " + target + " HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n";
    if (key) {
        // Signed over an empty body: the hub must refuse on key or time, before it looks at a body.
        for (auto& [k, v] : sign_request(*key, method, target, "", at_ms).list())
            h += k + ": " + (k == std::string(kHeaderKey) && !key_id.empty() ? key_id : v) + "\r\n";
    }
    return h + extra + "Content-Length: " + std::to_string(length) + "\r\n\r\n";
}

// Sends only `head` and returns the answer that comes without the body.
RawResponse answer_to_head(int port, const std::string& head) {
    int fd = connect_loopback(port);
    REQUIRE(fd >= 0);
    REQUIRE(send_all(fd, head));
    auto r = read_response(fd, 3000);
    ::close(fd);
    return r;
}

std::size_t count_opinions(hub::HubStore& store) {
    hub::OpinionFilter f;
    f.limit = 1000;
    auto l = store.list_opinions(f);
    REQUIRE(l.ok());
    return l->size();
}

// The phone form's cookie and token for /o/property-rules.
std::pair<std::string, std::string> form_credentials(const std::string& base) {
    FormSession f = form_session(send(base, "GET", "/o/property-rules"));
    return {f.cookie, f.token};
}

// 40 posts at once from one address, spread over `bases`; how many were thanked.
int concurrent_form_posts(const std::vector<std::string>& bases) {
    auto [cookie, token] = form_credentials(bases[0]);
    std::atomic<int> thanked{0}, limited{0};
    std::vector<std::thread> posts;
    std::atomic<bool> go{false};
    for (int i = 0; i < 40; ++i)
        posts.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            auto body = form_encode({{"lang", "en"}, {"article", "3"}, {"stance", "suggest"},
                                     {"text", "Concurrent opinion " + std::to_string(i)}, {"form_token", token}});
            auto r = send(bases[static_cast<std::size_t>(i) % bases.size()], "POST", "/o/property-rules", body, nullptr, 0,
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
            if (r.status == 200 && r.body.find("Thank you!") != std::string::npos) ++thanked;
            if (r.status == 429) ++limited;
        });
    go = true;
    for (auto& t : posts) t.join();
    CHECK(thanked + limited == 40);
    return thanked;
}

}  // namespace

TEST_CASE("hub refuses a body over its route's limit from the Content-Length, before it is sent", "[hostile][hub]") {
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    struct Case {
        std::string method, target;
        std::uint64_t length;
    };
    for (const Case& c : {Case{"POST", "/api/v1/sync", hub::kSyncPushMaxBytes + 1},
                          Case{"POST", "/api/v1/admin/kiosks", kAdminRequestMaxBytes + 1},
                          Case{"POST", "/api/v1/admin/opinions/00000000-0000-7000-8000-000000000000/status",
                               kAdminRequestMaxBytes + 1},
                          Case{"POST", "/api/v1/admin/bundles", hub::kBundlePublishMaxBytes + 1},
                          Case{"POST", "/o/property-rules", kPhoneFormMaxBytes + 1},
                          Case{"POST", "/m/", kPhoneFormMaxBytes + 1},
                          Case{"POST", "/api/v1/admin/meetings/00000000-0000-7000-8000-000000000000/answer",
                               kAdminRequestMaxBytes + 1},
                          Case{"POST", "/api/v1/%73ync", hub::kSyncPushMaxBytes + 1},  // escaped: the route it decodes to
                          Case{"GET", "/healthz", 10}, Case{"POST", "/nowhere", 10},
                          Case{"PUT", "/api/v1/sync", 100}}) {
        INFO(c.method << " " << c.target << " Content-Length " << c.length);
        auto r = answer_to_head(hub.port(), c.method + " " + c.target + " HTTP/1.1\r\nHost: hub\r\nContent-Length: " +
                                                std::to_string(c.length) + "\r\n\r\n");
        CHECK(r.status == 413);
        CHECK(json_error_body(r.body));
    }
    hub.stop();
}

TEST_CASE("hub refuses an unknown key or a stale time before reading the body", "[hostile][hub]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.start();
    RegisteredKiosk kiosk = register_in_store(hub.store(), "hall-1");
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    SecretKey stranger = generate_key();
    const std::int64_t stale = live_ms() - 10 * 60'000;

    struct Case {
        std::string target;
        const SecretKey* key;
        std::int64_t at;
        std::uint64_t length;
        int status;
        std::string error;
    };
    for (const Case& c : {Case{"/api/v1/sync", &stranger, live_ms(), 1'000'000, 401, "unknown_key"},
                          Case{"/api/v1/sync", &kiosk.key, stale, 1'000'000, 409, "stale_time"},
                          Case{"/api/v1/sync", &admin, live_ms(), 1'000'000, 401, "unknown_key"},  // not a kiosk
                          Case{"/api/v1/admin/bundles", &stranger, live_ms(), 50'000'000, 401, "unknown_key"},
                          Case{"/api/v1/admin/bundles", &kiosk.key, live_ms(), 50'000'000, 401, "unknown_key"},
                          Case{"/api/v1/admin/bundles", &admin, stale, 50'000'000, 409, "stale_time"},
                          Case{"/api/v1/admin/kiosks", &admin, stale, 1'000, 409, "stale_time"},
                          Case{"/api/v1/admin/kiosks", nullptr, 0, 1'000, 401, "missing_header"}}) {
        INFO(c.target << " → " << c.error);
        auto r = answer_to_head(hub.port(), signed_head("POST", c.target, c.key, "", c.at, c.length));
        CHECK(r.status == c.status);
        CHECK(json_error_body(r.body));
        CHECK(r.body.find(c.error) != std::string::npos);
    }
    // A known key at the right time is let through to send its body (Expect: 100-continue is
    // answered first), and is then refused for its signature, which covered another body.
    int fd = connect_loopback(hub.port());
    REQUIRE(send_all(fd, signed_head("POST", "/api/v1/sync", &kiosk.key, "", live_ms(), 2, "Expect: 100-continue\r\n")));
    pollfd p{fd, POLLIN, 0};
    REQUIRE(::poll(&p, 1, 3000) == 1);
    char interim[64] = {};
    CHECK(::recv(fd, interim, 25, 0) == 25);
    CHECK(std::string(interim).rfind("HTTP/1.1 100 Continue", 0) == 0);
    REQUIRE(send_all(fd, "{}"));
    auto r = read_response(fd, 3000);
    CHECK(r.status == 401);
    CHECK(r.body.find("bad_signature") != std::string::npos);
    ::close(fd);
    hub.stop();
}

TEST_CASE("hub refuses smuggling shapes, chunked bodies, header floods and malformed heads", "[hostile][hub]") {
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    struct Case {
        std::string name, head;
        int status;
    };
    const std::string big_header = "X-Big: " + std::string(20'000, 'a') + "\r\n";
    std::string many_headers;
    for (int i = 0; i < 200; ++i) many_headers += "X-H" + std::to_string(i) + ": v\r\n";
    for (const Case& c : {
             Case{"chunked and a length", "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400},
             // Chunked with no length: its size is unknown before it is read, so it is not read.
             Case{"chunked, no length", "POST /o/property-rules HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n\r\n", 411},
             Case{"two lengths", "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n", 400},
             Case{"a length that is not a number", "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nContent-Length: -1\r\n\r\n", 400},
             Case{"a huge length", "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400},
             Case{"a folded header", "GET /healthz HTTP/1.1\r\nHost: hub\r\n continued\r\n\r\n", 400},
             Case{"a huge header", "GET /healthz HTTP/1.1\r\nHost: hub\r\n" + big_header + "\r\n", 431},
             Case{"two hundred headers", "GET /healthz HTTP/1.1\r\nHost: hub\r\n" + many_headers + "\r\n", 431},
             Case{"a huge request line", "GET /C/" + std::string(20'000, 'A') + " HTTP/1.1\r\nHost: hub\r\n\r\n", 414},
             Case{"not HTTP", "HELLO\r\n\r\n", 400},
             Case{"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400},
             Case{"a control character in the target", "GET /heal\x01thz HTTP/1.1\r\nHost: hub\r\n\r\n", 400},
             Case{"an expectation it cannot meet", "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n", 417},
         }) {
        INFO(c.name);
        auto r = answer_to_head(hub.port(), c.head);
        CHECK(r.status == c.status);
        CHECK(json_error_body(r.body));
    }
    CHECK(send(hub.url(), "GET", "/healthz").status == 200);
    hub.stop();
}

TEST_CASE("hub answers malformed requests on every route with a 4xx error body and changes nothing",
          "[hostile][hub]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.start();
    RegisteredKiosk kiosk = register_in_store(hub.store(), "hall-1");
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    publish_demo(hub, admin);
    const std::size_t kiosks_before = hub.store().list_kiosks()->size();
    const std::size_t opinions_before = count_opinions(hub.store());
    const std::string opinion = "/api/v1/admin/opinions/01890a5d-ac96-774b-bcce-b302099a8057/status";
    const std::string meeting = "/api/v1/admin/meetings/01890a5d-ac96-774b-bcce-b302099a8057/answer";

    struct Case {
        std::string name, method, target, body;
        const SecretKey* key;
        int status;
    };
    const SecretKey* K = &kiosk.key;
    const SecretKey* A = &admin;
    for (const Case& c : {
             Case{"sync: not JSON", "POST", "/api/v1/sync", "{not json", K, 400},
             Case{"sync: an array", "POST", "/api/v1/sync", "[1,2,3]", K, 400},
             Case{"sync: cursor a string", "POST", "/api/v1/sync", R"({"kiosk":")" + kiosk.id() + R"(","cursor":"x"})", K, 400},
             Case{"sync: cursor huge", "POST", "/api/v1/sync", R"({"kiosk":")" + kiosk.id() + R"(","cursor":1e400})", K, 400},
             Case{"sync: not UTF-8", "POST", "/api/v1/sync", "{\"kiosk\":\"\xff\xfe\"}", K, 400},
             Case{"sync: opinions not a list", "POST", "/api/v1/sync", R"({"kiosk":")" + kiosk.id() + R"(","cursor":0,"opinions":7})", K, 400},
             Case{"bundle: unknown version", "GET", "/api/v1/bundles/no-such-version", "", K, 404},
             Case{"register: not JSON", "POST", "/api/v1/admin/kiosks", "nope", A, 400},
             Case{"register: name a number", "POST", "/api/v1/admin/kiosks", R"({"name":5,"public_key":"x"})", A, 400},
             Case{"register: code a number", "POST", "/api/v1/admin/kiosks",
                  R"({"name":"hall-9","public_key":")" + generate_key().pub.to_text() + R"(","code":123})", A, 400},
             Case{"register: name not UTF-8", "POST", "/api/v1/admin/kiosks", "{\"name\":\"\xc3\x28\",\"public_key\":\"x\"}", A, 400},
             Case{"register: key not a key", "POST", "/api/v1/admin/kiosks", R"({"name":"hall-9","public_key":"junk"})", A, 400},
             Case{"list: negative offset", "GET", "/api/v1/admin/opinions?offset=-1", "", A, 400},
             Case{"list: offset huge", "GET", "/api/v1/admin/opinions?offset=99999999999999999999999", "", A, 400},
             Case{"list: limit a word", "GET", "/api/v1/admin/opinions?limit=ten", "", A, 400},
             Case{"list: limit with a tail", "GET", "/api/v1/admin/opinions?limit=12abc", "", A, 400},
             Case{"list: limit negative", "GET", "/api/v1/admin/opinions?limit=-5", "", A, 400},
             Case{"list: unknown status", "GET", "/api/v1/admin/opinions?status=maybe", "", A, 400},
             Case{"list: consultation not UTF-8", "GET", "/api/v1/admin/opinions?consultation=%FF%FE", "", A, 400},
             // Longer than any consultation id content check, certificates or sync take.
             Case{"list: consultation id too long", "GET",
                  "/api/v1/admin/opinions?consultation=" + std::string(kMaxConsultationIdBytes + 1, 'c'), "", A, 400},
             Case{"register: body an array", "POST", "/api/v1/admin/kiosks", "[]", A, 400},
             Case{"register: code outside the alphabet", "POST", "/api/v1/admin/kiosks",
                  R"({"name":"hall-9","public_key":")" + generate_key().pub.to_text() + R"(","code":"AIO"})", A, 400},
             Case{"status: reply over its limit", "POST", opinion,
                  R"({"status":"included","reply":")" + std::string(kReplyMaxChars + 1, 'r') + "\"}", A, 400},
             Case{"status: not JSON", "POST", opinion, "[", A, 400},
             Case{"status: status a number", "POST", opinion, R"({"status":3})", A, 400},
             Case{"status: reply a number", "POST", opinion, R"({"status":"included","reply":12})", A, 400},
             Case{"status: unknown opinion", "POST", opinion, R"({"status":"included"})", A, 404},
             Case{"revoke: a certificate never issued", "POST", "/api/v1/admin/certificates/0123456789abcdef/revoke", "", A, 404},
             Case{"revoke: a kiosk never registered", "POST", "/api/v1/admin/kiosks/0123456789abcdef/revoke", "", A, 404},
             Case{"publish: not a bundle", "POST", "/api/v1/admin/bundles", "garbage", A, 400},
             Case{"no such admin route", "GET", "/api/v1/admin/nothing", "", A, 404},
             Case{"answer: not JSON", "POST", meeting, "{", A, 400},
             Case{"answer: an opinion's status", "POST", meeting, R"({"status":"adopted"})", A, 400},
             Case{"answer: reply over its limit", "POST", meeting,
                  R"({"status":"arranged","reply":")" + std::string(kReplyMaxChars + 1, 'r') + "\"}", A, 400},
             Case{"answer: reply with a control character", "POST", meeting, R"({"status":"closed","reply":"\u0007"})", A, 400},
             Case{"answer: unknown request", "POST", meeting, R"({"status":"closed"})", A, 404},
             Case{"meetings: unknown status", "GET", "/api/v1/admin/meetings?status=adopted", "", A, 400},
             Case{"meetings: deputy not an id", "GET", "/api/v1/admin/meetings?deputy=%3Cscript%3E", "", A, 400},
             Case{"guestbook: unknown filter", "GET", "/api/v1/admin/guestbook?consultation=x", "", A, 400},
             Case{"guestbook: since a word", "GET", "/api/v1/admin/guestbook?since=today", "", A, 400},
             Case{"guestbook: kiosk not UTF-8", "GET", "/api/v1/admin/guestbook?kiosk=%FF", "", A, 400},
         }) {
        INFO(c.name);
        auto r = send(hub.url(), c.method, c.target, c.body, c.key);
        INFO(r.status << " " << r.body);
        CHECK(r.status == c.status);
        CHECK(json_error_body(r.body));
    }
    CHECK(hub.store().list_kiosks()->size() == kiosks_before);
    CHECK(count_opinions(hub.store()) == opinions_before);
    CHECK_FALSE(*hub.store().is_revoked("0123456789abcdef"));
    // The admin list still answers (nothing unreadable was stored).
    CHECK(send(hub.url(), "GET", "/api/v1/admin/kiosks", "", A).status == 200);
    hub.stop();
}

TEST_CASE("hub lets exactly the per-address limit through when 40 phone-form posts arrive at once",
          "[hostile][hub]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.config.threads = 8;
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    publish_demo(hub, admin);
    CHECK(concurrent_form_posts({hub.url()}) == 10);
    CHECK(count_opinions(hub.store()) == 10);
    hub.stop();
}

TEST_CASE("two hubs over one PostgreSQL store share the phone form's per-address limit exactly", "[hostile][hub]") {
    const std::string spec = PostgresServer::instance().new_database();
    SecretKey admin = generate_key();
    LiveHub one(spec), two(spec);
    for (LiveHub* h : {&one, &two}) {
        h->config.publisher_keys = {demo_publisher_key()};
        h->config.threads = 8;
    }
    two.certificate_key = one.certificate_key;  // hubs over one store share it (and the form secret)
    two.config.certificate_key = one.certificate_key;
    one.start();
    two.start();
    REQUIRE(one.store().add_admin_key(admin.pub, live_ms()).ok());
    publish_demo(one, admin);
    REQUIRE(eventually([&] { return send(two.url(), "GET", "/o/property-rules").status == 200; }));
    CHECK(concurrent_form_posts({one.url(), two.url()}) == 10);
    CHECK(count_opinions(one.store()) == 10);
    one.stop();
    two.stop();
}

TEST_CASE("a client that never reads its answers holds neither a worker nor the hub's memory", "[hostile][hub]") {
    raise_fd_limit();
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    const std::string page = certificate_page_path(hub);
    // Eight connections, each with 2,000 page requests pipelined and no answer ever read.
    std::vector<int> greedy;
    std::string pipeline;
    for (int i = 0; i < 2000; ++i) pipeline += "GET " + page + " HTTP/1.1\r\nHost: hub\r\n\r\n";
    for (int i = 0; i < 8; ++i) {
        int fd = connect_loopback(hub.port(), true);
        REQUIRE(fd >= 0);
        std::string_view rest = pipeline;
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (!rest.empty() && std::chrono::steady_clock::now() < until) {
            ssize_t n = ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
            if (n > 0) rest.remove_prefix(static_cast<std::size_t>(n));
            else std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        greedy.push_back(fd);
    }
    // Everyone else is still answered promptly.
    for (int i = 0; i < 20; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        CHECK(send(hub.url(), "GET", "/healthz").status == 200);
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
    }
    for (int fd : greedy) ::close(fd);
    hub.stop();
}

TEST_CASE("the phone form takes its longest opinion, 1,000 Chinese characters, escaped past 8 KiB",
          "[hostile][hub]") {
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.start();
    SecretKey admin = generate_key();
    REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
    publish_demo(hub, admin);
    auto [cookie, token] = form_credentials(hub.url());
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "议";
    auto body = form_encode({{"lang", "en"}, {"article", "3"}, {"stance", "suggest"}, {"text", text}, {"form_token", token}});
    REQUIRE(body.size() > 8192);
    auto r = send(hub.url(), "POST", "/o/property-rules", body, nullptr, 0,
                  {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
    INFO(r.status << " " << r.body.substr(0, 300));
    CHECK(r.status == 200);
    CHECK(r.body.find("Thank you!") != std::string::npos);
    CHECK(count_opinions(hub.store()) == 1);
    hub.stop();
}
