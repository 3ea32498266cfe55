// An opinion traced into the law travels hub → kiosk inside its status change, over a real hub on
// both store back-ends and a real kiosk (kiosk.db + SyncAgent): the article as adopted arrives,
// follows staff's edits of the final text and their unlinking; a final text the kiosk cannot draw
// is skipped alone and the cursor passes it; many long articles split the reply, none lost.
#include <catch2/catch.hpp>

#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

const std::string kTraceSql = "SELECT number || ':' || text_zh FROM opinion_traces WHERE opinion = ?";

std::vector<FinalArticle> final_text(const std::string& article7) {
    return {FinalArticle{1, {"第一条", "Article 1"}, {"为了规范物业管理，制定本规定。", ""}},
            FinalArticle{7, {"第七条", "Article 7"}, {article7, ""}}};
}

}  // namespace

TEST_CASE("hostile: a traced opinion reaches its kiosk with the article as adopted, and follows every edit",
          "[hostile][sync][trace]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    OpinionId traced = rig.kiosk->opinion();
    OpinionId plain = rig.kiosk->opinion();
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    auto& store = rig.hub.store();
    REQUIRE(store.set_status(traced, OpinionStatus::adopted, "采纳。", live_ms()).ok());
    REQUIRE(store.set_final_text("property-rules", final_text("收费应当每季度公示。"), live_ms()).ok());
    REQUIRE(store.trace_opinion(traced, 7, live_ms()).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_value(kTraceSql, traced) == "7:收费应当每季度公示。"; }));
    CHECK(rig.kiosk_value(kTraceSql, plain) == "(none)");
    CHECK(rig.kiosk_value("SELECT status FROM opinion_statuses WHERE opinion = ?", traced) == "adopted");

    // The final text corrected at the hub: the kiosk gets the new words.
    REQUIRE(store.set_final_text("property-rules", final_text("收费应当每月公示。"), live_ms() + 1).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_value(kTraceSql, traced) == "7:收费应当每月公示。"; }));

    // Unlinked, then the adoption withdrawn: gone from the kiosk, status and reply as staff left them.
    REQUIRE(store.trace_opinion(traced, std::nullopt, live_ms() + 2).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_value(kTraceSql, traced) == "(none)"; }));
    REQUIRE(store.trace_opinion(traced, 7, live_ms() + 3).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_value(kTraceSql, traced) != "(none)"; }));
    REQUIRE(store.set_status(traced, OpinionStatus::included, "", live_ms() + 4).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] {
        return rig.kiosk_value(kTraceSql, traced) == "(none)" &&
               rig.kiosk_value("SELECT status FROM opinion_statuses WHERE opinion = ?", traced) == "included";
    }));
    CHECK(rig.status().skipped_changes == 0);
}

TEST_CASE("hostile: a final article the kiosk cannot draw is skipped alone, and the corrected one arrives",
          "[hostile][sync][trace][poison]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    OpinionId poisoned = rig.kiosk->opinion();
    OpinionId fine = rig.kiosk->opinion();
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    auto& store = rig.hub.store();
    // Written straight into the store, as an older hub with looser rules did: a character above
    // U+FFFF, which the admin route refuses and no kiosk font holds.
    REQUIRE(store.set_status(poisoned, OpinionStatus::adopted, "", live_ms()).ok());
    REQUIRE(store.set_final_text("property-rules", final_text("收费公示 😀"), live_ms()).ok());
    REQUIRE(store.trace_opinion(poisoned, 7, live_ms()).ok());
    REQUIRE(store.set_status(fine, OpinionStatus::included, "已纳入", live_ms() + 1).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] {
        return rig.kiosk_value("SELECT status FROM opinion_statuses WHERE opinion = ?", fine) == "included";
    }));
    CHECK(rig.kiosk_value(kTraceSql, poisoned) == "(none)");
    REQUIRE(eventually([&] { return rig.status().skipped_changes >= 1; }));
    CHECK_THAT(rig.status().last_problem, Catch::Contains("status " + poisoned) && Catch::Contains("U+FFFF"));
    CHECK(eventually([&] { return rig.status().state == SyncState::idle; }));

    REQUIRE(store.set_final_text("property-rules", final_text("收费应当公示。"), live_ms() + 2).ok());
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_value(kTraceSql, poisoned) == "7:收费应当公示。"; }));
}

TEST_CASE("hostile: many opinions traced to long articles arrive over several replies, each within its budget",
          "[hostile][sync][trace][limits]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    // 40 opinions, each traced to its own article with every string at the length limit in
    // Chinese (120 KB of text each): more than one reply's budget (kSyncReplyArticleBytes) holds.
    constexpr int kOpinions = 40;
    static_assert(kOpinions * 4 * 3 * kFinalArticleMaxChars > kSyncReplyArticleBytes);
    std::vector<OpinionId> ids;
    for (int i = 0; i < kOpinions; ++i) ids.push_back(rig.kiosk->opinion());
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    auto& store = rig.hub.store();
    std::string full = repeat("法", kFinalArticleMaxChars);
    std::vector<FinalArticle> text;
    for (int n = 1; n <= kOpinions; ++n) text.push_back(FinalArticle{n, {full, full}, {full, full}});
    REQUIRE(store.set_final_text("property-rules", text, live_ms()).ok());
    for (int i = 0; i < kOpinions; ++i) {
        REQUIRE(store.set_status(ids[i], OpinionStatus::adopted, "", live_ms() + i).ok());
        REQUIRE(store.trace_opinion(ids[i], i + 1, live_ms() + i).ok());
    }
    // One reply at the hub's cursor 0 stops at its budget and says there is more.
    auto first = store.changes_since(rig.reg.id(), 0, kSyncMaxBatch);
    REQUIRE(first.ok());
    std::size_t bytes = 0;
    for (auto& c : first->statuses)
        if (c.final_article) bytes += 4 * full.size();
    CHECK(first->more);
    CHECK(bytes <= kSyncReplyArticleBytes);
    CHECK(bytes > 0);

    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.kiosk_count("SELECT count(*) FROM opinion_traces") == kOpinions; }));
    CHECK(rig.kiosk_count("SELECT count(*) FROM opinion_traces WHERE length(text_en) = " +
                          std::to_string(kFinalArticleMaxChars)) == kOpinions);
    CHECK(rig.status().skipped_changes == 0);
}
