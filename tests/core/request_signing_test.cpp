// Signed requests (core/sync/request_signing.h): a signed request verifies; each header missing,
// each signed part altered, a clock 4:59 and 5:01 off, a replayed nonce, an unknown and a revoked
// key are each refused with their own problem and HTTP status.
#include "core/sync/request_signing.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace lianxin;

namespace {

constexpr std::int64_t kNow = 1799544600250;
const std::string kBody = R"({"protocol":1,"kiosk":"hall-1","cursor":0})";

struct Hub {
    SecretKey kiosk = generate_key();
    std::map<std::string, RequestKey> registry;
    std::set<std::string> nonces;
    int nonce_calls = 0;

    Hub() { registry[kiosk.pub.id] = RequestKey{kiosk.pub, false}; }

    Result<VerifiedRequest, RequestRefusal> verify(const SignedHeaders& h, std::string_view method = "POST",
                                                   std::string_view path = "/api/v1/sync",
                                                   std::string_view body = kBody, std::int64_t now = kNow) {
        return verify_request(
            h, method, path, body, now,
            [&](std::string_view id) -> std::optional<RequestKey> {
                auto it = registry.find(std::string(id));
                if (it == registry.end()) return std::nullopt;
                return it->second;
            },
            [&](std::string_view id, std::string_view nonce, std::int64_t) {
                ++nonce_calls;
                return !nonces.insert(std::string(id) + "/" + std::string(nonce)).second;
            });
    }
};

RequestProblem problem_of(const Result<VerifiedRequest, RequestRefusal>& r) {
    REQUIRE_FALSE(r.ok());
    return r.error().problem;
}

}  // namespace

TEST_CASE("a signed request verifies, with the key id and time it carried", "[core][sync][signing]") {
    Hub hub;
    SignedHeaders h = sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow);
    CHECK(h.key_id == hub.kiosk.pub.id);
    CHECK(h.time == std::to_string(kNow));
    CHECK(h.nonce.size() == 32);
    CHECK(h.signature.size() == 88);  // 64 bytes of base64
    auto r = hub.verify(h);
    INFO((r ? "" : r.error().detail));
    REQUIRE(r.ok());
    CHECK(r->key_id == hub.kiosk.pub.id);
    CHECK(r->time_ms == kNow);
    // Fresh nonces: two signatures of the same request differ and both verify.
    SignedHeaders h2 = sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow);
    CHECK(h2.nonce != h.nonce);
    CHECK(hub.verify(h2).ok());
    // The method is compared in upper case; the header names are the documented ones.
    SignedHeaders g = sign_request(hub.kiosk, "get", "/api/v1/bundles/7?x=1", "", kNow);
    CHECK(hub.verify(g, "GET", "/api/v1/bundles/7?x=1", "").ok());
    auto names = h.list();
    REQUIRE(names.size() == 4);
    CHECK(names[0].first == "X-Lianxin-Key");
    CHECK(names[1].first == "X-Lianxin-Time");
    CHECK(names[2].first == "X-Lianxin-Nonce");
    CHECK(names[3].first == "X-Lianxin-Signature");
}

TEST_CASE("the canonical text is as documented", "[core][sync][signing]") {
    CHECK(canonical_request_text("post", "/api/v1/sync?a=1", "1700000000000", std::string(32, 'a'), "") ==
          "LXS1\nPOST\n/api/v1/sync?a=1\n1700000000000\n" + std::string(32, 'a') +
              "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("every missing header is refused by name", "[core][sync][signing]") {
    Hub hub;
    const SignedHeaders good = sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow);
    for (auto field : {&SignedHeaders::key_id, &SignedHeaders::time, &SignedHeaders::nonce, &SignedHeaders::signature}) {
        SignedHeaders h = good;
        h.*field = "";
        auto r = hub.verify(h);
        CHECK(problem_of(r) == RequestProblem::missing_header);
        CHECK_THAT(r.error().detail, Catch::Contains("X-Lianxin-"));
        CHECK(request_problem_http_status(r.error().problem) == 401);
    }
    CHECK(hub.nonce_calls == 0);
}

