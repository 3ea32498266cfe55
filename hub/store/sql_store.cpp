// The hub store, written once over the SQL interface (sql_session.h) and run by both back-ends:
// every HubStore function as one transaction, redone when the back-end asks (busy, deadlock),
// failures turned into typed errors at this boundary. open_store.cpp picks the driver.
//
// Sections: 1. transactions and rows   2. kiosks, admin keys, nonces   3. ingest
//           4. the changes feed   5. opinions   5b. guestbook and meeting requests
//           6. certificates and passports   7. bundles and rate limits
//
// The changes feed. Kiosks follow it with a cursor (the last seq they applied), so a change must
// never become visible below a cursor a reader has already passed. SQLite runs one writer at a
// time, so AUTOINCREMENT numbers commit in order. PostgreSQL identity values are drawn when a row
// is inserted but become visible when its transaction commits, so with concurrent writers seq 6
// can be visible before seq 5 — a reader would move its cursor to 6 and skip 5 for good. We
// serialize the writers of the feed instead: every transaction that adds a change first takes a
// transaction-scoped advisory lock (SqlSession::lock_change_feed) and draws its seq after it, and
// PostgreSQL makes a transaction visible before it releases its locks; so changes become visible
// in seq order, in this process and across hub processes. Changes are admin actions (statuses,
// certificates, revocations), a few a second at most, so the lock costs nothing that matters; it
// is taken as the last step of each transaction. The alternative, handing out only changes below
// the lowest in-flight seq, needs a shared registry of in-flight numbers, which is the same lock
// with more parts. A reader takes its rows and MAX(seq) from one snapshot, so when nothing more
// waits it may move the cursor to MAX(seq) without skipping anything.
//
// Certificates go to every kiosk holding the passport, including a kiosk that starts holding it
// after the certificate was issued (a visitor opens a passport at a second kiosk): ingest then adds
// the passport's certificates to that kiosk's feed. Linking and issuing lock the passport
// (SqlSession::lock_passports) so one of them always sees the other.
#include "hub/store/sql_store.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/base/ascii.h"
#include "core/base/uuid.h"
#include "core/sync/admin_trace.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"

namespace lianxin::hub {

// ---------------------------------------------------------------------------------------------
// 1. Transactions and rows
// ---------------------------------------------------------------------------------------------

SqlStore::SqlStore(Dialect dialect, std::string where, SessionPool::Factory factory,
                   std::size_t max_sessions)
    : dialect_(dialect), where_(std::move(where)), pool_(std::move(factory), max_sessions) {}

Error SqlStore::to_error(const SqlFailure& f) const {
    if (f.kind == SqlFailure::Kind::connection)
        return Error{ErrorCode::io, where_ + ": lost the connection to the store (" + f.message +
                                        "); check that the database server is running"};
    return Error{ErrorCode::database, where_ + ": " + f.message};
}

template <class T, class Body>
Result<T> SqlStore::transact(Tx tx, Body&& body) {
    // Busy (SQLite), serialization failures and deadlocks (PostgreSQL) are redone; a dropped
    // connection is redone once on a fresh one (a hub survives a database restart).
    for (int attempt = 0;; ++attempt) {
        try {
            auto lease = pool_.acquire();
            SqlSession& s = *lease;
            try {
                if (tx == Tx::write)
                    s.begin_write();
                else if (tx == Tx::read)
                    s.begin_read();
                Result<T> r = body(s);
                if (tx != Tx::single) {
                    if (r.ok())
                        s.commit();
                    else
                        s.rollback();
                }
                return r;
            } catch (...) {
                s.rollback();
                throw;
            }
        } catch (const SqlFailure& f) {
            if (f.kind == SqlFailure::Kind::retry && attempt < 20) continue;
            if (f.kind == SqlFailure::Kind::connection && attempt < 1) continue;
            return to_error(f);
        } catch (const std::exception& e) {
            return Error{ErrorCode::database, where_ + ": " + e.what()};
        }
    }
}

namespace {

// An adopted article from the columns number, title_zh, title_en, text_zh, text_en at `from`.
FinalArticle final_from(const SqlRow& r, std::size_t from = 0) {
    return FinalArticle{static_cast<int>(r.integer(from)),
                        {r.text(from + 1), r.text(from + 2)},
                        {r.text(from + 3), r.text(from + 4)}};
}

constexpr const char* kOpinionColumns =
    "id, kiosk_id, consultation, article, stance, text, passport, contact_name, contact_phone, "
    "contact_consent, "
    "lang, kiosk_name, created_at, received_at, status, reply, status_at, channel, hidden_reason, final_article";

StoredOpinion opinion_from(const SqlRow& r) {
    StoredOpinion so;
    Opinion& o = so.opinion;
    o.id = r.text(0);
    so.kiosk_id = r.text(1);
    o.consultation_id = r.text(2);
    if (!r.is_null(3)) o.article = static_cast<int>(r.integer(3));
    parse_stance(r.text(4), o.stance);
    o.text = r.text(5);
    o.passport_id = r.text(6);
    o.contact_name = r.text(7);
    o.contact_phone = r.text(8);
    o.contact_consent = r.integer(9) != 0;
    parse_lang(r.text(10), o.lang);
    o.kiosk = r.text(11);
    o.created_at_ms = r.integer(12);
    so.received_at_ms = r.integer(13);
    parse_opinion_status(r.text(14), so.status);
    so.reply = r.text(15);
    so.status_at_ms = r.maybe_integer(16);
    parse_channel(r.text(17), so.channel);  // the store's CHECK holds it to the four codes
    if (!r.is_null(18)) so.hidden_reason = r.text(18);
    if (!r.is_null(19)) so.final_article = static_cast<int>(r.integer(19));
    return so;
}

constexpr const char* kKioskColumns =
    "id, name, code, public_key, registered_at, revoked_at, hb_at, hb_app_version, "
    "hb_content_version, "
    "hb_outbox_depth, hb_last_error, hb_db_set_aside, hb_db_newest, hb_db_newest_at, hb_db_salvaged, "
    "hb_db_left_out, hb_db_fault";

KioskRecord kiosk_from(const SqlRow& r) {
    KioskRecord k;
    k.id = r.text(0);
    k.name = r.text(1);
    k.code = r.text(2);
    if (auto key = parse_public_key(r.text(3))) k.key = *key;
    k.registered_at_ms = r.integer(4);
    k.revoked_at_ms = r.maybe_integer(5);
    if (!r.is_null(6)) {
        KioskHeartbeat hb;
        hb.at_ms = r.integer(6);
        hb.heartbeat.app_version = r.text(7);
        hb.heartbeat.content_version = r.text(8);
        hb.heartbeat.outbox_depth = r.integer(9);
        hb.heartbeat.last_error = r.text(10);
        if (!r.is_null(11)) {
            StorageReport& st = hb.heartbeat.storage;
            st.set_aside = r.integer(11);
            st.newest = r.text(12);
            st.newest_at_ms = r.integer(13);
            st.salvaged = r.integer(14);
            st.left_out = r.integer(15);
            st.fault = r.text(16);
        }
        k.last_heartbeat = hb;
    }
    return k;
}

BundleRecord bundle_from(const SqlRow& r) {
    return BundleRecord{r.text(0), r.text(1), r.integer(2), r.text(3), r.integer(4)};
}

bool is_hex(std::string_view s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Runs `head + items + tail` over `n` items in chunks and returns every row the chunks gave.
// Each item adds `pattern`, in which #k stands for the item's k-th of `width` parameters (from
// `item(i, params)`) and $k for shared[k-1]; items are joined by `joint` (", " in a VALUES list
// and in an IN list). Chunks are kMaxChunk items, then powers of two for the rest, so a store
// prepares a few statements per table (8 sizes) whatever the push sizes, and a push of 500 is
// about 5 statements instead of 500 round trips. 128 × 12 parameters stays far below both
// back-ends' limits (SQLite 32,766, PostgreSQL 65,535).
constexpr std::size_t kMaxChunk = 128;

template <class Item>
SqlRows run_chunked(SqlSession& s, const std::string& head, const std::string& pattern,
                    std::size_t width, const std::string& tail, const std::vector<SqlValue>& shared,
                    std::size_t n, Item&& item, const char* joint = ", ") {
    SqlRows all;
    std::size_t done = 0;
    while (done < n) {
        std::size_t m = kMaxChunk;
        while (m > n - done) m /= 2;
        std::vector<SqlValue> params = shared;
        params.reserve(shared.size() + m * width);
        std::string sql = head;
        for (std::size_t j = 0; j < m; ++j) {
            if (j) sql += joint;
            std::size_t base = shared.size() + j * width;
            for (std::size_t c = 0; c < pattern.size(); ++c) {
                if (pattern[c] != '#') {
                    sql += pattern[c];
                    continue;
                }
                std::size_t k = 0;
                while (c + 1 < pattern.size() && pattern[c + 1] >= '0' && pattern[c + 1] <= '9')
                    k = k * 10 + static_cast<std::size_t>(pattern[++c] - '0');
                sql += '$' + std::to_string(base + k);
            }
            item(done + j, params);
        }
        sql += tail;
        auto rows = s.query(sql, params);
        for (auto& r : rows) all.push_back(std::move(r));
        done += m;
    }
    return all;
}

void write_heartbeat(SqlSession& s, const std::string& kiosk_id, const Heartbeat& hb,
                     std::int64_t at_ms) {
    const StorageReport& st = hb.storage;
    s.query(
        "UPDATE kiosks SET hb_at = $2, hb_app_version = $3, hb_content_version = $4, "
        "hb_outbox_depth = $5, hb_last_error = $6, hb_db_set_aside = $7, hb_db_newest = $8, "
        "hb_db_newest_at = $9, hb_db_salvaged = $10, hb_db_left_out = $11, hb_db_fault = $12 WHERE id = $1",
        {kiosk_id, at_ms, hb.app_version, hb.content_version, hb.outbox_depth, hb.last_error, st.set_aside,
         st.newest, st.newest_at_ms, st.salvaged, st.left_out, st.fault});
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// 2. Kiosks, admin keys, nonces (and the audit log every admin change writes)
// ---------------------------------------------------------------------------------------------

namespace {

// A small JSON object of a change's fields, for the audit log's before and after.
std::string fields(std::initializer_list<std::pair<const char*, nlohmann::json>> kv) {
    nlohmann::json j = nlohmann::json::object();
    for (auto& [k, v] : kv) j[k] = v;
    return j.dump();
}

// The version kiosks are told to run now, or "" before the first publication.
std::string current_version(SqlSession& s) {
    auto rows = s.query("SELECT version FROM publications ORDER BY id DESC LIMIT 1");
    return rows.empty() ? std::string() : rows[0].text(0);
}

// Writes one audit entry in the change's own transaction; nothing when no admin made the change.
void audit(SqlSession& s, const AdminActor* by, std::int64_t at_ms, const char* action, const std::string& target,
           const std::string& before, const std::string& after) {
    if (!by) return;
    s.query("INSERT INTO audit(at, admin_key, action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6)",
            {at_ms, by->key_id, action, target, before, after});
}

}  // namespace

Status SqlStore::add_kiosk(const std::string& id, const std::string& name, const std::string& code,
                           const PublicKey& key, std::int64_t registered_at_ms, const AdminActor* by) {
    if (id.empty() || name.empty())
        return Error{ErrorCode::invalid_input, "a kiosk needs an id and a name"};
    if (!valid_kiosk_code(code))
        return Error{ErrorCode::invalid_input, "kiosk code '" + code + "' is not 3 characters of " +
                                                   std::string(kShortCodeAlphabet)};
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        auto rows = s.query(
            "INSERT INTO kiosks(id, name, code, public_key, registered_at) VALUES ($1, $2, $3, $4, "
            "$5) "
            "ON CONFLICT DO NOTHING RETURNING id",
            {id, name, code, key.to_text(), registered_at_ms});
        if (!rows.empty()) {
            audit(s, by, registered_at_ms, "kiosk.register", id, "{}", fields({{"name", name}, {"code", code}}));
            return ok_status();
        }
        if (!s.query("SELECT 1 FROM kiosks WHERE id = $1", {id}).empty())
            return Error{ErrorCode::invalid_input,
                         "a kiosk with id " + id + " is already registered"};
        return Error{ErrorCode::invalid_input, "kiosk code " + code + " is taken by another kiosk"};
    });
}

Result<KioskRecord> SqlStore::find_kiosk(const std::string& id) {
    return transact<KioskRecord>(Tx::single, [&](SqlSession& s) -> Result<KioskRecord> {
        auto rows =
            s.query(std::string("SELECT ") + kKioskColumns + " FROM kiosks WHERE id = $1", {id});
        if (rows.empty()) return Error{ErrorCode::not_found, "no kiosk with id " + id};
        return kiosk_from(rows[0]);
    });
}

Result<std::vector<KioskRecord>> SqlStore::list_kiosks() {
    return transact<std::vector<KioskRecord>>(
        Tx::single, [&](SqlSession& s) -> Result<std::vector<KioskRecord>> {
            std::vector<KioskRecord> out;
            for (auto& r : s.query(std::string("SELECT ") + kKioskColumns +
                                   " FROM kiosks ORDER BY registered_at, id"))
                out.push_back(kiosk_from(r));
            return out;
        });
}

Status SqlStore::revoke_kiosk(const std::string& id, std::int64_t at_ms, const AdminActor* by) {
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        auto was = s.query("SELECT revoked_at FROM kiosks WHERE id = $1", {id});
        if (was.empty()) return Error{ErrorCode::not_found, "no kiosk with id " + id};
        if (!was[0].is_null(0)) return ok_status();  // revoked before: nothing changes, nothing to log
        // Another hub may revoke it between the read and here (PostgreSQL's read committed): the
        // update then finds it revoked, the first time stays, and this one logs nothing.
        if (s.query("UPDATE kiosks SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id", {id, at_ms})
                .empty())
            return ok_status();
        audit(s, by, at_ms, "kiosk.revoke", id, fields({{"revoked", false}}), fields({{"revoked", true}}));
        return ok_status();
    });
}

