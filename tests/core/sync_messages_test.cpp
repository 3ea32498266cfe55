// Sync messages (core/sync/sync_messages.h): push and reply survive a JSON round trip; every
// malformed field is refused by name without throwing; an opinion in a push meets the kiosk's
// rules except deadline and stage; contact details never appear in a reply.
#include "core/sync/sync_messages.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/uuid.h"
#include "core/opinions/opinion_rules.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using json = nlohmann::json;

namespace {

constexpr std::int64_t kT = 1799544600250;

std::string passport_hex() { return passport_id_text(new_passport_id()); }

SyncPush sample_push() {
    SyncPush p;
    p.kiosk = "0190f5e2-7c1a-7b3d-9e4f-0123456789ab";
    p.cursor = 42;
    std::string pid = passport_hex();
    Opinion o;
    o.id = new_uuid_v7(kT);
    o.consultation_id = "property-rules";
    o.article = 3;
    o.stance = Stance::oppose;
    o.text = "收费应当按季度公示。\n第二行";
    o.passport_id = pid;
    o.contact_name = "王芳";
    o.contact_phone = "13812345678";
    o.contact_consent = true;
    o.lang = Lang::zh;
    o.kiosk = "hall-1";
    o.created_at_ms = kT;
    p.opinions.push_back(o);
    Opinion plain;
    plain.id = new_uuid_v7(kT + 1);
    plain.consultation_id = "property-rules";
    plain.text = "Whole draft: fine.";
    plain.stance = Stance::support;
    plain.lang = Lang::en;
    plain.kiosk = "hall-1";
    plain.created_at_ms = kT + 1;
    p.opinions.push_back(plain);
    auto key = generate_key();
    PassportClaims c{};
    PassportId id{};
    REQUIRE(parse_passport_id(pid, id));
    c.id = id;
    c.short_code = new_short_code("JJ1");
    c.issued = {2027, 1, 10};
    auto token = issue_passport_token(c, key);
    REQUIRE(token.ok());
    p.passports.push_back(SyncPassport{pid, c.short_code, *token, {2027, 1, 10}, "hall-1", kT});
    p.stamps.push_back(SyncStamp{new_uuid_v7(kT + 2), pid, StampKind::opinion, o.id, kT + 2});
    p.stamps.push_back(SyncStamp{new_uuid_v7(kT + 3), pid, StampKind::tour, "river-walk", kT + 3});
    p.heartbeat = Heartbeat{"0.1.0", "2027.01.05", 5, "cannot reach the hub"};
    p.heartbeat.storage = StorageReport{2, "kiosk-20270105-101500.db", kT - 1000, 412, 3, ""};
    return p;
}

SyncReply sample_reply(const SyncPush& p) {
    SyncReply r;
    r.held_opinions = {p.opinions[0].id, p.opinions[1].id};
    r.held_passports = {p.passports[0].id};
    r.held_stamps = {p.stamps[0].id};
    r.statuses.push_back(StatusChange{p.opinions[0].id, OpinionStatus::partly_adopted, "已采纳部分：按季度公示。", kT + 9});
    r.certificates = {"LXC1:ABC"};
    r.revoked_certificates = {"0123456789abcdef"};
    r.bundle_version = "2027.02.01";
    r.cursor = 77;
    r.more = true;
    return r;
}

// Parses `j` as a push and expects a refusal whose detail starts with `field`: of the whole push
// when its frame is malformed, else of the one record (left out and listed in `refused`).
void refused_push(const json& j, const std::string& field) {
    auto r = parse_sync_push(j.dump());
    INFO(j.dump().substr(0, 300));
    if (!r.ok()) {
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK_THAT(r.error().detail, Catch::StartsWith(field));
        return;
    }
    REQUIRE(r->refused.size() == 1);
    CHECK_THAT(r->refused[0].reason, Catch::StartsWith(field));
}

// The same for a reply: a malformed frame fails it, a malformed entry is skipped and listed.
void refused_reply(const json& j, const std::string& field) {
    auto r = parse_sync_reply(j.dump());
    INFO(j.dump().substr(0, 300));
    if (!r.ok()) {
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK_THAT(r.error().detail, Catch::StartsWith(field));
        return;
    }
    REQUIRE(r->skipped.size() == 1);
    CHECK_THAT(r->skipped[0].reason, Catch::StartsWith(field));
}

}  // namespace

