// The hall's live figures for the kiosk's figures screen and attract slides: this kiosk's own
// counts, read from kiosk.db and current without a sync, beside the district's figures as the
// hub's last good sync reply gave them, with the moment they were taken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/sync_messages.h"

namespace lianxin {

// What this kiosk recorded itself (kiosk.db's own records, sent or not).
struct LocalFigures {
    std::int64_t opinions = 0;     // opinions collected here
    std::int64_t adopted = 0;      // of them, adopted or partly adopted as the hub's statuses say
    std::int64_t passports = 0;    // passports issued here (not those only opened here)
    std::int64_t delegations = 0;  // guestbook entries signed here
    bool operator==(const LocalFigures&) const = default;
};

struct LiveFigures {
    LocalFigures here;
    std::optional<DistrictFigures> district;  // none until a hub's reply brought a good block
    std::int64_t district_as_of_ms = 0;       // when this kiosk took `district` (its wall clock)
};

// Figures older than this are shown with a note that they wait for the hub: a kiosk that syncs
// at all does so every few minutes, so a day means the link is down.
inline constexpr std::int64_t kLiveFiguresStaleMs = 24LL * 60 * 60 * 1000;

// Reads both; `kiosk_name` picks the passports issued here (kiosk.toml `name`, as the passport
// book writes it).
Result<LiveFigures> load_live_figures(KioskDb& db, const std::string& kiosk_name);

// Replaces the district's figures with `f`, taken at `as_of_ms`, on a connection inside the
// caller's transaction (apply_sync_reply). Throws SqliteError when kiosk.db refuses it; the caller
// rolls back to its savepoint so nothing of the block is kept.
void replace_district_figures_rows(SqliteDb& db, const DistrictFigures& f, std::int64_t as_of_ms);

}  // namespace lianxin
