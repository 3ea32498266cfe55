// kiosk.db: opening, durability settings, schema migrations by user_version, and what happens
// when the file is damaged. A migration and its new user_version commit together, so an
// interrupted upgrade is simply redone.
#include "core/storage/kiosk_db.h"

#include "core/storage/kiosk_salvage.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace lianxin {

namespace {

// Migration k (0-based) takes the schema from version k to k + 1. Append only; never edit one
// that has shipped, since kiosks in the field have already run it.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {
        // 1: opinions. Contact details may only be present with consent (checked here as well as
        // in opinion_rules, so no code path can store them otherwise); sent_at is NULL until the
        // hub holds the record; contact_erased records that the sync agent removed them.
        R"SQL(
CREATE TABLE opinions(
  id TEXT PRIMARY KEY NOT NULL,
  consultation TEXT NOT NULL,
  article INTEGER,
  stance TEXT NOT NULL CHECK (stance IN ('support', 'oppose', 'suggest')),
  text TEXT NOT NULL CHECK (length(text) > 0),
  passport TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  contact_consent INTEGER NOT NULL CHECK (contact_consent IN (0, 1)),
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  kiosk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  contact_erased INTEGER NOT NULL DEFAULT 0 CHECK (contact_erased IN (0, 1)),
  CHECK (contact_consent = 1 OR (contact_name IS NULL AND contact_phone IS NULL))
) STRICT;
CREATE INDEX opinions_unsent ON opinions(created_at, id) WHERE sent_at IS NULL;
)SQL",
        // 2: participation passports (issued here, or opened here from another kiosk's signed
        // QR code), their stamps, and what the hub has told this kiosk: opinion statuses with
        // replies, certificates, revoked certificate serials (docs/tokens.md). A stamp links a
        // passport to an opinion, tour or meeting request; stamps are append-only like opinions.
        R"SQL(
CREATE TABLE passports(
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
  short_code TEXT NOT NULL UNIQUE CHECK (length(short_code) = 11),
  ref TEXT NOT NULL UNIQUE CHECK (length(ref) = 16),
  token TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE TABLE stamps(
  id TEXT PRIMARY KEY NOT NULL,
  passport TEXT NOT NULL REFERENCES passports(id),
  kind TEXT NOT NULL CHECK (kind IN ('opinion', 'tour', 'meeting')),
  ref TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  UNIQUE (passport, kind, ref)
) STRICT;
CREATE TABLE opinion_statuses(
  opinion TEXT PRIMARY KEY NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('received', 'included', 'adopted', 'partly_adopted', 'not_adopted')),
  reply TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE certificates(
  serial TEXT PRIMARY KEY NOT NULL,
  passport TEXT NOT NULL,
  token TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX certificates_by_passport ON certificates(passport);
CREATE TABLE revoked_certificates(
  serial TEXT PRIMARY KEY NOT NULL,
  revoked_at INTEGER NOT NULL
) STRICT;
)SQL",
        // 3: the sync agent's state, one row: the hub's cursor (the last change applied here, saved
        // in the same transaction as the changes it covers) and how the last attempt went, so the
        // maintenance screen can show it after a restart. Unsent passports and stamps are found by
        // index, like unsent opinions.
        R"SQL(
CREATE TABLE sync_state(
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
  last_success_at INTEGER,
  last_attempt_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO sync_state(id) VALUES(1);
CREATE INDEX passports_unsent ON passports(created_at, id) WHERE sent_at IS NULL;
CREATE INDEX stamps_unsent ON stamps(created_at, id) WHERE sent_at IS NULL;
)SQL",
        // 4: what sync could not carry, so no single record blocks it (docs/sync-protocol.md):
        // records the hub refused (kept, never deleted, and no longer pushed; at most one row per
        // record) and changes from the hub this kiosk skipped, until a push has reported them.
        R"SQL(
CREATE TABLE sync_problems(
  seq INTEGER PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('refused_by_hub', 'skipped_here')),
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  reported_at INTEGER
) STRICT;
CREATE UNIQUE INDEX sync_refused ON sync_problems(kind, ref) WHERE direction = 'refused_by_hub';
)SQL",
        // 5: the hub's public URL as its last sync reply gave it: certificates are drawn on it,
        // since the hub fitted their tokens to a QR code there (docs/tokens.md).
        R"SQL(
