// Poison records in both sync directions, against a real hub on SQLite and PostgreSQL and a real
// kiosk (kiosk.db + SyncAgent): a value one side accepts and the other refuses must be skipped and
// reported, never a block on sync — with the corrected record after it, and after a restart.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/base/uuid.h"
#include "core/text/utf8.h"

#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;
using json = nlohmann::json;

namespace {

// An opinion row written straight into kiosk.db: what an older kiosk with other limits, or a
// damaged input path, may have left there. The kiosk's own rules would not store it today.
void insert_raw_opinion(SyncRig& rig, const std::string& id, const std::string& consultation, const std::string& text) {
    rig.kiosk->db->locked([&](SqliteDb& s) {
        auto st = s.prepare(
            "INSERT INTO opinions(id, consultation, article, stance, text, contact_name, contact_phone, "
            "contact_consent, lang, kiosk, created_at) VALUES(?, ?, 3, 'support', ?, '王芳', '13812345678', 1, 'zh', "
            "'hall-1', ?)");
        st.add(id).add(consultation).add(text).add(live_ms());
        st.run();
    });
}

}  // namespace

TEST_CASE("hostile: a status the kiosk cannot take is skipped and reported, and the cursor passes it",
          "[hostile][sync][poison]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    OpinionId poisoned = rig.kiosk->opinion();
    OpinionId plain = rig.kiosk->opinion();
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));

    // Written straight into the hub's store, as an older hub with looser limits did: a reply over
    // the kiosk's limit, and a fine status for the other opinion after it.
    std::string too_long = repeat("x", kReplyMaxChars + 1000);
    REQUIRE(rig.hub.store().set_status(poisoned, OpinionStatus::not_adopted, too_long, live_ms()).ok());
    REQUIRE(rig.hub.store().set_status(plain, OpinionStatus::included, "已纳入", live_ms() + 1).ok());
    rig.agent->nudge();
    const std::string status_sql = "SELECT status || ':' || reply FROM opinion_statuses WHERE opinion = ?";
    REQUIRE(eventually([&] { return rig.kiosk_value(status_sql, plain) == "included:已纳入"; }));
    CHECK(rig.kiosk_value(status_sql, poisoned) == "(none)");
    REQUIRE(eventually([&] { return rig.status().skipped_changes == 1; }));
    // Not blocked: the agent goes back to idle (it may be sending the report this moment).
    CHECK(eventually([&] { return rig.status().state == SyncState::idle; }));
    CHECK_THAT(rig.status().last_problem, Catch::Contains("status " + poisoned) && Catch::Contains("reply"));
    // The next push carried the report to the hub.
    REQUIRE(eventually([&] {
        return rig.kiosk_value("SELECT reported_at IS NOT NULL FROM sync_problems WHERE ref = ?", poisoned) == "1";
    }));

    // Staff correct the reply: the corrected status after the poison one is applied.
    REQUIRE(rig.hub.store().set_status(poisoned, OpinionStatus::not_adopted, "不予采纳：已有规定。", live_ms() + 2).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_value(status_sql, poisoned) == "not_adopted:不予采纳：已有规定。"; }));

    // After a restart the skipped change stays skipped (the cursor is past it) and sync goes on.
    rig.restart();
    OpinionId later = rig.kiosk->opinion();
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.drained() && opinion_rows(rig.hub.store()).count(later); }));
    CHECK(rig.status().skipped_changes == 1);
}

