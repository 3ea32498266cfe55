// The kiosks registered at a hub as staff watch them: last contact, software and content versions,
// records waiting to upload, the last sync error, and what about each needs a person's attention.
// The CLI's `kiosk list` and the GUI's fleet view read them from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "core/base/result.h"

namespace lianxin::admin {

struct FleetKiosk {
    std::string id, name, code;
    std::int64_t registered_at_ms = 0;
    bool revoked = false;
    std::optional<std::int64_t> last_contact_ms;  // none: never synced
    std::string app_version, content_version, last_error;
    std::int64_t outbox_depth = 0;
};

// A kiosk that has not synced for this long is reported silent: it syncs every few minutes while
// the hall is open, so six hours covers a night's power-off without crying wolf at noon.
inline constexpr std::int64_t kKioskSilentAfterMs = 6LL * 3'600'000;
// Records waiting this long in a kiosk's outbox are reported even when the kiosk still syncs.
inline constexpr std::int64_t kKioskBacklogWarn = 50;

enum class FleetWarning { silent, sync_error, backlog, revoked };
// What needs attention on `k` at `now_ms`, most serious first; empty when all is well.
std::vector<FleetWarning> fleet_warnings(const FleetKiosk& k, std::int64_t now_ms);

// Every kiosk the hub knows (the phone form's pseudo-kiosk left out), in the hub's order.
Result<std::vector<FleetKiosk>> fetch_fleet(const HubConnection& hub);

}  // namespace lianxin::admin