TEST_CASE("a push survives the JSON round trip field by field", "[core][sync]") {
    SyncPush p = sample_push();
    auto r = parse_sync_push(to_json(p));
    INFO((r ? "" : r.error().detail));
    REQUIRE(r.ok());
    CHECK(r->protocol == 1);
    CHECK(r->kiosk == p.kiosk);
    CHECK(r->cursor == 42);
    REQUIRE(r->opinions.size() == 2);
    const Opinion& o = r->opinions[0];
    CHECK(o.id == p.opinions[0].id);
    CHECK(o.consultation_id == "property-rules");
    CHECK(o.article == 3);
    CHECK(o.stance == Stance::oppose);
    CHECK(o.text == p.opinions[0].text);
    CHECK(o.passport_id == p.opinions[0].passport_id);
    CHECK(o.contact_name == "王芳");  // contact details travel in the push
    CHECK(o.contact_phone == "13812345678");
    CHECK(o.contact_consent);
    CHECK(o.lang == Lang::zh);
    CHECK(o.kiosk == "hall-1");
    CHECK(o.created_at_ms == kT);
    CHECK_FALSE(r->opinions[1].article.has_value());
    CHECK(r->opinions[1].passport_id.empty());
    CHECK(r->opinions[1].lang == Lang::en);
    REQUIRE(r->passports.size() == 1);
    CHECK(r->passports[0].id == p.passports[0].id);
    CHECK(r->passports[0].short_code == p.passports[0].short_code);
    CHECK(r->passports[0].token == p.passports[0].token);
    CHECK(r->passports[0].issued_on == LocalDate{2027, 1, 10});
    REQUIRE(r->stamps.size() == 2);
    CHECK(r->stamps[0].ref == p.opinions[0].id);
    CHECK(r->stamps[1].kind == StampKind::tour);
    CHECK(r->stamps[1].ref == "river-walk");
    CHECK(r->heartbeat.app_version == "0.1.0");
    CHECK(r->heartbeat.content_version == "2027.01.05");
    CHECK(r->heartbeat.outbox_depth == 5);
    CHECK(r->heartbeat.last_error == "cannot reach the hub");
    CHECK(r->heartbeat.storage == p.heartbeat.storage);
    // Nothing optional is written when not given.
    auto j = json::parse(to_json(p));
    CHECK_FALSE(j["opinions"][1].contains("contact_phone"));
    CHECK_FALSE(j["opinions"][1].contains("passport"));
    CHECK(j["opinions"][1]["article"].is_null());
}

TEST_CASE("a reply survives the JSON round trip and never carries contact details", "[core][sync]") {
    SyncPush p = sample_push();
    SyncReply rep = sample_reply(p);
    std::string text = to_json(rep);
    CHECK(text.find("13812345678") == std::string::npos);
    CHECK(text.find("contact") == std::string::npos);
    CHECK(text.find("王芳") == std::string::npos);
    auto r = parse_sync_reply(text);
    INFO((r ? "" : r.error().detail));
    REQUIRE(r.ok());
    CHECK(r->held_opinions == rep.held_opinions);
    CHECK(r->held_passports == rep.held_passports);
    CHECK(r->held_stamps == rep.held_stamps);
    REQUIRE(r->statuses.size() == 1);
    CHECK(r->statuses[0].opinion == p.opinions[0].id);
    CHECK(r->statuses[0].status == OpinionStatus::partly_adopted);
    CHECK(r->statuses[0].reply == rep.statuses[0].reply);
    CHECK(r->statuses[0].at_ms == kT + 9);
    CHECK(r->certificates == rep.certificates);
    CHECK(r->revoked_certificates == rep.revoked_certificates);
    CHECK(r->bundle_version == "2027.02.01");
    CHECK(r->cursor == 77);
    CHECK(r->more);
    // The smallest reply: protocol and cursor; lists absent are empty.
    auto small = parse_sync_reply(R"({"protocol":1,"cursor":0})");
    REQUIRE(small.ok());
    CHECK(small->held_opinions.empty());
    CHECK_FALSE(small->more);
}

