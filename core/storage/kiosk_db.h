// kiosk.db: the kiosk's own records (opinions, passports and their stamps, guestbook entries and
// meeting requests). WAL and
// synchronous=FULL, so a committed record survives kill -9 and power loss; a damaged file is
// noticed, moved aside and salvaged, never silently used.
#pragma once

#include <filesystem>
#include <string>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <algorithm>
#include <atomic>
#include <climits>
#include <functional>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/base/result.h"
#include "core/storage/sqlite_db.h"

namespace lianxin {

// Schema history (user_version): 1 = opinions; 2 = passports, stamps, statuses, certificates;
// 3 = sync_state (the sync agent's cursor and last outcome), indexes of unsent passports and stamps;
// 4 = sync_problems; 5 = sync_state.hub_public_url; 6 = opinion_traces; 7 = guestbook,
// meeting_requests and meeting_statuses; 8 = district_figures and district_consultation_figures.
constexpr int kKioskDbSchema = 8;
constexpr int kKioskDbApplicationId = 0x4C584B31;  // "LXK1"
constexpr const char* kKioskDbFileName = "kiosk.db";

// How kiosk.db is doing, for the maintenance screen and logs. Times are unix ms (wall clock).
struct StorageHealth {
    enum class Check { pending, running, ok, damaged } check = Check::pending;  // the start check
    // The last storage failure that did not mean damage (disk full, I/O, read-only); cleared by
    // the next write that succeeds.
    StorageFault fault = StorageFault::none;
    std::string fault_detail;  // SQLite's message and code
    std::int64_t fault_at_ms = 0;
    // The last time a damaged kiosk.db was moved aside (empty moved_to: never).
    std::filesystem::path moved_to;
    std::string damage_detail;
    std::int64_t damaged_at_ms = 0;
    bool salvaged = false;             // salvage into the fresh file ran
    std::size_t salvaged_records = 0;  // rows recovered into the fresh file
    std::size_t salvage_left_out = 0;  // rows unreadable, invalid or all-NULL
    std::string salvage_error;         // salvage could not run at all
    // Set when no kiosk.db can be used (the fresh one could not be made): nothing is stored. Each
    // later use tries again to make it (a disk that failed a write may work a moment later);
    // recovered_at_ms is when one finally was, and the salvage above ran then.
    std::string unavailable;
    std::int64_t recovered_at_ms = 0;
    // kiosk.db was missing at start while DATA_DIR/damaged/ held a file set aside: an earlier run
    // stopped before a fresh kiosk.db could take its salvage (the disk refused it), and open() ran
    // that salvage. One line for the log: the file and what came of it.
    std::string earlier_salvage;
};

// A damaged kiosk.db a kiosk set aside in DATA_DIR/damaged/, and when (unix ms): read from its
// name, kiosk-YYYYMMDD-HHMMSS[-N].db in local time, as the file's own time is when kiosk.db was
// last written, not when it was set aside; the file time only for a name that does not say.
struct SetAsideFile {
    std::filesystem::path path;
    std::int64_t at_ms = 0;
    int repeat = 1;  // N of a name taken twice in one second
};
// The files a kiosk set aside there (kiosk-*.db, regular files: never a link or a copy staff left
// under another name), in the order they were set aside. Staff fetch them and remove them; until
// then they are listed.
std::vector<SetAsideFile> set_aside_files(const std::filesystem::path& data_dir);

class KioskDb {
  public:
    // How open() checks the file it finds: `now` runs PRAGMA quick_check before returning;
    // `in_background` returns at once and runs it on a thread of its own (launch must not wait
    // for a read of the whole file; a damaged file found then is set aside the same way).
    enum class Check { now, in_background };

    // Opens DATA_DIR/kiosk.db, creating the folder and the file (mode 0600: it holds contact
    // details) if needed; switches on WAL and synchronous=FULL and migrates to kKioskDbSchema.
    // A damaged file (SQLite says corrupt or not a database, or quick_check fails) is moved aside
    // with its -wal and -shm to DATA_DIR/damaged/kiosk-YYYYMMDD-HHMMSS.db, never written again;
    // what can be read from it is salvaged into a fresh kiosk.db, which is used from then on
    // (health() says so). Refuses (io, corrupt, bad_schema) a readable file that is not a kiosk
    // database or was written by a newer program, leaving it untouched.
    static Result<std::unique_ptr<KioskDb>> open(const std::filesystem::path& data_dir, Check check = Check::now);
    ~KioskDb();

