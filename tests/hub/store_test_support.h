// Shared pieces of the hub store tests: a fresh store of either back-end (a SQLite file in a
// temporary folder, or a new database on the test process's private PostgreSQL server) and
// records shaped like the ones kiosks push.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <string>

#include "core/base/uuid.h"
#include "core/crypto/signing_keys.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "hub/store/hub_store.h"
#include "tests/support/postgres_server.h"
#include "tests/support/temp_dir.h"

namespace lianxin::test {

// Every store test runs once per back-end: `const std::string backend = GENERATE(backends());`
inline auto backends() {
    return Catch::Generators::values<std::string>({"sqlite", "postgresql"});
}

// A spec for an empty store of `backend`; SQLite files go in `dir`.
inline std::string fresh_spec(const std::string& backend, const TempDir& dir) {
    if (backend == "sqlite") return "sqlite:" + (dir / "hub.db").string();
    return PostgresServer::instance().new_database();
}

inline std::unique_ptr<hub::HubStore> open_ok(const std::string& spec) {
    auto s = hub::open_store(spec);
    if (!s) FAIL("open_store(" << spec << "): " << s.error().detail);
    return std::move(*s);
}

inline std::int64_t test_ms(std::int64_t offset = 0) {
    return 1'800'000'000'000 + offset;
}

// A registered kiosk with a fresh key; returns its id.
inline std::string add_test_kiosk(hub::HubStore& store, const std::string& name) {
    SecretKey key = generate_key();
    auto code = store.next_kiosk_code();
    REQUIRE(code.ok());
    auto st = store.add_kiosk(key.pub.id, name, *code, key.pub, test_ms());
    if (!st) FAIL(st.error().detail);
    return key.pub.id;
}

inline Opinion test_opinion(const std::string& kiosk_name, const std::string& passport = "",
                            const std::string& consultation = "property-rules") {
    static std::atomic<std::int64_t> clock{0};
    Opinion o;
    std::int64_t at = test_ms(clock++);
    o.id = new_uuid_v7(at);
    o.consultation_id = consultation;
    o.article = 3;
    o.stance = Stance::suggest;
    o.text = "楼道里的电动车充电应当有统一的规定 " + o.id;
    o.passport_id = passport;
    o.lang = Lang::zh;
    o.kiosk = kiosk_name;
    o.created_at_ms = at;
    return o;
}

inline SyncPassport test_passport(const std::string& kiosk_name) {
    SyncPassport p;
    p.id = passport_id_text(new_passport_id());
    p.short_code = new_short_code("K01");
    p.token = "LXP1:TEST" + p.id;
    p.issued_on = LocalDate{2027, 3, 1};
    p.kiosk = kiosk_name;
    p.created_at_ms = test_ms();
    return p;
}

inline SyncStamp test_stamp(const std::string& passport, const std::string& opinion) {
    SyncStamp s;
    s.id = new_uuid_v7(test_ms());
    s.passport = passport;
    s.kind = StampKind::opinion;
    s.ref = opinion;
    s.created_at_ms = test_ms();
    return s;
}

// The SQL that takes a store of schema 4 back to what a schema-3 hub wrote (no guestbook or meeting
// tables, the changes feed's earlier kinds), for the tests of older stores' upgrades.
inline std::string schema_4_undone(const std::string& backend) {
    if (backend == "sqlite")
        return "DROP TABLE guestbook; DROP TABLE meeting_requests; "
               "CREATE TABLE old_changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind IN "
               "('status', 'certificate', 'revocation')), kiosk_id TEXT, opinion TEXT, status TEXT, reply TEXT, passport "
               "TEXT, serial TEXT, token TEXT, at INTEGER NOT NULL) STRICT; "
               "INSERT INTO old_changes SELECT seq, kind, kiosk_id, opinion, status, reply, passport, serial, token, at "
               "FROM changes; DROP TABLE changes; ALTER TABLE old_changes RENAME TO changes; "
               "UPDATE schema_version SET version = 3;";
    return "DROP TABLE guestbook; DROP TABLE meeting_requests; ALTER TABLE changes DROP COLUMN meeting; "
           "ALTER TABLE changes DROP CONSTRAINT changes_kind_check; ALTER TABLE changes ADD CONSTRAINT changes_kind_check "
           "CHECK (kind IN ('status', 'certificate', 'revocation')); UPDATE schema_version SET version = 3;";
}

inline std::string test_serial() {
    return serial_text(new_certificate_serial());
}

}  // namespace lianxin::test
