// `kiosk salvage` of a kiosk.db holding traced opinions (schema 6) keeps each article as adopted;
// one set aside by the version before (schema 5, no opinion_traces) is salvaged without calling a
// table its schema never had "unreadable".
#include <catch2/catch.hpp>

#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/storage/kiosk_db.h"
#include "core/storage/kiosk_salvage.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;

namespace {

OpinionId seed_traced(const std::filesystem::path& dir) {
    auto db = KioskDb::open(dir);
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "hall-1");
    OpinionDraft d;
    d.article = 3;
    d.text = "收费应当按季度公示。";
    auto id = outbox.submit(d, lianxin::test::draft_under_consultation(), Moment{1000, LocalDate{2027, 1, 5}});
    REQUIRE(id.ok());
    (*db)->locked([&](SqliteDb& s) {
        upsert_status_row(s, *id, OpinionStatus::adopted, "采纳。", 5000,
                          FinalArticle{7, {"第七条", "Article 7"}, {"收费应当每季度公示。", ""}});
    });
    return *id;
}

}  // namespace

TEST_CASE("hostile: a salvaged kiosk.db keeps the articles its opinions were traced to", "[hostile][kiosk-db][trace]") {
    lianxin::test::TempDir src, out;
    OpinionId id = seed_traced(src.path());
    auto db = KioskDb::open(out.path());
    REQUIRE(db.ok());
    auto report = (*db)->locked([&](SqliteDb& s) { return salvage_kiosk_db(src.path() / "kiosk.db", s); });
    REQUIRE(report.ok());
    auto text = (*db)->locked([&](SqliteDb& s) {
        auto st = s.prepare("SELECT number || ':' || text_zh FROM opinion_traces WHERE opinion = ?");
        st.add(id);
        return st.step() ? st.text(0) : std::string("(none)");
    });
    CHECK(text == "7:收费应当每季度公示。");
}

TEST_CASE("hostile: a schema-5 kiosk.db set aside before the upgrade is salvaged with no table called unreadable",
          "[hostile][kiosk-db][trace][migration]") {
    lianxin::test::TempDir src, out;
    seed_traced(src.path());
    {
        auto db = KioskDb::open(src.path());
        REQUIRE(db.ok());
        (*db)->locked([](SqliteDb& s) { s.exec("DROP TABLE guestbook; DROP TABLE meeting_requests; DROP TABLE meeting_statuses; DROP TABLE opinion_traces; DROP TABLE district_figures; DROP TABLE district_consultation_figures; PRAGMA user_version=5;"); });
    }
    auto db = KioskDb::open(out.path());
    REQUIRE(db.ok());
    auto report = (*db)->locked([&](SqliteDb& s) { return salvage_kiosk_db(src.path() / "kiosk.db", s); });
    REQUIRE(report.ok());
    CHECK(report->total_kept() >= 2);  // the opinion and its status
    std::string notes;
    for (auto& n : report->notes) notes += n + "\n";
    INFO(notes);
    for (auto& t : report->tables) {
        INFO(t.table);
        CHECK_FALSE(t.table_unreadable);
    }
}