TEST_CASE("a push with a malformed field is refused naming the field", "[core][sync]") {
    const json good = json::parse(to_json(sample_push()));
    auto with = [&](const json::json_pointer& ptr, const json& value) {
        json j = good;
        j[ptr] = value;
        return j;
    };
    using P = json::json_pointer;
    refused_push(with(P("/protocol"), 2), "push.protocol: version 2 is not known");
    refused_push(with(P("/protocol"), "1"), "push.protocol: must be a whole number");
    refused_push(with(P("/kiosk"), "a b"), "push.kiosk");
    refused_push(with(P("/cursor"), -1), "push.cursor");
    refused_push(with(P("/cursor"), 1.5), "push.cursor: must be a whole number");
    refused_push(with(P("/cursor"), 18446744073709551615ull), "push.cursor: out of range");
    refused_push(with(P("/opinions"), json::object()), "push.opinions: must be a list");
    refused_push(with(P("/opinions/0/id"), "not-a-uuid"), "push.opinions[0].id");
    refused_push(with(P("/opinions/0/id"), new_uuid_v7(kT).substr(0, 14) + "4" + new_uuid_v7(kT).substr(15)),
                 "push.opinions[0].id");  // a version-4 UUID
    refused_push(with(P("/opinions/0/stance"), "maybe"), "push.opinions[0].stance: unknown stance 'maybe'");
    refused_push(with(P("/opinions/0/stance"), 1), "push.opinions[0].stance: must be a string");
    refused_push(with(P("/opinions/0/lang"), "fr"), "push.opinions[0].lang");
    refused_push(with(P("/opinions/0/article"), "3"), "push.opinions[0].article: must be a whole number");
    refused_push(with(P("/opinions/0/consultation"), "property rules"), "push.opinions[0].consultation");
    refused_push(with(P("/opinions/0/consultation"), std::string(21, 'a')), "push.opinions[0].consultation");
    refused_push(with(P("/opinions/0/contact_consent"), "yes"), "push.opinions[0].contact_consent: must be true or false");
    refused_push(with(P("/opinions/0/passport"), "JJ1-ABCD"), "push.opinions[0].passport");
    refused_push(with(P("/opinions/0/created_at_ms"), 0), "push.opinions[0].created_at_ms");
    {
        json j = good;
        j["opinions"][0].erase("text");
        refused_push(j, "push.opinions[0].text: missing");
    }
    refused_push(with(P("/passports/0/id"), "ABCDEF0123456789ABCDEF0123456789"), "push.passports[0].id");
    refused_push(with(P("/passports/0/id"), "abc"), "push.passports[0].id");
    refused_push(with(P("/passports/0/short_code"), "JJ1-2345-6789"), "push.passports[0].short_code");
    refused_push(with(P("/passports/0/token"), "LXC1:ABC"), "push.passports[0].token");
    refused_push(with(P("/passports/0/issued_on"), "2027-02-30"), "push.passports[0].issued_on");
    refused_push(with(P("/stamps/0/kind"), "visit"), "push.stamps[0].kind: unknown stamp kind 'visit'");
    refused_push(with(P("/stamps/0/ref"), "not-a-uuid"), "push.stamps[0].ref");  // opinion stamps name an opinion
    refused_push(with(P("/stamps/1/ref"), "a/b"), "push.stamps[1].ref");
    refused_push(with(P("/stamps/0/passport"), 7), "push.stamps[0].passport: must be a string");
    refused_push(with(P("/heartbeat/outbox_depth"), -3), "push.heartbeat.outbox_depth");
    refused_push(with(P("/heartbeat"), "fine"), "push.heartbeat: must be an object");
    refused_push(with(P("/heartbeat/last_error"), std::string(501, 'x')), "push.heartbeat.last_error: 501 bytes");
    refused_push(json::array(), "push: must be an object");

    auto not_json = parse_sync_push("{\"protocol\": 1,");
    REQUIRE_FALSE(not_json.ok());
    CHECK(not_json.error().detail == "push: not valid JSON");
    auto huge = parse_sync_push(std::string(kSyncMaxBodyBytes + 1, ' '));
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == ErrorCode::too_large);
    for (std::string_view junk : {"", "null", "[[[[[[[[[[[[", "\"\\ud800\"", "{\"protocol\":1e999}", "\xff\xfe"})
        CHECK_FALSE(parse_sync_push(junk).ok());
}