Status SqlStore::record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb,
                                  std::int64_t at_ms) {
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        if (s.query("SELECT 1 FROM kiosks WHERE id = $1", {kiosk_id}).empty())
            return Error{ErrorCode::not_found, "no kiosk with id " + kiosk_id};
        write_heartbeat(s, kiosk_id, hb, at_ms);
        return ok_status();
    });
}

Result<std::string> SqlStore::next_kiosk_code() {
    return transact<std::string>(Tx::write, [&](SqlSession& s) -> Result<std::string> {
        const std::size_t base = kShortCodeAlphabet.size();
        const std::int64_t all = static_cast<std::int64_t>(base * base * base);
        for (;;) {
            // The UPDATE locks the counter row: two hubs asking at once get different numbers.
            std::int64_t n = s.query(
                                  "UPDATE counters SET value = value + 1 WHERE name = 'kiosk_code' "
                                  "RETURNING value")
                                 .at(0)
                                 .integer(0);
            if (n >= all) return Error{ErrorCode::invalid_input, "all kiosk codes are used"};
            std::string code(3, '0');
            auto v = static_cast<std::size_t>(n);
            for (int i = 2; i >= 0; --i, v /= base)
                code[static_cast<std::size_t>(i)] = kShortCodeAlphabet[v % base];
            // Skip codes given to kiosks by hand (add_kiosk with a code of its own).
            if (s.query("SELECT 1 FROM kiosks WHERE code = $1", {code}).empty()) return code;
        }
    });
}

Status SqlStore::add_admin_key(const PublicKey& key, std::int64_t at_ms, AdminRoles roles, const std::string& name) {
    if (key.id.empty()) return Error{ErrorCode::invalid_input, "an admin key needs its id"};
    if ((roles & kAllAdminRoles) == 0 || (roles & ~kAllAdminRoles) != 0)
        return Error{ErrorCode::invalid_input, "an admin key needs at least one role"};
    return transact<Done>(Tx::single, [&](SqlSession& s) -> Status {
        s.query(
            "INSERT INTO admin_keys(id, public_key, added_at, roles, name) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (id) DO UPDATE SET roles = excluded.roles, name = excluded.name",
            {key.id, key.to_text(), at_ms, roles_text(roles), name});
        return ok_status();
    });
}

Result<std::vector<AdminKeyRecord>> SqlStore::admin_keys() {
    using Keys = std::vector<AdminKeyRecord>;
    return transact<Keys>(Tx::single, [&](SqlSession& s) -> Result<Keys> {
        Keys out;
        for (auto& r :
             s.query("SELECT public_key, added_at, roles, name FROM admin_keys ORDER BY added_at, id")) {
            auto key = parse_public_key(r.text(0));
            if (!key)
                return Error{ErrorCode::corrupt,
                             where_ + ": an admin key does not parse: " + key.error().detail};
            auto roles = parse_roles(r.text(2));
            if (!roles)
                return Error{ErrorCode::corrupt, where_ + ": admin key " + key->id + ": " + roles.error().detail};
            out.push_back({*key, r.integer(1), *roles, r.text(3)});
        }
        return out;
    });
}

Result<bool> SqlStore::has_admin_key() {
    return transact<bool>(Tx::single, [&](SqlSession& s) -> Result<bool> {
        return !s.query("SELECT 1 FROM admin_keys LIMIT 1").empty();
    });
}

