// Runs the kiosk under X for GUI tests.
#include "tests/gui/kiosk_run.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"

namespace lianxin::test {

std::vector<std::string> KioskRun::screens() const {
    std::vector<std::string> out;
    for (auto& e : log)
        if (e.value("type", "") == "screen") out.push_back(e.value("screen", ""));
    return out;
}

const nlohmann::json* KioskRun::first(const std::string& type) const {
    for (auto& e : log)
        if (e.value("type", "") == type) return &e;
    return nullptr;
}

std::vector<nlohmann::json> KioskRun::all(const std::string& type) const {
    std::vector<nlohmann::json> out;
    for (auto& e : log)
        if (e.value("type", "") == type) out.push_back(e);
    return out;
}

bool KioskRun::has_event(const std::string& type, const std::string& event) const {
    for (auto& e : all(type))
        if (e.value("event", "") == event) return true;
    return false;
}

LoadedBundle demo_bundle() {
    auto b = load_bundle(demo_dir() / "demo.lxb", {});
    REQUIRE(b.ok());
    return std::move(*b);
}

void require_display() {
    const char* d = std::getenv("DISPLAY");
    if (!d || !*d) FAIL("GUI tests need an X server: run them through deploy/run-tests.sh, which starts Xvfb");
}

KioskRun run_scripted(const TempDir& dir, const std::string& command, const std::string& script, const std::string& keep_as) {
    require_display();
    KioskRun r;
    auto script_path = dir / "script.txt";
    write_text(script_path, script);
    r.shots = dir / "shots";
    std::string cmd = command + " --script " + script_path.string() + " --shots " + r.shots.string();
    // A program still running after four minutes is hung: its threads' stacks go into the output.
    auto res = run_command("'" + std::string(LIANXIN_SOURCE_DIR) + "/tests/support/run-with-watchdog.sh' 240 " + cmd);
    r.exit_code = res.exit_code;
    r.output = res.output;
    std::ifstream in(r.shots / "log.jsonl");
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) r.log.push_back(nlohmann::json::parse(line));
    const char* out = std::getenv("LIANXIN_SHOTS_OUT");
    if (out && *out && !keep_as.empty()) {
        std::filesystem::path dest = std::filesystem::path(out) / keep_as;
        std::filesystem::create_directories(dest);
        std::filesystem::copy(r.shots, dest, std::filesystem::copy_options::overwrite_existing | std::filesystem::copy_options::recursive);
    }
    return r;
}

KioskRun run_kiosk(const TempDir& dir, const std::string& script, int width, int height, const std::string& extra_args,
                   const std::string& keep_as) {
    // The demo configuration unless the test brings its own.
    std::string config = extra_args.find("--config") == std::string::npos
                             ? " --config " + (demo_dir() / "kiosk.toml").string() : std::string();
    std::string cmd = std::string(LIANXIN_KIOSK) + config + " --windowed " + std::to_string(width) + "x" +
                      std::to_string(height) + " --data " + (dir / "data").string() + " " + extra_args;
    return run_scripted(dir, cmd, script, keep_as);
}

std::map<std::string, std::string> shown_by_shot(const std::filesystem::path& layout_report) {
    std::map<std::string, std::string> shown;
    std::ifstream in(layout_report);
    REQUIRE(in);
    for (std::string line; std::getline(in, line);) {
        auto j = nlohmann::json::parse(line);
        if (j.value("kind", "") != "checked") continue;
        std::string& texts = shown[j.value("shot", "")];
        for (auto& t : j["shown"]) texts += t.get<std::string>() + "\n";
    }
    return shown;
}

std::vector<Opinion> stored_opinions(const TempDir& dir) {
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "test");
    auto all = outbox.pending(1000);
    REQUIRE(all.ok());
    return *all;
}

}  // namespace lianxin::test