TEST_CASE("the heartbeat's report on kiosk.db travels, and a malformed one is dropped, never the push",
          "[core][sync]") {
    const SyncPush sample = sample_push();
    const json good = json::parse(to_json(sample));
    // All well: no report is written, and none is read.
    SyncPush quiet = sample;
    quiet.heartbeat.storage = {};
    CHECK_FALSE(json::parse(to_json(quiet))["heartbeat"].contains("storage"));
    auto none = parse_sync_push(to_json(quiet));
    REQUIRE(none.ok());
    CHECK(none->heartbeat.storage == StorageReport{});
    // A fault alone is a report.
    SyncPush failing = quiet;
    failing.heartbeat.storage.fault = "storage_full: database or disk is full (13)";
    auto fault = parse_sync_push(to_json(failing));
    REQUIRE(fault.ok());
    CHECK(fault->heartbeat.storage.fault == failing.heartbeat.storage.fault);
    CHECK(fault->heartbeat.storage.salvaged == -1);

    using P = json::json_pointer;
    for (auto [ptr, value] : std::vector<std::pair<std::string, json>>{
             {"/heartbeat/storage", "damaged"},
             {"/heartbeat/storage/set_aside", -1},
             {"/heartbeat/storage/set_aside", "2"},
             {"/heartbeat/storage/newest", std::string(kSetAsideNameMaxBytes + 1, 'k')},
             {"/heartbeat/storage/newest", "kiosk-\n.db\n"},
             {"/heartbeat/storage/newest_at_ms", -5},
             {"/heartbeat/storage/salvaged", -2},
             {"/heartbeat/storage/left_out", 1.5},
             {"/heartbeat/storage/fault", std::string(kSyncMaxErrorBytes + 1, 'x')},
         }) {
        INFO(ptr << " = " << value.dump());
        json j = good;
        j[P(ptr)] = value;
        auto r = parse_sync_push(j.dump());
        REQUIRE(r.ok());  // the records still arrive
        CHECK(r->opinions.size() == sample.opinions.size());
        CHECK(r->heartbeat.outbox_depth == 5);
        CHECK(r->heartbeat.storage == StorageReport{});
    }
    {
        json j = good;
        j["heartbeat"]["storage"].erase("set_aside");
        auto r = parse_sync_push(j.dump());
        REQUIRE(r.ok());
        CHECK(r->heartbeat.storage == StorageReport{});
    }
}