Result<bool> SqlStore::remember_nonce(const std::string& signer, const std::string& nonce,
                                      std::int64_t at_ms) {
    if (signer.empty() || nonce.empty())
        return Error{ErrorCode::invalid_input, "a nonce needs a signer and a value"};
    return transact<bool>(Tx::single, [&](SqlSession& s) -> Result<bool> {
        return !s.query(
                     "INSERT INTO nonces(signer, nonce, seen_at) VALUES ($1, $2, $3) "
                     "ON CONFLICT DO NOTHING RETURNING 1",
                     {signer, nonce, at_ms})
                    .empty();
    });
}

Result<std::int64_t> SqlStore::purge_nonces(std::int64_t before_ms) {
    return transact<std::int64_t>(Tx::single, [&](SqlSession& s) -> Result<std::int64_t> {
        return static_cast<std::int64_t>(
            s.query("DELETE FROM nonces WHERE seen_at < $1 RETURNING 1", {before_ms}).size());
    });
}

// ---------------------------------------------------------------------------------------------
// 3. Ingest
// ---------------------------------------------------------------------------------------------

namespace {

// The first copy of each id, in order: a record pushed twice in one push is one record, held once
// (and one multi-row INSERT never meets its own row twice).
template <class Record>
void keep_first_copies(std::vector<Record>& records) {
    std::set<std::string> seen;
    std::vector<Record> out;
    for (Record& r : records)
        if (seen.insert(r.id).second) out.push_back(std::move(r));
    records = std::move(out);
}

}  // namespace

Result<IngestResult> SqlStore::ingest(const std::string& kiosk_id, const SyncPush& pushed,
                                      std::int64_t now_ms) {
    SyncPush push = pushed;
    keep_first_copies(push.opinions);
    keep_first_copies(push.passports);
    keep_first_copies(push.stamps);
    keep_first_copies(push.guestbook);
    keep_first_copies(push.meetings);
    for (const auto& o : push.opinions)
        if (o.id.empty()) return Error{ErrorCode::invalid_input, "an opinion without an id"};
    for (const auto& p : push.passports)
        if (!is_hex(p.id, 32))
            return Error{ErrorCode::invalid_input,
                         "passport id '" + p.id + "' is not 32 hex digits"};
    for (const auto& st : push.stamps)
        if (st.id.empty()) return Error{ErrorCode::invalid_input, "a stamp without an id"};

    return transact<IngestResult>(Tx::write, [&](SqlSession& s) -> Result<IngestResult> {
        auto k = s.query("SELECT revoked_at FROM kiosks WHERE id = $1", {kiosk_id});
        if (k.empty()) return Error{ErrorCode::not_found, "no kiosk with id " + kiosk_id};
        if (!k[0].is_null(0))
            return Error{ErrorCode::invalid_input, "kiosk " + kiosk_id + " is revoked"};

        // Multi-row statements (see insert_chunked): a push of 500 records is a handful of
        // statements, not 500 round trips to PostgreSQL. First write wins as before: a row whose
        // id exists is skipped by ON CONFLICT, and RETURNING lists only the rows inserted.
        IngestResult out;
        out.new_opinions = run_chunked(
            s,
            "INSERT INTO opinions(id, kiosk_id, consultation, article, stance, text, passport, "
            "contact_name, contact_phone, contact_consent, lang, kiosk_name, created_at, "
            "received_at, channel) VALUES ",
            "(#1, $1, #2, #3, #4, #5, #6, #7, #8, #9, #10, #11, #12, $2, $3)", 12,
            " ON CONFLICT (id) DO NOTHING RETURNING id",
            {kiosk_id, now_ms, kiosk_id == kPhoneKioskId ? "phone" : "kiosk"}, push.opinions.size(),
            [&](std::size_t i, std::vector<SqlValue>& v) {
                const Opinion& o = push.opinions[i];
                v.insert(v.end(), {o.id, o.consultation_id, SqlValue::maybe(o.article),
                                   stance_code(o.stance), o.text, o.passport_id, o.contact_name,
                                   o.contact_phone, o.contact_consent ? 1 : 0, lang_code(o.lang),
                                   o.kiosk, o.created_at_ms});
            }).size();
        for (const auto& o : push.opinions) out.held_opinions.push_back(o.id);

        out.new_passports = run_chunked(
            s,
            "INSERT INTO passports(id, short_code, token, issued_on, kiosk_name, created_at, "
            "received_at) VALUES ",
            "(#1, #2, #3, #4, #5, #6, $1)", 6, " ON CONFLICT (id) DO NOTHING RETURNING id", {now_ms},
            push.passports.size(),
            [&](std::size_t i, std::vector<SqlValue>& v) {
                const SyncPassport& p = push.passports[i];
                v.insert(v.end(), {p.id, p.short_code, p.token, p.issued_on.to_string(), p.kiosk,
                                   p.created_at_ms});
            }).size();
        for (const auto& p : push.passports) out.held_passports.push_back(p.id);
        // Passports this kiosk holds from now on, in push order.
        std::set<std::string> newly_linked;
        for (auto& r : run_chunked(
                 s, "INSERT INTO kiosk_passports(kiosk_id, passport, linked_at) VALUES ", "($1, #1, $2)",
                 1, " ON CONFLICT DO NOTHING RETURNING passport", {kiosk_id, now_ms},
                 push.passports.size(),
                 [&](std::size_t i, std::vector<SqlValue>& v) { v.push_back(push.passports[i].id); }))
            newly_linked.insert(r.text(0));
        std::vector<std::string> linked;
        for (const auto& p : push.passports)
            if (newly_linked.erase(p.id)) linked.push_back(p.id);

        out.new_stamps = run_chunked(
            s,
            "INSERT INTO stamps(id, passport, kind, ref, created_at, received_at, kiosk_id) "
            "VALUES ",
            "(#1, #2, #3, #4, #5, $1, $2)", 5, " ON CONFLICT (id) DO NOTHING RETURNING id",
            {now_ms, kiosk_id}, push.stamps.size(),
            [&](std::size_t i, std::vector<SqlValue>& v) {
                const SyncStamp& st = push.stamps[i];
                v.insert(v.end(), {st.id, st.passport, stamp_kind_code(st.kind), st.ref,
                                   st.created_at_ms});
            }).size();
        for (const auto& st : push.stamps) out.held_stamps.push_back(st.id);

        out.new_guestbook = run_chunked(
            s,
            "INSERT INTO guestbook(id, kiosk_id, organisation, origin, people, message, on_wall, lang, kiosk_name, "
            "created_at, received_at) VALUES ",
            "(#1, $1, #2, #3, #4, #5, #6, #7, #8, #9, $2)", 9, " ON CONFLICT (id) DO NOTHING RETURNING id",
            {kiosk_id, now_ms}, push.guestbook.size(),
            [&](std::size_t i, std::vector<SqlValue>& v) {
                const GuestbookEntry& g = push.guestbook[i];
                v.insert(v.end(), {g.id, g.organisation, g.origin, static_cast<std::int64_t>(g.people), g.message,
                                   g.on_wall ? 1 : 0, lang_code(g.language), g.kiosk, g.created_at_ms});
            }).size();
        for (const auto& g : push.guestbook) out.held_guestbook.push_back(g.id);

        out.new_meetings = run_chunked(
            s,
            "INSERT INTO meeting_requests(id, kiosk_id, deputy, topic, passport, contact_name, contact_phone, "
            "contact_consent, lang, kiosk_name, created_at, received_at) VALUES ",
            "(#1, $1, #2, #3, #4, #5, #6, #7, #8, #9, #10, $2)", 10, " ON CONFLICT (id) DO NOTHING RETURNING id",
            {kiosk_id, now_ms}, push.meetings.size(),
            [&](std::size_t i, std::vector<SqlValue>& v) {
                const MeetingRequest& m = push.meetings[i];
                v.insert(v.end(), {m.id, m.deputy, m.topic, SqlValue::maybe(m.passport), m.name, m.phone,
                                   m.consent ? 1 : 0, lang_code(m.language), m.kiosk, m.created_at_ms});
            }).size();
        for (const auto& m : push.meetings) out.held_meetings.push_back(m.id);
        // A passport new to this kiosk may already have certificates: put them in its feed.
        if (!linked.empty()) {
            s.lock_passports(linked);
            struct Cert {
                std::string passport, serial, opinion, token;
            };
            // One query for all of them (usually none has any), then in push order.
            std::map<std::string, std::vector<Cert>> by_passport;
            for (auto& r : run_chunked(
                     s, "SELECT passport, serial, opinion, token, issued_at FROM certificates WHERE passport IN (",
                     "#1", 1, ") ORDER BY issued_at, serial", {}, linked.size(),
                     [&](std::size_t i, std::vector<SqlValue>& v) { v.push_back(linked[i]); }, ", "))
                by_passport[r.text(0)].push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
            std::vector<Cert> certs;
            for (const auto& p : linked)
                for (auto& c : by_passport[p]) certs.push_back(std::move(c));
            if (!certs.empty()) {
                s.lock_change_feed();
                for (const auto& c : certs)
                    s.query(
                        "INSERT INTO changes(kind, kiosk_id, opinion, passport, serial, token, at) "
                        "VALUES ('certificate', $1, $2, $3, $4, $5, $6)",
                        {kiosk_id, c.opinion, c.passport, c.serial, c.token, now_ms});
            }
        }
        write_heartbeat(s, kiosk_id, push.heartbeat, now_ms);
        return out;
    });
}

