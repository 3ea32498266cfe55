// bench/README.md "hub ingest, 8 kiosks at once ≥ 5,000 records/s (SQLite), ≥ 10,000/s (PostgreSQL)":
// 8 threads, each a registered kiosk, POST signed pushes of 500 records to one HubServer on
// loopback in this process; records/s from the first request to the last reply, per run.
//
// Usage: lianxin-bench-ingest [--runs N] [--pushes N] [--kiosks N] [--store sqlite|postgres|both]
// A push is 450 opinions (half with contact details, 25 of them in a passport), 25 passports and
// 25 stamps. Bodies are serialised and signed before the clock starts (that is kiosk work), and
// every run starts from a fresh, empty store. The reference measured in the same run: the same
// pushes through HubStore::ingest (+ changes_since, as the route does) from 8 threads with no HTTP,
// no signature check and no JSON — the store's own ceiling.
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <map>

#include "bench/hub_bench_support.h"
#include "core/base/uuid.h"
#include "core/passports/passport_book.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/request_signing.h"
#include "core/sync/sync_messages.h"

using namespace lianxin;
using namespace lianxin::bench;

namespace {

constexpr const char* kSyncPath = "/api/v1/sync";  // kiosk/sync/sync_agent.h
constexpr std::size_t kOpinionsPerPush = 450, kPassportsPerPush = 25;

struct BenchKiosk {
    std::string id;
    SecretKey key = generate_key();
    std::vector<SyncPush> pushes;
};

// Pushes that look like a real kiosk's: passports issued by a real PassportBook (valid codes and
// tokens), opinions as OpinionOutbox stores them (trimmed text, UUIDv7 ids).
std::vector<BenchKiosk> make_kiosks(std::size_t kiosks, std::size_t pushes_per_kiosk) {
    std::vector<BenchKiosk> out(kiosks);
    const std::string sentence = "物业收费标准应当按季度公示，业主有权查询明细。";
    std::int64_t t = wall_ms() - 3'600'000;
    for (std::size_t k = 0; k < kiosks; ++k) {
        BenchKiosk& bk = out[k];
        bk.id = bk.key.pub.id;  // the hub knows a kiosk by its signing key's id (X-Lianxin-Key)
        test::TempDir scratch;
        auto db = KioskDb::open(scratch.path());
        if (!db) die("scratch kiosk.db: " + db.error().detail);
        std::string code = "B" + std::string(1, "23456789"[k % 8]) + std::string(1, "ACDEFGHJ"[k / 8 % 8]);
        PassportBook book(**db, PassportSettings{"bench-hall-" + std::to_string(k + 1), code, bk.key, {}, {}, "http://127.0.0.1"});
        for (std::size_t p = 0; p < pushes_per_kiosk; ++p) {
            SyncPush push;
            push.kiosk = bk.id;
            push.heartbeat = Heartbeat{"bench", "bench", 0, ""};
            for (std::size_t i = 0; i < kPassportsPerPush; ++i) {
                auto pp = book.issue(Moment{t, {2027, 1, 10}});
                if (!pp) die("issue: " + pp.error().detail);
                push.passports.push_back(SyncPassport{pp->id, pp->short_code, pp->token, pp->issued_on, pp->kiosk, pp->created_at_ms});
            }
            for (std::size_t i = 0; i < kOpinionsPerPush; ++i) {
                Opinion o;
                o.id = new_uuid_v7(++t);
                o.consultation_id = "property-rules";
                o.article = static_cast<int>(i % 7) + 1;
                o.stance = static_cast<Stance>(i % 3);
                for (std::size_t s = 0; s < 2 + i % 6; ++s) o.text += sentence;
                if (i % 2 == 0) {
                    o.contact_name = "王芳";
                    o.contact_phone = "138" + std::to_string(10000000 + i);
                    o.contact_consent = true;
                }
                o.kiosk = "bench-hall-" + std::to_string(k + 1);
                o.created_at_ms = t;
                if (i < kPassportsPerPush) {
                    o.passport_id = push.passports[i].id;
                    push.stamps.push_back(SyncStamp{new_uuid_v7(t), o.passport_id, StampKind::opinion, o.id, t});
                }
                push.opinions.push_back(std::move(o));
            }
            bk.pushes.push_back(std::move(push));
        }
    }
    return out;
}

std::size_t records_of(const SyncPush& p) { return p.opinions.size() + p.passports.size() + p.stamps.size(); }

// Runs `body(kiosk index)` on one thread per kiosk, all released together; returns the seconds
// from the release to the last thread's end.
template <class Body>
double on_threads(std::size_t n, Body body) {
    std::atomic<std::size_t> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < n; ++k)
        threads.emplace_back([&, k] {
            ++ready;
            while (!go.load()) std::this_thread::yield();
            body(k);
        });
    while (ready.load() < n) std::this_thread::yield();
    auto t0 = Clock::now();
    go = true;
    for (auto& t : threads) t.join();
    return seconds_since(t0);
}

