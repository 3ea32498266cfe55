// A sync reply whose traced articles are within their budget must still be a reply the kiosk reads
// (kSyncMaxBodyBytes): the budget is of the bytes sent, quotes and backslashes escaped, not of the
// text as stored, or a kiosk is wedged on one reply it refuses for ever.
#include <catch2/catch.hpp>

#include "core/sync/sync_messages.h"
#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("hostile: traced articles full of quotes keep each sync reply within what a kiosk reads",
          "[hostile][sync][trace][limits]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    // Every opinion traced to one article whose four strings are at the length limit and made of
    // '"', which JSON sends as two bytes each: the article budget, counted on the stored text,
    // lets about twice kSyncReplyArticleBytes onto the wire, and the replies come on top.
    constexpr int kOpinions = 60;
    std::vector<OpinionId> ids;
    for (int i = 0; i < kOpinions; ++i) ids.push_back(rig.kiosk->opinion());
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    auto& store = rig.hub.store();
    std::string quotes = repeat("\"", kFinalArticleMaxChars);
    FinalArticle article{1, {quotes, quotes}, {quotes, quotes}};
    // The admin route's own rules accept it.
    REQUIRE(parse_final_text(to_json(std::vector<FinalArticle>{article})).ok());
    REQUIRE(store.set_final_text("property-rules", {article}, live_ms()).ok());
    std::string reply = repeat("\"", kReplyMaxChars);
    for (int i = 0; i < kOpinions; ++i) {
        REQUIRE(store.set_status(ids[i], OpinionStatus::adopted, reply, live_ms() + i).ok());
        REQUIRE(store.trace_opinion(ids[i], 1, live_ms() + i).ok());
    }

    auto first = store.changes_since(rig.reg.id(), 0, kSyncMaxBatch);
    REQUIRE(first.ok());
    std::string wire = to_json(*first);
    CHECK(wire.size() <= kSyncMaxBodyBytes);
    CHECK(parse_sync_reply(wire).ok());

    // End to end: the kiosk gets every trace, not the same refused reply again and again.
    rig.agent->nudge();
    CHECK(eventually([&] { return rig.kiosk_count("SELECT count(*) FROM opinion_traces") == kOpinions; }));
}
