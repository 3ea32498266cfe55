// The hub store's guestbook and meeting requests (hub/store, schema 4) on both back-ends: a push
// of both held once and repeated harmlessly, the guestbook paged newest first by kiosk and time
// with its counts, meeting requests filtered by status and deputy, an answer audited in its own
// transaction and fed to the kiosk that pushed the request (and no other), and a schema-3 store
// upgraded in place keeping its changes feed and its sequence.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

GuestbookEntry entry(const std::string& kiosk_name, const std::string& organisation, int people, std::int64_t at) {
    return GuestbookEntry{new_uuid_v7(at), organisation, "广东省珠海市", people, "学习交流", true, Lang::zh, kiosk_name, at};
}

MeetingRequest request(const std::string& kiosk_name, const std::string& deputy, std::int64_t at, bool contact = false) {
    MeetingRequest m;
    m.id = new_uuid_v7(at);
    m.deputy = deputy;
    m.topic = "小区停车难";
    if (contact) {
        m.name = "李阿姨";
        m.phone = "13912345678";
        m.consent = true;
    }
    m.kiosk = kiosk_name;
    m.created_at_ms = at;
    return m;
}

}  // namespace

TEST_CASE("guestbook entries and meeting requests are held once, listed and counted", "[hub][records]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string k1 = add_test_kiosk(*store, "hall-1"), k2 = add_test_kiosk(*store, "hall-2");

    SyncPush push;
    push.guestbook = {entry("hall-1", "甲单位", 12, test_ms(100)), entry("hall-1", "乙单位", 30, test_ms(200))};
    push.meetings = {request("hall-1", "he-jianguo", test_ms(150), true), request("hall-1", "luo-xiaomei", test_ms(250))};
    push.meetings[0].passport = std::string(32, 'c');
    auto first = store->ingest(k1, push, test_ms(300));
    REQUIRE(first.ok());
    CHECK(first->new_guestbook == 2);
    CHECK(first->new_meetings == 2);
    CHECK(first->held_guestbook == std::vector{push.guestbook[0].id, push.guestbook[1].id});
    CHECK(first->held_meetings == std::vector{push.meetings[0].id, push.meetings[1].id});
    // The same push again (a reply lost on the way): held, nothing new, the first copy kept.
    SyncPush again = push;
    again.guestbook[0].message = "changed on the way";
    auto second = store->ingest(k1, again, test_ms(400));
    REQUIRE(second.ok());
    CHECK(second->new_guestbook == 0);
    CHECK(second->new_meetings == 0);
    CHECK(second->held_guestbook == first->held_guestbook);

    SyncPush other;
    other.guestbook = {entry("hall-2", "丙单位", 5, test_ms(50))};
    REQUIRE(store->ingest(k2, other, test_ms(500)).ok());

    auto all = store->list_guestbook({});
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].entry.organisation == "乙单位");  // newest first
    CHECK((*all)[2].entry.organisation == "丙单位");
    CHECK((*all)[1].entry.message == "学习交流");
    CHECK((*all)[0].received_at_ms == test_ms(300));
    GuestbookQuery q;
    q.kiosk = "hall-1";
    q.since_ms = test_ms(150);
    auto filtered = store->list_guestbook(q);
    REQUIRE(filtered.ok());
    REQUIRE(filtered->size() == 1);
    CHECK(filtered->front().entry.organisation == "乙单位");
    GuestbookQuery page;
    page.limit = 1;
    page.offset = 1;
    CHECK(store->list_guestbook(page)->front().entry.organisation == "甲单位");

    auto counts = store->guestbook_counts();
    REQUIRE(counts.ok());
    CHECK(counts->entries == 3);
    CHECK(counts->people == 47);
    REQUIRE(counts->kiosks.size() == 2);
    CHECK(counts->kiosks[0].kiosk == "hall-1");
    CHECK(counts->kiosks[0].entries == 2);
    CHECK(counts->kiosks[0].people == 42);

    auto meetings = store->list_meetings({});
    REQUIRE(meetings.ok());
    REQUIRE(meetings->size() == 2);
    CHECK((*meetings)[0].request.name == "李阿姨");  // staff see contact details at the hub
    CHECK((*meetings)[0].request.passport == std::string(32, 'c'));
    CHECK((*meetings)[0].kiosk_id == k1);
    MeetingQuery by_deputy;
    by_deputy.deputy = "luo-xiaomei";
    CHECK(store->list_meetings(by_deputy)->size() == 1);
}

