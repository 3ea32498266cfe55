// kiosk.db: opening, durability settings and schema migrations by user_version.
// A migration and its new user_version commit together, so an interrupted upgrade is simply redone.
#include "core/storage/kiosk_db.h"

#include <fcntl.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstring>
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
    };
    return list;
}

// Thrown from prepare() for files that open but are not ours to change.
struct Refusal {
    Error error;
};

}  // namespace

KioskDb::KioskDb(fs::path path)
    : path_(std::move(path)), db_(path_.string(), SqliteDb::Mode::read_write_create) {}

void KioskDb::prepare() {
    assert(migrations().size() == static_cast<std::size_t>(kKioskDbSchema));
    // The first read throws "file is not a database" for a file of some other kind.
    std::int64_t app = db_.pragma_int("application_id");
    std::int64_t version = db_.pragma_int("user_version");
    if (app != kKioskDbApplicationId) {
        bool fresh = app == 0 && version == 0 && db_.pragma_int("schema_version") == 0;
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
        auto st = db_.prepare("PRAGMA journal_mode=WAL");
        if (!st.step() || st.text(0) != "wal")
            throw Refusal{{ErrorCode::io,
                           path_.string() + ": this file system cannot hold a write-ahead log"}};
    }
    // FULL (not the WAL default NORMAL): fsync the log at every commit, so an acknowledged record
    // survives power loss, not only a crash. Per connection, so set on every open.
    db_.exec("PRAGMA synchronous=FULL");
    // Erased contact details are overwritten, not left in free space.
    db_.exec("PRAGMA secure_delete=ON");

    for (auto v = version; v < static_cast<std::int64_t>(migrations().size()); ++v) {
        Transaction tx(db_);
        db_.exec(migrations()[static_cast<std::size_t>(v)]);
        if (v == 0) db_.exec("PRAGMA application_id=" + std::to_string(kKioskDbApplicationId));
        db_.exec("PRAGMA user_version=" + std::to_string(v + 1));
        tx.commit();
    }
}

Result<std::unique_ptr<KioskDb>> KioskDb::open(const fs::path& data_dir) {
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    if (ec)
        return Error{ErrorCode::io,
                     "cannot create the data folder " + data_dir.string() + ": " + ec.message()};
    fs::path path = data_dir / kKioskDbFileName;
    // Create the file ourselves so it is private from the first byte; SQLite gives its -wal and
    // -shm files the same permissions.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{ErrorCode::io, "cannot open " + path.string() + ": " + std::strerror(errno)};
    ::close(fd);
    try {
        std::unique_ptr<KioskDb> db(new KioskDb(path));
        db->prepare();
        return db;
    } catch (const Refusal& r) {
        return r.error;
    } catch (const SqliteError& e) {
        std::string what = e.what();
        if (what.find("not a database") != std::string::npos)
            return Error{ErrorCode::corrupt,
                         path.string() + " is not a SQLite database (" + what + ")"};
        return Error{ErrorCode::database, path.string() + ": " + what};
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
        return Error{ErrorCode::database, e.what()};
    }
}

}  // namespace lianxin
