// The hub store's migrations and the runner that applies them (see store_schema.h). Append only:
// never edit a migration that has shipped, since hubs in the field have already run it.
#include "hub/store/store_schema.h"

#include <algorithm>
#include <vector>

namespace lianxin::hub {

namespace {

// Migration k (0-based) takes the schema from version k to k + 1. Written once for both
// dialects: @INT@ (64-bit integer), @BLOB@, @SEQ@ (an increasing primary key, never reused) and
// @STRICT@ are filled in by `for_dialect`.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {
        // 1: everything the hub keeps.
        // - kiosks: the registry with each kiosk's latest heartbeat (one row a kiosk, overwritten).
        // - counters: kiosk codes are handed out from a counter, so two hubs never hand out the
        // same.
        // - nonces: replay protection; the primary key is what refuses a replay.
        // - opinions, passports, stamps: the records kiosks push, first write wins. Opinions keep
        //   contact details (staff need them); public views never read those columns.
        // - kiosk_passports: which kiosks hold which passport (certificates go to all of them).
        // - changes: the per-kiosk feed (statuses, certificates, revocations) in `seq` order;
        //   kiosk_id NULL means "every kiosk concerned" (revocations: all; certificates: holders).
        // - bundles: content bundles with their bytes, so every hub serves the same ones.
        // - events: rate-limit events (kind, key, time), purged as they age.
        R"SQL(
CREATE TABLE kiosks(
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 3),
  public_key TEXT NOT NULL,
  registered_at @INT@ NOT NULL,
  revoked_at @INT@,
  hb_at @INT@,
  hb_app_version TEXT,
  hb_content_version TEXT,
  hb_outbox_depth @INT@,
  hb_last_error TEXT
)@STRICT@;
CREATE TABLE counters(name TEXT PRIMARY KEY NOT NULL, value @INT@ NOT NULL)@STRICT@;
INSERT INTO counters(name, value) VALUES ('kiosk_code', 0);
CREATE TABLE admin_keys(
  id TEXT PRIMARY KEY NOT NULL,
  public_key TEXT NOT NULL,
  added_at @INT@ NOT NULL
)@STRICT@;
CREATE TABLE nonces(
  signer TEXT NOT NULL,
  nonce TEXT NOT NULL,
  seen_at @INT@ NOT NULL,
  PRIMARY KEY (signer, nonce)
)@STRICT@;
CREATE INDEX nonces_by_time ON nonces(seen_at);
CREATE TABLE opinions(
  id TEXT PRIMARY KEY NOT NULL,
  kiosk_id TEXT NOT NULL,
  consultation TEXT NOT NULL,
  article @INT@,
  stance TEXT NOT NULL CHECK (stance IN ('support', 'oppose', 'suggest')),
  text TEXT NOT NULL,
  passport TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_consent @INT@ NOT NULL CHECK (contact_consent IN (0, 1)),
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  kiosk_name TEXT NOT NULL,
  created_at @INT@ NOT NULL,
  received_at @INT@ NOT NULL,
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'included', 'adopted', 'partly_adopted', 'not_adopted')),
  reply TEXT NOT NULL DEFAULT '',
  status_at @INT@
)@STRICT@;
CREATE INDEX opinions_by_time ON opinions(created_at, id);
CREATE INDEX opinions_by_consultation ON opinions(consultation, created_at, id);
CREATE TABLE passports(
  id TEXT PRIMARY KEY NOT NULL,
  short_code TEXT NOT NULL,
  token TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  kiosk_name TEXT NOT NULL,
  created_at @INT@ NOT NULL,
  received_at @INT@ NOT NULL
)@STRICT@;
CREATE TABLE kiosk_passports(
  kiosk_id TEXT NOT NULL,
  passport TEXT NOT NULL,
  linked_at @INT@ NOT NULL,
  PRIMARY KEY (kiosk_id, passport)
)@STRICT@;
CREATE INDEX kiosk_passports_by_passport ON kiosk_passports(passport);
CREATE TABLE stamps(
  id TEXT PRIMARY KEY NOT NULL,
  passport TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('opinion', 'tour', 'meeting')),
  ref TEXT NOT NULL,
  created_at @INT@ NOT NULL,
  received_at @INT@ NOT NULL,
  kiosk_id TEXT NOT NULL
)@STRICT@;
CREATE INDEX stamps_by_passport ON stamps(passport, created_at);
CREATE INDEX stamps_by_ref ON stamps(ref);
CREATE TABLE certificates(
  serial TEXT PRIMARY KEY NOT NULL,
  passport TEXT NOT NULL,
  opinion TEXT NOT NULL,
  token TEXT NOT NULL,
  issued_at @INT@ NOT NULL
)@STRICT@;
CREATE INDEX certificates_by_passport ON certificates(passport);
CREATE TABLE revocations(serial TEXT PRIMARY KEY NOT NULL, revoked_at @INT@ NOT NULL)@STRICT@;
CREATE TABLE changes(
  seq @SEQ@,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'certificate', 'revocation')),
  kiosk_id TEXT,
  opinion TEXT,
  status TEXT,
  reply TEXT,
  passport TEXT,
  serial TEXT,
  token TEXT,
  at @INT@ NOT NULL
)@STRICT@;
CREATE TABLE bundles(
  id @SEQ@,
  version TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  size @INT@ NOT NULL,
  signature TEXT NOT NULL,
  bytes @BLOB@ NOT NULL,
  added_at @INT@ NOT NULL
)@STRICT@;
CREATE TABLE events(kind TEXT NOT NULL, key TEXT NOT NULL, at @INT@ NOT NULL)@STRICT@;
CREATE INDEX events_by_key ON events(kind, key, at);
CREATE INDEX events_by_time ON events(at);
)SQL",
        // 2: who may do what, and a record of what was done.
        // - admin_keys.roles: a comma list of editor, reviewer, operator; keys enrolled before
        //   roles existed could do everything, and keep that. admin_keys.name: who holds the key.
        // - audit: every change made through the admin API (who, what, when, before and after),
        //   written in the change's own transaction, never updated or deleted.
        // - publications: which bundle kiosks are told to run, newest last; a rollback publishes
        //   an earlier version again. Every bundle already held was published when it was added.
        // - opinions.channel: where an opinion came from (a hall's kiosk, the phone form, or a
        //   paper card or phone call staff recorded); opinions.hidden_reason: why staff hid its
        //   text from public pages (NULL: shown). The text itself is never changed or deleted.
        // - final_articles: a regulation's text as adopted, per article; opinions.final_article:
        //   the adopted article an adopted opinion changed (its trace into the law).
        R"SQL(
