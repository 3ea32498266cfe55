// A real hub (either store back-end) and a real kiosk (kiosk.db + SyncAgent) joined over loopback,
// for the hostile tests that put poison records into sync: what a kiosk holds, what it marked
// refused or skipped, and restarting it over the same kiosk.db.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "core/sync/kiosk_sync.h"
#include "kiosk/sync/sync_agent.h"
#include "tests/hub/live_hub.h"

namespace lianxin::test {

// `s` n times: values at and past a limit.
inline std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// The sync agent as these tests run it: a short interval and backoff, jitter fixed, so an attack's
// outcome shows within a test's patience.
inline SyncAgentConfig rig_agent_config(const std::string& hub_url, const RegisteredKiosk& reg) {
    SyncAgentConfig c;
    c.hub_url = hub_url;
    c.kiosk_id = reg.id();
    c.kiosk_key = reg.key;
    c.app_version = "test";
    c.content_version = "2027.01.05";
    c.interval_ms = 200;
    c.backoff_initial_ms = 50;
    c.backoff_max_ms = 200;
    c.random_unit = [] { return 0.5; };
    return c;
}

struct SyncRig {
    TempDir hub_dir;
    LiveHub hub;
    RegisteredKiosk reg;
    SecretKey admin = generate_key();
    std::unique_ptr<LocalKiosk> kiosk;
    std::unique_ptr<SyncAgent> agent;

    // `wall_clock`: hub and kiosk run on the real time, for tests that run lianxin-admin (which
    // signs with it); otherwise on the shared test clock (live_ms).
    explicit SyncRig(const std::string& backend, bool with_content = false, bool wall_clock = false)
        : hub(fresh_spec(backend, hub_dir)) {
        if (wall_clock) hub.clock = &wall_clock_ms;
        if (with_content) hub.config.publisher_keys = {demo_publisher_key()};
        hub.start();
        REQUIRE(hub.store().add_admin_key(admin.pub, now()).ok());
        reg = register_in_store(hub.store(), "hall-1");
        kiosk = std::make_unique<LocalKiosk>(reg, hub.certificate_key.pub);
        if (with_content) publish_demo();
    }
    ~SyncRig() { stop(); }

    void publish_demo() {
        std::string bundle = read_text(demo_dir() / "demo.lxb");
        std::string sig = read_text(demo_dir() / "demo.lxb.sig");
        auto r = call("POST", "/api/v1/admin/bundles", bundle, admin,
                      {{"Content-Type", "application/octet-stream"},
                       {"X-Lianxin-Bundle-Signature",
                        to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
        INFO(r.body);
        REQUIRE(r.status == 201);
    }

    std::int64_t now() const { return hub.clock(); }
    // A request signed by `key` on the rig's clock.
    HttpResponse call(const std::string& method, const std::string& target, const std::string& body,
                      const SecretKey& key, std::vector<std::pair<std::string, std::string>> headers = {}) {
        return send(hub.url(), method, target, body, &key, now(), std::move(headers));
    }

    void start() {
        SyncAgentConfig c = rig_agent_config(hub.url(), reg);
        c.clock_ms = [clock = hub.clock] { return clock(); };
        agent = std::make_unique<SyncAgent>(*kiosk->db, *kiosk->outbox, *kiosk->book, *kiosk->records, std::move(c), [] {});
        agent->start();
    }
    void stop() {
        if (agent) agent->stop();
        agent.reset();
    }
    // A restart of the kiosk: agent stopped, kiosk.db closed and opened again, a new agent.
    void restart() {
        stop();
        kiosk->outbox.reset();
        kiosk->records.reset();
        kiosk->book.reset();
        kiosk->db.reset();
        auto d = KioskDb::open(kiosk->tmp.path());
        if (!d) FAIL("kiosk.db: " << d.error().detail);
        kiosk->db = std::move(*d);
        kiosk->book = std::make_unique<PassportBook>(
            *kiosk->db,
            PassportSettings{"hall-1", reg.code, reg.key, {}, {hub.certificate_key.pub}, "https://lianxin.example.org"});
        kiosk->outbox = std::make_unique<OpinionOutbox>(*kiosk->db, "hall-1");
        kiosk->records = std::make_unique<StationRecords>(*kiosk->db, "hall-1");
        start();
    }

    SyncStatus status() { return agent->status(); }
    std::size_t depth() { return *count_outbox(*kiosk->outbox, *kiosk->book, *kiosk->records); }
    // Everything not refused has been acknowledged and the agent is idle again.
    bool drained() { return depth() == 0 && status().state == SyncState::idle; }

    // One SQL value from kiosk.db, or "(none)".
    std::string kiosk_value(const std::string& sql, const std::string& arg = "") {
        return kiosk->db->locked([&](SqliteDb& s) {
            auto st = s.prepare(sql);
            if (!arg.empty()) st.add(arg);
            return st.step() ? (st.is_null(0) ? std::string("(null)") : st.text(0)) : std::string("(none)");
        });
    }
    std::int64_t kiosk_count(const std::string& sql) {
        return kiosk->db->locked([&](SqliteDb& s) {
            auto st = s.prepare(sql);
            st.step();
            return st.integer(0);
        });
    }
};

// Pushes `body` signed by the rig's kiosk and returns the parsed reply (the answer must be 200).
inline SyncReply push_raw(SyncRig& rig, const std::string& body) {
    auto r = rig.call("POST", "/api/v1/sync", body, rig.reg.key);
    INFO(r.body.substr(0, 600));
    REQUIRE(r.status == 200);
    auto reply = parse_sync_reply(r.body);
    if (!reply) FAIL(reply.error().detail);
    return *reply;
}

}  // namespace lianxin::test
