// The station's records end to end over HTTP on loopback against the real HubServer, on both store
// back-ends: a guestbook entry and a meeting request made at a kiosk (kiosk.db, its own rules)
// travel in a sync push; the kiosk marks them sent and erases the request's contact; staff list
// and export the guestbook and answer the request through the admin tool's command layer; the
// next sync brings the answer back and the visitor's passport shows it. Roles: contact details
// only for reviewers.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "admin-tool/ops/station_record_ops.h"
#include "core/content/bundle.h"
#include "core/i18n/date_text.h"
#include "tests/hub/admin_text_support.h"
#include "tests/hub/live_hub.h"
#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;
using nlohmann::json;

namespace {

// A hub on the wall clock (the admin tool signs with it) with the demo content published (its
// deputies) and an admin key with every role.
struct Rig {
    TempDir tmp;
    LiveHub hub;
    admin::HubConnection conn;
    RegisteredKiosk reg;
    std::unique_ptr<LocalKiosk> kiosk;
    LoadedBundle demo;
    std::int64_t cursor = 0;

    explicit Rig(const std::string& backend) : hub(fresh_spec(backend, tmp)) {
        hub.clock = &wall_clock_ms;
        hub.config.publisher_keys = {demo_publisher_key()};
        hub.start();
        conn.url = hub.url();
        conn.key = generate_key();
        REQUIRE(hub.store().add_admin_key(conn.key.pub, wall_clock_ms()).ok());
        std::string sig = read_text(demo_dir() / "demo.lxb.sig");
        auto r = admin::hub_call(conn, "POST", "/api/v1/admin/bundles", read_text(demo_dir() / "demo.lxb"),
                                 {{"Content-Type", "application/octet-stream"},
                                  {"X-Lianxin-Bundle-Signature",
                                   to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
        if (!r) FAIL(r.error().detail);
        reg = register_in_store(hub.store(), "hall-1");
        kiosk = std::make_unique<LocalKiosk>(reg, hub.certificate_key.pub);
        auto b = load_bundle(demo_dir() / "demo.lxb", {demo_publisher_key()});
        if (!b) FAIL(b.error().detail);
        demo = std::move(*b);
    }

    Moment now() const { return Moment{wall_clock_ms(), local_date_of(wall_clock_ms())}; }

    // One round of the sync agent's work, over HTTP: push, mark what the hub holds, apply its changes.
    SyncReply sync() {
        SyncPush push = kiosk->push(cursor);
        auto r = send(hub.url(), "POST", "/api/v1/sync", to_json(push), &reg.key, wall_clock_ms());
        INFO(r.body);
        REQUIRE(r.status == 200);
        auto reply = parse_sync_reply(r.body);
        if (!reply) FAIL(reply.error().detail);
        REQUIRE(mark_held(*kiosk->outbox, *kiosk->book, *kiosk->records, push, *reply, wall_clock_ms()).ok());
        auto applied = apply_sync_reply(*kiosk->db, *kiosk->book, *reply, wall_clock_ms());
        REQUIRE(applied.ok());
        CHECK(applied->skipped.empty());
        cursor = reply->cursor;
        return *reply;
    }
};

}  // namespace

TEST_CASE("a guestbook entry and a meeting request travel to the hub, the answer comes back to the passport",
          "[hub][http][records]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    Rig rig(backend);
    LocalKiosk& k = *rig.kiosk;
    REQUIRE(rig.demo.content.find_deputy("he-jianguo"));

    GuestbookDraft g;
    g.organisation = "武侯区人大常委会";
    g.origin = "四川省成都市";
    g.people = 18;
    g.message = "=HYPERLINK(\"http://x\",\"click\") 向联系点学习";
    g.on_wall = true;
    auto entry = k.records->submit_guestbook(g, rig.now());
    REQUIRE(entry.ok());
    Passport p = k.passport();
    MeetingDraft m;
    m.deputy = "he-jianguo";
    m.topic = "老旧小区加装电梯的费用分摊";
    m.name = kContactName;
    m.phone = kContactPhone;
    m.consent = true;
    m.passport = p.id;
    auto request = k.records->submit_meeting(m, rig.demo.content, rig.now());
    REQUIRE(request.ok());

    SyncReply first = rig.sync();
    CHECK(first.held_guestbook == std::vector{entry->id});
    CHECK(first.held_meetings == std::vector{request->id});
    CHECK(first.refused.empty());
    CHECK(*k.records->count_pending() == 0);
    CHECK(k.records->find_meeting(request->id)->phone.empty());  // contact erased once the hub holds it
    CHECK(k.records->find_meeting(request->id)->name.empty());

    // Staff: the guestbook, its count and export; the request with the resident's contact.
    auto book = admin::fetch_guestbook(rig.conn, {});
    REQUIRE(book.ok());
    REQUIRE(book->size() == 1);
    CHECK(book->front().entry.organisation == "武侯区人大常委会");
    CHECK(book->front().entry.people == 18);
    auto counts = admin::fetch_guestbook_counts(rig.conn);
    REQUIRE(counts.ok());
    CHECK(counts->entries == 1);
    CHECK(counts->people == 18);
    REQUIRE(counts->kiosks.size() == 1);
    CHECK(counts->kiosks[0].kiosk == "hall-1");

    TempDir out;
    REQUIRE(admin::export_guestbook(out.path() / "guestbook.csv", *book, english(), false).ok());
    std::string csv = read_text(out.path() / "guestbook.csv");
    CHECK(csv.rfind("\xef\xbb\xbf" "Entry id,Organisation,From,People,Message,Wall,Language,Kiosk,Signed\r\n", 0) == 0);
    CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\") 向联系点学习\"") != std::string::npos);
    CHECK_FALSE(admin::export_guestbook(out.path() / "guestbook.csv", *book, english(), false).ok());
    REQUIRE(admin::export_guestbook(out.path() / "guestbook.xlsx", *book, english(), false).ok());
    auto read = run_command("/usr/bin/python3 " + std::string(LIANXIN_SOURCE_DIR) + "/tests/support/read_xlsx.py '" +
                            (out.path() / "guestbook.xlsx").string() + "' 2>&1");
    INFO(read.output.substr(0, 2000));
    REQUIRE(read.exit_code == 0);
    json sheets = json::parse(read.output);
    REQUIRE(sheets.size() == 1);
    CHECK(sheets[0]["name"] == "Guestbook");
    REQUIRE(sheets[0]["rows"].size() == 2);
    CHECK(sheets[0]["rows"][1][1][0] == "武侯区人大常委会");
    CHECK(sheets[0]["rows"][1][3][0] == 18);
    CHECK(sheets[0]["rows"][1][3][1] == "n");
    CHECK(sheets[0]["rows"][1][4][1] == "s");  // the formula stays text