ALTER TABLE sync_state ADD COLUMN hub_public_url TEXT NOT NULL DEFAULT '';
)SQL",
        // 6: the adopted article an opinion changed, with its words as adopted, as the hub's last
        // status change of the opinion gave it (core/sync/sync_messages.h, StatusChange): the
        // passport shows it beside the visitor's words. A change without one removes it. The
        // cursor starts again from 0, once: the version before read the hub's traced changes
        // without keeping their articles, and moved past them. Every change applies idempotently
        // (the latest status wins; certificates and revocations by serial), so reading the feed
        // again only brings back what this file lacked.
        R"SQL(
CREATE TABLE opinion_traces(
  opinion TEXT PRIMARY KEY NOT NULL,
  number INTEGER NOT NULL CHECK (number >= 1),
  title_zh TEXT NOT NULL CHECK (length(title_zh) > 0),
  title_en TEXT NOT NULL,
  text_zh TEXT NOT NULL CHECK (length(text_zh) > 0),
  text_en TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
UPDATE sync_state SET cursor = 0;
)SQL",
        // 7: the station's visitor records (core/records). Guestbook entries signed by touring
        // delegations (on_wall: they agreed to its showing on the kiosk's wall) and residents'
        // requests to meet a deputy, both append-only and pushed like opinions; a request's contact
        // details follow the opinion's rules (only with consent, erased once the hub holds them).
        // meeting_statuses keeps staff's latest answer as the hub's changes feed gave it.
        R"SQL(
CREATE TABLE guestbook(
  id TEXT PRIMARY KEY NOT NULL,
  organisation TEXT NOT NULL CHECK (length(organisation) > 0),
  origin TEXT NOT NULL CHECK (length(origin) > 0),
  people INTEGER NOT NULL CHECK (people >= 1),
  message TEXT NOT NULL,
  on_wall INTEGER NOT NULL CHECK (on_wall IN (0, 1)),
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  kiosk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX guestbook_unsent ON guestbook(created_at, id) WHERE sent_at IS NULL;
CREATE INDEX guestbook_wall ON guestbook(created_at, id) WHERE on_wall = 1;
CREATE TABLE meeting_requests(
  id TEXT PRIMARY KEY NOT NULL,
  deputy TEXT NOT NULL CHECK (length(deputy) > 0),
  topic TEXT NOT NULL CHECK (length(topic) > 0),
  passport TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  contact_consent INTEGER NOT NULL CHECK (contact_consent IN (0, 1)),
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  kiosk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  contact_erased INTEGER NOT NULL DEFAULT 0 CHECK (contact_erased IN (0, 1)),
  CHECK (contact_consent = 1 OR (contact_name IS NULL AND contact_phone IS NULL))
) STRICT;
CREATE INDEX meeting_requests_unsent ON meeting_requests(created_at, id) WHERE sent_at IS NULL;
CREATE INDEX meeting_requests_by_passport ON meeting_requests(passport, created_at) WHERE passport IS NOT NULL;
CREATE TABLE meeting_statuses(
  request TEXT PRIMARY KEY NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'arranged', 'referred', 'closed')),
  reply TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
) STRICT;
)SQL",
        // 8: the district's live figures as the hub's last good sync reply gave them, with the
        // moment this kiosk took them (as_of, shown beside them). One row, replaced whole with its
        // consultations; a block the kiosk refuses leaves the last good one. The checks repeat
        // district_figures_problem (core/sync/sync_messages.h) so no write path can store less.
        R"SQL(
