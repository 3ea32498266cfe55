// Salvage of a damaged kiosk.db: reads row by row what SQLite can still read from a copy of the
// file (and its -wal), and adds every row that meets kiosk.db's own rules to a good kiosk.db.
// Used by the kiosk when it sets a damaged file aside and by `lianxin-admin kiosk salvage`.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/storage/sqlite_db.h"

namespace lianxin {

struct SalvageTableCount {
    std::string table;
    std::size_t read = 0;        // rows SQLite could read
    std::size_t kept = 0;        // added to the good file
    std::size_t already = 0;     // the good file held them already (same id)
    std::size_t invalid = 0;     // read, but all-NULL or breaking kiosk.db's rules: left out
    std::size_t unreadable = 0;  // SQLite could not read them (damaged pages)
    bool table_unreadable = false;  // not even the table could be opened (its schema is lost)
};

struct SalvageReport {
    std::vector<SalvageTableCount> tables;
    std::vector<std::string> notes;  // what was left out and why (the first few of each table)
    std::size_t total_kept() const;
    std::size_t total_left_out() const;  // invalid + unreadable
};

// Reads `damaged` (never writing it or its -wal: it works on a copy, repairing a zeroed header
// there) and adds its rows to `into`, an open kiosk.db at the current schema, in one
// transaction. Records keep their ids and their sent state, so unsent ones go to the hub with the
// next sync and the hub holds each once. The sync cursor is not copied: the next sync asks the hub
// for everything again. io when the file cannot be read or copied at all.
Result<SalvageReport> salvage_kiosk_db(const std::filesystem::path& damaged, SqliteDb& into);

}  // namespace lianxin