ALTER TABLE admin_keys ADD COLUMN roles TEXT NOT NULL DEFAULT 'editor,reviewer,operator';
ALTER TABLE admin_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
CREATE TABLE audit(
  id @SEQ@,
  at @INT@ NOT NULL,
  admin_key TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL
)@STRICT@;
CREATE INDEX audit_by_time ON audit(at, id);
CREATE TABLE publications(
  id @SEQ@,
  version TEXT NOT NULL,
  at @INT@ NOT NULL,
  admin_key TEXT NOT NULL
)@STRICT@;
INSERT INTO publications(version, at, admin_key) SELECT version, added_at, '' FROM bundles ORDER BY id;
ALTER TABLE opinions ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk'
  CHECK (channel IN ('kiosk', 'phone', 'paper', 'phone-call'));
UPDATE opinions SET channel = 'phone' WHERE kiosk_id = 'phone';
ALTER TABLE opinions ADD COLUMN hidden_reason TEXT;
ALTER TABLE opinions ADD COLUMN final_article @INT@;
CREATE TABLE final_articles(
  consultation TEXT NOT NULL,
  number @INT@ NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  text_zh TEXT NOT NULL,
  text_en TEXT NOT NULL,
  PRIMARY KEY (consultation, number)
)@STRICT@;
)SQL",
        // 3: the heartbeat's report on a kiosk's own kiosk.db (StorageReport in
        // core/sync/sync_messages.h): damaged files it set aside and how many wait, the salvage
        // of the newest (-1: not known), and a storage fault now. NULL: no report yet.
        R"SQL(
