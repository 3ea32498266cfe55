// Poison guestbook entries and meeting requests in both sync directions, against a real hub on
// SQLite and PostgreSQL and a real kiosk (kiosk.db + SyncAgent): malformed or oversized records
// in a push are refused one by one with their field; rows the kiosk's rules would not store today
// are refused, kept and marked while the rest go on; an answer the kiosk cannot take is skipped,
// reported and passed by the cursor; a record pushed twice is held once.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/base/uuid.h"
#include "core/content/content_model.h"

#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;
using json = nlohmann::json;

namespace {

ContentSet station() {
    ContentSet c;
    Deputy d;
    d.id = "he-jianguo";
    c.deputies.push_back(d);
    return c;
}

Moment live_moment() { return Moment{live_ms(), live_date()}; }

GuestbookDraft delegation() {
    GuestbookDraft g;
    g.organisation = "甲单位";
    g.origin = "北京市";
    g.people = 6;
    return g;
}

}  // namespace

TEST_CASE("hostile: malformed guestbook entries and meeting requests are refused one by one, each with its field",
          "[hostile][sync][poison][records]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    REQUIRE(rig.kiosk->records->submit_guestbook(delegation(), live_moment()).ok());
    MeetingDraft m;
    m.deputy = "he-jianguo";
    m.topic = "停车";
    REQUIRE(rig.kiosk->records->submit_meeting(m, station(), live_moment()).ok());
    json good = json::parse(to_json(rig.kiosk->push()));
    const json base_entry = good["guestbook"][0], base_meeting = good["meetings"][0];
    struct Case {
        const char* list;
        const char* field;
        json value;
        const char* reason;
    };
    const Case cases[] = {
        {"guestbook", "organisation", repeat("单", kGuestbookOrganisationMaxChars + 1), ".organisation: too_long"},
        {"guestbook", "organisation", "", ".organisation: empty"},
        {"guestbook", "origin", "北京\a", ".origin: control_character"},
        {"guestbook", "origin", "北京\n海淀", ".origin: control_character"},
        {"guestbook", "origin", std::string("a\0b", 3), ".origin: control_character"},
        {"guestbook", "message", repeat("言", kGuestbookMessageMaxChars + 1), ".message: too_long"},
        {"guestbook", "message", "表情😀", ".message: unsupported_character"},
        {"guestbook", "people", 0, ".people: out_of_range"},
        {"guestbook", "people", kGuestbookPeopleMax + 1, ".people: out_of_range"},
        {"guestbook", "people", "12", ".people: must be a whole number"},
        {"guestbook", "people", 1e30, ".people: must be a whole number"},
        {"guestbook", "on_wall", "yes", ".on_wall: must be true or false"},
        {"guestbook", "organisation", " 甲单位", ".organisation: invalid"},
        {"guestbook", "lang", "fr", ".lang: unknown language"},
        {"meetings", "topic", repeat("事", kMeetingTopicMaxChars + 1), ".topic: too_long"},
        {"meetings", "topic", "  ", ".topic: empty"},
        {"meetings", "deputy", "he jianguo", ".deputy: invalid"},
        {"meetings", "deputy", std::string(kContentIdMaxBytes + 1, 'd'), ".deputy: 65 bytes"},
        {"meetings", "contact_phone", "13812345678", ".contact_consent: without_consent"},
        {"meetings", "passport", "JJ1-ABCD", ".passport"},
        {"meetings", "created_at_ms", 0, ".created_at_ms"},
    };
    json push = good;
    push["guestbook"] = json::array({base_entry});
    push["meetings"] = json::array({base_meeting});
    std::vector<std::string> bad_ids;
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        json r = std::string(cases[i].list) == "guestbook" ? base_entry : base_meeting;
        r["id"] = new_uuid_v7(live_ms() + 10 + static_cast<std::int64_t>(i));
        r[cases[i].field] = cases[i].value;
        bad_ids.push_back(r["id"]);
        push[cases[i].list].push_back(r);
    }
    // The same record twice: held once, the first copy kept.
    json twice = base_entry;
    twice["message"] = "第二份";
    push["guestbook"].push_back(twice);

    SyncReply reply = push_raw(rig, push.dump());
    CHECK(reply.held_guestbook == std::vector<std::string>{base_entry["id"].get<std::string>()});
    CHECK(reply.held_meetings == std::vector<std::string>{base_meeting["id"].get<std::string>()});
    REQUIRE(reply.refused.size() == std::size(cases));
    // Refusals come list by list: the guestbook's first, then the meetings'.
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        INFO(cases[i].list << "." << cases[i].field << " " << cases[i].reason);
        CHECK(reply.refused[i].kind == (std::string(cases[i].list) == "guestbook" ? "guestbook" : "meeting"));
        CHECK(reply.refused[i].id == bad_ids[i]);
        CHECK_THAT(reply.refused[i].reason, Catch::Contains(cases[i].reason));
    }
    auto kept = rig.hub.store().list_guestbook({});
    REQUIRE(kept->size() == 1);
    CHECK(kept->front().entry.message.empty());
    CHECK(rig.hub.store().list_meetings({})->size() == 1);
}