// ---------------------------------------------------------------------------------------------
// 4. The changes feed (see the header comment for why it never skips)
// ---------------------------------------------------------------------------------------------

// The articles' budget is counted as JSON bytes (escapes included), so a reply at the budget with
// a full batch of replies beside them (CJK, 3 bytes a character) stays within what a kiosk reads.
static_assert(kSyncReplyArticleBytes + kSyncMaxBatch * (3 * kReplyMaxChars + 1024) < kSyncMaxBodyBytes);

Result<SyncReply> SqlStore::changes_since(const std::string& kiosk_id, std::int64_t cursor,
                                          std::size_t limit) {
    limit = std::clamp<std::size_t>(limit, 1, 5000);
    return transact<SyncReply>(Tx::read, [&](SqlSession& s) -> Result<SyncReply> {
        // A status change carries the adopted article the opinion is traced to as it stands now
        // (a later change of the trace or of the final text is a change of its own).
        auto rows = s.query(
            "SELECT c.seq, c.kind, c.opinion, c.status, c.reply, c.serial, c.token, c.at, "
            "f.number, f.title_zh, f.title_en, f.text_zh, f.text_en, c.meeting FROM changes c "
            "LEFT JOIN opinions o ON c.kind = 'status' AND o.id = c.opinion "
            "AND c.status IN ('adopted', 'partly_adopted') "
            "LEFT JOIN final_articles f ON f.consultation = o.consultation AND f.number = o.final_article "
            "WHERE c.seq > $1 AND ("
            "c.kind = 'revocation' OR c.kiosk_id = $2 OR (c.kind = 'certificate' AND c.kiosk_id IS NULL "
            "AND EXISTS ("
            "SELECT 1 FROM kiosk_passports kp WHERE kp.kiosk_id = $2 AND kp.passport = "
            "c.passport))) "
            "ORDER BY c.seq LIMIT $3",
            {cursor, kiosk_id, static_cast<std::int64_t>(limit + 1)});
        SyncReply reply;
        reply.more = rows.size() > limit;
        if (reply.more) rows.resize(limit);
        std::size_t article_bytes = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            const std::string& kind = r.text(1);
            if (kind == "status") {
                StatusChange c;
                c.opinion = r.text(2);
                parse_opinion_status(r.text(3), c.status);
                c.reply = r.text(4);
                c.at_ms = r.integer(7);
                if (!r.is_null(8)) {
                    c.final_article = final_from(r, 8);
                    const auto& a = *c.final_article;
                    // Counted as sent: JSON doubles a quote or a backslash, and the kiosk reads a
                    // reply of at most kSyncMaxBodyBytes (the replies come on top).
                    std::size_t bytes = final_article_json(a).dump().size();
                    // The reply ends before the change that would take it past its budget.
                    if (i > 0 && article_bytes + bytes > kSyncReplyArticleBytes) {
                        rows.resize(i);
                        reply.more = true;
                        break;
                    }
                    article_bytes += bytes;
                }
                reply.statuses.push_back(std::move(c));
            } else if (kind == "meeting_status") {
                MeetingStatusChange c;
                c.id = r.text(13);
                parse_meeting_status(r.text(3), c.status);  // the store's CHECK holds it to the codes
                c.reply = r.text(4);
                c.at_ms = r.integer(7);
                reply.meeting_statuses.push_back(std::move(c));
            } else if (kind == "certificate") {
                reply.certificates.push_back(r.text(6));
            } else {
                reply.revoked_certificates.push_back(r.text(5));
            }
        }
        if (reply.more) {
            reply.cursor = rows.back().integer(0);
        } else {
            // Same snapshot as the rows: everything up to MAX(seq) has been seen.
            std::int64_t top =
                s.query("SELECT COALESCE(MAX(seq), 0) FROM changes").at(0).integer(0);
            reply.cursor = std::max(cursor, top);
        }
        reply.bundle_version = current_version(s);
        return reply;
    });
}

// ---------------------------------------------------------------------------------------------
// 5. Opinions
// ---------------------------------------------------------------------------------------------

namespace {

// The pattern LIKE needs for "contains `text`": its own wildcards and the escape character escaped.
std::string contains_pattern(const std::string& text) {
    std::string p = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') p += '\\';
        p += c;
    }
    return p + "%";
}

}  // namespace

Result<std::vector<StoredOpinion>> SqlStore::list_opinions(const OpinionFilter& f) {
    using List = std::vector<StoredOpinion>;
    if (f.limit == 0) return List{};  // asked for none
    auto limit = static_cast<std::int64_t>(std::clamp<std::size_t>(f.limit, 1, kAdminListMax));
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        SqlValue status = f.status ? SqlValue(opinion_status_code(*f.status)) : SqlValue();
        SqlValue article = f.article ? SqlValue(static_cast<std::int64_t>(*f.article)) : SqlValue();
        SqlValue stance = f.stance ? SqlValue(stance_code(*f.stance)) : SqlValue();
        SqlValue channel = f.channel ? SqlValue(channel_code(*f.channel)) : SqlValue();
        SqlValue text = f.text ? SqlValue(contains_pattern(*f.text)) : SqlValue();
        // Both back-ends compare LOWER() of both sides, so Latin letters match in either case on
        // each alike (SQLite's LIKE ignores case, PostgreSQL's does not).
        auto rows = s.query(
            std::string("SELECT ") + kOpinionColumns +
                " FROM opinions WHERE (CAST($1 AS TEXT) IS NULL OR consultation = $1) "
                "AND (CAST($2 AS TEXT) IS NULL OR status = $2) "
                "AND (CAST($3 AS BIGINT) IS NULL OR created_at >= $3) "
                "AND (CAST($6 AS BIGINT) IS NULL OR created_at < $6) "
                "AND (CAST($7 AS BIGINT) IS NULL OR COALESCE(article, 0) = $7) "
                "AND (CAST($8 AS TEXT) IS NULL OR stance = $8) "
                "AND (CAST($9 AS TEXT) IS NULL OR channel = $9) "
                "AND (CAST($10 AS TEXT) IS NULL OR kiosk_name = $10) "
                "AND (CAST($11 AS TEXT) IS NULL OR LOWER(text) LIKE LOWER($11) ESCAPE '\\') "
                "ORDER BY created_at, id LIMIT $4 OFFSET $5",
            {SqlValue::maybe(f.consultation), status, SqlValue::maybe(f.since_ms), limit,
             static_cast<std::int64_t>(f.offset), SqlValue::maybe(f.until_ms), article, stance, channel,
             SqlValue::maybe(f.kiosk), text});
        List out;
        for (auto& r : rows) out.push_back(opinion_from(r));
        return out;
    });
}

Result<StoredOpinion> SqlStore::find_opinion(const OpinionId& id) {
    return transact<StoredOpinion>(Tx::single, [&](SqlSession& s) -> Result<StoredOpinion> {
        auto rows = s.query(
            std::string("SELECT ") + kOpinionColumns + " FROM opinions WHERE id = $1", {id});
        if (rows.empty()) return Error{ErrorCode::not_found, "the hub holds no opinion " + id};
        return opinion_from(rows[0]);
    });
}

namespace {

// An opinion's row locked first (PostgreSQL; SQLite writers are serialized already), so what a
// change reads next is what it replaces, not what another hub is replacing right now.
void lock_opinion(SqlSession& s, const OpinionId& id) { s.query("UPDATE opinions SET status = status WHERE id = $1", {id}); }

// Feeds the opinions `where` picks (a condition on `o`, with one parameter) to their kiosks again as
// they stand, status and reply unchanged: their trace or its article's text changed, which a status
// change carries (changes_since).
void feed_statuses(SqlSession& s, const char* where, const std::string& param, std::int64_t at_ms) {
    s.lock_change_feed();  // last: see the header comment
    s.query(std::string("INSERT INTO changes(kind, kiosk_id, opinion, status, reply, at) "
                        "SELECT 'status', o.kiosk_id, o.id, o.status, o.reply, CAST($2 AS BIGINT) FROM opinions o WHERE ") +
                where + " ORDER BY o.id",
            {param, at_ms});
}

}  // namespace