CREATE TABLE district_figures(
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  opinions INTEGER NOT NULL CHECK (opinions BETWEEN 0 AND 1000000000),
  adopted INTEGER NOT NULL CHECK (adopted >= 0 AND adopted <= opinions),
  passports INTEGER NOT NULL CHECK (passports BETWEEN 0 AND 1000000000),
  delegations INTEGER NOT NULL CHECK (delegations BETWEEN 0 AND 1000000000),
  delegation_people INTEGER NOT NULL CHECK (delegation_people BETWEEN 0 AND 1000000000),
  as_of INTEGER NOT NULL
) STRICT;
CREATE TABLE district_consultation_figures(
  consultation TEXT PRIMARY KEY NOT NULL CHECK (length(consultation) BETWEEN 1 AND 20),
  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 7),
  opinions INTEGER NOT NULL CHECK (opinions BETWEEN 0 AND 1000000000)
) STRICT;
)SQL",
    };
    return list;
}

// Thrown from prepare() for files that open but are not ours to change.
struct Refusal {
    Error error;
};

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// DATA_DIR/damaged/kiosk-YYYYMMDD-HHMMSS.db (local time: staff read it), -2, -3 … if taken.
fs::path damaged_name(const fs::path& data_dir) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    fs::path dir = data_dir / "damaged";
    for (int n = 1;; ++n) {
        std::string name = std::string("kiosk-") + stamp + (n > 1 ? "-" + std::to_string(n) : "") + ".db";
        std::error_code ec;
        if (!fs::exists(dir / name, ec)) return dir / name;
    }
}

// The file is created by us so it is private from the first byte; SQLite gives its -wal and
// -shm files the same permissions.
bool create_private(const fs::path& path, std::string& why) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        why = "cannot open " + path.string() + ": " + std::strerror(errno);
        return false;
    }
    ::close(fd);
    return true;
}

}  // namespace

KioskDb::KioskDb(fs::path data_dir, fs::path path) : data_dir_(std::move(data_dir)), path_(std::move(path)) {}

KioskDb::~KioskDb() {
    stopping_ = true;
    {
        std::lock_guard lock(checker_mutex_);
        if (checker_db_) sqlite3_interrupt(checker_db_);
    }
    if (checker_.joinable()) checker_.join();
}

void KioskDb::open_connection() {
    db_.reset();
    db_ = std::make_unique<SqliteDb>(path_.string(), SqliteDb::Mode::read_write_create);
    prepare();
}

void KioskDb::prepare() {
    assert(migrations().size() == static_cast<std::size_t>(kKioskDbSchema));
    SqliteDb& db = *db_;
    // The first read throws "file is not a database" for a file of some other kind.
    std::int64_t app = db.pragma_int("application_id");
    std::int64_t version = db.pragma_int("user_version");
    if (app != kKioskDbApplicationId) {
        bool fresh = app == 0 && version == 0 && db.pragma_int("schema_version") == 0;
        if (!fresh)
            throw Refusal{
                {ErrorCode::corrupt,
                 path_.string() + " is a SQLite database but not a Lianxin kiosk database"}};
    }
    if (version > static_cast<std::int64_t>(migrations().size()))
        throw Refusal{{ErrorCode::bad_schema,
                       path_.string() + " has kiosk database schema " + std::to_string(version) +
                           "; this program knows up to " + std::to_string(kKioskDbSchema) +
                           " (was it written by a newer Lianxin?)"}};

    // WAL: a commit appends to the log and one fsync makes it durable; readers (the sync agent)
    // never block the writer. The mode is stored in the file; the answer says whether it took.
    {
        auto st = db.prepare("PRAGMA journal_mode=WAL");
        if (!st.step() || st.text(0) != "wal")
            throw Refusal{{ErrorCode::io,
                           path_.string() + ": this file system cannot hold a write-ahead log"}};
    }
    // FULL (not the WAL default NORMAL): fsync the log at every commit, so an acknowledged record
    // survives power loss, not only a crash. Per connection, so set on every open.
    db.exec("PRAGMA synchronous=FULL");
    // Erased contact details are overwritten, not left in free space.
    db.exec("PRAGMA secure_delete=ON");

    for (auto v = version; v < static_cast<std::int64_t>(migrations().size()); ++v) {
        Transaction tx(db);
        db.exec(migrations()[static_cast<std::size_t>(v)]);
        if (v == 0) db.exec("PRAGMA application_id=" + std::to_string(kKioskDbApplicationId));
        db.exec("PRAGMA user_version=" + std::to_string(v + 1));
        tx.commit();
    }
}

