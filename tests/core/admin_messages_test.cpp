// Admin API bodies (core/sync/admin_messages.h): a registration and a status decision survive a
// JSON round trip; every malformed field is refused by name, by the same rules the kiosks apply
// to the same fields (core/base/field_limits.h), without throwing.
#include "core/sync/admin_messages.h"

#include <catch2/catch.hpp>

#include "core/base/field_limits.h"

using namespace lianxin;

namespace {

std::string refusal(const Result<KioskRegistration>& r) { return r.ok() ? std::string("(taken)") : r.error().detail; }
std::string refusal(const Result<StatusDecision>& r) { return r.ok() ? std::string("(taken)") : r.error().detail; }

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("a kiosk registration survives its JSON form with and without a code", "[core][admin-messages]") {
    KioskRegistration r{"社区中心一楼", "lianxin-public-key v1 abc", std::string("A1B")};
    auto back = parse_kiosk_registration(to_json(r));
    REQUIRE(back.ok());
    CHECK(back->name == r.name);
    CHECK(back->public_key == r.public_key);
    CHECK(back->code == r.code);
    r.code.reset();
    back = parse_kiosk_registration(to_json(r));
    REQUIRE(back.ok());
    CHECK_FALSE(back->code.has_value());
}

TEST_CASE("a kiosk registration is refused by field with the rule the push reader applies", "[core][admin-messages]") {
    CHECK(refusal(parse_kiosk_registration("")) == "the body is not a JSON object");
    CHECK(refusal(parse_kiosk_registration("[1]")) == "the body is not a JSON object");
    CHECK(refusal(parse_kiosk_registration("{\"name\":\"x\"")) == "the body is not a JSON object");
    CHECK(refusal(parse_kiosk_registration(R"({"name":"x"})")).find("public_key") != std::string::npos);
    CHECK(refusal(parse_kiosk_registration(R"({"name":7,"public_key":"k"})")).find("send {") == 0);
    // Names a kiosk could not push are refused here, not after the visitor is thanked.
    std::string at_limit(kKioskNameMaxBytes, 'n');
    CHECK(parse_kiosk_registration(R"({"name":")" + at_limit + R"(","public_key":"k"})").ok());
    CHECK(refusal(parse_kiosk_registration(R"({"name":")" + at_limit + R"(n","public_key":"k"})")).find("name: ") == 0);
    CHECK(refusal(parse_kiosk_registration(R"({"name":"","public_key":"k"})")).find("name: is empty") == 0);
    CHECK(refusal(parse_kiosk_registration(R"({"name":"a\u0007b","public_key":"k"})")).find("control") != std::string::npos);
    CHECK(refusal(parse_kiosk_registration(R"({"name":"hall","public_key":"k","code":5})")) == "\"code\" is a string");
    CHECK(refusal(parse_kiosk_registration(R"({"name":"hall","public_key":"k","code":"AB"})")).find("3 characters") !=
          std::string::npos);
    // I, L, O and U are not in the short-code alphabet.
    CHECK_FALSE(parse_kiosk_registration(R"({"name":"hall","public_key":"k","code":"AIO"})").ok());
}

TEST_CASE("a status decision survives its JSON form and takes a null or absent reply as none", "[core][admin-messages]") {
    for (auto s : {OpinionStatus::received, OpinionStatus::included, OpinionStatus::adopted, OpinionStatus::partly_adopted,
                   OpinionStatus::not_adopted}) {
        StatusDecision c{s, "谢谢，已转交起草组。"};
        auto back = parse_status_decision(to_json(c));
        REQUIRE(back.ok());
        CHECK(back->status == s);
        CHECK(back->reply == c.reply);
    }
    auto none = parse_status_decision(R"({"status":"adopted","reply":null})");
    REQUIRE(none.ok());
    CHECK(none->reply.empty());
    none = parse_status_decision(R"({"status":"adopted"})");
    REQUIRE(none.ok());
    CHECK(none->reply.empty());
}

TEST_CASE("a status decision is refused for an unknown status or a reply any kiosk would refuse", "[core][admin-messages]") {
    CHECK(refusal(parse_status_decision(R"({"status":"approved"})")).find("send {\"status\"") == 0);
    CHECK(refusal(parse_status_decision(R"({"status":1})")).find("send {\"status\"") == 0);
    CHECK(refusal(parse_status_decision(R"({"reply":"x"})")).find("send {\"status\"") == 0);
    CHECK(refusal(parse_status_decision(R"({"status":"adopted","reply":5})")) == "\"reply\" is a string");
    // The kiosks take a reply of kReplyMaxChars characters and not one more: so does the hub.
    std::string at_limit = repeat("答", kReplyMaxChars);
    CHECK(parse_status_decision(R"({"status":"adopted","reply":")" + at_limit + "\"}").ok());
    CHECK(refusal(parse_status_decision(R"({"status":"adopted","reply":")" + at_limit + "答\"}")).find("reply: ") == 0);
}

TEST_CASE("an admin body past its byte limit is refused before it is parsed", "[core][admin-messages]") {
    std::string padding(kAdminRequestMaxBytes, ' ');
    CHECK(refusal(parse_status_decision(R"({"status":"adopted"})" + padding)).find("bytes; at most") != std::string::npos);
    CHECK(refusal(parse_kiosk_registration(padding + R"({"name":"a","public_key":"k"})")).find("bytes; at most") !=
          std::string::npos);
    // A reply at its limit with every character escaped still fits the byte limit, so it is
    // judged by the reply's rules: 2,000 BMP characters as \uXXXX are taken; 2,000 emoji as
    // surrogate pairs (12 bytes each) are read and then refused by reply_problem, not for size.
    std::string escaped = R"({"status":"adopted","reply":")" + repeat("\\u7b54", kReplyMaxChars) + "\"}";
    CHECK(parse_status_decision(escaped).ok());
    std::string pairs = R"({"status":"adopted","reply":")" + repeat("\\ud83d\\ude00", kReplyMaxChars) + "\"}";
    REQUIRE(pairs.size() < kAdminRequestMaxBytes);
    CHECK(refusal(parse_status_decision(pairs)).find("reply: ") == 0);
}