TEST_CASE("an opinion in a push must meet the kiosk's rules, except the deadline and stage", "[core][sync]") {
    const json good = json::parse(to_json(sample_push()));
    using P = json::json_pointer;
    auto with = [&](const char* ptr, const json& value) {
        json j = good;
        j[P(ptr)] = value;
        return j;
    };
    refused_push(with("/opinions/0/text", ""), "push.opinions[0].text: text_empty");
    std::string long_text;
    for (std::size_t i = 0; i <= kOpinionTextMaxChars; ++i) long_text += "意";
    refused_push(with("/opinions/0/text", long_text), "push.opinions[0].text: text_too_long");
    refused_push(with("/opinions/0/text", "bell\x07"), "push.opinions[0].text: text_control_character");
    refused_push(with("/opinions/0/text", "表情😀"), "push.opinions[0].text: text_unsupported_character");
    refused_push(with("/opinions/0/text", "  untrimmed "), "push.opinions[0].text: not trimmed");
    refused_push(with("/opinions/0/contact_consent", false), "push.opinions[0].contact_consent: contact_without_consent");
    refused_push(with("/opinions/0/contact_phone", "12345"), "push.opinions[0].contact_phone: phone_invalid");
    refused_push(with("/opinions/0/contact_phone", "138 1234 5678"), "push.opinions[0].contact_phone: holds spaces");
    refused_push(with("/opinions/0/contact_name", std::string(21, 'a')), "push.opinions[0].contact_name: name_too_long");
    refused_push(with("/opinions/1/contact_consent", true), "push.opinions[1].contact_consent: consent_without_contact");
    {
        json j = good;
        j["opinions"][0].erase("contact_phone");
        refused_push(j, "push.opinions[0].contact_name: name_without_phone");
    }

    // The record-level check: a closed consultation, or a deadline long past, does not matter.
    Opinion o = sample_push().opinions[0];
    Consultation c = lianxin::test::draft_under_consultation();
    c.deadline = {2020, 1, 1};
    CHECK(check_opinion_record(o).empty());
    CHECK(check_opinion_record(o, &c).empty());
    o.article = 99;
    CHECK(check_opinion_record(o, &c) == std::vector<OpinionProblem>{OpinionProblem::article_not_found});
    CHECK(check_opinion_record(o).empty());  // without the consultation only the record's own fields
    // Contact rules are not applied to a record whose details were erased after sending.
    Opinion erased = sample_push().opinions[0];
    erased.contact_name.clear();
    erased.contact_phone.clear();
    erased.contact_erased = true;
    CHECK(check_opinion_record(erased).empty());
    erased.contact_erased = false;
    CHECK(check_opinion_record(erased) == std::vector<OpinionProblem>{OpinionProblem::consent_without_contact});
}

TEST_CASE("more than kSyncMaxBatch records of one kind are refused", "[core][sync]") {
    json j = json::parse(to_json(sample_push()));
    json ops = json::array();
    for (std::size_t i = 0; i <= kSyncMaxBatch; ++i) {
        json o = j["opinions"][1];
        o["id"] = new_uuid_v7(kT + static_cast<std::int64_t>(i));
        ops.push_back(o);
    }
    json at_limit = j;
    at_limit["opinions"] = json(std::vector<json>(ops.begin(), ops.end() - 1));
    auto ok = parse_sync_push(at_limit.dump());
    INFO((ok ? "" : ok.error().detail));
    CHECK(ok.ok());
    j["opinions"] = ops;
    refused_push(j, "push.opinions: 501 entries; at most 500");
    json st = json::array();
    for (std::size_t i = 0; i <= kSyncMaxBatch; ++i) st.push_back(j["stamps"][0]);
    j = json::parse(to_json(sample_push()));
    j["stamps"] = st;
    refused_push(j, "push.stamps: 501 entries");

    json reply = json::parse(to_json(sample_reply(sample_push())));
    reply["revoked_certificates"] = std::vector<std::string>(kSyncMaxBatch + 1, "0123456789abcdef");
    refused_reply(reply, "reply.revoked_certificates: 501 entries");
}

TEST_CASE("a reply with a malformed field is refused naming the field", "[core][sync]") {
    const json good = json::parse(to_json(sample_reply(sample_push())));
    using P = json::json_pointer;
    auto with = [&](const char* ptr, const json& value) {
        json j = good;
        j[P(ptr)] = value;
        return j;
    };
    refused_reply(with("/protocol", 0), "reply.protocol: version 0 is not known");
    refused_reply(with("/held_opinions/0", "x"), "reply.held_opinions[0]");
    refused_reply(with("/held_passports/0", new_uuid_v7(kT)), "reply.held_passports[0]");
    refused_reply(with("/held_stamps", "all"), "reply.held_stamps: must be a list");
    refused_reply(with("/statuses/0/status", "accepted"), "reply.statuses[0].status: unknown status 'accepted'");
    refused_reply(with("/statuses/0/opinion", 12), "reply.statuses[0].opinion: must be a string");
    refused_reply(with("/statuses/0/at_ms", "soon"), "reply.statuses[0].at_ms");
    refused_reply(with("/statuses/0/reply", std::string(kReplyMaxChars + 1, 'r')), "reply.statuses[0].reply: 2001 characters");
    refused_reply(with("/certificates/0", "LXP1:ABC"), "reply.certificates[0]");
    refused_reply(with("/certificates/0", 5), "reply.certificates[0]");
    refused_reply(with("/revoked_certificates/0", "0123456789ABCDEF"), "reply.revoked_certificates[0]");
    refused_reply(with("/cursor", -5), "reply.cursor");
    refused_reply(with("/more", 1), "reply.more: must be true or false");
    refused_reply(with("/bundle_version", std::string(101, 'v')), "reply.bundle_version");
    {
        json j = good;
        j.erase("cursor");
        refused_reply(j, "reply.cursor: missing");
    }
    // Unknown fields are ignored: a newer hub may add some without a new protocol number.
    auto extra = parse_sync_reply(with("/future_field", json::object({{"x", 1}})).dump());
    CHECK(extra.ok());
}

