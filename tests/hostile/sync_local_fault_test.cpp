// A fault in kiosk.db is this kiosk's, not the hub's: the sync agent reports it as a local fault
// in kiosk.db's own words (never "cannot reach the hub"), and the damaged file is set aside with
// what it held salvaged, so the next sync sends the good records.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "core/storage/kiosk_db.h"
#include "kiosk/sync/sync_agent.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using namespace std::chrono_literals;

TEST_CASE("a damaged row met by the sync agent is a local fault and not the hub's", "[kiosk][sync][kiosk-db]") {
    lianxin::test::TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "hall-1");
    PassportBook book(**db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {}, ""});
    StationRecords records(**db, "hall-1");
    OpinionDraft d;
    d.text = "楼道照明要修";
    auto good = outbox.submit(d, lianxin::test::draft_under_consultation(), Moment{1'790'000'000'000, {2026, 12, 1}});
    REQUIRE(good.ok());
    // A row the table's own rules forbid: only damage can leave one behind.
    (*db)->locked([](SqliteDb& s) {
        s.exec("PRAGMA ignore_check_constraints=ON");
        s.exec("INSERT INTO opinions(id, consultation, stance, text, contact_consent, lang, kiosk, created_at) "
               "VALUES('bad', 'property-rules', 'maybe', 't', 0, 'zh', 'k', 1)");
        s.exec("PRAGMA ignore_check_constraints=OFF");
    });

    SyncAgentConfig c;
    c.hub_url = "http://127.0.0.1:9";  // nothing listens: were the hub blamed, it would say so
    c.kiosk_id = "kiosk-0001";
    c.kiosk_key = generate_key();
    c.backoff_initial_ms = 60'000;
    c.backoff_max_ms = 60'000;
    c.random_unit = [] { return 0.5; };
    SyncAgent agent(**db, outbox, book, records, c, [] {});
    agent.start();
    auto end = std::chrono::steady_clock::now() + 10s;
    while (agent.status().state != SyncState::local_fault && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(10ms);
    auto st = agent.status();
    agent.stop();
    CHECK(st.state == SyncState::local_fault);
    CHECK(std::string(sync_state_name(st.state)) == "local_fault");
    CHECK(st.last_error.rfind("kiosk.db: ", 0) == 0);
    CHECK(st.last_error.find("hub") == std::string::npos);
    CHECK(st.last_error.find("unknown stance") != std::string::npos);

    // Set aside and salvaged: the good opinion is in the fresh file, the bad row left out.
    auto h = (*db)->health();
    REQUIRE(!h.moved_to.empty());
    CHECK(h.salvaged);
    CHECK(h.salvaged_records == 1);
    CHECK(h.salvage_left_out == 1);
    auto pending = outbox.pending(10);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 1);
    CHECK(pending->front().id == *good);
}
