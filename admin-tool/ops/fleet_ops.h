// The kiosks registered at a hub as staff watch them: last contact, software and content versions,
// records waiting to upload, the last sync error, and what about each needs a person's attention.
// The CLI's `kiosk list` and the GUI's fleet view read them from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "admin-tool/ops/admin_text.h"
#include "core/base/result.h"
#include "core/sync/sync_messages.h"

namespace lianxin::admin {

struct FleetKiosk {
    std::string id, name, code;
    std::int64_t registered_at_ms = 0;
    bool revoked = false;
    std::optional<std::int64_t> last_contact_ms;  // none: never synced
    std::string app_version, content_version, last_error;
    std::int64_t outbox_depth = 0;
    StorageReport storage;  // the kiosk's report on its own kiosk.db (all zero: none or all well)
};

// A kiosk that has not synced for this long is reported silent: it syncs every few minutes while
// the hall is open, so six hours covers a night's power-off without crying wolf at noon.
inline constexpr std::int64_t kKioskSilentAfterMs = 6LL * 3'600'000;
// Records waiting this long in a kiosk's outbox are reported even when the kiosk still syncs.
inline constexpr std::int64_t kKioskBacklogWarn = 50;

// db_set_aside: the kiosk found its kiosk.db damaged and set it aside; the file waits in its
// DATA_DIR/damaged/ for staff to fetch (lianxin-admin kiosk salvage reads it) and remove.
// storage_fault: kiosk.db fails now (disk full, I/O, read-only): visitors' records may not be kept.
enum class FleetWarning { silent, storage_fault, db_set_aside, sync_error, backlog, revoked };
// What needs attention on `k` at `now_ms`, most serious first; empty when all is well.
std::vector<FleetWarning> fleet_warnings(const FleetKiosk& k, std::int64_t now_ms);

// The words for warning `w` on `k` at `now_ms`, in the operator's language: one text for the GUI's
// fleet view and for kiosk list.
std::string fleet_warning_text(const AdminText& t, const FleetKiosk& k, FleetWarning w, std::int64_t now_ms);
// A span of time as the fleet view says it: minutes, then hours, then days.
std::string elapsed_text(const AdminText& t, std::int64_t ms);

// Every kiosk the hub knows (the phone form's pseudo-kiosk left out), in the hub's order.
Result<std::vector<FleetKiosk>> fetch_fleet(const HubConnection& hub);

}  // namespace lianxin::admin
