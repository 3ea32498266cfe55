// The hub store's schema: versioned migrations, one list for both back-ends (written once with
// a few type words filled in per dialect), recorded in a schema_version table.
#pragma once

#include <string>

#include "core/base/result.h"
#include "hub/store/sql_session.h"

namespace lianxin::hub {

enum class Dialect { sqlite, postgres };

inline constexpr int kHubStoreSchema = 4;                  // migrations this program knows
inline constexpr int kHubStoreApplicationId = 0x4C584842;  // SQLite application_id, "LXHB"

// Brings the store to kHubStoreSchema in one transaction per step, each re-reading the version
// under the writer lock (PostgreSQL: an advisory lock), so hubs starting together migrate once.
// corrupt when the database holds tables but not ours (left untouched); bad_schema when it is
// newer than this program. `where` names the store in messages.
Status migrate(SqlSession& s, Dialect dialect, const std::string& where);

}  // namespace lianxin::hub
