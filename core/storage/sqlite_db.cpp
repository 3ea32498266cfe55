// Thin RAII wrapper over SQLite.
#include "core/storage/sqlite_db.h"

namespace lianxin {

namespace {
// SQLite's own words and its extended code go into every message: logs must say what failed.
std::string sqlite_reason(sqlite3* db) {
    if (!db) return "out of memory";
    int code = sqlite3_extended_errcode(db);
    return std::string(sqlite3_errmsg(db)) + " (SQLite " + sqlite3_errstr(code) + ", code " + std::to_string(code) + ")";
}

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw SqliteError(std::string(what) + ": " + sqlite_reason(db), db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        fail(db, "prepare '" + std::string(sql.substr(0, 60)) + "'");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    if (sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    next_ = 0;
}

std::string Statement::text(int column) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::blob(int column) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

int Statement::type(int column) const { return sqlite3_column_type(stmt_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

SqliteDb::SqliteDb(const std::string& path, Mode mode) {
    int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY
                                        : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        std::string why = sqlite_reason(db_);
        int code = db_ ? sqlite3_extended_errcode(db_) : SQLITE_NOMEM;
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError("open " + path + ": " + why, code);
    }
    sqlite3_busy_timeout(db_, 5000);
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

void SqliteDb::exec(std::string_view sql) {
    char* msg = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        int code = sqlite3_extended_errcode(db_);
        std::string why = (msg ? msg : "unknown") + std::string(" (SQLite ") + sqlite3_errstr(code) + ", code " +
                          std::to_string(code) + ")";
        sqlite3_free(msg);
        throw SqliteError("exec '" + s.substr(0, 60) + "': " + why, code);
    }
}

void SqliteDb::no_checkpoint_on_close() { sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr); }

StorageFault classify_storage_fault(int code) {
    switch (code & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return StorageFault::damaged;
        case SQLITE_IOERR: return StorageFault::io;
        case SQLITE_FULL: return StorageFault::full;
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_NOMEM: return StorageFault::other;
        default: return StorageFault::none;
    }
}

const char* storage_fault_name(StorageFault f) {
    switch (f) {
        case StorageFault::none: return "none";
        case StorageFault::damaged: return "damaged";
        case StorageFault::io: return "io";
        case StorageFault::full: return "full";
        case StorageFault::other: return "other";
    }
    return "none";
}

Error storage_error(const SqliteError& e, const std::string& context) {
    ErrorCode code = ErrorCode::database;
    switch (classify_storage_fault(e.code)) {
        case StorageFault::full: code = ErrorCode::storage_full; break;
        case StorageFault::damaged: code = ErrorCode::corrupt; break;
        case StorageFault::io: code = ErrorCode::io; break;
        default: break;
    }
    return Error{code, context + e.what()};
}

std::int64_t SqliteDb::pragma_int(std::string_view name) {
    auto st = prepare("PRAGMA " + std::string(name));
    return st.step() ? st.integer(0) : 0;
}

}  // namespace lianxin
