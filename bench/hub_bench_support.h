// What the hub benchmarks (sync_bench.cpp, ingest_bench.cpp) share: a fresh store per run (a
// SQLite file in a temp folder, or a new database on a private PostgreSQL server with durable
// settings), a real HubServer on loopback in this process, kiosk registration, and medians.
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/i18n/string_table.h"
#include "hub/hub_server.h"
#include "hub/store/hub_store.h"
#include "tests/support/postgres_server.h"
#include "tests/support/temp_dir.h"

namespace lianxin::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

inline std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline double load1() {
    double l = -1;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &l) != 1) l = -1;
        std::fclose(f);
    }
    return l;
}

[[noreturn]] inline void die(const std::string& what) {
    std::fprintf(stderr, "bench: %s\n", what.c_str());
    std::exit(1);
}

// The private PostgreSQL server of tests/support, switched back to durable settings: the tests
// run it with fsync and synchronous_commit off (their data is thrown away), which would flatter
// PostgreSQL against SQLite's synchronous=FULL. A hub's production server commits durably.
inline test::PostgresServer& durable_postgres() {
    static test::PostgresServer& pg = [] () -> test::PostgresServer& {
        auto& s = test::PostgresServer::instance();
        // ALTER SYSTEM refuses to run inside a transaction block: one statement per call.
        s.exec("postgres", "ALTER SYSTEM SET fsync = on");
        s.exec("postgres", "ALTER SYSTEM SET synchronous_commit = on");
        s.exec("postgres", "ALTER SYSTEM SET full_page_writes = on");
        s.exec("postgres", "SELECT pg_reload_conf()");
        // Check it took: the reload is asynchronous, so ask until the server reports it.
        std::string uri = "postgresql://lianxin@127.0.0.1:" + std::to_string(s.port()) + "/postgres";
        for (int i = 0;; ++i) {
            PGconn* c = PQconnectdb(uri.c_str());
            PGresult* r = PQexec(c, "SELECT current_setting('fsync') || ',' || current_setting('synchronous_commit')");
            std::string v = PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : PQerrorMessage(c);
            PQclear(r);
            PQfinish(c);
            if (v == "on,on") break;
            if (i == 50) die("PostgreSQL did not switch to durable settings (fsync,synchronous_commit = " + v + ")");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        std::printf("PostgreSQL: private server on port %d, fsync=on, synchronous_commit=on, shared_buffers=32MB\n", s.port());
        return s;
    }();
    return pg;
}

// One fresh store: "sqlite" (a file in its own temp folder) or "postgres" (a new database).
struct FreshStore {
    std::unique_ptr<test::TempDir> dir;
    std::string spec;
    std::unique_ptr<hub::HubStore> store;

    explicit FreshStore(const std::string& kind) {
        if (kind == "sqlite") {
            dir = std::make_unique<test::TempDir>();
            spec = "sqlite:" + (dir->path() / "hub.db").string();
        } else if (kind == "postgres") {
            spec = durable_postgres().new_database();
        } else {
            die("unknown store kind " + kind + " (sqlite or postgres)");
        }
        auto opened = hub::open_store(spec);
        if (!opened) die("cannot open " + spec + ": " + opened.error().detail);
        store = std::move(*opened);
    }
};

// A HubServer over a store, listening on a free port of 127.0.0.1, served by a thread of its own.
class LiveHub {
  public:
    explicit LiveHub(std::unique_ptr<hub::HubStore> store, int threads = 8) {
        hub::HubConfig cfg;
        cfg.listen_host = "127.0.0.1";
        cfg.listen_port = 0;
        cfg.store = store->describe();
        cfg.certificate_key = generate_key();
        cfg.public_url_given = true;  // the default URL: certificates are issued
        cfg.threads = threads;
        auto assets = std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets";
        auto web = StringTable::load(assets / "web");
        auto strings = StringTable::load(assets / "strings");
        if (!web || !strings) die("cannot load the hub's strings from " + assets.string());
        server_ = std::make_unique<hub::HubServer>(cfg, std::move(store), std::move(*web), std::move(*strings));
        if (auto st = server_->bind(); !st) die("hub bind: " + st.error().detail);
        // bind() already listens, so requests made before run() starts wait in the backlog.
        thread_ = std::thread([this] { server_->run(); });
    }
    ~LiveHub() {
        server_->stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
    int port() const { return server_->port(); }
    hub::HubStore& store() { return server_->store(); }

    // Registers a kiosk under `id` with a fresh 3-character code.
    void register_kiosk(const std::string& id, const PublicKey& key) {
        auto code = store().next_kiosk_code();
        if (!code) die("next_kiosk_code: " + code.error().detail);
        if (auto st = store().add_kiosk(id, id, *code, key, wall_ms()); !st) die("add_kiosk: " + st.error().detail);
    }

  private:
    std::unique_ptr<hub::HubServer> server_;
    std::thread thread_;
};

// How many opinions the store holds (list_opinions pages by 1000; the benches hold ≤ 100,000).
inline std::size_t count_opinions(hub::HubStore& store) {
    std::size_t lo = 0, hi = 1'000'000;  // binary search on "is there a row at offset n"
    while (lo < hi) {
        std::size_t mid = (lo + hi) / 2;
        hub::OpinionFilter f;
        f.limit = 1;
        f.offset = mid;
        auto rows = store.list_opinions(f);
        if (!rows) die("list_opinions: " + rows.error().detail);
        if (rows->empty())
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

}  // namespace lianxin::bench