// quick_check reads every page and checks every row against NOT NULL and CHECK; it skips only the
// index-against-table comparison of integrity_check (cost: bench/README.md, "kiosk.db check").
bool KioskDb::passes_quick_check(SqliteDb& db, std::string& why) {
    auto st = db.prepare("PRAGMA quick_check(20)");
    std::string lines;
    while (st.step()) {
        std::string line = st.text(0);
        if (line == "ok") return true;
        if (!lines.empty()) lines += "; ";
        lines += line;
    }
    why = "quick_check: " + (lines.empty() ? std::string("no answer") : lines);
    return false;
}

Result<std::unique_ptr<KioskDb>> KioskDb::open(const fs::path& data_dir, Check check) {
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    if (ec)
        return Error{ErrorCode::io,
                     "cannot create the data folder " + data_dir.string() + ": " + ec.message()};
    fs::path path = data_dir / kKioskDbFileName;
    std::error_code exists_ec;
    const bool existed = fs::exists(path, exists_ec);
    std::string why;
    if (!create_private(path, why)) return Error{ErrorCode::io, why};
    std::unique_ptr<KioskDb> db(new KioskDb(data_dir, path));
    try {
        db->open_connection();
        if (check == Check::now) {
            db->update_health([](StorageHealth& h) { h.check = StorageHealth::Check::running; });
            std::string damage;
            if (!db->passes_quick_check(*db->db_, damage)) {
                std::lock_guard lock(db->mutex_);
                db->set_aside_locked(damage);
            } else {
                db->update_health([](StorageHealth& h) { h.check = StorageHealth::Check::ok; });
            }
        }
    } catch (const Refusal& r) {
        return r.error;
    } catch (const SqliteError& e) {
        // Not readable as a database at all (a zeroed header, garbage, cut short). An I/O error
        // here proves nothing about the file (a full disk cannot hold the shared-memory index):
        // refused, the file left where it is.
        if (classify_storage_fault(e.code) != StorageFault::damaged) return storage_error(e, path.string() + ": ");
        std::lock_guard lock(db->mutex_);
        db->set_aside_locked(e.what());
    }
    // Damaged and moved aside, but no fresh file could be made yet (the disk still fails writes):
    // the kiosk starts without records (health() says so) and each use tries again, salvaging
    // the file set aside then. Refusing here lost that salvage: the next start made an empty
    // kiosk.db and never looked at the file set aside, with its unsent records.
    if (!db->db_ && !db->awaiting_fresh_) return Error{ErrorCode::io, path.string() + ": " + db->health().unavailable};
    if (!existed && db->db_) {
        std::lock_guard lock(db->mutex_);
        db->salvage_owed_locked();
    }
    if (check == Check::in_background) {
        db->update_health([](StorageHealth& h) {
            if (h.check == StorageHealth::Check::pending) h.check = StorageHealth::Check::running;
        });
        if (db->health().check == StorageHealth::Check::running)
            db->checker_ = std::thread([raw = db.get()] { raw->background_check(); });
    }
    return db;
}

void KioskDb::background_check() {
    // Below the UI's priority: the check reads the whole file while the first screens draw.
    setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    std::string damage;
    bool ok = true;
    const std::int64_t set_aside_before = health().damaged_at_ms;
    try {
        // A connection of its own: in WAL mode it reads while the UI writes.
        SqliteDb check(path_.string(), SqliteDb::Mode::read_only);
        {
            std::lock_guard lock(checker_mutex_);
            checker_db_ = check.handle();
        }
        if (!stopping_) ok = passes_quick_check(check, damage);
        std::lock_guard lock(checker_mutex_);
        checker_db_ = nullptr;
    } catch (const SqliteError& e) {
        std::lock_guard lock(checker_mutex_);
        checker_db_ = nullptr;
        if (stopping_ || (e.code & 0xff) == SQLITE_INTERRUPT) return;
        auto f = classify_storage_fault(e.code);
        ok = !(f == StorageFault::damaged);
        damage = e.what();
        // (Not about the file the kiosk uses if that one was set aside while the check ran.)
        if (ok) update_health([&](StorageHealth& h) {
            if (h.damaged_at_ms != set_aside_before) return;
            h.fault = f;
            h.fault_detail = "start check could not run: " + damage;
            h.fault_at_ms = wall_ms();
        });
    }
    if (stopping_) return;
    if (ok) {
        // A file set aside while the check ran stays reported as damaged: what passed was the
        // fresh file (or the old one before the damage), not the one found at start.
        update_health([&](StorageHealth& h) {
            if (h.damaged_at_ms == set_aside_before) h.check = StorageHealth::Check::ok;
        });
        return;
    }
    std::lock_guard lock(mutex_);
    // Unless the file it read was set aside meanwhile (damage met by a write while it ran).
    if (health().damaged_at_ms == set_aside_before) set_aside_locked(damage);
}

