// The hall's live figures through the real programs: a real lianxin-hub whose store holds a second
// site's opinions, passports and delegations, staff adopting two with lianxin-admin; the scripted
// kiosk (under Xvfb) with its own opinions and a delegation in kiosk.db syncs over loopback, keeps
// the district's figures in kiosk.db, and its figures screen shows both, in Chinese, English and
// both at once, on a landscape and a portrait screen.
#include <catch2/catch.hpp>

#include <chrono>

#include "core/base/uuid.h"
#include "core/opinions/opinion_outbox.h"
#include "core/records/station_records.h"
#include "core/sync/live_figures.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A second liaison point's records, written into the hub's store as its ingest would hold them:
// opinions on each open draft, passports, delegations. Returns the opinions' ids.
std::vector<std::string> seed_second_site(const TempDir& dir) {
    SqliteDb db((dir / "hub.db").string(), SqliteDb::Mode::read_write_create);
    std::vector<std::string> ids;
    const std::int64_t t = now_ms();
    auto opinion = [&](const char* consultation) {
        std::string id = new_uuid_v7(t);
        auto st = db.prepare(
            "INSERT INTO opinions(id, kiosk_id, consultation, article, stance, text, passport, contact_name, "
            "contact_phone, contact_consent, lang, kiosk_name, created_at, received_at) "
            "VALUES (?, 'hall-2-key', ?, 1, 'suggest', '建议增加夜间服务。', '', '', '', 0, 'zh', 'hall-2', ?, ?)");
        st.add(id).add(consultation).add(t).add(t);
        st.run();
        ids.push_back(id);
    };
    opinion("property-rules");
    opinion("property-rules");
    opinion("elderly-meals");
    opinion("elderly-meals");
    for (int i = 0; i < 5; ++i) {
        auto st = db.prepare(
            "INSERT INTO passports(id, short_code, token, issued_on, kiosk_name, created_at, received_at) "
            "VALUES (?, ?, 'LXP1:seeded', '2026-12-01', 'hall-2', ?, ?)");
        st.add(std::string(31, 'a') + std::to_string(i)).add("QQ2AAAAAAA" + std::to_string(i)).add(t).add(t);
        st.run();
    }
    for (int people : {6, 4}) {
        auto st = db.prepare(
            "INSERT INTO guestbook(id, kiosk_id, organisation, origin, people, message, on_wall, lang, kiosk_name, "
            "created_at, received_at) VALUES (?, 'hall-2-key', '青羊区人大代表小组', '成都市', ?, '', 0, 'zh', "
            "'hall-2', ?, ?)");
        st.add(new_uuid_v7(t)).add(people).add(t).add(t);
        st.run();
    }
    return ids;
}

// This kiosk's own records before it ever syncs: three opinions on the first draft, a delegation.
void seed_kiosk(const TempDir& dir) {
    auto bundle = demo_bundle();
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "demo-kiosk");
    const Consultation& c = bundle.content.consultations.front();
    for (int i = 0; i < 3; ++i) {
        OpinionDraft d;
        d.article = 1;
        d.text = "公共收益应当每季度公示。";
        REQUIRE(outbox.submit(d, c, Moment{now_ms(), add_days(c.deadline, -1)}).ok());
    }
    StationRecords records(**db, "demo-kiosk");
    GuestbookDraft g;
    g.organisation = "武侯区人大常委会";
    g.origin = "四川省成都市";
    g.people = 18;
    REQUIRE(records.submit_guestbook(g, Moment{now_ms(), add_days(c.deadline, -1)}).ok());
}

}  // namespace

