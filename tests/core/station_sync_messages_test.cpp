// The station's records in the sync messages (core/sync/sync_messages.h): guestbook entries,
// meeting requests, their held lists and staff's answers survive the JSON round trip; the answers
// never carry contact details; and a peer older than these records (no such lists in its push or
// reply) is understood as sending none, while a kiosk keeps its records pending against it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/uuid.h"
#include "core/content/content_model.h"
#include "core/crypto/signing_keys.h"
#include "core/sync/kiosk_sync.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using json = nlohmann::json;

namespace {

constexpr std::int64_t kT = 1799544600250;

GuestbookEntry entry() {
    return GuestbookEntry{new_uuid_v7(kT), "武侯区人大常委会", "四川省成都市", 18, "学习联系点的经验。\n谢谢！", true,
                          Lang::zh, "hall-1", kT};
}

MeetingRequest request() {
    MeetingRequest m;
    m.id = new_uuid_v7(kT + 1);
    m.deputy = "he-jianguo";
    m.topic = "老旧小区加装电梯";
    m.name = "李阿姨";
    m.phone = "028-12345678";
    m.consent = true;
    m.passport = passport_id_text(new_passport_id());
    m.language = Lang::en;
    m.kiosk = "hall-1";
    m.created_at_ms = kT + 1;
    return m;
}

}  // namespace

TEST_CASE("guestbook entries and meeting requests survive the push's JSON round trip", "[core][sync][records]") {
    SyncPush p;
    p.kiosk = "kiosk-1";
    p.guestbook = {entry()};
    p.meetings = {request()};
    MeetingRequest plain = request();
    plain.id = new_uuid_v7(kT + 2);
    plain.passport.reset();
    plain.name.clear();
    plain.phone.clear();
    plain.consent = false;
    p.meetings.push_back(plain);
    auto back = parse_sync_push(to_json(p));
    REQUIRE(back.ok());
    CHECK(back->refused.empty());
    REQUIRE(back->guestbook.size() == 1);
    const GuestbookEntry& g = back->guestbook[0];
    CHECK(g.id == p.guestbook[0].id);
    CHECK(g.organisation == "武侯区人大常委会");
    CHECK(g.origin == "四川省成都市");
    CHECK(g.people == 18);
    CHECK(g.message == "学习联系点的经验。\n谢谢！");
    CHECK(g.on_wall);
    CHECK(g.kiosk == "hall-1");
    CHECK(g.created_at_ms == kT);
    REQUIRE(back->meetings.size() == 2);
    const MeetingRequest& m = back->meetings[0];
    CHECK(m.id == p.meetings[0].id);
    CHECK(m.deputy == "he-jianguo");
    CHECK(m.topic == "老旧小区加装电梯");
    CHECK(m.name == "李阿姨");
    CHECK(m.phone == "028-12345678");
    CHECK(m.consent);
    CHECK(m.passport == p.meetings[0].passport);
    CHECK(m.language == Lang::en);
    CHECK_FALSE(back->meetings[1].passport);
    CHECK_FALSE(back->meetings[1].consent);
    // Absent rather than empty: no passport, no contact.
    json j = json::parse(to_json(p));
    CHECK_FALSE(j["meetings"][1].contains("passport"));
    CHECK_FALSE(j["meetings"][1].contains("contact_phone"));
}

TEST_CASE("staff's answers survive the reply's JSON round trip, without any contact detail", "[core][sync][records]") {
    SyncReply r;
    MeetingRequest m = request();
    r.held_guestbook = {entry().id};
    r.held_meetings = {m.id};
    r.meeting_statuses = {MeetingStatusChange{m.id, MeetingStatus::arranged, "3月5日上午9点，二楼。", kT + 9}};
    std::string text = to_json(r);
    CHECK(text.find("李阿姨") == std::string::npos);
    CHECK(text.find("028-12345678") == std::string::npos);
    auto back = parse_sync_reply(text);
    REQUIRE(back.ok());
    CHECK(back->skipped.empty());
    CHECK(back->held_guestbook == r.held_guestbook);
    CHECK(back->held_meetings == r.held_meetings);
    REQUIRE(back->meeting_statuses.size() == 1);
    CHECK(back->meeting_statuses[0].id == m.id);
    CHECK(back->meeting_statuses[0].status == MeetingStatus::arranged);
    CHECK(back->meeting_statuses[0].reply == "3月5日上午9点，二楼。");
    CHECK(back->meeting_statuses[0].at_ms == kT + 9);
    // An answer with an unknown status, or a held id of the wrong form, is skipped alone.
    json j = json::parse(text);
    j["meeting_statuses"].push_back({{"id", new_uuid_v7(kT)}, {"status", "adopted"}, {"reply", ""}, {"at_ms", 1}});
    j["held_meetings"].push_back("not-an-id");
    auto skipping = parse_sync_reply(j.dump());
    REQUIRE(skipping.ok());
    CHECK(skipping->meeting_statuses.size() == 1);
    CHECK(skipping->held_meetings == r.held_meetings);
    REQUIRE(skipping->skipped.size() == 2);
}

TEST_CASE("a peer older than the station's records sends none, and the kiosk keeps its own pending against it",
          "[core][sync][records]") {
    // An older kiosk's push and an older hub's reply: no such lists at all.
    auto push = parse_sync_push(R"({"protocol": 1, "kiosk": "kiosk-1", "cursor": 3, "opinions": []})");
    REQUIRE(push.ok());
    CHECK(push->guestbook.empty());
    CHECK(push->meetings.empty());
    auto reply = parse_sync_reply(R"({"protocol": 1, "held_opinions": [], "cursor": 7, "more": false})");
    REQUIRE(reply.ok());
    CHECK(reply->held_guestbook.empty());
    CHECK(reply->meeting_statuses.empty());

    // A kiosk whose records met that reply: nothing marked, nothing lost, pushed again next time.
    test::TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "hall-1");
    PassportBook book(**db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {}, ""});
    StationRecords records(**db, "hall-1");
    GuestbookDraft g;
    g.organisation = "甲单位";
    g.origin = "北京";
    g.people = 4;
    REQUIRE(records.submit_guestbook(g, Moment{kT, {2027, 1, 10}}).ok());
    auto collected = collect_sync_push(outbox, book, records);
    REQUIRE(collected.ok());
    REQUIRE(collected->guestbook.size() == 1);
    auto marks = mark_held(outbox, book, records, *collected, *reply, kT + 5);
    REQUIRE(marks.ok());
    CHECK(marks->total() == 0);
    CHECK(*records.count_pending() == 1);
    CHECK(collect_sync_push(outbox, book, records)->guestbook.size() == 1);
}
