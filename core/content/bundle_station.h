// The bundle's tables for the station's content (deputies, schedule, tours, figure ids) and the
// two helpers every bundle table shares. Added to the bundle without changing its schema number:
// a kiosk built before them ignores the tables, and a bundle built before them has none, which
// reads as a hall without a station. Used by core/content/bundle.cpp only.
#pragma once

#include "core/content/content_model.h"
#include "core/storage/sqlite_db.h"

namespace lianxin::bundle_tables {

inline void add_text(Statement& st, const LocalizedText& t) { st.add(t.zh).add(t.en); }

inline LocalizedText read_text(Statement& st, int& col) {
    LocalizedText t;
    t.zh = st.text(col++);
    t.en = st.text(col++);
    return t;
}

// CREATE TABLE statements for the station's tables.
extern const char* const kStationSchemaSql;
// Writes c's deputies, schedule, tours and figure ids (inside the caller's transaction).
void write_station(SqliteDb& db, const ContentSet& c);
// Reads them back into c, whose figures are already read; tables a bundle lacks read as empty.
// Throws SqliteError for rows that break what the sources check guarantees (an unknown level).
void read_station(SqliteDb& db, ContentSet& c);

}  // namespace lianxin::bundle_tables
