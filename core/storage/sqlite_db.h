// Thin RAII wrapper over SQLite: a connection, prepared statements, transactions.
// Failures throw SqliteError inside core; public services catch it and return a Result.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace lianxin {

// `code` is SQLite's extended result code (sqlite3_extended_errcode), or SQLITE_CORRUPT for a
// row that breaks the schema's own rules (only damage can put it there); 0 = not from SQLite.
struct SqliteError : std::runtime_error {
    explicit SqliteError(const std::string& what, int code = 0) : std::runtime_error(what), code(code) {}
    int code;
    int primary() const { return code & 0xff; }
};

// What a storage failure means for the records in the file.
enum class StorageFault {
    none,     // not a storage fault (a constraint, a bug): the file is fine
    damaged,  // SQLITE_CORRUPT / SQLITE_NOTADB: the file itself is damaged
    io,       // SQLITE_IOERR: the disk or file system failed; the file may be damaged
    full,     // SQLITE_FULL: no space left; the file is intact
    other,    // read-only, cannot open, locked …: the file is intact but cannot be written
};
StorageFault classify_storage_fault(int sqlite_code);
const char* storage_fault_name(StorageFault f);
// The typed error a service returns for a failed storage call: storage_full, corrupt (damaged),
// io, or database; the detail keeps SQLite's own message and code.
Error storage_error(const SqliteError& e, const std::string& context = "");

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);     // 1-based, like SQLite
    Statement& bind(int index, std::int64_t value);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);
    // Binds the next parameter in order (1, 2, 3 … since the last reset()).
    Statement& add(std::string_view text) { return bind(++next_, text); }
    Statement& add(std::int64_t value) { return bind(++next_, value); }
    Statement& add(int value) { return bind(++next_, std::int64_t{value}); }
    Statement& add_null() { return bind_null(++next_); }

    bool step();       // true while a row is available
    void run();        // steps to completion, for statements that return no rows
    void reset();

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    std::string blob(int column) const;
    bool is_null(int column) const;
    int type(int column) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int next_ = 0;
};

class SqliteDb {
public:
    enum class Mode { read_only, read_write_create };
    SqliteDb(const std::string& path, Mode mode);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    std::int64_t pragma_int(std::string_view name);
    sqlite3* handle() { return db_; }
    // Closing never checkpoints the write-ahead log into the main file: for a file found damaged,
    // which must not be written again.
    void no_checkpoint_on_close();

private:
    sqlite3* db_ = nullptr;
};

// Commits on commit(), rolls back if destroyed first (an exception unwinding).
class Transaction {
public:
    explicit Transaction(SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~Transaction() {
        if (!done_) try { db_.exec("ROLLBACK"); } catch (...) {}
    }
    void commit() { db_.exec("COMMIT"); done_ = true; }

private:
    SqliteDb& db_;
    bool done_ = false;
};

}  // namespace lianxin