Result<StatusOutcome> SqlStore::set_status(const OpinionId& id, OpinionStatus status,
                                           const std::string& reply, std::int64_t at_ms, const AdminActor* by) {
    return transact<StatusOutcome>(Tx::write, [&](SqlSession& s) -> Result<StatusOutcome> {
        lock_opinion(s, id);
        auto was = s.query("SELECT status, reply FROM opinions WHERE id = $1", {id});
        auto rows = s.query(
            // A withdrawn adoption no longer traces into the law.
            std::string("UPDATE opinions SET status = $2, reply = $3, status_at = $4, final_article = CASE WHEN $2 IN "
                        "('adopted', 'partly_adopted') THEN final_article ELSE NULL END WHERE id = $1 "
                        "RETURNING ") +
                kOpinionColumns,
            {id, opinion_status_code(status), reply, at_ms});
        if (rows.empty()) return Error{ErrorCode::not_found, "the hub holds no opinion " + id};
        StatusOutcome out{opinion_from(rows[0]), {}};
        // The same status and reply sent again (a bulk run retried) changes nothing to log, as a
        // kiosk revoked twice does not; the kiosks' feed still gets it, as before the log existed.
        if (was.at(0).text(0) != opinion_status_code(status) || was.at(0).text(1) != reply)
            audit(s, by, at_ms, "opinion.status", id,
                  fields({{"status", was.at(0).text(0)}, {"reply", was.at(0).text(1)}}),
                  fields({{"status", opinion_status_code(status)}, {"reply", reply}}));
        auto stamp = s.query(
            "SELECT passport FROM stamps WHERE kind = 'opinion' AND ref = $1 "
            "ORDER BY created_at, id LIMIT 1",
            {id});
        out.passport_id = stamp.empty() ? out.opinion.opinion.passport_id : stamp[0].text(0);
        s.lock_change_feed();  // last: see the header comment
        s.query(
            "INSERT INTO changes(kind, kiosk_id, opinion, status, reply, at) VALUES ('status', $1, "
            "$2, $3, $4, $5)",
            {out.opinion.kiosk_id, id, opinion_status_code(status), reply, at_ms});
        return out;
    });
}

Status SqlStore::hide_opinion(const OpinionId& id, const std::optional<std::string>& reason, std::int64_t at_ms,
                              const AdminActor* by) {
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        lock_opinion(s, id);
        auto was = s.query("SELECT hidden_reason FROM opinions WHERE id = $1", {id});
        if (was.empty()) return Error{ErrorCode::not_found, "the hub holds no opinion " + id};
        std::optional<std::string> before;
        if (!was[0].is_null(0)) before = was[0].text(0);
        if (before == reason) return ok_status();  // nothing changes, nothing to log
        s.query("UPDATE opinions SET hidden_reason = $2 WHERE id = $1", {id, SqlValue::maybe(reason)});
        auto field = [](const std::optional<std::string>& r) { return r ? nlohmann::json(*r) : nlohmann::json(nullptr); };
        audit(s, by, at_ms, reason ? "opinion.hide" : "opinion.show", id, fields({{"hidden_reason", field(before)}}),
              fields({{"hidden_reason", field(reason)}}));
        return ok_status();
    });
}

Result<StaffRecordOutcome> SqlStore::add_staff_opinion(const Opinion& o, OpinionChannel channel,
                                                      const std::string& passport_code, std::int64_t at_ms,
                                                      const AdminActor* by) {
    return transact<StaffRecordOutcome>(Tx::write, [&](SqlSession& s) -> Result<StaffRecordOutcome> {
        StaffRecordOutcome out;
        if (!passport_code.empty()) {
            auto p = s.query("SELECT id FROM passports WHERE short_code = $1", {passport_code});
            if (p.empty())
                return Error{ErrorCode::not_found, "no passport with the code " + passport_code +
                                                       " has reached the hub (check the code, or wait for its kiosk to sync)"};
            out.passport_id = p[0].text(0);
        }
        auto rows = s.query(
            "INSERT INTO opinions(id, kiosk_id, consultation, article, stance, text, passport, contact_name, "
            "contact_phone, contact_consent, lang, kiosk_name, created_at, received_at, channel) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING "
            "RETURNING id",
            {o.id, std::string(kStaffKioskId), o.consultation_id, SqlValue::maybe(o.article), stance_code(o.stance),
             o.text, out.passport_id, o.contact_name, o.contact_phone, o.contact_consent ? 1 : 0, lang_code(o.lang),
             o.kiosk, o.created_at_ms, at_ms, channel_code(channel)});
        if (rows.empty()) return Error{ErrorCode::invalid_input, "an opinion with id " + o.id + " exists"};
        if (!out.passport_id.empty()) {
            // Stamped into the passport as a kiosk would, so its page lists it and an adoption
            // earns its certificate.
            s.query("INSERT INTO stamps(id, passport, kind, ref, created_at, received_at, kiosk_id) "
                    "VALUES ($1, $2, 'opinion', $3, $4, $5, $6)",
                    {new_uuid_v7(at_ms), out.passport_id, o.id, o.created_at_ms, at_ms, std::string(kStaffKioskId)});
        }
        audit(s, by, at_ms, "opinion.record", o.id, "{}",
              fields({{"channel", channel_code(channel)}, {"consultation", o.consultation_id},
                      {"passport", out.passport_id}}));
        return out;
    });
}

// ---------------------------------------------------------------------------------------------
// 5b. Guestbook and meeting requests
// ---------------------------------------------------------------------------------------------

namespace {

constexpr const char* kGuestbookColumns =
    "id, kiosk_id, organisation, origin, people, message, on_wall, lang, kiosk_name, created_at, received_at";

StoredGuestbookEntry guestbook_from(const SqlRow& r) {
    StoredGuestbookEntry out;
    GuestbookEntry& g = out.entry;
    g.id = r.text(0);
    out.kiosk_id = r.text(1);
    g.organisation = r.text(2);
    g.origin = r.text(3);
    g.people = static_cast<int>(r.integer(4));
    g.message = r.text(5);
    g.on_wall = r.integer(6) != 0;
    parse_lang(r.text(7), g.language);
    g.kiosk = r.text(8);
    g.created_at_ms = r.integer(9);
    out.received_at_ms = r.integer(10);
    return out;
}

constexpr const char* kMeetingColumns =
    "id, kiosk_id, deputy, topic, passport, contact_name, contact_phone, contact_consent, lang, kiosk_name, "
    "created_at, received_at, status, reply, status_at";

StoredMeetingRequest meeting_from(const SqlRow& r) {
    StoredMeetingRequest out;
    MeetingRequest& m = out.request;
    m.id = r.text(0);
    out.kiosk_id = r.text(1);
    m.deputy = r.text(2);
    m.topic = r.text(3);
    if (!r.is_null(4)) m.passport = r.text(4);
    m.name = r.text(5);
    m.phone = r.text(6);
    m.consent = r.integer(7) != 0;
    parse_lang(r.text(8), m.language);
    m.kiosk = r.text(9);
    m.created_at_ms = r.integer(10);
    out.received_at_ms = r.integer(11);
    parse_meeting_status(r.text(12), m.status);  // the store's CHECK holds it to the codes
    m.reply = r.text(13);
    m.status_at_ms = r.maybe_integer(14);
    return out;
}

}  // namespace

Result<std::vector<StoredGuestbookEntry>> SqlStore::list_guestbook(const GuestbookQuery& q) {
    using List = std::vector<StoredGuestbookEntry>;
    if (q.limit == 0) return List{};
    auto limit = static_cast<std::int64_t>(std::clamp<std::size_t>(q.limit, 1, kAdminListMax));
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        auto rows = s.query(std::string("SELECT ") + kGuestbookColumns +
                                " FROM guestbook WHERE (CAST($1 AS TEXT) IS NULL OR kiosk_name = $1) "
                                "AND (CAST($2 AS BIGINT) IS NULL OR created_at >= $2) "
                                "AND (CAST($3 AS BIGINT) IS NULL OR created_at < $3) "
                                "ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5",
                            {SqlValue::maybe(q.kiosk), SqlValue::maybe(q.since_ms), SqlValue::maybe(q.until_ms), limit,
                             static_cast<std::int64_t>(q.offset)});
        List out;
        for (auto& r : rows) out.push_back(guestbook_from(r));
        return out;
    });
}

