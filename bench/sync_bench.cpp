// bench/README.md "sync of 10,000 records over loopback ≤ 3 s": a real kiosk.db full of committed
// opinions (OpinionOutbox; half with contact details, some with passports and stamps through
// PassportBook), the real SyncAgent, and a real HubServer in this process on 127.0.0.1 over a fresh
// SQLite or PostgreSQL store; timed from SyncAgent::start() until its status shows the outbox empty.
//
// Usage: lianxin-bench-sync [--runs N] [--opinions N] [--store sqlite|postgres|both]
// Each run copies a pristine kiosk.db (filled once at start) and opens a fresh store, so every run
// syncs the same records into an empty hub. The reference measured in the same run: the kiosk's
// own share (collect, JSON, marking sent, erasing contacts, applying the reply) with no hub at all.
#include <spdlog/spdlog.h>

#include <atomic>
#include <map>

#include "bench/hub_bench_support.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/records/station_records.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/kiosk_sync.h"
#include "kiosk/sync/sync_agent.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using namespace lianxin::bench;
namespace fs = std::filesystem;

namespace {

// A kiosk's identity, the same for the template and every copy of it (passports are signed with it).
struct KioskIdentity {
    SecretKey key = generate_key();
    SecretKey hub_certificate_key = generate_key();
    PassportSettings settings() const {
        return PassportSettings{"bench-hall", "BK1", key, {}, {hub_certificate_key.pub}, "http://127.0.0.1"};
    }
};

struct Counts {
    std::size_t opinions = 0, passports = 0, stamps = 0;
    std::size_t total() const { return opinions + passports + stamps; }
};

// Fills DIR/kiosk.db the way a busy hall does: `n` opinions, each committed on its own; every
// other one with contact details; every 5th belongs to a passport (two opinions a passport, each
// stamped into it). Returns what is waiting to be synced.
Counts fill_kiosk(const fs::path& dir, const KioskIdentity& id, std::size_t n) {
    auto db = KioskDb::open(dir);
    if (!db) die("kiosk.db: " + db.error().detail);
    PassportBook book(**db, id.settings());
    OpinionOutbox outbox(**db, "bench-hall");
    StationRecords records(**db, "bench-hall");
    Consultation c = test::draft_under_consultation();
    Counts counts;
    std::string open_passport;
    // Opinions are 40–160 characters of Chinese, like the hall's (the form allows 1000).
    const std::string sentence = "物业收费标准应当按季度公示，业主有权查询明细。";  // 22 characters
    for (std::size_t i = 0; i < n; ++i) {
        Moment now{wall_ms(), {2027, 1, 10}};
        OpinionDraft d;
        d.article = static_cast<int>(i % 7) + 1;
        d.stance = static_cast<Stance>(i % 3);
        for (std::size_t k = 0; k < 2 + i % 6; ++k) d.text += sentence;
        if (i % 2 == 0) {
            d.contact_name = "王芳";
            d.contact_phone = "138" + std::to_string(10000000 + i % 89999999);
            d.contact_consent = true;
        }
        bool with_passport = i % 5 == 0;
        if (with_passport && open_passport.empty()) {
            auto p = book.issue(now);
            if (!p) die("issue: " + p.error().detail);
            open_passport = p->id;
            ++counts.passports;
        }
        if (with_passport) d.passport_id = open_passport;
        auto r = outbox.submit(d, c, now);
        if (!r) die("submit refused");
        ++counts.opinions;
        if (with_passport) {
            if (auto st = book.stamp(open_passport, StampKind::opinion, *r, now); !st) die("stamp: " + st.error().detail);
            ++counts.stamps;
            if (counts.stamps % 2 == 0) open_passport.clear();  // the visitor leaves; the next gets a new one
        }
    }
    auto depth = count_outbox(outbox, book, records);
    if (!depth || *depth != counts.total()) die("the outbox does not hold what was committed");
    return counts;
}

// A fresh copy of the pristine kiosk folder.
void copy_kiosk(const fs::path& from, const fs::path& to) {
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

// One sync through the real agent and hub: seconds from start() to an empty outbox.
double sync_once(const fs::path& pristine, const KioskIdentity& id, const std::string& store_kind, const Counts& expect) {
    test::TempDir kdir;
    copy_kiosk(pristine, kdir.path());
    auto db = KioskDb::open(kdir.path());
    if (!db) die("kiosk.db copy: " + db.error().detail);
    PassportBook book(**db, id.settings());
    OpinionOutbox outbox(**db, "bench-hall");
    StationRecords records(**db, "bench-hall");

    FreshStore fresh(store_kind);
    LiveHub hub(std::move(fresh.store));
    hub.register_kiosk(id.key.pub.id, id.key.pub);  // the hub knows a kiosk by its key's id

    SyncAgentConfig cfg;
    cfg.hub_url = hub.url();
    cfg.kiosk_id = id.key.pub.id;
    cfg.kiosk_key = id.key;
    cfg.app_version = "bench";
    cfg.content_version = "bench";
    cfg.interval_ms = 50;  // small, as asked; the agent pushes batch after batch within one sync anyway
    cfg.backoff_initial_ms = 50;
    cfg.backoff_max_ms = 200;
    std::atomic<std::uint64_t> wakes{0};
    SyncAgent agent(**db, outbox, book, records, cfg, [&] { ++wakes; });

    auto t0 = Clock::now();
    agent.start();
    double seconds = 0;
    for (;;) {
        SyncStatus s = agent.status();
        if (s.syncs_ok >= 1 && s.outbox_depth == 0) break;
        if (seconds_since(t0) > 120) die("sync did not finish in 120 s (state " + std::string(sync_state_name(s.state)) +
                                         ", depth " + std::to_string(s.outbox_depth) + ", error " + s.last_error + ")");
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    seconds = seconds_since(t0);
    agent.stop();

    // Check it all arrived: the kiosk marked everything, the hub holds every opinion.
    auto depth = count_outbox(outbox, book, records);
    if (!depth || *depth != 0) die("the kiosk's outbox is not empty after the sync");
    std::size_t held = count_opinions(hub.store());
    if (held != expect.opinions)
        die("the hub holds " + std::to_string(held) + " opinions, expected " + std::to_string(expect.opinions));
    return seconds;
}

// The reference: the kiosk's own share of a sync, with the hub's answer made up in-process (it
// holds everything): collect, serialise, read the reply, mark sent, erase contacts, apply.
double kiosk_only_once(const fs::path& pristine, const KioskIdentity& id) {
    test::TempDir kdir;
    copy_kiosk(pristine, kdir.path());
    auto db = KioskDb::open(kdir.path());
    if (!db) die("kiosk.db copy: " + db.error().detail);
    PassportBook book(**db, id.settings());
    OpinionOutbox outbox(**db, "bench-hall");
    StationRecords records(**db, "bench-hall");
    auto t0 = Clock::now();
    for (;;) {
        auto push = collect_sync_push(outbox, book, records, kSyncMaxBatch);
        if (!push) die("collect: " + push.error().detail);
        if (push->opinions.empty() && push->passports.empty() && push->stamps.empty()) break;
        std::string body = to_json(*push);  // what the agent sends (the hub parses it, not counted)
        SyncReply reply;
        for (auto& o : push->opinions) reply.held_opinions.push_back(o.id);
        for (auto& p : push->passports) reply.held_passports.push_back(p.id);
        for (auto& st : push->stamps) reply.held_stamps.push_back(st.id);
        auto parsed = parse_sync_reply(to_json(reply));
        if (!parsed) die("reply: " + parsed.error().detail);
        std::int64_t at = wall_ms();
        if (auto m = mark_held(outbox, book, records, *push, *parsed, at); !m) die("mark_held: " + m.error().detail);
        if (auto a = apply_sync_reply(**db, book, *parsed, at); !a) die("apply: " + a.error().detail);
        if (body.empty()) die("empty body");
    }
    return seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::size_t opinions = 10'000;
    std::string which = "both";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&] {
            if (i + 1 >= argc) die(a + " needs a value");
            return std::string(argv[++i]);
        };
        if (a == "--runs")
            runs = std::stoi(value());
        else if (a == "--opinions")
            opinions = std::stoul(value());
        else if (a == "--store")
            which = value();
        else if (a == "-h" || a == "--help") {
            std::printf("usage: lianxin-bench-sync [--runs N] [--opinions N] [--store sqlite|postgres|both]\n");
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
    KioskIdentity id;
    test::TempDir pristine;
    auto t_fill = Clock::now();
    Counts counts = fill_kiosk(pristine.path(), id, opinions);
    std::printf("kiosk.db: %zu opinions (%zu with contact details), %zu passports, %zu stamps = %zu records; "
                "committed one by one in %.1f s\n",
                counts.opinions, (counts.opinions + 1) / 2, counts.passports, counts.stamps, counts.total(),
                seconds_since(t_fill));
    if (std::find(stores.begin(), stores.end(), "postgres") != stores.end()) durable_postgres();  // start it before timing

    std::map<std::string, std::vector<double>> secs;
    std::vector<double> kiosk_only, loads;
    for (int r = 1; r <= runs; ++r) {
        loads.push_back(load1());
        double k = kiosk_only_once(pristine.path(), id);
        kiosk_only.push_back(k);
        std::printf("run %d: load %.2f  kiosk alone %.3f s", r, loads.back(), k);
        for (auto& s : stores) {
            double t = sync_once(pristine.path(), id, s, counts);
            secs[s].push_back(t);
            std::printf("  %s %.3f s", s.c_str(), t);
        }
        std::printf("\n");
        std::fflush(stdout);
    }
    double kmed = median(kiosk_only);
    std::printf("\nsync of %zu records (%zu opinions) kiosk → hub over loopback, median of %d runs, load median %.2f:\n",
                counts.total(), counts.opinions, runs, median(loads));
    std::printf("  kiosk alone (no hub; reference)  %.3f s\n", kmed);
    for (auto& s : stores) {
        double m = median(secs[s]);
        auto [mn, mx] = std::minmax_element(secs[s].begin(), secs[s].end());
        std::printf("  %-8s hub  %.3f s (min %.3f, max %.3f; %.0f records/s; ×%.2f kiosk alone)  budget ≤ 3 s: %s\n",
                    s.c_str(), m, *mn, *mx, counts.total() / m, m / kmed, m <= 3.0 ? "PASS" : "FAIL");
    }
    return 0;
}