TEST_CASE("hostile: every kind of poison entry in a reply is skipped and the rest applies", "[hostile][sync][poison]") {
    TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    SecretKey kiosk_key = generate_key(), cert_key = generate_key();
    PassportBook book(**db, PassportSettings{"hall-1", "JJ1", kiosk_key, {}, {cert_key.pub}, "https://x.example"});
    std::string good = new_uuid_v7(live_ms()), serial = "0123456789abcdef";
    json reply = {{"protocol", 1}, {"cursor", 42}, {"more", false},
                  {"held_opinions", {"not-a-uuid", 7}},
                  {"held_passports", {"ABC"}},
                  {"statuses",
                   {{{"opinion", good}, {"status", "adopted"}, {"reply", "采纳"}, {"at_ms", 5}},
                    {{"opinion", new_uuid_v7(live_ms())}, {"status", "accepted"}, {"at_ms", 5}},           // unknown code
                    {{"opinion", new_uuid_v7(live_ms())}, {"status", "included"}, {"at_ms", -1}},          // negative time
                    {{"opinion", new_uuid_v7(live_ms())}, {"status", "included"}, {"reply", "bell\a"}, {"at_ms", 5}},
                    {{"opinion", new_uuid_v7(live_ms())}, {"status", "included"}, {"reply", std::string("a\0b", 3)},
                     {"at_ms", 5}},
                    {{"opinion", new_uuid_v7(live_ms())}, {"status", "included"}, {"reply", "😀"}, {"at_ms", 5}},
                    {{"opinion", "0190F5E2-7C1A-7B3D-9E4F-0123456789AB"}, {"status", "included"}, {"at_ms", 5}},
                    "not an object"}},
                  {"certificates", {"LXP1:not-a-certificate", 12, "LXC1:forged"}},
                  {"revoked_certificates", {serial, "0123456789ABCDEF", -3}},
                  {"bundle_version", "../../etc/passwd"}};
    auto parsed = parse_sync_reply(reply.dump());
    REQUIRE(parsed.ok());
    CHECK(parsed->statuses.size() == 1);
    CHECK(parsed->revoked_certificates == std::vector<std::string>{serial});
    CHECK(parsed->bundle_version.empty());
    auto applied = apply_sync_reply(**db, book, *parsed, live_ms());
    REQUIRE(applied.ok());
    CHECK(applied->statuses == 1);
    CHECK(applied->revocations == 1);
    auto state = load_sync_state(**db);
    REQUIRE(state.ok());
    CHECK(state->cursor == 42);  // the poison entries did not hold the cursor back
    auto counts = count_sync_problems(**db);
    REQUIRE(counts.ok());
    // 3 held ids, 7 statuses, 3 certificates (2 by shape, 1 that does not verify), 2 serials, the bundle version.
    CHECK(counts->skipped_here == 16);
    std::int64_t up_to = 0;
    auto report = unreported_skips(**db, kSyncMaxBatch, up_to);
    REQUIRE(report.ok());
    CHECK(report->size() == 16);
    for (auto& p : *report) {
        CHECK(p.reason.size() <= kSyncMaxReasonBytes);
        CHECK(utf8::is_valid(p.reason));
    }
}

TEST_CASE("hostile: a record the hub refuses is kept and marked, and the kiosk's other records go on",
          "[hostile][sync][poison]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend, /*with_content=*/true);
    // Poison records in kiosk.db: over the limit (an older kiosk's), a control character, a NUL
    // byte, a consultation and an article the hub's published content does not have.
    std::string too_long = new_uuid_v7(live_ms()), bell = new_uuid_v7(live_ms() + 1), nul = new_uuid_v7(live_ms() + 2),
                no_draft = new_uuid_v7(live_ms() + 3), no_article = new_uuid_v7(live_ms() + 4);
    insert_raw_opinion(rig, too_long, "property-rules", repeat("长", kOpinionTextMaxChars + 1));
    insert_raw_opinion(rig, bell, "property-rules", "响铃\a");
    insert_raw_opinion(rig, nul, "property-rules", std::string("空\0字", 5));
    insert_raw_opinion(rig, no_draft, "no-such-draft", "没有这个草案");
    insert_raw_opinion(rig, no_article, "property-rules", "没有这一条");
    rig.kiosk->db->locked([&](SqliteDb& s) {
        auto st = s.prepare("UPDATE opinions SET article = 999 WHERE id = ?");
        st.add(no_article);
        st.run();
    });
    OpinionId good = rig.kiosk->opinion("", true);
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));

    auto held = opinion_rows(rig.hub.store());
    CHECK(held == std::map<std::string, int>{{good, 1}});
    CHECK(rig.status().refused_records == 5);
    CHECK(rig.status().last_error.empty());
    for (const std::string& id : {too_long, bell, nul, no_draft, no_article}) {
        INFO(id);
        // Kept in kiosk.db, contact details and all, and marked with the hub's reason.
        CHECK(rig.kiosk_value("SELECT contact_phone FROM opinions WHERE id = ?", id) == "13812345678");
        CHECK(rig.kiosk_value("SELECT sent_at FROM opinions WHERE id = ?", id) == "(null)");
        CHECK(rig.kiosk_value("SELECT direction FROM sync_problems WHERE ref = ?", id) == "refused_by_hub");
    }
    CHECK_THAT(rig.kiosk_value("SELECT reason FROM sync_problems WHERE ref = ?", too_long), Catch::Contains("text_too_long"));
    CHECK_THAT(rig.kiosk_value("SELECT reason FROM sync_problems WHERE ref = ?", no_draft),
               Catch::Contains("'no-such-draft' is not in the published content"));
    CHECK_THAT(rig.kiosk_value("SELECT reason FROM sync_problems WHERE ref = ?", no_article),
               Catch::Contains("999 is not an article"));
    // The good opinion's contact details left with it, as always.
    CHECK(rig.kiosk_value("SELECT contact_phone FROM opinions WHERE id = ?", good) == "(null)");

    // After a restart the refused records stay out of the pushes and new ones go through.
    rig.restart();
    OpinionId later = rig.kiosk->opinion();
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.drained() && opinion_rows(rig.hub.store()).count(later); }));
    CHECK(rig.status().refused_records == 5);
    CHECK(rig.kiosk_count("SELECT count(*) FROM opinions") == 7);
}