Result<GuestbookCounts> SqlStore::guestbook_counts() {
    return transact<GuestbookCounts>(Tx::read, [&](SqlSession& s) -> Result<GuestbookCounts> {
        GuestbookCounts c;
        for (auto& r : s.query("SELECT kiosk_name, COUNT(*), COALESCE(SUM(people), 0) FROM guestbook "
                               "GROUP BY kiosk_name ORDER BY kiosk_name")) {
            c.kiosks.push_back({r.text(0), r.integer(1), r.integer(2)});
            c.entries += r.integer(1);
            c.people += r.integer(2);
        }
        return c;
    });
}

Result<std::vector<StoredMeetingRequest>> SqlStore::list_meetings(const MeetingQuery& q) {
    using List = std::vector<StoredMeetingRequest>;
    if (q.page.limit == 0) return List{};
    auto limit = static_cast<std::int64_t>(std::clamp<std::size_t>(q.page.limit, 1, kAdminListMax));
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        SqlValue status = q.status ? SqlValue(meeting_status_code(*q.status)) : SqlValue();
        auto rows = s.query(std::string("SELECT ") + kMeetingColumns +
                                " FROM meeting_requests WHERE (CAST($1 AS TEXT) IS NULL OR kiosk_name = $1) "
                                "AND (CAST($2 AS BIGINT) IS NULL OR created_at >= $2) "
                                "AND (CAST($3 AS BIGINT) IS NULL OR created_at < $3) "
                                "AND (CAST($6 AS TEXT) IS NULL OR status = $6) "
                                "AND (CAST($7 AS TEXT) IS NULL OR deputy = $7) "
                                "ORDER BY created_at, id LIMIT $4 OFFSET $5",
                            {SqlValue::maybe(q.page.kiosk), SqlValue::maybe(q.page.since_ms),
                             SqlValue::maybe(q.page.until_ms), limit, static_cast<std::int64_t>(q.page.offset), status,
                             SqlValue::maybe(q.deputy)});
        List out;
        for (auto& r : rows) out.push_back(meeting_from(r));
        return out;
    });
}

Result<StoredMeetingRequest> SqlStore::answer_meeting(const std::string& id, const MeetingAnswer& answer,
                                                      std::int64_t at_ms, const AdminActor* by) {
    return transact<StoredMeetingRequest>(Tx::write, [&](SqlSession& s) -> Result<StoredMeetingRequest> {
        // The row locked first (PostgreSQL), so what is read is what this answer replaces.
        s.query("UPDATE meeting_requests SET status = status WHERE id = $1", {id});
        auto was = s.query("SELECT status, reply FROM meeting_requests WHERE id = $1", {id});
        if (was.empty()) return Error{ErrorCode::not_found, "the hub holds no meeting request " + id};
        const char* status = meeting_status_code(answer.status);
        auto rows = s.query(std::string("UPDATE meeting_requests SET status = $2, reply = $3, status_at = $4 WHERE id = $1 "
                                        "RETURNING ") +
                                kMeetingColumns,
                            {id, status, answer.reply, at_ms});
        StoredMeetingRequest out = meeting_from(rows.at(0));
        if (was[0].text(0) != status || was[0].text(1) != answer.reply)
            audit(s, by, at_ms, "meeting.answer", id, fields({{"status", was[0].text(0)}, {"reply", was[0].text(1)}}),
                  fields({{"status", status}, {"reply", answer.reply}}));
        s.lock_change_feed();  // last: see the header comment
        s.query("INSERT INTO changes(kind, kiosk_id, meeting, status, reply, at) VALUES ('meeting_status', $1, $2, $3, "
                "$4, $5)",
                {out.kiosk_id, id, std::string(status), answer.reply, at_ms});
        return out;
    });
}

Status SqlStore::set_final_text(const std::string& consultation, const std::vector<FinalArticle>& articles,
                                std::int64_t at_ms, const AdminActor* by) {
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        auto traced = s.query("SELECT id, final_article FROM opinions WHERE consultation = $1 AND final_article IS NOT NULL",
                              {consultation});
        for (auto& r : traced) {
            auto n = r.integer(1);
            if (std::none_of(articles.begin(), articles.end(), [n](auto& a) { return a.number == n; }))
                return Error{ErrorCode::invalid_input, "opinion " + r.text(0) + " is traced to article " + std::to_string(n) +
                                                           ", which the new final text lacks: unlink it first"};
        }
        auto before = s.query("SELECT COUNT(*) FROM final_articles WHERE consultation = $1", {consultation}).at(0).integer(0);
        s.query("DELETE FROM final_articles WHERE consultation = $1", {consultation});
        for (auto& a : articles)
            s.query("INSERT INTO final_articles(consultation, number, title_zh, title_en, text_zh, text_en) "
                    "VALUES ($1, $2, $3, $4, $5, $6)",
                    {consultation, static_cast<std::int64_t>(a.number), a.title.zh, a.title.en, a.text.zh, a.text.en});
        audit(s, by, at_ms, "consultation.final", consultation, fields({{"articles", before}}),
              fields({{"articles", articles.size()}}));
        // Kiosks holding a traced opinion get the article's new words.
        feed_statuses(s, "o.consultation = $1 AND o.final_article IS NOT NULL", consultation, at_ms);
        return ok_status();
    });
}

Result<std::vector<FinalArticle>> SqlStore::final_text(const std::string& consultation) {
    using List = std::vector<FinalArticle>;
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        List out;
        for (auto& r : s.query("SELECT number, title_zh, title_en, text_zh, text_en FROM final_articles "
                               "WHERE consultation = $1 ORDER BY number",
                               {consultation}))
            out.push_back(final_from(r));
        return out;
    });
}

Status SqlStore::trace_opinion(const OpinionId& id, std::optional<int> final_article, std::int64_t at_ms,
                               const AdminActor* by) {
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        lock_opinion(s, id);
        auto was = s.query("SELECT consultation, status, final_article FROM opinions WHERE id = $1", {id});
        if (was.empty()) return Error{ErrorCode::not_found, "the hub holds no opinion " + id};
        auto before = was[0].maybe_integer(2);
        if (final_article) {
            const std::string& status = was[0].text(1);
            if (status != "adopted" && status != "partly_adopted")
                return Error{ErrorCode::invalid_input, "opinion " + id + " is " + status +
                                                           ": only an adopted or partly adopted opinion is traced into the law"};
            if (s.query("SELECT 1 FROM final_articles WHERE consultation = $1 AND number = $2",
                        {was[0].text(0), static_cast<std::int64_t>(*final_article)})
                    .empty())
                return Error{ErrorCode::invalid_input, "the final text of " + was[0].text(0) + " has no article " +
                                                           std::to_string(*final_article) + " (enter the final text first)"};
        }
        std::optional<std::int64_t> after;
        if (final_article) after = *final_article;
        if (before == after) return ok_status();
        s.query("UPDATE opinions SET final_article = $2 WHERE id = $1", {id, SqlValue::maybe(after)});
        auto field = [](std::optional<std::int64_t> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
        audit(s, by, at_ms, "opinion.trace", id, fields({{"final_article", field(before)}}),
              fields({{"final_article", field(after)}}));
        feed_statuses(s, "o.id = $1", id, at_ms);
        return ok_status();
    });
}

Result<std::optional<FinalArticle>> SqlStore::final_article_of(const OpinionId& id) {
    using Found = std::optional<FinalArticle>;
    return transact<Found>(Tx::single, [&](SqlSession& s) -> Result<Found> {
        auto rows = s.query("SELECT f.number, f.title_zh, f.title_en, f.text_zh, f.text_en FROM opinions o "
                            "JOIN final_articles f ON f.consultation = o.consultation AND f.number = o.final_article "
                            "WHERE o.id = $1",
                            {id});
        if (rows.empty()) return Found();
        return Found(final_from(rows[0]));
    });
}

// ---------------------------------------------------------------------------------------------
// 6. Certificates and passports
// ---------------------------------------------------------------------------------------------

Status SqlStore::add_certificate(const std::string& serial, const std::string& passport_id,
                                 const std::string& opinion_id, const std::string& token,
                                 std::int64_t at_ms, const AdminActor* by) {
    if (!is_hex(serial, 16))
        return Error{ErrorCode::invalid_input, "serial '" + serial + "' is not 16 hex digits"};
    if (!is_hex(passport_id, 32))
        return Error{ErrorCode::invalid_input,
                     "passport id '" + passport_id + "' is not 32 hex digits"};
    if (token.empty()) return Error{ErrorCode::invalid_input, "a certificate needs its token"};
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        s.lock_passports({passport_id});  // against ingest linking it to a kiosk right now
        auto rows = s.query(
            "INSERT INTO certificates(serial, passport, opinion, token, issued_at) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING serial",
            {serial, passport_id, opinion_id, token, at_ms});
        if (rows.empty())
            return Error{ErrorCode::invalid_input,
                         "a certificate with serial " + serial + " exists"};
        s.lock_change_feed();
        s.query(
            "INSERT INTO changes(kind, opinion, passport, serial, token, at) "
            "VALUES ('certificate', $1, $2, $3, $4, $5)",
            {opinion_id, passport_id, serial, token, at_ms});
        audit(s, by, at_ms, "certificate.issue", serial, "{}", fields({{"opinion", opinion_id}, {"passport", passport_id}}));
        return ok_status();
    });
}

