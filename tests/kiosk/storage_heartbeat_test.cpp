// When kiosk.db fails the sync agent, the kiosk cannot send its records, but its heartbeat still
// reaches the hub: staff see in the fleet view why the kiosk went quiet (the failure in kiosk.db's
// words, the damaged file set aside and what was salvaged), not only that it did.
#include <catch2/catch.hpp>

#include "kiosk/sync/sync_agent.h"
#include "tests/hub/live_hub.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("a kiosk.db fault the sync agent meets still reaches the hub in a heartbeat", "[kiosk][sync][kiosk-db]") {
    TempDir hub_dir;
    LiveHub hub("sqlite:" + (hub_dir.path() / "hub.db").string());
    hub.start();
    auto reg = register_in_store(hub.store(), "hall-1");
    LocalKiosk kiosk(reg, hub.certificate_key.pub);
    kiosk.opinion();
    // A row the table's own rules forbid: only damage leaves one behind, and reading it fails.
    kiosk.db->locked([](SqliteDb& s) {
        s.exec("PRAGMA ignore_check_constraints=ON");
        s.exec("INSERT INTO opinions(id, consultation, stance, text, contact_consent, lang, kiosk, created_at) "
               "VALUES('bad', 'property-rules', 'maybe', 't', 0, 'zh', 'k', 1)");
        s.exec("PRAGMA ignore_check_constraints=OFF");
    });

    SyncAgentConfig c;
    c.hub_url = hub.url();
    c.kiosk_id = reg.id();
    c.kiosk_key = reg.key;
    c.app_version = "test";
    c.clock_ms = &live_ms;
    c.backoff_initial_ms = 60'000;  // one attempt in this test's time
    c.backoff_max_ms = 60'000;
    c.random_unit = [] { return 0.5; };
    SyncAgent agent(*kiosk.db, *kiosk.outbox, *kiosk.book, *kiosk.records, c, [] {});
    agent.start();
    REQUIRE(eventually([&] { return agent.status().state == SyncState::local_fault; }));
    agent.stop();

    // At the hub: the failure in kiosk.db's words, the file set aside and what came back from it.
    auto k = hub.store().find_kiosk(reg.id());
    REQUIRE(k.ok());
    REQUIRE(k->last_heartbeat.has_value());
    const Heartbeat& hb = k->last_heartbeat->heartbeat;
    CHECK(hb.last_error.rfind("kiosk.db: ", 0) == 0);
    CHECK(hb.last_error.find("unknown stance") != std::string::npos);
    CHECK(hb.storage.set_aside == 1);
    CHECK(hb.storage.newest.rfind("kiosk-", 0) == 0);
    CHECK(hb.storage.salvaged == 1);
    CHECK(hb.storage.left_out == 1);
    // Nothing else arrived with it: the records wait for the next sync.
    CHECK(opinion_rows(hub.store()).empty());
}