void KioskDb::after_success_locked(std::int64_t changes_before) {
    // A write went through: a full disk or an I/O fault seen before is over.
    if (sqlite3_total_changes64(db_->handle()) == changes_before) return;
    std::lock_guard lock(health_mutex_);
    if (health_.fault != StorageFault::none) {
        health_.fault = StorageFault::none;
        health_.fault_detail.clear();
    }
}

void KioskDb::after_failure_locked(const SqliteError& e) {
    StorageFault f = classify_storage_fault(e.code);
    if (f == StorageFault::none) return;
    if (f == StorageFault::io && db_) {
        // An I/O error may or may not have damaged the file: look before deciding.
        std::string why;
        try {
            if (!passes_quick_check(*db_, why)) f = StorageFault::damaged;
        } catch (const SqliteError& again) {
            if (classify_storage_fault(again.code) == StorageFault::damaged) {
                f = StorageFault::damaged;
                why = again.what();
            }
        }
        if (f == StorageFault::damaged) {
            set_aside_locked(std::string(e.what()) + "; then " + why);
            return;
        }
    }
    if (f == StorageFault::damaged) {
        set_aside_locked(e.what());
        return;
    }
    update_health([&](StorageHealth& h) {
        h.fault = f;
        h.fault_detail = e.what();
        h.fault_at_ms = wall_ms();
    });
}

void KioskDb::set_aside_locked(const std::string& why) {
    if (db_) {
        // The damaged file is never written again, not even by the checkpoint a close would run.
        db_->no_checkpoint_on_close();
        db_.reset();
    }
    std::int64_t at = wall_ms();
    fs::path to = damaged_name(data_dir_);
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    // The -wal goes first, and with it or not at all: it may hold committed records, and left
    // behind it would be replayed into the fresh kiosk.db or deleted with a half-made one.
    const std::string wal = path_.string() + "-wal", to_wal = to.string() + "-wal";
    bool wal_moved = false;
    if (!ec && fs::exists(wal, ec) && !ec) {
        fs::rename(wal, to_wal, ec);
        wal_moved = !ec;
    }
    if (!ec) fs::rename(path_, to, ec);
    if (ec && wal_moved) {
        std::error_code back;
        fs::rename(to_wal, wal, back);
    }
    if (ec) {
        // Left where it is, and not used: every write is refused (the visitor is told).
        update_health([&](StorageHealth& h) {
            h.check = StorageHealth::Check::damaged;
            h.damage_detail = why;
            h.damaged_at_ms = at;
            h.unavailable = "kiosk.db is damaged (" + why + ") and could not be moved aside to " + to.string() +
                            ": " + ec.message();
        });
        return;
    }
    // The shared-memory index only describes the -wal: kept beside it for the record, or removed.
    if (std::error_code e2; fs::exists(path_.string() + "-shm", e2)) {
        fs::rename(path_.string() + "-shm", to.string() + "-shm", e2);
        if (e2) fs::remove(path_.string() + "-shm", e2);
    }
    awaiting_fresh_ = SetAside{to, why, at};
    open_fresh_locked(true);
}