TEST_CASE("a meeting answer is audited and fed only to the kiosk that pushed the request", "[hub][records]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string k1 = add_test_kiosk(*store, "hall-1"), k2 = add_test_kiosk(*store, "hall-2");
    SecretKey admin = generate_key();
    REQUIRE(store->add_admin_key(admin.pub, test_ms()).ok());
    hub::AdminActor by{admin.pub.id};

    SyncPush push;
    push.meetings = {request("hall-1", "he-jianguo", test_ms(10))};
    REQUIRE(store->ingest(k1, push, test_ms(20)).ok());
    const std::string id = push.meetings[0].id;
    auto before = store->changes_since(k1, 0, 500);
    REQUIRE(before.ok());
    CHECK(before->meeting_statuses.empty());

    auto answered = store->answer_meeting(id, {MeetingStatus::arranged, "周三上午九点，联系点二楼。"}, test_ms(30), &by);
    REQUIRE(answered.ok());
    CHECK(answered->request.status == MeetingStatus::arranged);
    CHECK(answered->request.status_at_ms == test_ms(30));
    // The same answer again (a retried call): nothing to log, the feed gets it again.
    REQUIRE(store->answer_meeting(id, {MeetingStatus::arranged, "周三上午九点，联系点二楼。"}, test_ms(40), &by).ok());
    CHECK(store->answer_meeting(new_uuid_v7(test_ms()), {MeetingStatus::closed, ""}, test_ms(50), &by).error().code ==
          ErrorCode::not_found);

    auto feed = store->changes_since(k1, before->cursor, 500);
    REQUIRE(feed.ok());
    REQUIRE(feed->meeting_statuses.size() == 2);
    CHECK(feed->meeting_statuses[0].id == id);
    CHECK(feed->meeting_statuses[0].status == MeetingStatus::arranged);
    CHECK(feed->meeting_statuses[0].reply == "周三上午九点，联系点二楼。");
    CHECK(feed->meeting_statuses[0].at_ms == test_ms(30));
    CHECK(feed->statuses.empty());
    CHECK(store->changes_since(k2, 0, 500)->meeting_statuses.empty());
    // Paged like every change: one at a time with `more`.
    auto one = store->changes_since(k1, before->cursor, 1);
    REQUIRE(one.ok());
    CHECK(one->meeting_statuses.size() == 1);
    CHECK(one->more);

    AuditQuery aq;
    auto log = store->list_audit(aq);
    REQUIRE(log.ok());
    REQUIRE(log->size() == 1);
    CHECK(log->front().action == "meeting.answer");
    CHECK(log->front().target == id);
    CHECK(nlohmann::json::parse(log->front().before)["status"] == "received");
    CHECK(nlohmann::json::parse(log->front().after)["status"] == "arranged");
}

TEST_CASE("a schema-3 hub store is upgraded keeping its changes feed and sequence", "[hub][records]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    const std::string spec = fresh_spec(backend, dir);
    std::string kiosk;
    std::int64_t cursor_before = 0;
    std::string opinion_id;
    {
        auto store = open_ok(spec);
        kiosk = add_test_kiosk(*store, "hall-1");
        SyncPush push;
        push.opinions = {test_opinion("hall-1")};
        opinion_id = push.opinions[0].id;
        REQUIRE(store->ingest(kiosk, push, test_ms()).ok());
        REQUIRE(store->set_status(opinion_id, OpinionStatus::included, "已汇总", test_ms(1)).ok());
        REQUIRE(store->set_status(opinion_id, OpinionStatus::adopted, "采纳", test_ms(2)).ok());
        cursor_before = store->changes_since(kiosk, 0, 500)->cursor;
        REQUIRE(cursor_before >= 2);
    }
    // Back to what a schema-3 hub wrote: no guestbook or meeting tables, the feed's old shape.
    if (backend == "sqlite") {
        auto r = run_command("sqlite3 " + (dir / "hub.db").string() + " " + shell_quoted(schema_4_undone(backend)));
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    } else {
        PostgresServer::instance().exec(spec.substr(spec.rfind('/') + 1), schema_4_undone(backend));
    }

    auto store = open_ok(spec);
    // The old changes are still fed, and the ones after the upgrade come after them.
    auto old = store->changes_since(kiosk, 0, 500);
    REQUIRE(old.ok());
    CHECK(old->statuses.size() == 2);
    CHECK(old->cursor == cursor_before);
    SyncPush push;
    push.meetings = {request("hall-1", "he-jianguo", test_ms(5))};
    REQUIRE(store->ingest(kiosk, push, test_ms(6)).ok());
    REQUIRE(store->answer_meeting(push.meetings[0].id, {MeetingStatus::referred, "已转街道办"}, test_ms(7)).ok());
    auto next = store->changes_since(kiosk, cursor_before, 500);
    REQUIRE(next.ok());
    REQUIRE(next->meeting_statuses.size() == 1);
    CHECK(next->statuses.empty());
    CHECK(next->cursor > cursor_before);
    // The feed's CHECK still holds on the rebuilt table.
    SyncPush entries;
    entries.guestbook = {entry("hall-1", "甲单位", 3, test_ms(8))};
    CHECK(store->ingest(kiosk, entries, test_ms(9))->new_guestbook == 1);
}
