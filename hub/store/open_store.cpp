// open_store: turns a store spec (sqlite:PATH, postgresql://…) into a migrated HubStore, with
// messages that say what to do when it cannot: a missing folder, a server that does not answer,
// a file or database that is not ours (refused before anything is written to it).
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "hub/store/hub_store.h"
#include "hub/store/sql_store.h"

namespace lianxin::hub {

namespace {

constexpr std::size_t kMaxSqliteSessions = 8;     // one writer at a time anyway; readers share
constexpr std::size_t kMaxPostgresSessions = 16;  // per hub process

const char* kSpecHelp =
    "use sqlite:PATH (a file, created if missing) or postgresql://USER@HOST:PORT/DATABASE";

// The URI without its password, for messages and logs.
std::string redact_uri(const std::string& uri) {
    std::string out = uri;
    auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        auto at = out.find('@', scheme + 3);
        auto slash = out.find('/', scheme + 3);
        if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
            auto colon = out.find(':', scheme + 3);
            if (colon != std::string::npos && colon < at)
                out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    auto pw = out.find("password=");
    if (pw != std::string::npos) {
        auto end = out.find('&', pw);
        out.replace(pw + 9, (end == std::string::npos ? out.size() : end) - pw - 9, "***");
    }
    return out;
}

Result<std::unique_ptr<HubStore>> open_sqlite(const std::string& path) {
    namespace fs = std::filesystem;
    std::string where = "sqlite:" + path;
    if (path.empty())
        return Error{ErrorCode::invalid_input,
                     std::string("sqlite: needs a file path; ") + kSpecHelp};
    // Create the file ourselves so it is private from the first byte; SQLite gives its -wal and
    // -shm files the same permissions.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        int err = errno;
        std::string detail =
            "cannot create or open the hub store " + path + ": " + std::strerror(err);
        fs::path dir = fs::path(path).parent_path();
        if (err == ENOENT && !dir.empty())
            detail += "; create the folder " + dir.string() + " first";
        else if (err == EACCES)
            detail += "; run the hub as a user that may write there";
        return Error{ErrorCode::io, detail};
    }
    ::close(fd);
    try {
        // Refuse a file that is not ours before writing anything to it (WAL mode is written).
        std::unique_ptr<SqlSession> first;
        std::int64_t app = 0;
        try {
            first = open_sqlite_session(path);
            app = first->query("PRAGMA application_id").at(0).integer(0);
        } catch (const SqlFailure& f) {
            if (f.message.find("not a database") == std::string::npos) throw;
            return Error{ErrorCode::corrupt, path + " is not a SQLite database (" + f.message +
                                                 "); point the hub at a new file or its own store"};
        }
        if (app != kHubStoreApplicationId) {
            bool empty = first->query("SELECT 1 FROM sqlite_master LIMIT 1").empty();
            if (app != 0 || !empty)
                return Error{ErrorCode::corrupt,
                             path +
                                 " is a SQLite database but not a Lianxin hub store (left as it "
                                 "is); point the hub at a new file or its own store"};
        }
        // WAL: readers (public pages) never wait for ingest, and a commit is one append and fsync.
        // Two opens switching a new file to WAL at once each hold a shared lock and want an
        // exclusive one; SQLite refuses one of them at once instead of waiting (it would deadlock),
        // so that one tries again, after the other has switched.
        SqlRows mode;
        for (int attempt = 0;; ++attempt) {
            try {
                mode = first->query("PRAGMA journal_mode=WAL");
                break;
            } catch (const SqlFailure& f) {
                if (f.kind != SqlFailure::Kind::retry || attempt >= 200) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(10 + attempt % 20));
            }
        }
        if (mode.empty() || mode[0].text(0) != "wal")
            return Error{ErrorCode::io, path + ": this file system cannot hold a write-ahead log"};
        if (auto m = migrate(*first, Dialect::sqlite, where); !m) return m.error();
        return std::unique_ptr<HubStore>(std::make_unique<SqlStore>(
            Dialect::sqlite, where, [path] { return open_sqlite_session(path); },
            kMaxSqliteSessions));
    } catch (const SqlFailure& f) {
        return Error{ErrorCode::database, where + ": " + f.message};
    }
}

Result<std::unique_ptr<HubStore>> open_postgres(const std::string& uri) {
    std::string where = redact_uri(uri);
    try {
        std::unique_ptr<SqlSession> first;
        try {
            first = open_postgres_session(uri);
        } catch (const SqlFailure& f) {
            return Error{ErrorCode::io,
                         "cannot connect to PostgreSQL at " + where + ": " + f.message +
                             ". Is the server running and listening there, does the database exist "
                             "(createdb), and may this user connect to it?"};
        }
        try {
            if (auto m = migrate(*first, Dialect::postgres, where); !m) return m.error();
        } catch (...) {
            first->rollback();
            throw;
        }
        return std::unique_ptr<HubStore>(std::make_unique<SqlStore>(
            Dialect::postgres, where, [uri] { return open_postgres_session(uri); },
            kMaxPostgresSessions));
    } catch (const SqlFailure& f) {
        return Error{f.kind == SqlFailure::Kind::connection ? ErrorCode::io : ErrorCode::database,
                     where + ": " + f.message};
    }
}

}  // namespace

Result<std::unique_ptr<HubStore>> open_store(const std::string& spec) {
    if (spec.rfind("sqlite:", 0) == 0) return open_sqlite(spec.substr(7));
    if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0)
        return open_postgres(spec);
    std::string shown = spec.find("://") != std::string::npos ? redact_uri(spec) : spec;
    return Error{ErrorCode::invalid_input, "unknown store '" + shown + "': " + kSpecHelp};
}

}  // namespace lianxin::hub