    MeetingQuery open;
    open.status = MeetingStatus::received;
    auto requests = admin::fetch_meetings(rig.conn, open);
    REQUIRE(requests.ok());
    REQUIRE(requests->size() == 1);
    CHECK(requests->front().request.phone == kContactPhone);
    CHECK(requests->front().with_passport);
    CHECK(requests->front().request.deputy == "he-jianguo");

    // The answer, judged by the kiosks' reply rule before it is sent.
    CHECK(admin::answer_meeting(rig.conn, request->id, {MeetingStatus::arranged, "\x01"}).error().code ==
          ErrorCode::invalid_input);
    auto answered = admin::answer_meeting(rig.conn, request->id, {MeetingStatus::arranged, "3月5日上午9点，联系点二楼接待室。"});
    REQUIRE(answered.ok());
    CHECK(answered->request.status == MeetingStatus::arranged);
    CHECK(admin::fetch_meetings(rig.conn, open)->empty());

    SyncReply second = rig.sync();
    REQUIRE(second.meeting_statuses.size() == 1);
    auto mine = k.records->meetings_for_passport(p.id);
    REQUIRE(mine.ok());
    REQUIRE(mine->size() == 1);
    CHECK(mine->front().status == MeetingStatus::arranged);
    CHECK(mine->front().reply == "3月5日上午9点，联系点二楼接待室。");
    auto booklet = k.book->booklet(p.id);
    REQUIRE(booklet.ok());
    REQUIRE(booklet->meetings.size() == 1);
    CHECK(booklet->meetings[0].reply == "3月5日上午9点，联系点二楼接待室。");
    REQUIRE(booklet->stamps.size() == 1);
    CHECK(booklet->stamps[0].kind == StampKind::meeting);

