// The kiosk's sync agent (docs/sync-protocol.md): a background thread that pushes
// pending records to the hub in signed batches, marks what the hub holds, erases contact details
// once they have left, applies the hub's changes, and backs off when the hub cannot be reached.
// The UI never waits for it: it reads a SyncStatus snapshot and calls nudge() after a commit.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/crypto/signing_keys.h"
#include "core/net/http_client.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/records/station_records.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/sync_messages.h"

namespace lianxin {

inline constexpr const char* kSyncPath = "/api/v1/sync";

struct SyncAgentConfig {
    std::string hub_url;                 // kiosk.toml [kiosk] hub_url; empty = sync off
    std::string kiosk_id;                // [kiosk] id
    std::optional<SecretKey> kiosk_key;  // [kiosk] key: signs every request
    std::string app_version;             // reported in the heartbeat
    std::string content_version;         // the loaded bundle's version (set_content_version updates it)

    // New content: the hub names its current bundle version in every reply; a different one is
    // downloaded into bundle_dir, checked against publisher_keys and staged for the app to swap.
    std::filesystem::path bundle_dir;     // empty = content updates off
    std::vector<PublicKey> publisher_keys;

    std::int64_t interval_ms = 30'000;         // between syncs when all is well
    std::int64_t backoff_initial_ms = 1'000;   // first retry after a failure (full jitter below it)
    std::int64_t backoff_max_ms = 300'000;     // the backoff never waits longer
    std::int64_t refused_retry_ms = 300'000;   // after 401/403: the kiosk must be (re)registered
    long connect_timeout_ms = 5'000;
    long total_timeout_ms = 30'000;
    std::size_t batch = kSyncMaxBatch;         // records of each kind per push (≤ kSyncMaxBatch)

    // Injected for tests. clock_ms: the wall clock (unix ms) for signing, sent_at and the status;
    // default the system clock. random_unit: uniform in [0, 1) for jitter; default libsodium.
    std::function<std::int64_t()> clock_ms;
    std::function<double()> random_unit;
};

enum class SyncState {
    off,          // no hub configured (or no kiosk id / key): the kiosk runs offline
    idle,         // the last sync succeeded; waiting for the next one or a nudge
    syncing,      // a sync is under way
    backing_off,  // the last sync failed; retrying at next_attempt_ms
    refused,      // the hub refused this kiosk (401 unknown / 403 revoked); retrying slowly
    local_fault,  // kiosk.db failed (damaged, full, unreadable): a fault here, not at the hub; retrying
};
const char* sync_state_name(SyncState s);  // "off", "idle", …

// What the UI shows (maintenance screen). Times are unix ms on the agent's clock; 0 = never/none.
struct SyncStatus {
    SyncState state = SyncState::off;
    std::int64_t last_success_ms = 0;
    std::string last_error;          // empty after a success
    std::size_t outbox_depth = 0;    // records not yet held by the hub
    std::int64_t next_attempt_ms = 0;
    std::string hub_bundle_version;  // the content version the hub publishes (download: later)
    std::string hub_public_url;      // the hub's public URL, as its last reply gave it
    int consecutive_failures = 0;
    std::uint64_t syncs_ok = 0;      // completed syncs since start
    std::string staged_bundle;       // a downloaded, verified bundle ready to swap in (its path)
    std::string staged_version;      // and its version
    // What sync could not carry (kept in kiosk.db; docs/sync-protocol.md, poison records).
    std::size_t refused_records = 0;  // records the hub refused: kept here, no longer pushed
    std::size_t skipped_changes = 0;  // changes from the hub this kiosk could not take
    std::string last_problem;         // the latest of either, with its reason
};

// Full-jitter exponential backoff: a uniform draw in [0, min(cap, initial · 2^failures)) — with
// `random_unit` in [0, 1) — so kiosks that lost the hub together do not return together.
// `failures` counts from 0 (the first failure).
std::int64_t backoff_delay_ms(int failures, double random_unit, std::int64_t initial_ms, std::int64_t cap_ms);

class SyncAgent {
  public:
    // All references must outlive the agent. `wake_ui` is called (from the agent's thread) when the
    // status changed, so an event-driven UI can redraw; it must not block.
    SyncAgent(KioskDb& db, OpinionOutbox& outbox, PassportBook& book, StationRecords& records, SyncAgentConfig config,
              std::function<void()> wake_ui);
    ~SyncAgent();  // stop()
    SyncAgent(const SyncAgent&) = delete;
    SyncAgent& operator=(const SyncAgent&) = delete;

    // True when hub_url, kiosk id and key are all configured; otherwise start() leaves state off.
    bool configured() const;
    // Starts the thread (once). It sweeps contact details left by an interrupted run, then syncs.
    void start();
    // Stops and joins promptly: wakes a wait and aborts a request in flight. Idempotent.
    void stop();
    // A record was committed: sync now if idle. While backing off or refused only the outbox depth
    // is refreshed (a busy hall must not defeat the backoff).
    void nudge();
    SyncStatus status() const;
    void set_content_version(std::string version);
    // The app swapped in the staged bundle: it is the kiosk's content now.
    void set_bundle_swapped(const std::string& version);

  private:
    struct Outcome {
        enum class Kind { ok, failed, refused, local, stopped } kind = Kind::ok;
        std::string error;
    };
    void run();
    Outcome sync_now();
    Outcome push_once(bool& again);
    // The heartbeat of the next push (`error`: the failure to report, else the last one).
    Heartbeat heartbeat(const std::string& error = {});
    // kiosk.db cannot be read: a push of the heartbeat alone, so the hub hears why.
    void send_heartbeat_only(const std::string& error);
    HttpResponse post_push(const SyncPush& push);  // signed, to the hub's sync route
    void refresh_depth();
    void note_problems(SyncStatus& s);  // refused and skipped counts from kiosk.db
    void fetch_new_bundle();  // after a good sync: download, verify and stage a new bundle
    void update(const std::function<void(SyncStatus&)>& f);
    std::int64_t now_ms() const;

    KioskDb& db_;
    OpinionOutbox& outbox_;
    PassportBook& book_;
    StationRecords& records_;
    SyncAgentConfig config_;
    std::function<void()> wake_ui_;

    mutable std::mutex mutex_;  // guards status_, nudged_, content_version_
    std::condition_variable cv_;
    SyncStatus status_;
    bool nudged_ = false;
    std::string refused_bundle_;  // a version that failed its checks: not fetched again
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace lianxin
