// A kiosk that found its kiosk.db damaged and set it aside says so in every heartbeat, and staff
// see it in `kiosk list` and the admin window's fleet view until the file has been fetched from
// the kiosk's DATA_DIR/damaged/: a real kiosk under Xvfb, a real hub, the real admin tool.
#include <catch2/catch.hpp>

#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"
#include "tests/hostile/damage_support.h"

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

namespace {

// `lianxin-admin ARGS` on `hub` in English (the words the checks below look for).
RunResult admin_en(const HubProcess& hub, const std::string& args) {
    return run_command("env LC_ALL=C LANG=C LIANXIN_HUB=" + hub.url() + " LIANXIN_ADMIN_KEY=" +
                       (demo_dir() / "admin.key").string() + " " + LIANXIN_ADMIN + " " + args);
}

}  // namespace

TEST_CASE("a kiosk whose kiosk.db was damaged and set aside is flagged in the fleet until staff fetch the file",
          "[gui][hub][kiosk-db]") {
    TempDir dir;
    HubProcess hub(dir);
    register_demo_kiosk(hub, dir);
    const std::string config = kiosk_config_for(dir, hub);
    auto data = dir / "data";
    seed_opinions(data, 60);
    auto leaves = leaf_pages(data / "kiosk.db", "opinions");
    REQUIRE(leaves.size() > 3);
    auto victim = leaves[leaves.size() / 2];
    scribble(data / "kiosk.db", std::int64_t{victim.page - 1} * 4096, 4096);

    // All well before: the kiosk has never synced, and nothing is said of its storage.
    auto before = admin_en(hub, "kiosk list");
    INFO(before.output);
    REQUIRE(before.exit_code == 0);
    CHECK(before.output.find("DATA_DIR/damaged") == std::string::npos);

    // 1. The kiosk starts, sets the file aside, salvages and syncs: the hub is told.
    auto first = run_kiosk(dir, "shot attract\nsync-wait 30000\n", 1920, 1080, config, "fleet-damaged-1");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    auto moved = damaged_files(data);
    REQUIRE(moved.size() == 1);
    const std::string name = moved[0].filename().string();
    auto storage = first.all("storage");
    REQUIRE(!storage.empty());
    const int salvaged = storage.front().value("salvaged", -1);
    CHECK(salvaged >= 60 - victim.cells);
    auto listed = admin_en(hub, "kiosk list");
    INFO(listed.output);
    REQUIRE(listed.exit_code == 0);
    CHECK(listed.output.find("kiosk.db was damaged on") != std::string::npos);
    CHECK(listed.output.find("set aside as " + name + " (1 waiting); " + std::to_string(salvaged) +
                             " records salvaged, ") != std::string::npos);
    CHECK(listed.output.find("fetch DATA_DIR/damaged/ from this kiosk") != std::string::npos);

    // The fleet view says the same, in both languages (the screenshots are kept for a person).
    for (std::string lang : {"zh", "en"}) {
        TempDir run_dir;
        auto gui = run_scripted(run_dir,
                                "env LIANXIN_HUB=" + hub.url() + " LIANXIN_ADMIN_KEY=" + (demo_dir() / "admin.key").string() +
                                    " " + LIANXIN_ADMIN + " gui --windowed 1600x1000 --lang " + lang + " --view fleet",
                                "sync-wait 20000\nwait 100\nshot fleet\n", "fleet-damaged-" + lang);
        INFO(gui.output);
        REQUIRE(gui.exit_code == 0);
        CHECK(gui.shot("fleet").width == 1600);
    }

    // 2. A later run of the kiosk still reports the file while it waits there; the salvage
    // counts went with the run that made them.
    auto second = run_kiosk(dir, "shot attract\nsync-wait 30000\n", 1920, 1080, config, "fleet-damaged-2");
    INFO(second.output);
    REQUIRE(second.exit_code == 0);
    auto still = admin_en(hub, "kiosk list");
    INFO(still.output);
    CHECK(still.output.find("set aside as " + name + " (1 waiting): fetch DATA_DIR/damaged/") != std::string::npos);

    // 3. Staff fetched the file and removed it: the next heartbeat clears the warning.
    fs::remove_all(data / "damaged");
    auto third = run_kiosk(dir, "shot attract\nsync-wait 30000\n", 1920, 1080, config, "fleet-damaged-3");
    INFO(third.output);
    REQUIRE(third.exit_code == 0);
    auto cleared = admin_en(hub, "kiosk list");
    INFO(cleared.output);
    REQUIRE(cleared.exit_code == 0);
    CHECK(cleared.output.find("DATA_DIR/damaged") == std::string::npos);
    CHECK(cleared.output.find("JJ1") != std::string::npos);
}
