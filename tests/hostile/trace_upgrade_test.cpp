// A kiosk that ran schema 5 (no opinion_traces) while the hub already traced its opinions into the
// law passed those status changes with its cursor; upgraded to schema 6 it must still come to show
// the article on the passport, or the visitor never sees where the opinion went.
#include <catch2/catch.hpp>

#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("hostile: a kiosk upgraded from schema 5 gets the traces the hub fed while it ran the old version",
          "[hostile][sync][trace][migration]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    OpinionId traced = rig.kiosk->opinion();
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    auto& store = rig.hub.store();
    REQUIRE(store.set_status(traced, OpinionStatus::adopted, "采纳。", live_ms()).ok());
    REQUIRE(store.set_final_text("property-rules",
                                 {FinalArticle{7, {"第七条", "Article 7"}, {"收费应当每季度公示。", ""}}}, live_ms())
                .ok());
    REQUIRE(store.trace_opinion(traced, 7, live_ms()).ok());
    rig.agent->nudge();
    const std::string sql = "SELECT number FROM opinion_traces WHERE opinion = ?";
    REQUIRE(eventually([&] { return rig.kiosk_value(sql, traced) == "7"; }));
    const std::string status_sql = "SELECT status FROM opinion_statuses WHERE opinion = ?";
    REQUIRE(rig.kiosk_value(status_sql, traced) == "adopted");

    // As the kiosk of the version before was left: it read the same changes (its parser passed the
    // unknown "final" by) and moved its cursor past them, with no table to keep the article in.
    rig.stop();
    rig.kiosk->db->locked([](SqliteDb& s) { s.exec("DROP TABLE guestbook; DROP TABLE meeting_requests; DROP TABLE meeting_statuses; DROP TABLE opinion_traces; DROP TABLE district_figures; DROP TABLE district_consultation_figures; PRAGMA user_version=5;"); });
    rig.restart();  // the new version opens it: migration 6
    REQUIRE(rig.kiosk_count("SELECT count(*) FROM opinion_traces") == 0);
    rig.agent->nudge();
    CHECK(eventually([&] { return rig.kiosk_value(sql, traced) == "7"; }, std::chrono::seconds(5)));
}