TEST_CASE("unreadable headers are refused as malformed", "[core][sync][signing]") {
    Hub hub;
    const SignedHeaders good = sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow);
    auto bad = [&](auto field, std::string value) {
        SignedHeaders h = good;
        h.*field = value;
        INFO(value);
        CHECK(problem_of(hub.verify(h)) == RequestProblem::malformed_header);
    };
    bad(&SignedHeaders::time, "-5");
    bad(&SignedHeaders::time, "12ab");
    bad(&SignedHeaders::time, "99999999999999999999");
    bad(&SignedHeaders::nonce, "short");
    bad(&SignedHeaders::nonce, std::string(32, 'G'));
    bad(&SignedHeaders::signature, "not base64!");
    bad(&SignedHeaders::signature, good.signature.substr(0, 40));
    bad(&SignedHeaders::key_id, "kiosk-1");
}

TEST_CASE("altering body, path, method, time or nonce breaks the signature", "[core][sync][signing]") {
    Hub hub;
    const SignedHeaders good = sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow);
    CHECK(problem_of(hub.verify(good, "POST", "/api/v1/sync", kBody + " ")) == RequestProblem::bad_signature);
    CHECK(problem_of(hub.verify(good, "POST", "/api/v1/sync?x=1")) == RequestProblem::bad_signature);
    CHECK(problem_of(hub.verify(good, "PUT")) == RequestProblem::bad_signature);
    SignedHeaders t = good;
    t.time = std::to_string(kNow + 1);
    CHECK(problem_of(hub.verify(t)) == RequestProblem::bad_signature);
    SignedHeaders n = good;
    n.nonce[0] = n.nonce[0] == 'a' ? 'b' : 'a';
    CHECK(problem_of(hub.verify(n)) == RequestProblem::bad_signature);
    // Signed by another key but claiming this kiosk's id.
    SecretKey other = generate_key();
    SignedHeaders o = sign_request(other, "POST", "/api/v1/sync", kBody, kNow);
    o.key_id = hub.kiosk.pub.id;
    auto r = hub.verify(o);
    CHECK(problem_of(r) == RequestProblem::bad_signature);
    CHECK(request_problem_http_status(RequestProblem::bad_signature) == 401);
    // Failed signatures never reach the nonce store.
    CHECK(hub.nonce_calls == 0);
    CHECK(hub.verify(good).ok());
}

TEST_CASE("a clock 4:59 off is accepted, 5:01 off is refused saying by how much", "[core][sync][signing]") {
    Hub hub;
    constexpr std::int64_t s = 1000;
    for (std::int64_t skew : {-(4 * 60 + 59) * s, (4 * 60 + 59) * s, 5 * 60 * s, -5 * 60 * s}) {
        INFO(skew);
        CHECK(hub.verify(sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow + skew)).ok());
    }
    auto ahead = hub.verify(sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow + (5 * 60 + 1) * s));
    CHECK(problem_of(ahead) == RequestProblem::stale_time);
    CHECK(ahead.error().skew_ms == 301 * s);
    CHECK_THAT(ahead.error().detail, Catch::Contains("5 min 1.000 s ahead"));
    CHECK(request_problem_http_status(RequestProblem::stale_time) == 409);
    auto behind = hub.verify(sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow - (5 * 60 + 1) * s));
    CHECK(problem_of(behind) == RequestProblem::stale_time);
    CHECK(behind.error().skew_ms == -301 * s);
    CHECK_THAT(behind.error().detail, Catch::Contains("behind"));
}

TEST_CASE("a replayed request is refused, the first use passes", "[core][sync][signing]") {
    Hub hub;
    SignedHeaders h = sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow);
    REQUIRE(hub.verify(h).ok());
    auto again = hub.verify(h, "POST", "/api/v1/sync", kBody, kNow + 1000);
    CHECK(problem_of(again) == RequestProblem::replay);
    CHECK(request_problem_http_status(RequestProblem::replay) == 409);
    // The same nonce from another kiosk is that kiosk's business.
    Hub other;
    CHECK(other.verify(h).error().problem == RequestProblem::unknown_key);
}

TEST_CASE("unknown and revoked keys are refused", "[core][sync][signing]") {
    Hub hub;
    SecretKey stranger = generate_key();
    auto r = hub.verify(sign_request(stranger, "POST", "/api/v1/sync", kBody, kNow));
    CHECK(problem_of(r) == RequestProblem::unknown_key);
    CHECK(request_problem_http_status(RequestProblem::unknown_key) == 401);
    hub.registry[hub.kiosk.pub.id].revoked = true;
    auto v = hub.verify(sign_request(hub.kiosk, "POST", "/api/v1/sync", kBody, kNow));
    CHECK(problem_of(v) == RequestProblem::revoked);
    CHECK(request_problem_http_status(RequestProblem::revoked) == 403);
    CHECK(std::string(request_problem_name(RequestProblem::revoked)) == "revoked");
}