TEST_CASE("hostile: malformed records in a push are refused one by one, each with its field",
          "[hostile][sync][poison]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    rig.kiosk->opinion();
    json good = json::parse(to_json(rig.kiosk->push()));
    json base_opinion = good["opinions"][0];
    struct Case {
        const char* field;
        json value;
        const char* reason;
    };
    const Case cases[] = {
        {"text", repeat("长", kOpinionTextMaxChars + 1), ".text: text_too_long"},
        {"text", "bell\a", ".text: text_control_character"},
        {"text", std::string("a\0b", 3), ".text: text_control_character"},
        {"text", "表情😀", ".text: text_unsupported_character"},
        {"stance", "maybe", ".stance: unknown stance"},
        {"lang", "fr", ".lang: unknown language"},
        {"article", -1, ".article: -1 is out of range"},
        {"article", kArticleMax + 1, ".article: 65536 is out of range"},
        {"created_at_ms", -5, ".created_at_ms"},
        {"consultation", std::string(kMaxConsultationIdBytes + 1, 'c'), ".consultation"},
        {"kiosk", std::string(kKioskNameMaxBytes + 1, 'k'), ".kiosk: 101 bytes"},
        {"contact_name", repeat("名", kContactNameMaxChars + 1), ".contact_name: name_too_long"},
        {"passport", "JJ1-ABCD", ".passport"},
    };
    json push = good;
    push["opinions"] = json::array({base_opinion});
    std::vector<std::string> bad_ids;
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        json o = base_opinion;
        o["id"] = new_uuid_v7(live_ms() + 10 + static_cast<std::int64_t>(i));
        o[cases[i].field] = cases[i].value;
        if (std::string(cases[i].field) == "contact_name") {
            o["contact_phone"] = "13812345678";
            o["contact_consent"] = true;
        }
        bad_ids.push_back(o["id"]);
        push["opinions"].push_back(o);
    }
    // An id of the wrong shape is still quoted back, so a kiosk could mark it.
    json wrong_id = base_opinion;
    wrong_id["id"] = "not-a-uuid";
    push["opinions"].push_back(wrong_id);

    SyncReply reply = push_raw(rig, push.dump());
    CHECK(reply.held_opinions == std::vector<std::string>{base_opinion["id"].get<std::string>()});
    REQUIRE(reply.refused.size() == std::size(cases) + 1);
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        INFO(cases[i].field << " " << cases[i].reason);
        CHECK(reply.refused[i].kind == "opinion");
        CHECK(reply.refused[i].id == bad_ids[i]);
        CHECK_THAT(reply.refused[i].reason, Catch::Contains(cases[i].reason));
    }
    CHECK(reply.refused.back().id == "not-a-uuid");
    CHECK(opinion_rows(rig.hub.store()).size() == 1);
}

TEST_CASE("hostile: the same record twice in one push is held once", "[hostile][sync][poison]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    Passport p = rig.kiosk->passport();
    OpinionId id = rig.kiosk->opinion(p.id);
    json push = json::parse(to_json(rig.kiosk->push()));
    for (const char* list : {"opinions", "passports", "stamps"}) {
        json copy = push[list][0];
        if (std::string(list) == "opinions") copy["text"] = "第二份，内容不同";  // the first copy wins
        push[list].push_back(copy);
    }
    SyncReply reply = push_raw(rig, push.dump());
    CHECK(reply.held_opinions == std::vector<std::string>{id});
    CHECK(reply.held_passports == std::vector<std::string>{p.id});
    CHECK(reply.held_stamps.size() == 1);
    CHECK(reply.refused.empty());
    CHECK(opinion_rows(rig.hub.store()) == std::map<std::string, int>{{id, 1}});
    auto stored = rig.hub.store().find_opinion(id);
    REQUIRE(stored.ok());
    CHECK(stored->opinion.text == "收费应当按季度公示。");
}
