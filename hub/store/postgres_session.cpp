// The PostgreSQL driver of the hub store's SQL interface, on libpq: one connection, statements
// prepared once per connection, blobs sent and received as bytea, SQLSTATEs sorted into SqlFailure
// kinds, and the advisory locks that keep the changes feed gap-free across hub processes.
//
// libpq rather than libpqxx 6.4: the store builds parameter lists at run time with per-parameter
// nulls, integers, text and binary bytea, which libpq's PQexecPrepared takes as arrays and
// libpqxx 6.4's variadic exec_params does not; SQLSTATEs come straight from the result too.
#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "hub/store/sql_session.h"

namespace lianxin::hub {

namespace {

// Advisory lock keys, two int4s: (namespace, id). "LXHB" for the store's own locks, "LXPP" for
// passports (id = the first 32 bits of the passport id, which is random).
constexpr int kLockSpace = 0x4C584842;
constexpr int kPassportLockSpace = 0x4C585050;
constexpr int kRateLockSpace = 0x4C585252;  // "LXRR": rate-limit keys, hashed (a rare collision only serializes two keys)
constexpr int kChangeFeedLock = 2;

constexpr unsigned kByteaOid = 17;

std::string from_hex_bytea(const char* text, std::size_t n) {
    // bytea's text output is "\x" followed by two hex digits a byte (bytea_output = hex).
    std::string out;
    if (n < 2 || text[0] != '\\' || text[1] != 'x') return std::string(text, n);
    out.reserve((n - 2) / 2);
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 2; i + 1 < n; i += 2)
        out.push_back(static_cast<char>((nibble(text[i]) << 4) | nibble(text[i + 1])));
    return out;
}

class PostgresSession final : public SqlSession {
  public:
    explicit PostgresSession(const std::string& uri) {
        conn_ = PQconnectdb(uri.c_str());
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
            while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
            PQfinish(conn_);
            conn_ = nullptr;
            throw SqlFailure{SqlFailure::Kind::connection, msg};
        }
        PQsetClientEncoding(conn_, "UTF8");
        // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
    }
    ~PostgresSession() override { PQfinish(conn_); }

    SqlRows query(std::string_view sql, const std::vector<SqlValue>& params) override {
        const std::string& name = prepared(sql, static_cast<int>(params.size()));
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        std::vector<std::string> ints(params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const SqlValue& p = params[i];
            switch (p.kind) {
                case SqlValue::Kind::null:
                    values[i] = nullptr;
                    break;
                case SqlValue::Kind::integer:
                    ints[i] = std::to_string(p.integer);
                    values[i] = ints[i].c_str();
                    break;
                case SqlValue::Kind::text:
                    values[i] = p.text.c_str();
                    break;
                case SqlValue::Kind::blob:
                    values[i] = p.text.data();
                    lengths[i] = static_cast<int>(p.text.size());
                    formats[i] = 1;  // binary: bytea's binary form is the bytes themselves
                    break;
            }
        }
        PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                       values.data(), lengths.data(), formats.data(), 0);
        check(res);
        SqlRows rows;
        int n = PQntuples(res), cols = PQnfields(res);
        rows.reserve(static_cast<std::size_t>(n));
        for (int r = 0; r < n; ++r) {
            SqlRow row;
            row.cells.reserve(static_cast<std::size_t>(cols));
            for (int c = 0; c < cols; ++c) {
                if (PQgetisnull(res, r, c)) {
                    row.cells.emplace_back();
                    continue;
                }
                const char* v = PQgetvalue(res, r, c);
                auto len = static_cast<std::size_t>(PQgetlength(res, r, c));
                if (PQftype(res, c) == kByteaOid)
                    row.cells.emplace_back(from_hex_bytea(v, len));
                else
                    row.cells.emplace_back(std::string(v, len));
            }
            rows.push_back(std::move(row));
        }
        PQclear(res);
        return rows;
    }

    void begin_write() override { exec("BEGIN"); }
    // One snapshot for the whole read: the changes feed reads its rows and the highest sequence
    // number together.
    void begin_read() override { exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    void commit() override { exec("COMMIT"); }
    void rollback() override {
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return;
        if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
        PQclear(PQexec(conn_, "ROLLBACK"));
    }

    void lock_change_feed() override {
        query("SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
                  std::to_string(kChangeFeedLock) + ")",
              {});
    }

    void lock_passports(const std::vector<std::string>& passport_ids) override {
        if (passport_ids.empty()) return;
        // Sorted, so two transactions take shared keys in the same order (no deadlock; if the
        // server ever evaluated them out of order, its deadlock detector aborts one and the store
        // redoes it).
        std::vector<int> keys;
        for (const auto& id : passport_ids) {
            unsigned long v = std::strtoul(id.substr(0, 8).c_str(), nullptr, 16);
            keys.push_back(static_cast<int>(static_cast<std::uint32_t>(v)));
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        std::string array = "{";
        for (std::size_t i = 0; i < keys.size(); ++i)
            array += (i ? "," : "") + std::to_string(keys[i]);
        array += "}";
        query("SELECT count(pg_advisory_xact_lock(" + std::to_string(kPassportLockSpace) +
                  ", k)) FROM (SELECT unnest($1::int4[]) AS k ORDER BY 1) t",
              {SqlValue(array)});
    }

    void lock_rate_key(const std::string& key) override {
        query("SELECT pg_advisory_xact_lock(" + std::to_string(kRateLockSpace) + ", hashtext($1))", {SqlValue(key)});
    }

    bool broken() const override { return !conn_ || PQstatus(conn_) != CONNECTION_OK; }

  private:
    void exec(const char* sql) {
        PGresult* res = PQexec(conn_, sql);
        check(res);
        PQclear(res);
    }

    const std::string& prepared(std::string_view sql, int nparams) {
        std::string key(sql);
        auto it = names_.find(key);
        if (it != names_.end()) return it->second;
        std::string name = "lx" + std::to_string(names_.size());
        PGresult* res = PQprepare(conn_, name.c_str(), key.c_str(), nparams, nullptr);
        check(res);
        PQclear(res);
        return names_.emplace(std::move(key), std::move(name)).first->second;
    }

    // Throws (and frees `res`) unless it reports success.
    void check(PGresult* res) {
        ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
        std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
        std::string sqlstate = state ? state : "";
        PQclear(res);
        if (PQstatus(conn_) != CONNECTION_OK) throw SqlFailure{SqlFailure::Kind::connection, msg};
        if (sqlstate == "40001" || sqlstate == "40P01")
            throw SqlFailure{SqlFailure::Kind::retry, msg};
        if (sqlstate == "23505") throw SqlFailure{SqlFailure::Kind::unique, msg};
        throw SqlFailure{SqlFailure::Kind::other, msg};
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> names_;  // SQL text → prepared statement name
};

}  // namespace

std::unique_ptr<SqlSession> open_postgres_session(const std::string& uri) {
    return std::make_unique<PostgresSession>(uri);
}

}  // namespace lianxin::hub
