// The live figures in core: the sync reply's figures block in JSON both ways (absent from an older
// hub, one rule for what can be shown), kiosk.db keeping the latest block with its date beside the
// kiosk's own counts, and a schema-7 kiosk.db upgraded with its records kept.
#include "core/sync/live_figures.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/opinions/opinion_outbox.h"
#include "core/records/station_records.h"
#include "core/sync/kiosk_sync.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using lianxin::test::TempDir;
using lianxin::test::draft_under_consultation;

namespace {

DistrictFigures sample() {
    return DistrictFigures{12480, 3175, 2906, 148, 2360, {{"property-rules", 8630}, {"elderly-meals", 1254}}};
}

Moment at(std::int64_t ms) { return Moment{1'800'000'000'000 + ms, {2027, 1, 10}}; }

}  // namespace

TEST_CASE("the figures block travels in a sync reply and an older hub's reply has none", "[core][sync][figures]") {
    SyncReply r;
    r.cursor = 3;
    r.figures = sample();
    auto back = parse_sync_reply(to_json(r));
    REQUIRE(back.ok());
    REQUIRE(back->figures);
    CHECK(*back->figures == sample());
    CHECK(back->skipped.empty());

    SyncReply older;
    older.cursor = 3;
    auto none = parse_sync_reply(to_json(older));
    REQUIRE(none.ok());
    CHECK_FALSE(none->figures);
    CHECK(to_json(older).find("figures") == std::string::npos);

    // The one rule, at its edges.
    DistrictFigures f = sample();
    CHECK_FALSE(district_figures_problem(f));
    f.adopted = f.opinions;
    CHECK_FALSE(district_figures_problem(f));
    f.opinions = kLiveFigureMax;
    CHECK_FALSE(district_figures_problem(f));
    f.opinions = kLiveFigureMax + 1;
    CHECK(district_figures_problem(f));
    f = sample();
    f.consultations.resize(kLiveFiguresMaxConsultations, {"x", 1});
    for (std::size_t i = 2; i < f.consultations.size(); ++i) f.consultations[i].consultation = "d-" + std::to_string(i);
    CHECK_FALSE(district_figures_problem(f));
    f.consultations.push_back({"one-more", 1});
    CHECK(district_figures_problem(f));
}

TEST_CASE("kiosk.db keeps the latest figures with their date beside its own counts", "[core][sync][figures][kiosk-db]") {
    TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    PassportBook book(**db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {generate_key().pub}, "https://x.example"});
    OpinionOutbox outbox(**db, "hall-1");
    StationRecords records(**db, "hall-1");
    const Consultation c = draft_under_consultation();
    OpinionDraft d;
    d.article = 3;
    d.text = "收费应当按季度公示。";
    REQUIRE(outbox.submit(d, c, at(0)).ok());
    auto adopted = outbox.submit(d, c, at(1));
    REQUIRE(adopted.ok());
    REQUIRE(book.issue(at(2)).ok());
    GuestbookDraft g;
    g.organisation = "武侯区人大常委会";
    g.origin = "成都";
    g.people = 12;
    REQUIRE(records.submit_guestbook(g, at(3)).ok());

    auto f = load_live_figures(**db, "hall-1");
    REQUIRE(f.ok());
    CHECK(f->here == LocalFigures{2, 0, 1, 1});
    CHECK_FALSE(f->district);
    // Passports another kiosk issued and this one opened are not "issued here".
    CHECK(load_live_figures(**db, "hall-2")->here.passports == 0);

    SyncReply r;
    r.cursor = 9;
    r.figures = sample();
    r.statuses.push_back(StatusChange{*adopted, OpinionStatus::partly_adopted, "部分采纳。", 5, std::nullopt});
    REQUIRE(apply_sync_reply(**db, book, r, 7'000).ok());
    f = load_live_figures(**db, "hall-1");
    REQUIRE(f->district);
    CHECK(*f->district == sample());
    CHECK(f->district_as_of_ms == 7'000);
    CHECK(f->here.adopted == 1);

    // A newer block replaces the whole of it (a draft closed drops from the list); a reply without
    // one leaves it as it was, date included.
    DistrictFigures next = sample();
    next.opinions += 5;
    next.consultations.pop_back();
    r.figures = next;
    r.statuses.clear();
    REQUIRE(apply_sync_reply(**db, book, r, 8'000).ok());
    CHECK(*load_live_figures(**db, "hall-1")->district == next);
    r.figures.reset();
    REQUIRE(apply_sync_reply(**db, book, r, 9'000).ok());
    f = load_live_figures(**db, "hall-1");
    CHECK(*f->district == next);
    CHECK(f->district_as_of_ms == 8'000);
}

TEST_CASE("a schema-7 kiosk.db is upgraded to hold the figures, its records kept", "[core][sync][figures][kiosk-db]") {
    TempDir tmp;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        OpinionOutbox outbox(**db, "hall-1");
        OpinionDraft d;
        d.article = 3;
        d.text = "保留这一条。";
        REQUIRE(outbox.submit(d, draft_under_consultation(), at(0)).ok());
        (*db)->locked([](SqliteDb& s) {
            s.exec("UPDATE sync_state SET cursor = 41 WHERE id = 1");
            // As a kiosk of the version before left it.
            s.exec("DROP TABLE district_figures; DROP TABLE district_consultation_figures; PRAGMA user_version=7;");
        });
    }
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    CHECK((*db)->locked([](SqliteDb& s) { return s.pragma_int("user_version"); }) == kKioskDbSchema);
    CHECK(kKioskDbSchema == 8);
    auto f = load_live_figures(**db, "hall-1");
    REQUIRE(f.ok());
    CHECK(f->here.opinions == 1);
    CHECK_FALSE(f->district);
    CHECK(load_sync_state(**db)->cursor == 41);  // the feed is not read again for this
    PassportBook book(**db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {generate_key().pub}, "https://x.example"});
    SyncReply r;
    r.cursor = 42;
    r.figures = sample();
    REQUIRE(apply_sync_reply(**db, book, r, 1'000).ok());
    CHECK(*load_live_figures(**db, "hall-1")->district == sample());
}
