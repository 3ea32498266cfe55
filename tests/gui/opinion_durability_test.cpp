// Nothing acknowledged is lost: the real kiosk submits opinions in a loop and is killed with
// SIGKILL over and over on one data folder (like a kiosk losing power), at moments drawn around the
// acknowledgement times this run observes, so a slow machine still has opinions to lose.
// Every opinion whose commit was acknowledged (logged right after COMMIT, before the thank-you)
// must be in kiosk.db intact, and nothing else may be there but complete opinions (at most
// one per run may be committed but not yet acknowledged when the kill lands).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "core/content/bundle.h"
#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "tests/gui/kiosk_run.h"
#include "tests/support/kill_timing.h"

extern char** environ;

using namespace lianxin;
using namespace lianxin::test;

namespace {

constexpr const char* kText = "kill test opinion";

std::string submission_loop(const LoadedBundle& b, int rounds) {
    std::string s = "tap 300 300\ntap-text 征求意见\ntap-text " + b.content.consultations.front().title.zh + "\n";
    for (int i = 0; i < rounds; ++i) {
        s += "tap-text 对这一条提意见\ntap-text 赞成\ntap-text ABC\ntype " + std::string(kText) + "\n";
        s += "tap-text 下一步\ntap-text 不留联系方式\ntap-text 提交意见\nexpect-screen opinion-thanks\ntap-text 返回草案\n";
    }
    return s;
}

std::set<std::string> acknowledged(const std::filesystem::path& log) {
    std::set<std::string> ids;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
        // The last line may be cut by the kill; only whole lines count.
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded() && j.value("type", "") == "record") ids.insert(j.value("detail", ""));
    }
    return ids;
}

// Waits for a started kiosk while watching its log: until `kill_after_ms` after `start`, or
// until `acks_wanted` opinions were acknowledged (0: no such limit), or until it exits by itself.
// Returns whether it was still running (it is then killed), noting when acknowledgements came.
struct Watched {
    bool killed = false;
    std::optional<double> first_ack_ms, gap_ms;
    double killed_at_ms = 0;
};
Watched watch_and_kill(pid_t pid, const std::filesystem::path& log, std::chrono::steady_clock::time_point start,
                       double kill_after_ms, std::size_t acks_wanted = 0) {
    Watched w;
    auto since_start = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    std::size_t seen = 0;
    int status = 0;
    for (;;) {
        if (waitpid(pid, &status, WNOHANG) == pid) return w;
        std::size_t now_seen = acknowledged(log).size();
        if (seen == 0 && now_seen >= 1) w.first_ack_ms = since_start();
        if (seen == 1 && now_seen >= 2) w.gap_ms = since_start() - *w.first_ack_ms;
        seen = now_seen;
        if (since_start() >= kill_after_ms || (acks_wanted && seen >= acks_wanted)) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    w.killed_at_ms = since_start();
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    w.killed = true;
    return w;
}

}  // namespace

TEST_CASE("opinions acknowledged before SIGKILL are all in kiosk.db, intact", "[gui][opinion][durability]") {
    require_display();
    auto bundle = load_bundle(demo_dir() / "demo.lxb", {});
    REQUIRE(bundle.ok());
    const int kills = std::getenv("LIANXIN_KILLS") ? std::atoi(std::getenv("LIANXIN_KILLS")) : 200;
    TempDir dir;
    // More rounds than any run lives through: a scripted kiosk draws no frame it does not capture,
    // so a round takes a fraction of a second, and a run must be killed, not end by itself.
    write_text(dir / "script.txt", submission_loop(*bundle, 400));
    // The first run measures this machine, now: it is killed once two opinions were acknowledged.
    // The kills after it are drawn around the acknowledgement times the runs keep showing (fixed
    // times killed every run before its first acknowledgement on a loaded machine).
    KillTiming timing(20261129);
    std::set<std::string> all_acknowledged;
    int killed_mid_run = 0, kills_after_ack = 0;

    // On a loaded machine each run starts slower: past 8 minutes (the test's limit is 10) it stops
    // once half the kills are done rather than time out, and says so; the checks count what ran.
    const auto test_started = std::chrono::steady_clock::now();
    int done = 0;
    for (int k = 0; k < kills; ++k, ++done) {
        if (k >= kills / 2 && std::chrono::steady_clock::now() - test_started > std::chrono::minutes(8)) {
            WARN("stopped after " << k << " of " << kills << " kills: 8 minutes have passed (a loaded machine)");
            break;
        }
        auto shots = dir / ("run-" + std::to_string(k));
        std::string kiosk = LIANXIN_KIOSK, config = (demo_dir() / "kiosk.toml").string(), data = (dir / "data").string(),
                    script = (dir / "script.txt").string(), out = shots.string();
        std::vector<std::string> args = {kiosk, "--config", config, "--windowed", "800x600", "--data", data,
                                         "--script", script, "--shots", out};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        auto start = std::chrono::steady_clock::now();
        REQUIRE(posix_spawn(&pid, kiosk.c_str(), &fa, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&fa);
        bool calibrating = !timing.calibrated();
        auto w = calibrating ? watch_and_kill(pid, shots / "log.jsonl", start, 120000, 2)
                             : watch_and_kill(pid, shots / "log.jsonl", start, timing.next());
        if (calibrating) {
            INFO("the first run acknowledged nothing in 120 s");
            REQUIRE(w.first_ack_ms.has_value());
        }
        if (w.killed) {
            timing.observe(w.first_ack_ms, w.gap_ms, w.killed_at_ms);
            ++killed_mid_run;
        }
        auto ids = acknowledged(shots / "log.jsonl");
        if (w.killed && !ids.empty()) ++kills_after_ack;
        all_acknowledged.insert(ids.begin(), ids.end());

        // After every kill: open the database as the next start would (WAL recovery included).
        auto db = KioskDb::open(dir / "data");
        REQUIRE(db.ok());
        OpinionOutbox outbox(**db, "check");
        auto stored = outbox.pending(100000);
        REQUIRE(stored.ok());
        std::set<std::string> in_db;
        for (auto& o : *stored) {
            in_db.insert(o.id);
            INFO("opinion " << o.id);
            CHECK(o.text == kText);  // complete, never half-written
            CHECK(o.stance == Stance::support);
            CHECK(o.consultation_id == bundle->content.consultations.front().id);
        }
        for (auto& id : all_acknowledged) {
            INFO("acknowledged opinion " << id << " after kill " << k);
            REQUIRE(in_db.count(id) == 1);
        }
        // Beyond the acknowledged ones, at most one per run (committed, killed before its log line).
        CHECK(in_db.size() <= all_acknowledged.size() + static_cast<std::size_t>(k + 1));
        std::filesystem::remove_all(shots);
    }
    INFO("kills " << done << ", mid-run " << killed_mid_run << ", after an acknowledgement " << kills_after_ack
                   << ", acknowledged " << all_acknowledged.size() << ", first acknowledgement after ~"
                   << timing.typical_first() << " ms");
    CHECK(killed_mid_run >= done * 9 / 10);
    // Kills that found nothing acknowledged test only start-up: a good share must come after some.
    CHECK(kills_after_ack >= done / 3);
    REQUIRE_FALSE(all_acknowledged.empty());
    CHECK(all_acknowledged.size() >= static_cast<std::size_t>(done / 4));
    WARN("SIGKILLs: " << killed_mid_run << " (" << kills_after_ack << " after an acknowledgement), opinions "
                      << "acknowledged and found intact: " << all_acknowledged.size());
}