    // Replayed: the same records pushed again are held once.
    SyncPush replay;
    replay.kiosk = k.id;
    replay.cursor = rig.cursor;
    replay.guestbook = {*entry};
    replay.meetings = {*request};
    auto r = send(rig.hub.url(), "POST", "/api/v1/sync", to_json(replay), &rig.reg.key, wall_clock_ms());
    REQUIRE(r.status == 200);
    auto again = parse_sync_reply(r.body);
    REQUIRE(again.ok());
    CHECK(again->held_guestbook == std::vector{entry->id});
    CHECK(again->held_meetings == std::vector{request->id});
    CHECK(rig.hub.store().list_guestbook({})->size() == 1);
    CHECK(rig.hub.store().list_meetings({})->front().request.status == MeetingStatus::arranged);  // first copy kept
}

TEST_CASE("meeting requests and their contact details need the reviewer role; the guestbook any role",
          "[hub][http][records]") {
    Rig rig("sqlite");
    SecretKey editor = generate_key();
    REQUIRE(rig.hub.store().add_admin_key(editor.pub, wall_clock_ms(), static_cast<AdminRoles>(AdminRole::editor)).ok());
    admin::HubConnection as_editor{rig.hub.url(), editor};
    CHECK(admin::fetch_guestbook(as_editor, {}).ok());
    CHECK(admin::fetch_guestbook_counts(as_editor).ok());
    auto refused = admin::fetch_meetings(as_editor, {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().detail.find("reviewer") != std::string::npos);
    CHECK_FALSE(admin::answer_meeting(as_editor, new_uuid_v7(wall_clock_ms()), {MeetingStatus::closed, ""}).ok());
    // An unknown request: 404 through the ops.
    auto missing = admin::answer_meeting(rig.conn, new_uuid_v7(wall_clock_ms()), {MeetingStatus::closed, ""});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().detail.find("no meeting request") != std::string::npos);
    // Filters the hub does not know are refused, not ignored.
    auto bad = send(rig.hub.url(), "GET", "/api/v1/admin/meetings?stance=support", "", &rig.conn.key, wall_clock_ms());
    CHECK(bad.status == 400);
    bad = send(rig.hub.url(), "GET", "/api/v1/admin/guestbook?limit=1001", "", &rig.conn.key, wall_clock_ms());
    CHECK(bad.status == 400);
}

TEST_CASE("a meeting request for a deputy the published content lacks is refused and kept at the kiosk",
          "[hub][http][records]") {
    Rig rig("sqlite");
    LocalKiosk& k = *rig.kiosk;
    ContentSet stale = rig.demo.content;  // the kiosk's content still lists a deputy since removed
    Deputy gone;
    gone.id = "retired-deputy";
    stale.deputies.push_back(gone);
    MeetingDraft m;
    m.deputy = "retired-deputy";
    m.topic = "社区食堂";
    auto request = k.records->submit_meeting(m, stale, rig.now());
    REQUIRE(request.ok());
    GuestbookDraft g;
    g.organisation = "甲单位";
    g.origin = "北京";
    g.people = 3;
    REQUIRE(k.records->submit_guestbook(g, rig.now()).ok());
    SyncReply reply = rig.sync();
    REQUIRE(reply.refused.size() == 1);
    CHECK(reply.refused[0].kind == "meeting");
    CHECK(reply.refused[0].id == request->id);
    CHECK(reply.refused[0].reason.find("deputy") != std::string::npos);
    CHECK(reply.held_guestbook.size() == 1);  // the rest of the push is held
    CHECK(*k.records->count_pending() == 0);
    CHECK(k.records->find_meeting(request->id).ok());  // kept, marked refused
    CHECK(count_sync_problems(*k.db)->refused_by_hub == 1);
}