void KioskDb::open_fresh_locked(bool first_try) {
    const SetAside aside = *awaiting_fresh_;
    // The outcome is published in one step, when the fresh file and the salvage are done: the
    // kiosk reports each damage once, on seeing damaged_at_ms change, and must never read a
    // salvage half-way (it logged "0 records salvaged" when it did).
    std::string unavailable;
    Result<SalvageReport> report = Error{ErrorCode::io, "not run"};
    try {
        std::string fail;
        if (!create_private(path_, fail)) throw SqliteError(fail, SQLITE_CANTOPEN);
        open_connection();
    } catch (const SqliteError& e) {
        unavailable = std::string("no fresh kiosk.db: ") + e.what();
    } catch (const Refusal& r) {
        unavailable = "no fresh kiosk.db: " + r.error.detail;
    }
    if (unavailable.empty()) {
        awaiting_fresh_.reset();
        // What can still be read comes back at once: unsent records keep their ids and go to the hub.
        try {
            report = salvage_kiosk_db(aside.to, *db_);
        } catch (const SqliteError& e) {
            report = Error{ErrorCode::database, std::string("writing the fresh kiosk.db failed: ") + e.what()};
        }
    } else {
        db_.reset();
        // A half-made file would be taken for a kiosk.db by the next try: it starts again from nothing.
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path_.string() + suffix, ec);
        report = Error{ErrorCode::io, unavailable};
        if (!first_try) {  // the first try published the rest already
            update_health([&](StorageHealth& h) { h.unavailable = unavailable; });
            return;
        }
    }
    update_health([&](StorageHealth& h) {
        h.check = StorageHealth::Check::damaged;
        h.moved_to = aside.to;
        h.damage_detail = aside.why;
        h.damaged_at_ms = aside.at_ms;
        h.unavailable = unavailable;
        if (!first_try && unavailable.empty()) h.recovered_at_ms = wall_ms();
        h.salvaged = static_cast<bool>(report);
        h.salvaged_records = report ? report->total_kept() : 0;
        h.salvage_left_out = report ? report->total_left_out() : 0;
        // With no fresh file the unavailable line says why; the salvage did not run.
        h.salvage_error = report || !unavailable.empty() ? std::string() : report.error().detail;
    });
}

void KioskDb::salvage_owed_locked() {
    // The newest file this kiosk set aside. Older ones were followed by a fresh kiosk.db, which
    // took their salvage; salvaging them again would bring back rows in an older state.
    const auto files = set_aside_files(data_dir_);
    const fs::path newest = files.empty() ? fs::path() : files.back().path;
    if (newest.empty()) return;
    Result<SalvageReport> report = Error{ErrorCode::io, "not run"};
    try {
        report = salvage_kiosk_db(newest, *db_);
    } catch (const std::exception& e) {  // SQLite or the file system: the kiosk starts regardless
        report = Error{ErrorCode::io, e.what()};
    }
    std::string line = newest.filename().string() + ": " +
                       (report ? std::to_string(report->total_kept()) + " records salvaged, " +
                                     std::to_string(report->total_left_out()) + " left out"
                               : "not salvaged (" + report.error().detail +
                                     "): lianxin-admin kiosk salvage can still recover it");
    update_health([&](StorageHealth& h) { h.earlier_salvage = line; });
}

namespace {

// kiosk-YYYYMMDD-HHMMSS[-N].db (damaged_name above) → local time in unix ms, and N; false for
// another name.
bool parse_set_aside_name(const std::string& name, std::int64_t& at_ms, int& repeat) {
    std::tm tm{};
    char dash = 0;
    int n = 1, used = 0;
    if (std::sscanf(name.c_str(), "kiosk-%4d%2d%2d-%2d%2d%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &used) != 6 || used != 21)
        return false;
    std::string rest = name.substr(static_cast<std::size_t>(used));
    if (rest != ".db" && (std::sscanf(rest.c_str(), "%c%d.db", &dash, &n) != 2 || dash != '-' || n < 2 ||
                          rest != "-" + std::to_string(n) + ".db"))
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1)) return false;
    at_ms = static_cast<std::int64_t>(t) * 1000;
    repeat = n;
    return true;
}

}  // namespace