Status SqlStore::revoke_certificate(const std::string& serial, std::int64_t at_ms, const AdminActor* by) {
    if (!is_hex(serial, 16))
        return Error{ErrorCode::invalid_input, "serial '" + serial + "' is not 16 hex digits"};
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        if (s.query("SELECT 1 FROM certificates WHERE serial = $1", {serial}).empty())
            return Error{ErrorCode::not_found, "no certificate with serial " + serial + " was issued by this hub"};
        auto rows = s.query(
            "INSERT INTO revocations(serial, revoked_at) VALUES ($1, $2) "
            "ON CONFLICT DO NOTHING RETURNING serial",
            {serial, at_ms});
        if (rows.empty()) return ok_status();  // revoked before: the feed has it already
        s.lock_change_feed();
        s.query("INSERT INTO changes(kind, serial, at) VALUES ('revocation', $1, $2)",
                {serial, at_ms});
        audit(s, by, at_ms, "certificate.revoke", serial, fields({{"revoked", false}}), fields({{"revoked", true}}));
        return ok_status();
    });
}

Result<std::optional<CertificateRecord>> SqlStore::live_certificate_of(const std::string& opinion_id) {
    using Found = std::optional<CertificateRecord>;
    return transact<Found>(Tx::single, [&](SqlSession& s) -> Result<Found> {
        auto rows = s.query(
            "SELECT c.serial, c.passport, c.opinion, c.token, c.issued_at FROM certificates c "
            "WHERE c.opinion = $1 AND NOT EXISTS (SELECT 1 FROM revocations r WHERE r.serial = c.serial) "
            "ORDER BY c.issued_at DESC, c.serial LIMIT 1",
            {opinion_id});
        if (rows.empty()) return Found();
        const auto& r = rows[0];
        return Found(CertificateRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), std::nullopt});
    });
}

Result<CertificateRecord> SqlStore::find_certificate(const std::string& serial) {
    return transact<CertificateRecord>(Tx::single, [&](SqlSession& s) -> Result<CertificateRecord> {
        auto rows = s.query(
            "SELECT c.serial, c.passport, c.opinion, c.token, c.issued_at, r.revoked_at "
            "FROM certificates c LEFT JOIN revocations r ON r.serial = c.serial WHERE c.serial = "
            "$1",
            {serial});
        if (rows.empty())
            return Error{ErrorCode::not_found, "no certificate with serial " + serial};
        const auto& r = rows[0];
        return CertificateRecord{r.text(0), r.text(1),    r.text(2),
                                 r.text(3), r.integer(4), r.maybe_integer(5)};
    });
}

Result<HubStore::PassportCounts> SqlStore::passport_counts() {
    return transact<PassportCounts>(Tx::read, [&](SqlSession& s) -> Result<PassportCounts> {
        PassportCounts c;
        c.passports = s.query("SELECT COUNT(*) FROM passports").at(0).integer(0);
        c.with_opinion = s.query("SELECT COUNT(DISTINCT passport) FROM stamps WHERE kind = 'opinion'").at(0).integer(0);
        return c;
    });
}

Result<DistrictFigures> SqlStore::district_figures(const std::optional<std::vector<std::string>>& consultations) {
    return transact<DistrictFigures>(Tx::read, [&](SqlSession& s) -> Result<DistrictFigures> {
        auto cap = [](std::int64_t n) { return std::clamp<std::int64_t>(n, 0, kLiveFigureMax); };
        DistrictFigures f;
        // One statement, so every count comes from one snapshot (adopted never exceeds opinions).
        auto r = s.query(
            "SELECT (SELECT COUNT(*) FROM opinions), "
            "(SELECT COUNT(*) FROM opinions WHERE status IN ('adopted', 'partly_adopted')), "
            "(SELECT COUNT(*) FROM passports), (SELECT COUNT(*) FROM guestbook), "
            "(SELECT COALESCE(SUM(people), 0) FROM guestbook)").at(0);
        f.opinions = cap(r.integer(0));
        f.adopted = std::min(cap(r.integer(1)), f.opinions);
        f.passports = cap(r.integer(2));
        f.delegations = cap(r.integer(3));
        f.delegation_people = cap(r.integer(4));
        std::vector<std::string> ids;
        for (const std::string& id : consultations.value_or(std::vector<std::string>{}))
            if (is_consultation_id(id) && std::find(ids.begin(), ids.end(), id) == ids.end() &&
                ids.size() < kLiveFiguresMaxConsultations)
                ids.push_back(id);
        if (!consultations) {
            for (auto& row : s.query("SELECT consultation FROM opinions "
                                     "GROUP BY consultation ORDER BY COUNT(*) DESC, consultation LIMIT $1",
                                     {static_cast<std::int64_t>(kLiveFiguresMaxConsultations)}))
                if (is_consultation_id(row.text(0))) ids.push_back(row.text(0));
        }
        for (const std::string& id : ids) {
            std::int64_t n = s.query("SELECT COUNT(*) FROM opinions WHERE consultation = $1", {id}).at(0).integer(0);
            f.consultations.push_back(ConsultationFigure{id, std::min(cap(n), f.opinions)});
        }
        return f;
    });
}

Result<std::vector<CertificateRecord>> SqlStore::list_certificates(std::size_t limit, std::size_t offset) {
    using List = std::vector<CertificateRecord>;
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        List out;
        for (auto& r : s.query("SELECT c.serial, c.passport, c.opinion, c.token, c.issued_at, r.revoked_at "
                               "FROM certificates c LEFT JOIN revocations r ON r.serial = c.serial "
                               "ORDER BY c.issued_at DESC, c.serial LIMIT $1 OFFSET $2",
                               {static_cast<std::int64_t>(std::min(limit, kAdminListMax)), static_cast<std::int64_t>(offset)}))
            out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.maybe_integer(5)});
        return out;
    });
}

Result<bool> SqlStore::is_revoked(const std::string& serial) {
    return transact<bool>(Tx::single, [&](SqlSession& s) -> Result<bool> {
        return !s.query("SELECT 1 FROM revocations WHERE serial = $1", {serial}).empty();
    });
}

Result<PublicPassportView> SqlStore::find_passport(const std::string& passport_id) {
    if (!is_hex(passport_id, 32)) return Error{ErrorCode::not_found, "no passport with that id"};
    return transact<PublicPassportView>(Tx::read, [&](SqlSession& s) -> Result<PublicPassportView> {
        auto p =
            s.query("SELECT id, short_code, issued_on, created_at FROM passports WHERE id = $1",
                    {passport_id});
        if (p.empty()) return Error{ErrorCode::not_found, "no passport with that id"};
        PublicPassportView v;
        v.id = p[0].text(0);
        v.short_code = p[0].text(1);
        parse_local_date(p[0].text(2), v.issued_on);
        v.created_at_ms = p[0].integer(3);
        // Only public columns are selected: contact details never leave the opinions table here.
        auto stamps = s.query(
            "SELECT s.kind, s.ref, s.created_at, o.id, o.consultation, o.article, o.stance, "
            "o.text, o.lang, "
            "o.created_at, o.status, o.reply, CASE WHEN o.hidden_reason IS NULL THEN 0 ELSE 1 END, "
            "f.number, f.title_zh, f.title_en, f.text_zh, f.text_en FROM stamps s "
            "LEFT JOIN opinions o ON s.kind = 'opinion' AND o.id = s.ref "
            "LEFT JOIN final_articles f ON f.consultation = o.consultation AND f.number = o.final_article "
            "WHERE s.passport = $1 ORDER BY s.created_at, s.id",
            {passport_id});
        for (const auto& r : stamps) {
            PublicStamp st;
            const std::string& kind = r.text(0);
            parse_stamp_kind(kind, st.kind);  // the hub's CHECK holds it to the three codes
            st.ref = r.text(1);
            st.created_at_ms = r.integer(2);
            if (!r.is_null(3)) {
                PublicOpinion o;
                o.id = r.text(3);
                o.consultation_id = r.text(4);
                if (!r.is_null(5)) o.article = static_cast<int>(r.integer(5));
                parse_stance(r.text(6), o.stance);
                // A hidden text never leaves the store for a public view.
                o.hidden = r.integer(12) != 0;
                if (!o.hidden) o.text = r.text(7);
                if (!r.is_null(13))
                    o.final_article = FinalArticle{static_cast<int>(r.integer(13)), {r.text(14), r.text(15)}, {r.text(16), r.text(17)}};
                parse_lang(r.text(8), o.lang);
                o.created_at_ms = r.integer(9);
                parse_opinion_status(r.text(10), o.status);
                o.reply = r.text(11);
                st.opinion = std::move(o);
            }
            v.stamps.push_back(std::move(st));
        }
        for (const auto& r :
             s.query("SELECT c.serial, c.token, CASE WHEN r.serial IS NULL THEN 0 ELSE 1 END "
                     "FROM certificates c LEFT JOIN revocations r ON r.serial = c.serial "
                     "WHERE c.passport = $1 ORDER BY c.issued_at, c.serial",
                     {passport_id}))
            v.certificates.push_back({r.text(0), r.text(1), r.integer(2) != 0});
        return v;
    });
}

