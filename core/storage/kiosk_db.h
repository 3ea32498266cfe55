// kiosk.db: the kiosk's own records (opinions, passports and their stamps; guestbook later). WAL and
// synchronous=FULL, so a committed record survives kill -9 and power loss.
#pragma once

#include <filesystem>
#include <vector>
#include <string>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

#include "core/base/result.h"
#include "core/storage/sqlite_db.h"

namespace lianxin {

// Schema history (user_version): 1 = opinions; 2 = passports, stamps, statuses, certificates;
// 3 = sync_state (the sync agent's cursor and last outcome), indexes of unsent passports and stamps.
constexpr int kKioskDbSchema = 4;
constexpr int kKioskDbApplicationId = 0x4C584B31;  // "LXK1"
constexpr const char* kKioskDbFileName = "kiosk.db";

class KioskDb {
  public:
    // Opens DATA_DIR/kiosk.db, creating the folder and the file (mode 0600: it holds contact
    // details) if needed; switches on WAL and synchronous=FULL and migrates to kKioskDbSchema.
    // Refuses (io, corrupt, bad_schema) a file that is not a kiosk database or was written by a
    // newer program, leaving it untouched.
    static Result<std::unique_ptr<KioskDb>> open(const std::filesystem::path& data_dir);

    const std::filesystem::path& path() const { return path_; }

    // Runs f(SqliteDb&) holding this connection's lock, so one KioskDb can serve the UI thread and
    // the sync agent. SqliteError escapes to the caller, a core service that turns it into a
    // Result.
    template <class F>
    decltype(auto) locked(F&& f) {
        std::lock_guard lock(mutex_);
        return std::forward<F>(f)(db_);
    }

  private:
    explicit KioskDb(std::filesystem::path path);
    void
    prepare();  // pragmas and migrations; throws SqliteError, or Error for a foreign or newer file

    std::filesystem::path path_;
    std::mutex mutex_;
    SqliteDb db_;
};

// Records that the hub holds these rows of `table` ("opinions", "passports", "stamps": one of
// kiosk.db's own names, never input), in one transaction. Unknown or already sent ids are
// ignored; returns how many changed.
// SQL condition: the row of `table` (opinions, passports, stamps) is not one the hub refused
// (migration 4). Pending queries add it, so a refused record stays in kiosk.db but is not pushed.
#define LIANXIN_NOT_REFUSED(kind, table)                                                             \
    " NOT EXISTS (SELECT 1 FROM sync_problems WHERE direction = 'refused_by_hub' AND kind = '" kind \
    "' AND ref = " table ".id)"

Result<std::size_t> mark_rows_sent(KioskDb& db, const char* table, const std::vector<std::string>& ids,
                                   std::int64_t sent_at_ms);

}  // namespace lianxin