ALTER TABLE kiosks ADD COLUMN hb_db_set_aside @INT@;
ALTER TABLE kiosks ADD COLUMN hb_db_newest TEXT;
ALTER TABLE kiosks ADD COLUMN hb_db_newest_at @INT@;
ALTER TABLE kiosks ADD COLUMN hb_db_salvaged @INT@;
ALTER TABLE kiosks ADD COLUMN hb_db_left_out @INT@;
ALTER TABLE kiosks ADD COLUMN hb_db_fault TEXT;
)SQL",
        // 4: the station's visitor records (core/records), pushed like opinions, first write wins.
        // - guestbook: entries signed by touring delegations at the kiosks.
        // - meeting_requests: residents asking to meet a deputy, at a kiosk or on the phone form,
        //   with contact details (only with consent; staff need them) and staff's latest answer
        //   (status, reply). Every answer is also a change in its kiosk's feed (kind
        //   meeting_status, changes.meeting naming the request) and an audit entry.
        // The feed's kind CHECK takes the new kind: PostgreSQL replaces the constraint; SQLite
        // cannot alter one, so the table is rebuilt with its rows and its AUTOINCREMENT counter
        // (a seq handed out once is never handed out again).
        R"SQL(
CREATE TABLE guestbook(
  id TEXT PRIMARY KEY NOT NULL,
  kiosk_id TEXT NOT NULL,
  organisation TEXT NOT NULL,
  origin TEXT NOT NULL,
  people @INT@ NOT NULL CHECK (people >= 1),
  message TEXT NOT NULL,
  on_wall @INT@ NOT NULL CHECK (on_wall IN (0, 1)),
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  kiosk_name TEXT NOT NULL,
  created_at @INT@ NOT NULL,
  received_at @INT@ NOT NULL
)@STRICT@;
CREATE INDEX guestbook_by_time ON guestbook(created_at, id);
CREATE INDEX guestbook_by_kiosk ON guestbook(kiosk_name, created_at);
CREATE TABLE meeting_requests(
  id TEXT PRIMARY KEY NOT NULL,
  kiosk_id TEXT NOT NULL,
  deputy TEXT NOT NULL,
  topic TEXT NOT NULL,
  passport TEXT,
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_consent @INT@ NOT NULL CHECK (contact_consent IN (0, 1)),
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  kiosk_name TEXT NOT NULL,
  created_at @INT@ NOT NULL,
  received_at @INT@ NOT NULL,
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'arranged', 'referred', 'closed')),
  reply TEXT NOT NULL DEFAULT '',
  status_at @INT@
)@STRICT@;
CREATE INDEX meeting_requests_by_time ON meeting_requests(created_at, id);
CREATE INDEX meeting_requests_by_deputy ON meeting_requests(deputy, created_at);
@POSTGRES@ ALTER TABLE changes DROP CONSTRAINT changes_kind_check;
@POSTGRES@ ALTER TABLE changes ADD CONSTRAINT changes_kind_check
  CHECK (kind IN ('status', 'certificate', 'revocation', 'meeting_status'));
@POSTGRES@ ALTER TABLE changes ADD COLUMN meeting TEXT;
@SQLITE@ CREATE TABLE changes_new(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'certificate', 'revocation', 'meeting_status')),
  kiosk_id TEXT,
  opinion TEXT,
  status TEXT,
  reply TEXT,
  passport TEXT,
  serial TEXT,
  token TEXT,
  at INTEGER NOT NULL,
  meeting TEXT
) STRICT;
@SQLITE@ INSERT INTO changes_new(seq, kind, kiosk_id, opinion, status, reply, passport, serial, token, at)
  SELECT seq, kind, kiosk_id, opinion, status, reply, passport, serial, token, at FROM changes ORDER BY seq;
@SQLITE@ DELETE FROM sqlite_sequence WHERE name = 'changes_new';
@SQLITE@ INSERT INTO sqlite_sequence(name, seq) SELECT 'changes_new', seq FROM sqlite_sequence WHERE name = 'changes';
@SQLITE@ DROP TABLE changes;
@SQLITE@ ALTER TABLE changes_new RENAME TO changes;
)SQL",
    };
    return list;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

