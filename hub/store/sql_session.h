// The small SQL interface the hub store is written against once (sql_store.cpp), with a SQLite
// and a PostgreSQL driver behind it, so both back-ends run the same statements and behave alike.
// Statements use $1, $2 … placeholders; both dialects accept ON CONFLICT and RETURNING.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lianxin::hub {

// A statement parameter. Blobs are sent as bytes (bytea / BLOB), never as text.
struct SqlValue {
    enum class Kind { null, integer, text, blob } kind = Kind::null;
    std::int64_t integer = 0;
    std::string text;  // text or blob bytes

    SqlValue() = default;
    SqlValue(std::int64_t v) : kind(Kind::integer), integer(v) {}
    SqlValue(int v) : kind(Kind::integer), integer(v) {}
    SqlValue(std::string v) : kind(Kind::text), text(std::move(v)) {}
    SqlValue(const char* v) : kind(Kind::text), text(v) {}
    static SqlValue blob(std::string bytes) {
        SqlValue v;
        v.kind = Kind::blob;
        v.text = std::move(bytes);
        return v;
    }
    template <class T>
    static SqlValue maybe(const std::optional<T>& v) {
        return v ? SqlValue(*v) : SqlValue();
    }
};

// One result row; cells are text (integers as decimal text, blobs as their bytes), or null.
struct SqlRow {
    std::vector<std::optional<std::string>> cells;
    bool is_null(std::size_t i) const { return !cells.at(i).has_value(); }
    const std::string& text(std::size_t i) const;  // "" for null
    std::int64_t integer(std::size_t i) const;     // 0 for null
    std::optional<std::int64_t> maybe_integer(std::size_t i) const;
};
using SqlRows = std::vector<SqlRow>;

// What a driver throws (inside the store only; the store turns it into an Error).
struct SqlFailure {
    enum class Kind {
        retry,       // serialization failure, deadlock, busy: the transaction may simply be redone
        unique,      // a unique constraint refused the row
        connection,  // the connection is gone: discard it
        other,
    } kind;
    std::string message;
};

// One connection. Not thread-safe: a session is leased to one thread at a time (SessionPool).
class SqlSession {
  public:
    virtual ~SqlSession() = default;
    virtual SqlRows query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
    virtual void begin_write() = 0;  // SQLite: BEGIN IMMEDIATE (take the write lock now)
    virtual void begin_read() = 0;   // one consistent snapshot for several statements
    virtual void commit() = 0;
    virtual void rollback() = 0;  // never throws
    // Serializes inserts into the changes feed until the transaction ends (PostgreSQL; SQLite
    // writers are serialized already). See sql_store.cpp, "the changes feed".
    virtual void lock_change_feed() = 0;
    // Serializes linking passports to kiosks against adding their certificates (PostgreSQL).
    virtual void lock_passports(const std::vector<std::string>& passport_ids) = 0;
    // Serializes rate-limit check-and-record transactions on one key until the transaction ends
    // (PostgreSQL; SQLite writers are serialized already).
    virtual void lock_rate_key(const std::string& key) = 0;
    virtual bool broken() const = 0;  // the connection is unusable; do not return it to the pool
};

// Connections made on demand up to `max`, reused; a broken one is dropped and replaced later.
class SessionPool {
  public:
    using Factory = std::function<std::unique_ptr<SqlSession>()>;  // throws SqlFailure
    SessionPool(Factory factory, std::size_t max) : factory_(std::move(factory)), max_(max) {}

    class Lease {
      public:
        Lease(SessionPool& pool, std::unique_ptr<SqlSession> s) : pool_(pool), s_(std::move(s)) {}
        ~Lease() { pool_.give_back(std::move(s_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        SqlSession& operator*() { return *s_; }
        SqlSession* operator->() { return s_.get(); }

      private:
        SessionPool& pool_;
        std::unique_ptr<SqlSession> s_;
    };

    Lease acquire();  // waits while `max` are leased; throws SqlFailure when it cannot connect

  private:
    void give_back(std::unique_ptr<SqlSession> s);

    Factory factory_;
    std::size_t max_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<SqlSession>> idle_;
    std::size_t leased_ = 0;
};

// The two drivers. `open_*_session` throw SqlFailure (connection) when they cannot connect.
std::unique_ptr<SqlSession> open_sqlite_session(const std::string& path);
std::unique_ptr<SqlSession> open_postgres_session(const std::string& uri);

}  // namespace lianxin::hub