    const std::filesystem::path& path() const { return path_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    StorageHealth health() const;

    // Runs f(SqliteDb&) holding this connection's lock, so one KioskDb can serve the UI thread and
    // the sync agent. SqliteError escapes to the caller, a core service that turns it into a
    // Result; on its way out a storage fault is recorded, and a damaged file (corrupt, or an I/O
    // error after which quick_check fails) is set aside and replaced before the caller sees it.
    template <class F>
    auto locked(F&& f) {
        std::lock_guard lock(mutex_);
        if (!db_ && awaiting_fresh_) open_fresh_locked(false);
        if (!db_) throw SqliteError("kiosk.db cannot be used: " + health().unavailable, SQLITE_CANTOPEN);
        const auto changes = sqlite3_total_changes64(db_->handle());
        try {
            if constexpr (std::is_void_v<decltype(std::forward<F>(f)(*db_))>) {
                std::forward<F>(f)(*db_);
                after_success_locked(changes);
            } else {
                auto r = std::forward<F>(f)(*db_);
                after_success_locked(changes);
                return r;
            }
        } catch (const SqliteError& e) {
            after_failure_locked(e);
            throw;
        }
    }

  private:
    KioskDb(std::filesystem::path data_dir, std::filesystem::path path);
    void open_connection();  // opens and prepares path_; throws SqliteError or Refusal
    void prepare();  // pragmas and migrations; throws SqliteError, or Error for a foreign or newer file
    bool passes_quick_check(SqliteDb& db, std::string& why);
    void after_success_locked(std::int64_t changes_before);
    void after_failure_locked(const SqliteError& e);
    // Moves the damaged file aside, opens a fresh one and salvages into it. Holds mutex_.
    void set_aside_locked(const std::string& why);
    // Makes the fresh kiosk.db after a set-aside and salvages into it, publishing the outcome;
    // on failure it stays awaiting_fresh_ and is tried again by the next locked(). Holds mutex_.
    void open_fresh_locked(bool first_try);
    // Salvages the newest file in DATA_DIR/damaged/ into the kiosk.db open() just made: the
    // salvage an earlier run owed. Holds mutex_.
    void salvage_owed_locked();
    void background_check();
    void update_health(const std::function<void(StorageHealth&)>& f);

    std::filesystem::path data_dir_;
    std::filesystem::path path_;
    std::mutex mutex_;
    std::unique_ptr<SqliteDb> db_;
    // A damaged file moved aside whose fresh replacement could not be made yet.
    struct SetAside {
        std::filesystem::path to;
        std::string why;
        std::int64_t at_ms = 0;
    };
    std::optional<SetAside> awaiting_fresh_;
    mutable std::mutex health_mutex_;  // health_ only: the UI reads it without waiting for mutex_
    StorageHealth health_;
    std::thread checker_;
    std::mutex checker_mutex_;  // guards checker_db_ for an interrupt from the destructor
    sqlite3* checker_db_ = nullptr;
    std::atomic<bool> stopping_{false};
};

// The outbox side of every kind of record, on kiosk.db's tables by name (`table`: one of
// kiosk.db's own names, never input; `kind`: the record's kind in sync messages and
// sync_problems). Each runs under the KioskDb's lock and turns SQLite's failures into Errors.

// Up to `limit` rows of `table` the hub neither holds yet nor refused, oldest first: `columns`
// selected and each row read by `read(Statement&)`.
template <class Row, class Read>
Result<std::vector<Row>> pending_rows(KioskDb& kdb, const char* table, const char* kind, const std::string& columns,
                                      std::size_t limit, Read&& read);
// How many rows of `table` the hub neither holds yet nor refused.
Result<std::size_t> count_pending_rows(KioskDb& db, const char* table, const char* kind);
// Records that the hub holds these rows of `table`, in one transaction. Unknown or already sent
// ids are ignored; returns how many changed.
Result<std::size_t> mark_rows_sent(KioskDb& db, const char* table, const std::vector<std::string>& ids,
                                   std::int64_t sent_at_ms);
// Removes contact_name and contact_phone from these rows of `table` once they have been sent
// (unsent ones keep them, so the details still reach the hub) and sets contact_erased,
// overwriting the old bytes in the file and the log. Returns how many changed.
Result<std::size_t> erase_contact_rows(KioskDb& db, const char* table, const std::vector<std::string>& ids);
// The same for every sent row of `table` that still holds contact details: a crash between
// marking and erasing leaves some, and the sync agent sweeps them up when it starts.
Result<std::size_t> erase_contact_of_sent_rows(KioskDb& db, const char* table);

// SQL condition: the row of `table` is not one the hub refused (migration 4). Pending queries add
// it, so a refused record stays in kiosk.db but is not pushed.
std::string not_refused_condition(const char* kind, const char* table);

template <class Row, class Read>
Result<std::vector<Row>> pending_rows(KioskDb& kdb, const char* table, const char* kind, const std::string& columns,
                                      std::size_t limit, Read&& read) {
    try {
        return kdb.locked([&](SqliteDb& db) {
            std::vector<Row> out;
            auto st = db.prepare("SELECT " + columns + " FROM " + table + " WHERE sent_at IS NULL AND" +
                                 not_refused_condition(kind, table) + " ORDER BY created_at, id LIMIT ?");
            st.bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
            while (st.step()) out.push_back(read(st));
            return out;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

}  // namespace lianxin
