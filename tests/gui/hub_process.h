// A real lianxin-hub process for the GUI tests: a private SQLite store in the test's folder, the
// demo's admin key enrolled, listening on a free loopback port; stopped when it goes out of scope.
#pragma once

#include <filesystem>
#include <string>

#include "tests/support/temp_dir.h"

namespace lianxin::test {

struct HubProcess {
    const TempDir& dir;
    std::string pid;
    int port = 0;

    // `extra_publisher`: another publisher key the hub accepts bundles from (the kiosks may not).
    explicit HubProcess(const TempDir& d, const std::string& extra_publisher = "");
    ~HubProcess();
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    // lianxin-admin ARGS with the hub and the demo's admin key in its environment.
    RunResult admin(const std::string& args) const;
    // The command line that runs lianxin-hub on this hub's configuration (its subcommands).
    std::string hub_command() const;
};

// Registers the demo kiosk (its key, code JJ1) at `hub`, writing dir/registration.toml.
void register_demo_kiosk(const HubProcess& hub, const TempDir& dir);

// The demo kiosk's configuration in dir/cfg, pointed at `hub`; returns the --config argument.
// `public_url`: the kiosk's own, when it is to differ from the hub's.
std::string kiosk_config_for(const TempDir& dir, const HubProcess& hub, const std::string& public_url = "");

// `lianxin-admin gui` on `hub`'s content editor for the folder `content`, at 1600×1000 in `lang`,
// with the demo's admin and publisher keys.
std::string editor_command(const HubProcess& hub, const std::filesystem::path& content, const std::string& lang);

// The token of the passport a scripted kiosk issued in dir/data (the test fails without one).
std::string kiosk_passport_token(const TempDir& dir);

// The demo content as version `version`, signed by `key`, built into dir/NAME.lxb.
std::filesystem::path build_bundle(const TempDir& dir, const std::string& name, const std::string& version,
                                   const std::filesystem::path& key);

}  // namespace lianxin::test