// ---------------------------------------------------------------------------------------------
// 7. Bundles and rate limits
// ---------------------------------------------------------------------------------------------

namespace {

// Makes `version` the current bundle, unless it is already.
void publish_in(SqlSession& s, const std::string& version, std::int64_t at_ms, const AdminActor* by) {
    std::string was = current_version(s);
    if (was == version) return;
    s.query("INSERT INTO publications(version, at, admin_key) VALUES ($1, $2, $3)",
            {version, at_ms, by ? by->key_id : std::string()});
    audit(s, by, at_ms, "bundle.publish", version, fields({{"current", was}}), fields({{"current", version}}));
}

}  // namespace

Status SqlStore::add_bundle(const BundleRecord& meta, const std::string& bytes, const AdminActor* by) {
    if (meta.version.empty()) return Error{ErrorCode::invalid_input, "a bundle needs a version"};
    if (meta.size != static_cast<std::int64_t>(bytes.size()))
        return Error{ErrorCode::invalid_input, "bundle " + meta.version + ": size " +
                                                   std::to_string(meta.size) + " but " +
                                                   std::to_string(bytes.size()) + " bytes given"};
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    if (meta.sha256 != hex)
        return Error{ErrorCode::invalid_input,
                     "bundle " + meta.version + ": its bytes do not match sha256 " + meta.sha256};
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        s.lock_change_feed();  // publications are ordered like the feed: one publisher at a time
        auto rows = s.query(
            "INSERT INTO bundles(version, sha256, size, signature, bytes, added_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING RETURNING id",
            {meta.version, meta.sha256, meta.size, meta.signature, SqlValue::blob(bytes),
             meta.added_at_ms});
        if (rows.empty()) {
            auto old = s.query("SELECT sha256 FROM bundles WHERE version = $1", {meta.version});
            if (old.empty() || old[0].text(0) != meta.sha256)
                return Error{ErrorCode::invalid_input,
                             "bundle version " + meta.version +
                                 " exists with other contents; give the new bundle a new version"};
        }
        publish_in(s, meta.version, meta.added_at_ms, by);
        return ok_status();
    });
}

Status SqlStore::publish_bundle(const std::string& version, std::int64_t at_ms, const AdminActor* by) {
    return transact<Done>(Tx::write, [&](SqlSession& s) -> Status {
        s.lock_change_feed();
        if (s.query("SELECT 1 FROM bundles WHERE version = $1", {version}).empty())
            return Error{ErrorCode::not_found, "the hub holds no content version " + version};
        publish_in(s, version, at_ms, by);
        return ok_status();
    });
}

Result<std::optional<BundleRecord>> SqlStore::current_bundle() {
    using Maybe = std::optional<BundleRecord>;
    return transact<Maybe>(Tx::single, [&](SqlSession& s) -> Result<Maybe> {
        auto rows = s.query(
            "SELECT b.version, b.sha256, b.size, b.signature, b.added_at FROM publications p "
            "JOIN bundles b ON b.version = p.version ORDER BY p.id DESC LIMIT 1");
        if (rows.empty()) return Maybe{};
        return Maybe{bundle_from(rows[0])};
    });
}

Result<std::vector<Publication>> SqlStore::publications(std::size_t limit) {
    using List = std::vector<Publication>;
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        List out;
        for (auto& r : s.query("SELECT p.version, p.at, p.admin_key, COALESCE(k.name, '') FROM publications p "
                               "LEFT JOIN admin_keys k ON k.id = p.admin_key ORDER BY p.id DESC LIMIT $1",
                               {static_cast<std::int64_t>(std::clamp<std::size_t>(limit, 1, kAdminListMax))}))
            out.push_back({r.text(0), r.integer(1), r.text(2), r.text(3)});
        return out;
    });
}

Result<std::vector<AuditEntry>> SqlStore::list_audit(const AuditQuery& q) {
    using List = std::vector<AuditEntry>;
    if (q.limit == 0) return List{};  // asked for none
    auto limit = static_cast<std::int64_t>(std::clamp<std::size_t>(q.limit, 1, kAdminListMax));
    return transact<List>(Tx::single, [&](SqlSession& s) -> Result<List> {
        List out;
        for (auto& r : s.query("SELECT a.id, a.at, a.admin_key, COALESCE(k.name, ''), a.action, a.target, a.before, "
                               "a.after FROM audit a LEFT JOIN admin_keys k ON k.id = a.admin_key "
                               "WHERE (CAST($1 AS BIGINT) IS NULL OR a.at >= $1) "
                               "AND (CAST($2 AS BIGINT) IS NULL OR a.at < $2) ORDER BY a.id LIMIT $3 OFFSET $4",
                               {SqlValue::maybe(q.since_ms), SqlValue::maybe(q.until_ms), limit,
                                static_cast<std::int64_t>(q.offset)}))
            out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
        return out;
    });
}

Result<BundleRecord> SqlStore::find_bundle(const std::string& version) {
    return transact<BundleRecord>(Tx::single, [&](SqlSession& s) -> Result<BundleRecord> {
        auto rows = s.query(
            "SELECT version, sha256, size, signature, added_at FROM bundles WHERE version = $1",
            {version});
        if (rows.empty()) return Error{ErrorCode::not_found, "no bundle with version " + version};
        return bundle_from(rows[0]);
    });
}

Result<std::string> SqlStore::bundle_bytes(const std::string& version) {
    return transact<std::string>(Tx::single, [&](SqlSession& s) -> Result<std::string> {
        auto rows = s.query("SELECT bytes FROM bundles WHERE version = $1", {version});
        if (rows.empty()) return Error{ErrorCode::not_found, "no bundle with version " + version};
        return rows[0].text(0);
    });
}

Status SqlStore::note_event(const std::string& kind, const std::string& key, std::int64_t at_ms) {
    return transact<Done>(Tx::single, [&](SqlSession& s) -> Status {
        s.query("INSERT INTO events(kind, key, at) VALUES ($1, $2, $3)", {kind, key, at_ms});
        return ok_status();
    });
}

Result<std::int64_t> SqlStore::count_recent(const std::string& kind, const std::string& key,
                                            std::int64_t since_ms) {
    return transact<std::int64_t>(Tx::single, [&](SqlSession& s) -> Result<std::int64_t> {
        return s
            .query("SELECT count(*) FROM events WHERE kind = $1 AND key = $2 AND at >= $3",
                   {kind, key, since_ms})
            .at(0)
            .integer(0);
    });
}

Result<bool> SqlStore::take_event(const std::string& kind, const std::string& key,
                                  std::int64_t since_ms, std::int64_t max, std::int64_t at_ms) {
    return transact<bool>(Tx::write, [&](SqlSession& s) -> Result<bool> {
        // SQLite's BEGIN IMMEDIATE already serializes writers; PostgreSQL's read committed would
        // let two transactions count the same rows, so (kind, key) is locked first.
        s.lock_rate_key(kind + "\n" + key);
        auto n = s.query("SELECT count(*) FROM events WHERE kind = $1 AND key = $2 AND at >= $3",
                         {kind, key, since_ms})
                     .at(0)
                     .integer(0);
        if (n >= max) return false;
        s.query("INSERT INTO events(kind, key, at) VALUES ($1, $2, $3)", {kind, key, at_ms});
        return true;
    });
}

Result<std::int64_t> SqlStore::purge_events(std::int64_t before_ms) {
    return transact<std::int64_t>(Tx::single, [&](SqlSession& s) -> Result<std::int64_t> {
        return static_cast<std::int64_t>(
            s.query("DELETE FROM events WHERE at < $1 RETURNING 1", {before_ms}).size());
    });
}

}  // namespace lianxin::hub