// Through HTTP: the real route (signature, nonce, JSON, ingest, changes feed, reply).
double http_once(const std::vector<BenchKiosk>& kiosks, const std::string& store_kind, std::size_t expect_opinions) {
    FreshStore fresh(store_kind);
    LiveHub hub(std::move(fresh.store));
    for (auto& k : kiosks) hub.register_kiosk(k.id, k.key.pub);
    // Bodies and signatures made before the clock starts: that is the kiosks' work, not the hub's.
    struct Request {
        std::string body;
        httplib::Headers headers;
    };
    std::vector<std::vector<Request>> requests(kiosks.size());
    for (std::size_t k = 0; k < kiosks.size(); ++k)
        for (auto& push : kiosks[k].pushes) {
            Request r;
            r.body = to_json(push);
            for (auto& [name, value] : sign_request(kiosks[k].key, "POST", kSyncPath, r.body, wall_ms()).list())
                r.headers.emplace(name, value);
            requests[k].push_back(std::move(r));
        }
    std::atomic<int> failures{0};
    std::string first_failure;
    std::mutex fm;
    double secs = on_threads(kiosks.size(), [&](std::size_t k) {
        httplib::Client cli("127.0.0.1", hub.port());
        cli.set_keep_alive(true);  // as a kiosk's curl handle does within one sync
        cli.set_read_timeout(120, 0);
        for (auto& r : requests[k]) {
            auto res = cli.Post(kSyncPath, r.headers, r.body, "application/json");
            if (!res || res->status != 200) {
                ++failures;
                std::lock_guard l(fm);
                if (first_failure.empty())
                    first_failure = res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error());
            }
        }
    });
    if (failures) die(std::to_string(failures.load()) + " pushes failed, first: " + first_failure);
    std::size_t held = count_opinions(hub.store());
    if (held != expect_opinions) die("the hub holds " + std::to_string(held) + " opinions, expected " + std::to_string(expect_opinions));
    return secs;
}

// The store alone, as the route calls it.
double store_once(const std::vector<BenchKiosk>& kiosks, const std::string& store_kind) {
    FreshStore fresh(store_kind);
    auto& store = *fresh.store;
    for (auto& k : kiosks) {
        auto code = store.next_kiosk_code();
        if (!code || !store.add_kiosk(k.id, k.id, *code, k.key.pub, wall_ms())) die("register");
    }
    std::atomic<int> failures{0};
    double secs = on_threads(kiosks.size(), [&](std::size_t k) {
        for (auto& push : kiosks[k].pushes) {
            auto held = store.ingest(kiosks[k].id, push, wall_ms());
            if (!held || held->new_opinions != push.opinions.size()) ++failures;
            if (!store.changes_since(kiosks[k].id, 0, 500)) ++failures;
        }
    });
    if (failures) die("store ingest failed");
    return secs;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::size_t pushes = 10, kiosks_n = 8;
    std::string which = "both";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&] {
            if (i + 1 >= argc) die(a + " needs a value");
            return std::string(argv[++i]);
        };
        if (a == "--runs")
            runs = std::stoi(value());
        else if (a == "--pushes")
            pushes = std::stoul(value());
        else if (a == "--kiosks")
            kiosks_n = std::stoul(value());
        else if (a == "--store")
            which = value();
        else if (a == "-h" || a == "--help") {
            std::printf("usage: lianxin-bench-ingest [--runs N] [--pushes N] [--kiosks N] [--store sqlite|postgres|both]\n");
            return 0;
        } else
            die("unknown option " + a);
    }
    std::vector<std::string> stores;
    if (which == "both" || which == "sqlite") stores.push_back("sqlite");
    if (which == "both" || which == "postgres") stores.push_back("postgres");
    if (stores.empty()) die("--store takes sqlite, postgres or both");

    crypto_ready();
    spdlog::set_level(spdlog::level::warn);  // the hub logs every push at info
    auto kiosks = make_kiosks(kiosks_n, pushes);
    std::size_t records = 0, opinions = 0;
    for (auto& k : kiosks)
        for (auto& p : k.pushes) {
            records += records_of(p);
            opinions += p.opinions.size();
        }
    std::printf("%zu kiosks × %zu pushes of %zu records (%zu opinions, %zu passports, %zu stamps) = %zu records a run\n",
                kiosks_n, pushes, records_of(kiosks[0].pushes[0]), kOpinionsPerPush, kPassportsPerPush, kPassportsPerPush,
                records);
    if (std::find(stores.begin(), stores.end(), "postgres") != stores.end()) durable_postgres();

    std::map<std::string, std::vector<double>> http_rate, store_rate;
    std::vector<double> loads;
    for (int r = 1; r <= runs; ++r) {
        loads.push_back(load1());
        std::printf("run %d: load %.2f", r, loads.back());
        for (auto& s : stores) {
            double h = http_once(kiosks, s, opinions);
            double st = store_once(kiosks, s);
            http_rate[s].push_back(records / h);
            store_rate[s].push_back(records / st);
            std::printf("  %s: HTTP %.0f/s (%.2f s), store alone %.0f/s", s.c_str(), records / h, h, records / st);
        }
        std::printf("\n");
        std::fflush(stdout);
    }
    std::printf("\nhub ingest, %zu kiosks at once, records/s, median of %d runs, load median %.2f:\n", kiosks_n, runs,
                median(loads));
    for (auto& s : stores) {
        double m = median(http_rate[s]), ref = median(store_rate[s]);
        auto [mn, mx] = std::minmax_element(http_rate[s].begin(), http_rate[s].end());
        double budget = s == "sqlite" ? 5000 : 10000;
        std::printf("  %-8s over HTTP %.0f/s (min %.0f, max %.0f)  store alone %.0f/s (reference; HTTP ×%.2f of it)  "
                    "budget ≥ %.0f/s: %s\n",
                    s.c_str(), m, *mn, *mx, ref, m / ref, budget, m >= budget ? "PASS" : "FAIL");
    }
    return 0;
}
