// Nothing acknowledged is lost: the real kiosk submits opinions in a loop and is killed with
// SIGKILL at random moments, over and over, on one data folder (like a kiosk losing power).
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
#include <random>
#include <set>
#include <thread>

#include "core/content/bundle.h"
#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "tests/gui/kiosk_run.h"

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

}  // namespace

TEST_CASE("opinions acknowledged before SIGKILL are all in kiosk.db, intact", "[gui][opinion][durability]") {
    require_display();
    auto bundle = load_bundle(demo_dir() / "demo.lxb", {});
    REQUIRE(bundle.ok());
    const int kills = std::getenv("LIANXIN_KILLS") ? std::atoi(std::getenv("LIANXIN_KILLS")) : 200;
    TempDir dir;
    write_text(dir / "script.txt", submission_loop(*bundle, 40));
    std::mt19937 rng(20261129);
    std::uniform_int_distribution<int> delay_ms(250, 2200);
    std::set<std::string> all_acknowledged;
    int killed_mid_run = 0;

    for (int k = 0; k < kills; ++k) {
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
        REQUIRE(posix_spawn(&pid, kiosk.c_str(), &fa, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&fa);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ++killed_mid_run;
        }
        auto ids = acknowledged(shots / "log.jsonl");
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
    INFO("kills " << kills << ", mid-run " << killed_mid_run << ", acknowledged " << all_acknowledged.size());
    CHECK(killed_mid_run >= kills * 9 / 10);
    CHECK(all_acknowledged.size() >= static_cast<std::size_t>(kills / 4));
    WARN("SIGKILLs: " << killed_mid_run << ", opinions acknowledged and found intact: " << all_acknowledged.size());
}