std::vector<SetAsideFile> set_aside_files(const fs::path& data_dir) {
    std::vector<SetAsideFile> out;
    std::error_code ec;
    for (auto it = fs::directory_iterator(data_dir / "damaged", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code e2;
        if (name.rfind("kiosk-", 0) != 0 || it->path().extension() != ".db" || !it->is_regular_file(e2) ||
            it->is_symlink(e2))
            continue;
        SetAsideFile f{it->path()};
        if (!parse_set_aside_name(name, f.at_ms, f.repeat)) {
            auto t = it->last_write_time(e2);
            if (e2) continue;
            f.at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::file_clock::to_sys(t).time_since_epoch())
                          .count();
        }
        out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(), [](const SetAsideFile& a, const SetAsideFile& b) {
        if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
        if (a.repeat != b.repeat) return a.repeat < b.repeat;
        return a.path < b.path;
    });
    return out;
}

StorageHealth KioskDb::health() const {
    std::lock_guard lock(health_mutex_);
    return health_;
}

void KioskDb::update_health(const std::function<void(StorageHealth&)>& f) {
    std::lock_guard lock(health_mutex_);
    f(health_);
}

std::string not_refused_condition(const char* kind, const char* table) {
    return std::string(" NOT EXISTS (SELECT 1 FROM sync_problems WHERE direction = 'refused_by_hub' AND kind = '") +
           kind + "' AND ref = " + table + ".id)";
}

Result<std::size_t> count_pending_rows(KioskDb& kdb, const char* table, const char* kind) {
    try {
        return kdb.locked([&](SqliteDb& db) {
            auto st = db.prepare(std::string("SELECT count(*) FROM ") + table + " WHERE sent_at IS NULL AND" +
                                 not_refused_condition(kind, table));
            st.step();
            return static_cast<std::size_t>(st.integer(0));
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<std::size_t> mark_rows_sent(KioskDb& kdb, const char* table, const std::vector<std::string>& ids,
                                   std::int64_t sent_at_ms) {
    try {
        return kdb.locked([&](SqliteDb& db) {
            std::size_t changed = 0;
            Transaction tx(db);
            auto st = db.prepare(std::string("UPDATE ") + table + " SET sent_at = ? WHERE id = ? AND sent_at IS NULL");
            for (auto& id : ids) {
                st.bind(1, sent_at_ms).bind(2, id);
                st.run();
                changed += static_cast<std::size_t>(sqlite3_changes(db.handle()));
                st.reset();
            }
            tx.commit();
            return changed;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<std::size_t> erase_contact_rows(KioskDb& kdb, const char* table, const std::vector<std::string>& ids) {
    try {
        return kdb.locked([&](SqliteDb& db) {
            std::size_t changed = 0;
            {
                Transaction tx(db);
                auto st = db.prepare(std::string("UPDATE ") + table +
                                     " SET contact_name = NULL, contact_phone = NULL, contact_erased = 1 "
                                     "WHERE id = ? AND sent_at IS NOT NULL AND (contact_name IS NOT NULL OR "
                                     "contact_phone IS NOT NULL)");
                for (auto& id : ids) {
                    st.bind(1, id);
                    st.run();
                    changed += static_cast<std::size_t>(sqlite3_changes(db.handle()));
                    st.reset();
                }
                tx.commit();
            }
            // secure_delete zeroed the old values in the database pages; older copies of those
            // pages still sit in the write-ahead log until a checkpoint empties it.
            if (changed > 0) db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            return changed;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<std::size_t> erase_contact_of_sent_rows(KioskDb& kdb, const char* table) {
    std::vector<std::string> ids;
    try {
        ids = kdb.locked([&](SqliteDb& db) {
            std::vector<std::string> out;
            auto st = db.prepare(std::string("SELECT id FROM ") + table +
                                 " WHERE sent_at IS NOT NULL AND (contact_name IS NOT NULL OR contact_phone IS NOT NULL)");
            while (st.step()) out.push_back(st.text(0));
            return out;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
    if (ids.empty()) return std::size_t{0};
    return erase_contact_rows(kdb, table, ids);
}

}  // namespace lianxin