std::string for_dialect(std::string sql, Dialect d) {
    bool lite = d == Dialect::sqlite;
    replace_all(sql, "@INT@", lite ? "INTEGER" : "BIGINT");
    replace_all(sql, "@BLOB@", lite ? "BLOB" : "BYTEA");
    // AUTOINCREMENT: never reuse a number, even after the highest row is deleted. An identity
    // column in PostgreSQL; see sql_store.cpp for how its out-of-order commits are handled.
    replace_all(sql, "@SEQ@",
                lite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                     : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    replace_all(sql, "@STRICT@", lite ? " STRICT" : "");
    return sql;
}

// Splits a migration into statements (PostgreSQL's extended protocol takes one at a time). The
// migrations contain no semicolons inside literals. A statement that starts with @SQLITE@ or
// @POSTGRES@ is run by that back-end only (what one dialect cannot say the other's way, such as
// changing a CHECK constraint).
std::vector<std::string> statements(const std::string& sql, Dialect d) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at = sql.find(';'); at != std::string::npos; at = sql.find(';', start)) {
        std::string st = sql.substr(start, at - start);
        start = at + 1;
        std::size_t first = st.find_first_not_of(" \n\t");
        if (first == std::string::npos) continue;
        st.erase(0, first);
        for (auto [tag, only] : {std::pair{"@SQLITE@", Dialect::sqlite}, std::pair{"@POSTGRES@", Dialect::postgres}}) {
            if (st.rfind(tag, 0) != 0) continue;
            st = d == only ? st.substr(std::string_view(tag).size()) : std::string();
        }
        if (st.find_first_not_of(" \n\t") != std::string::npos) out.push_back(st);
    }
    return out;
}

std::vector<std::string> table_names(SqlSession& s, Dialect d) {
    SqlRows rows = s.query(
        d == Dialect::sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name::text FROM information_schema.tables "
              "WHERE table_schema = current_schema()");
    std::vector<std::string> names;
    for (auto& r : rows) names.push_back(r.text(0));
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

Status migrate(SqlSession& s, Dialect dialect, const std::string& where) {
    const auto& list = migrations();
    static_assert(kHubStoreSchema >= 1);
    for (;;) {
        s.begin_write();
        // Hubs starting at once: the first migrates, the others wait here and then find it done.
        if (dialect == Dialect::postgres) s.query("SELECT pg_advisory_xact_lock(1280854082, 1)");
        auto tables = table_names(s, dialect);
        bool ours = std::find(tables.begin(), tables.end(), "schema_version") != tables.end();
        std::int64_t version = 0;
        if (!ours) {
            if (!tables.empty()) {
                s.rollback();
                std::string found;
                for (std::size_t i = 0; i < tables.size() && i < 5; ++i)
                    found += (i ? ", " : "") + tables[i];
                return Error{ErrorCode::corrupt,
                             where + " already holds tables that are not a Lianxin hub store (" +
                                 found + "); point the hub at an empty database"};
            }
            s.query(for_dialect("CREATE TABLE schema_version(version @INT@ NOT NULL)@STRICT@",
                                dialect));
            s.query("INSERT INTO schema_version(version) VALUES (0)");
        } else {
            version = s.query("SELECT version FROM schema_version").at(0).integer(0);
        }
        if (version > static_cast<std::int64_t>(list.size())) {
            s.rollback();
            return Error{ErrorCode::bad_schema,
                         where + " has hub store schema " + std::to_string(version) +
                             "; this program knows up to " + std::to_string(list.size()) +
                             " (was it written by a newer Lianxin?)"};
        }
        if (version == static_cast<std::int64_t>(list.size())) {
            s.commit();
            return ok_status();
        }
        for (const auto& st :
             statements(for_dialect(list[static_cast<std::size_t>(version)], dialect), dialect))
            s.query(st);
        if (dialect == Dialect::sqlite && version == 0)
            s.query("PRAGMA application_id=" + std::to_string(kHubStoreApplicationId));
        s.query("UPDATE schema_version SET version = $1", {SqlValue(version + 1)});
        s.commit();
    }
}

}  // namespace lianxin::hub