TEST_CASE("kiosk ids: 1-64 letters, digits, dash, underscore", "[core][sync]") {
    CHECK(is_valid_kiosk_id("0190f5e2-7c1a-7b3d-9e4f-0123456789ab"));
    CHECK(is_valid_kiosk_id("hall_1"));
    CHECK_FALSE(is_valid_kiosk_id(""));
    CHECK_FALSE(is_valid_kiosk_id(std::string(65, 'k')));
    CHECK_FALSE(is_valid_kiosk_id("hall 1"));
    CHECK_FALSE(is_valid_kiosk_id("hall/1"));
}

TEST_CASE("a status change carries the adopted article it was traced to, and a poison one is skipped alone",
          "[core][sync][trace]") {
    SyncPush p = sample_push();
    SyncReply rep = sample_reply(p);
    REQUIRE(rep.statuses.size() == 1);
    rep.statuses[0].final_article = FinalArticle{5, {"第五条", "Article 5"}, {"业主大会每季度公示收支。\n第二款。", ""}};
    auto r = parse_sync_reply(to_json(rep));
    REQUIRE(r.ok());
    REQUIRE(r->statuses.size() == 1);
    REQUIRE(r->statuses[0].final_article);
    CHECK(r->statuses[0].final_article->number == 5);
    CHECK(r->statuses[0].final_article->title.en == "Article 5");
    CHECK(r->statuses[0].final_article->text.zh == "业主大会每季度公示收支。\n第二款。");
    CHECK(r->statuses[0].final_article->text.en.empty());  // not translated yet: allowed

    // Each rule of the hub's final text holds here too; a change that breaks one is skipped and
    // reported, and the reply's other changes still apply.
    const json good = json::parse(to_json(rep));
    using P = json::json_pointer;
    auto with = [&](const char* ptr, const json& value) {
        json j = good;
        j[P(ptr)] = value;
        return j;
    };
    refused_reply(with("/statuses/0/final/number", 0), "reply.statuses[0].final: number is 1 to");
    refused_reply(with("/statuses/0/final/number", "5"), "reply.statuses[0].final: number is missing");
    refused_reply(with("/statuses/0/final/text/zh", ""), "reply.statuses[0].final: text.zh is empty");
    refused_reply(with("/statuses/0/final/title/zh", "第五条\x01"), "reply.statuses[0].final: title.zh holds a control character");
    refused_reply(with("/statuses/0/final/text/en", std::string(kFinalArticleMaxChars + 1, 'x')),
                  "reply.statuses[0].final: text.en is longer than");
    refused_reply(with("/statuses/0/final/text/zh", "😀"), "reply.statuses[0].final: text.zh has a character above U+FFFF");
    refused_reply(with("/statuses/0/final", "第五条"), "reply.statuses[0].final: number is missing");
    // Only an adopted opinion is traced into the law.
    refused_reply(with("/statuses/0/status", "not_adopted"), "reply.statuses[0].final: only an adopted");
    // null is "not traced", as an absent field is.
    auto untraced = parse_sync_reply(with("/statuses/0/final", nullptr).dump());
    REQUIRE(untraced.ok());
    CHECK(untraced->skipped.empty());
    REQUIRE(untraced->statuses.size() == 1);
    CHECK_FALSE(untraced->statuses[0].final_article);
}