TEST_CASE("hostile: station records kiosk.db holds but the hub refuses are kept and marked, the rest go on",
          "[hostile][sync][poison][records]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend, /*with_content=*/true);
    // Rows the kiosk's own rules would not store today (an older kiosk's limits): straight in.
    const std::string long_entry = new_uuid_v7(live_ms()), unknown_deputy = new_uuid_v7(live_ms() + 1);
    rig.kiosk->db->locked([&](SqliteDb& s) {
        auto st = s.prepare(
            "INSERT INTO guestbook(id, organisation, origin, people, message, on_wall, lang, kiosk, created_at) "
            "VALUES(?, ?, '北京', 3, '', 1, 'zh', 'hall-1', ?)");
        st.add(long_entry).add(repeat("长", kGuestbookOrganisationMaxChars + 5)).add(live_ms());
        st.run();
        auto m = s.prepare(
            "INSERT INTO meeting_requests(id, deputy, topic, contact_name, contact_phone, contact_consent, lang, kiosk, "
            "created_at) VALUES(?, 'no-such-deputy', '停车', '王芳', '13812345678', 1, 'zh', 'hall-1', ?)");
        m.add(unknown_deputy).add(live_ms());
        m.run();
    });
    auto good = rig.kiosk->records->submit_guestbook(delegation(), live_moment());
    REQUIRE(good.ok());
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.status().refused_records == 2);
    CHECK(rig.status().last_error.empty());
    auto held = rig.hub.store().list_guestbook({});
    REQUIRE(held->size() == 1);
    CHECK(held->front().entry.id == good->id);
    CHECK_THAT(rig.kiosk_value("SELECT reason FROM sync_problems WHERE ref = ?", long_entry),
               Catch::Contains("organisation: too_long"));
    CHECK_THAT(rig.kiosk_value("SELECT reason FROM sync_problems WHERE ref = ?", unknown_deputy),
               Catch::Contains("'no-such-deputy' is not in the published content"));
    // Kept, contact details and all, never marked sent.
    CHECK(rig.kiosk_value("SELECT contact_phone FROM meeting_requests WHERE id = ?", unknown_deputy) == "13812345678");
    CHECK(rig.kiosk_value("SELECT sent_at FROM guestbook WHERE id = ?", long_entry) == "(null)");

    // After a restart they stay out of the pushes and new records go through.
    rig.restart();
    auto later = rig.kiosk->records->submit_guestbook(delegation(), live_moment());
    REQUIRE(later.ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.drained() && rig.hub.store().list_guestbook({})->size() == 2; }));
    CHECK(rig.status().refused_records == 2);
}

TEST_CASE("hostile: an answer the kiosk cannot take is skipped and reported, and the cursor passes it",
          "[hostile][sync][poison][records]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    MeetingDraft m;
    m.deputy = "he-jianguo";
    m.topic = "加装电梯";
    auto poisoned = rig.kiosk->records->submit_meeting(m, station(), live_moment());
    auto plain = rig.kiosk->records->submit_meeting(m, station(), live_moment());
    REQUIRE(poisoned.ok());
    REQUIRE(plain.ok());
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));

    // Written straight into the hub's store, as an older hub with looser limits did: an answer
    // over the kiosk's reply limit, then one with a character the kiosk cannot draw, then a fine one.
    auto& store = rig.hub.store();
    REQUIRE(store.answer_meeting(poisoned->id, {MeetingStatus::arranged, repeat("x", kReplyMaxChars + 1)}, live_ms()).ok());
    REQUIRE(store.answer_meeting(plain->id, {MeetingStatus::closed, "表情😀"}, live_ms() + 1).ok());
    REQUIRE(store.answer_meeting(plain->id, {MeetingStatus::referred, "已转街道办"}, live_ms() + 2).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] {
        auto r = rig.kiosk->records->find_meeting(plain->id);
        return r && r->status == MeetingStatus::referred;
    }));
    CHECK(rig.kiosk->records->find_meeting(plain->id)->reply == "已转街道办");
    CHECK(rig.kiosk->records->find_meeting(poisoned->id)->status == MeetingStatus::received);
    CHECK(rig.kiosk_count("SELECT count(*) FROM sync_problems WHERE direction = 'skipped_here' AND kind = 'meeting_status'") ==
          2);
    CHECK_THAT(rig.kiosk_value("SELECT reason FROM sync_problems WHERE ref = ?", poisoned->id),
               Catch::Contains("reply.meeting_statuses"));
    // The skips reached the hub in a later push, and the cursor is past the poison.
    REQUIRE(eventually([&] {
        return rig.kiosk_count("SELECT count(*) FROM sync_problems WHERE reported_at IS NULL") == 0;
    }));
    CHECK(std::stoll(rig.kiosk_value("SELECT cursor FROM sync_state")) >= 3);

    // A corrected answer after it is applied.
    REQUIRE(store.answer_meeting(poisoned->id, {MeetingStatus::arranged, "周五下午。"}, live_ms() + 3).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk->records->find_meeting(poisoned->id)->reply == "周五下午。"; }));
}
