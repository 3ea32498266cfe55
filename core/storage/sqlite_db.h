// Thin RAII wrapper over SQLite: a connection, prepared statements, transactions.
// Failures throw SqliteError inside core; public services catch it and return a Result.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lianxin {

struct SqliteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

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

    bool step();       // true while a row is available
    void run();        // steps to completion, for statements that return no rows
    void reset();

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    std::string blob(int column) const;
    bool is_null(int column) const;

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