TEST_CASE("the figures screen shows this site's and the district's live figures as the hub holds them",
          "[gui][hub][figures]") {
    TempDir dir;
    HubProcess hub(dir);
    register_demo_kiosk(hub, dir);
    REQUIRE(hub.admin("content publish " + (demo_dir() / "demo.lxb").string()).exit_code == 0);
    auto second = seed_second_site(dir);
    for (const std::string& id : {second[0], second[2]}) {
        auto adopted = hub.admin("adopt " + id + " --reply 已吸收。");
        INFO(adopted.output);
        REQUIRE(adopted.exit_code == 0);
    }
    seed_kiosk(dir);
    std::string config = kiosk_config_for(dir, hub);

    // The district now: 3 + 4 opinions, 2 adopted, 5 passports, 3 delegations of 28 people; on the
    // first draft 3 + 2, on the second 2.
    std::string s = "sync-wait 30000\ntap 500 500\nexpect-screen home\ntap-text 数说实践\nexpect-screen figures\n";
    s += "wait 1000\nshot figures-zh\ntap-text EN\nwait 1000\nshot figures-en\ntap-text 中文\n";
    s += "drag 960 800 960 500 250\nwait 1200\nshot figures-zh-scrolled\n";
    auto report = dir / "layout.jsonl";
    auto run = run_kiosk(dir, s, 1920, 1080, config + " --layout-report " + report.string(), "live-figures");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    // kiosk.db keeps the hub's block with when it came, and counts its own.
    {
        auto db = KioskDb::open(dir / "data");
        REQUIRE(db.ok());
        auto f = load_live_figures(**db, "demo-kiosk");
        REQUIRE(f.ok());
        CHECK(f->here == LocalFigures{3, 0, 0, 1});
        REQUIRE(f->district);
        CHECK(f->district->opinions == 7);
        CHECK(f->district->adopted == 2);
        CHECK(f->district->passports == 5);
        CHECK(f->district->delegations == 3);
        CHECK(f->district->delegation_people == 28);
        REQUIRE(f->district->consultations.size() == 2);
        CHECK(f->district->consultations[0] == ConsultationFigure{"property-rules", 5});
        CHECK(f->district->consultations[1] == ConsultationFigure{"elderly-meals", 2});
        CHECK(now_ms() - f->district_as_of_ms < 10 * 60 * 1000);
    }

    // What the screen shows, as the layout check read it.
    auto shown = shown_by_shot(report);
    const std::string& zh = shown["figures-zh"];
    INFO(zh);
    for (const char* words : {"本点收集的意见\n3\n", "全区收集的意见\n7\n", "被采纳的意见\n2\n", "持护照的参与者\n5\n",
                              "接待的考察团\n3\n", "占全区 43%", "采纳率 29%", "本点发放 0 本", "共 28 人来访", "全区数字截至 "})
        CHECK(zh.find(words) != std::string::npos);
    CHECK(zh.find("超过一天未与中心同步") == std::string::npos);
    const std::string& bars = shown["figures-zh-scrolled"];
    auto bundle = demo_bundle();
    CHECK(bars.find(bundle.content.consultations[0].title.zh + "\n5 条意见") != std::string::npos);
    CHECK(bars.find(bundle.content.consultations[1].title.zh + "\n2 条意见") != std::string::npos);
    const std::string& en = shown["figures-en"];
    for (const char* words : {"Opinions collected here\n3\n", "Opinions across the district\n7\n", "43% of the district",
                              "29% adopted", "28 visitors in all", "District figures as of "})
        CHECK(en.find(words) != std::string::npos);
}

TEST_CASE("a kiosk that has not synced says so beside its own current figures", "[gui][figures]") {
    TempDir dir;
    seed_kiosk(dir);
    std::string s = "tap 500 500\nexpect-screen home\ntap-text 数说实践\nexpect-screen figures\nwait 1000\nshot figures\n";
    auto report = dir / "layout.jsonl";
    auto run = run_kiosk(dir, s, 1080, 1920, "--layout-report " + report.string(), "live-figures-offline");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto shown = shown_by_shot(report);
    INFO(shown["figures"]);
    CHECK(shown["figures"].find("本点收集的意见\n3\n") != std::string::npos);
    CHECK(shown["figures"].find("本机尚未与中心同步") != std::string::npos);
    CHECK(shown["figures"].find("全区收集的意见\n–\n") != std::string::npos);
}
