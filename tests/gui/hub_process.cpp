// A real lianxin-hub process for the GUI tests (see hub_process.h).
#include "tests/gui/hub_process.h"

#include "core/storage/kiosk_db.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

namespace lianxin::test {

HubProcess::HubProcess(const TempDir& d, const std::string& extra_publisher) : dir(d) {
    auto demo = demo_dir();
    write_text(dir / "hub.toml", "[hub]\nlisten = \"127.0.0.1:0\"\nstore = \"sqlite:" + (dir / "hub.db").string() +
                                     "\"\npublic_url = \"http://localhost:8470\"\ncertificate_key = \"" +
                                     (demo / "hub-certificate.key").string() + "\"\npublisher_keys = [\"" +
                                     (demo / "publisher.pub").string() + "\"" +
                                     (extra_publisher.empty() ? "" : ", \"" + extra_publisher + "\"") +
                                     "]\nassets_dir = \"" +
                                     std::string(LIANXIN_SOURCE_DIR) + "/assets\"\n");
    std::string hub = std::string(LIANXIN_HUB_BIN) + " --config " + (dir / "hub.toml").string();
    auto enrolled = run_command(hub + " enroll-admin " + (demo / "admin.pub").string());
    REQUIRE(enrolled.exit_code == 0);
    auto started = run_command(hub + " > " + (dir / "hub.log").string() + " 2>&1 & echo $!");
    pid = started.output.substr(0, started.output.find('\n'));
    std::regex listening("listening on 127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 100 && port == 0; ++i) {
        std::smatch m;
        std::string log = read_text(dir / "hub.log");
        if (std::regex_search(log, m, listening)) port = std::stoi(m[1]);
        else std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(port > 0);
}

HubProcess::~HubProcess() { run_command("kill " + pid); }

std::string HubProcess::hub_command() const {
    return std::string(LIANXIN_HUB_BIN) + " --config " + (dir / "hub.toml").string();
}

RunResult HubProcess::admin(const std::string& args) const {
    return run_command("LIANXIN_HUB=" + url() + " LIANXIN_ADMIN_KEY=" + (demo_dir() / "admin.key").string() + " " +
                       LIANXIN_ADMIN + " " + args);
}

std::filesystem::path build_bundle(const TempDir& dir, const std::string& name, const std::string& version,
                                   const std::filesystem::path& key) {
    copy_tree(demo_content_dir(), dir / ("src-" + name));
    auto hall = dir / ("src-" + name) / "hall.toml";
    write_text(hall, std::regex_replace(read_text(hall), std::regex("version = \"[^\"]*\""), "version = \"" + version + "\""));
    auto out = dir / (name + ".lxb");
    auto r = run_command(std::string(LIANXIN_ADMIN) + " content build " + (dir / ("src-" + name)).string() + " -o " +
                         out.string() + " --key " + key.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return out;
}

void register_demo_kiosk(const HubProcess& hub, const TempDir& dir) {
    auto reg = hub.admin("kiosk register demo-kiosk --key " + (demo_dir() / "kiosk.key").string() + " --code JJ1 -o " +
                         (dir / "registration.toml").string());
    INFO(reg.output);
    REQUIRE(reg.exit_code == 0);
}

std::string kiosk_config_for(const TempDir& dir, const HubProcess& hub, const std::string& public_url) {
    auto demo = demo_dir();
    std::filesystem::create_directories(dir / "cfg");
    for (const char* f : {"demo.lxb", "demo.lxb.sig", "publisher.pub", "kiosk.key", "hub-certificate.pub", "rime"})
        std::filesystem::create_symlink(demo / f, dir / "cfg" / f);
    std::string toml = read_text(demo / "kiosk-hub.toml");
    toml = std::regex_replace(toml, std::regex("http://127\\.0\\.0\\.1:8470"), hub.url());
    if (!public_url.empty())
        toml = std::regex_replace(toml, std::regex("public_url = \"[^\"]*\""), "public_url = \"" + public_url + "\"");
    write_text(dir / "cfg" / "kiosk.toml", toml);
    return " --config " + (dir / "cfg" / "kiosk.toml").string();
}

std::string editor_command(const HubProcess& hub, const std::filesystem::path& content, const std::string& lang) {
    return "env LIANXIN_HUB=" + hub.url() + " LIANXIN_ADMIN_KEY=" + (demo_dir() / "admin.key").string() +
           " LIANXIN_PUBLISHER_KEY=" + (demo_dir() / "publisher.key").string() + " " + LIANXIN_ADMIN +
           " gui --windowed 1600x1000 --lang " + lang + " --view edit --content " + content.string();
}

std::string kiosk_passport_token(const TempDir& dir) {
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    return (*db)->locked([](SqliteDb& d) {
        auto st = d.prepare("SELECT token FROM passports");
        REQUIRE(st.step());
        return st.text(0);
    });
}

}  // namespace lianxin::test
