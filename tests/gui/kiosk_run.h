// Runs the real lianxin-kiosk binary under the X server in DISPLAY with a script, and reads
// back its JSON-lines log and screenshots.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/content/bundle.h"
#include "core/opinions/opinion.h"
#include "tests/support/png_probe.h"
#include "tests/support/temp_dir.h"

namespace lianxin::test {

// A language and a screen size to run a scripted visit in.
struct Setup {
    const char* lang;
    int w, h;
};

// The demo bundle the build made, loaded without a signature check (tests read its labels).
LoadedBundle demo_bundle();

struct KioskRun {
    int exit_code = -1;
    std::string output;
    std::vector<nlohmann::json> log;
    std::filesystem::path shots;

    std::vector<std::string> screens() const;  // screens visited, in order
    const nlohmann::json* first(const std::string& type) const;
    std::vector<nlohmann::json> all(const std::string& type) const;
    // Whether the log holds an entry of `type` whose "event" is `event` (a session's, a tour's).
    bool has_event(const std::string& type, const std::string& event) const;
    Png shot(const std::string& name) const { return load_png((shots / (name + ".png")).string()); }
};

// Fails the test with a clear message when there is no X server.
void require_display();
// Runs `command` (a program taking --script and --shots: the kiosk or `lianxin-admin gui`) with
// `script`, under a watchdog, and reads back its log and screenshots.
KioskRun run_scripted(const TempDir& dir, const std::string& command, const std::string& script,
                      const std::string& keep_as = "");
// With LIANXIN_SHOTS_OUT set, the run's screenshots are also copied to $LIANXIN_SHOTS_OUT/<keep_as>/
// so a person can look at them (see tests/README.md).
KioskRun run_kiosk(const TempDir& dir, const std::string& script, int width, int height,
                   const std::string& extra_args = "", const std::string& keep_as = "");

// The opinions a run left in dir/data/kiosk.db, oldest first.
std::vector<Opinion> stored_opinions(const TempDir& dir);

// What each shot of a run showed, from its layout report (`--layout-report FILE`): shot name →
// every text the visitor could see, one a line (only a dialog's while one is up).
std::map<std::string, std::string> shown_by_shot(const std::filesystem::path& layout_report);

}  // namespace lianxin::test
