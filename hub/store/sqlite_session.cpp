// The SQLite driver of the hub store's SQL interface: one connection with a cache of prepared
// statements, $N placeholders rewritten to SQLite's ?N, and SQLite's result codes sorted into
// SqlFailure kinds (busy → retry, constraint → unique).
#include <sqlite3.h>

#include <unordered_map>

#include "hub/store/sql_session.h"

namespace lianxin::hub {

namespace {

// "$12" → "?12" outside string literals: ?NNN binds exactly parameter NNN, as $NNN does in
// PostgreSQL, whatever order the placeholders appear in.
std::string to_sqlite_placeholders(std::string_view sql) {
    std::string out(sql);
    bool in_string = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\'')
            in_string = !in_string;
        else if (!in_string && out[i] == '$' && i + 1 < out.size() && out[i + 1] >= '0' &&
                 out[i + 1] <= '9')
            out[i] = '?';
    }
    return out;
}

class SqliteSession final : public SqlSession {
  public:
    explicit SqliteSession(const std::string& path) {
        int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw SqlFailure{SqlFailure::Kind::connection, path + ": " + msg};
        }
        sqlite3_extended_result_codes(db_, 1);  // tell unique violations from other constraints
        // Writers queue for the lock rather than fail: ingest from many kiosks at once is normal.
        sqlite3_busy_timeout(db_, 30000);
        try {
            exec("PRAGMA synchronous=FULL");  // an acknowledged push survives power loss
            exec("PRAGMA secure_delete=ON");  // deleted rows (contact details, nonces) are overwritten
        } catch (...) {
            // A file that is not a database fails here; no destructor runs for a constructor that
            // throws, so the handle (and its open file) would outlive every refusal.
            sqlite3_close(db_);
            db_ = nullptr;
            throw;
        }
    }
    ~SqliteSession() override {
        for (auto& [sql, st] : cache_) sqlite3_finalize(st);
        sqlite3_close(db_);
    }

    SqlRows query(std::string_view sql, const std::vector<SqlValue>& params) override {
        sqlite3_stmt* st = statement(sql);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const SqlValue& p = params[i];
            int idx = static_cast<int>(i + 1);
            int rc = SQLITE_OK;
            switch (p.kind) {
                case SqlValue::Kind::null:
                    rc = sqlite3_bind_null(st, idx);
                    break;
                case SqlValue::Kind::integer:
                    rc = sqlite3_bind_int64(st, idx, p.integer);
                    break;
                case SqlValue::Kind::text:
                    rc = sqlite3_bind_text64(st, idx, p.text.data(), p.text.size(),
                                             SQLITE_TRANSIENT, SQLITE_UTF8);
                    break;
                case SqlValue::Kind::blob:
                    rc = sqlite3_bind_blob64(st, idx, p.text.data(), p.text.size(),
                                             SQLITE_TRANSIENT);
                    break;
            }
            if (rc != SQLITE_OK) fail(rc);
        }
        SqlRows rows;
        int cols = sqlite3_column_count(st);
        for (;;) {
            int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                sqlite3_reset(st);
                fail(rc);
            }
            SqlRow row;
            row.cells.reserve(static_cast<std::size_t>(cols));
            for (int c = 0; c < cols; ++c) {
                int type = sqlite3_column_type(st, c);
                if (type == SQLITE_NULL) {
                    row.cells.emplace_back();
                } else if (type == SQLITE_BLOB) {
                    const void* data = sqlite3_column_blob(st, c);
                    int n = sqlite3_column_bytes(st, c);
                    row.cells.emplace_back(
                        std::string(static_cast<const char*>(data), static_cast<std::size_t>(n)));
                } else {
                    const unsigned char* t = sqlite3_column_text(st, c);
                    int n = sqlite3_column_bytes(st, c);
                    row.cells.emplace_back(
                        std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(n)));
                }
            }
            rows.push_back(std::move(row));
        }
        sqlite3_reset(st);
        return rows;
    }

    void begin_write() override { exec("BEGIN IMMEDIATE"); }
    void begin_read() override { exec("BEGIN"); }
    void commit() override { exec("COMMIT"); }
    void rollback() override {
        if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void lock_change_feed() override {}  // BEGIN IMMEDIATE serializes writers
    void lock_passports(const std::vector<std::string>&) override {}  // likewise
    void lock_rate_key(const std::string&) override {}                // likewise
    bool broken() const override { return false; }

  private:
    void exec(const char* sql) {
        int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) fail(rc);
    }

    sqlite3_stmt* statement(std::string_view sql) {
        std::string key(sql);
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        std::string text = to_sqlite_placeholders(sql);
        sqlite3_stmt* st = nullptr;
        int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                    SQLITE_PREPARE_PERSISTENT, &st, nullptr);
        if (rc != SQLITE_OK) fail(rc);
        cache_.emplace(std::move(key), st);
        return st;
    }

    [[noreturn]] void fail(int rc) {
        std::string msg = sqlite3_errmsg(db_);
        int primary = rc & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
            throw SqlFailure{SqlFailure::Kind::retry, msg};
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            throw SqlFailure{SqlFailure::Kind::unique, msg};
        throw SqlFailure{SqlFailure::Kind::other, msg};
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<SqlSession> open_sqlite_session(const std::string& path) {
    return std::make_unique<SqliteSession>(path);
}

}  // namespace lianxin::hub
