// Damaged content bundles met by the real kiosk under Xvfb: cut short, one byte flipped, zero
// length, a directory in its place, missing. The kiosk never exits for want of content: it shows
// the last verified bundle it keeps in DATA_DIR/bundles, or, with none, "temporarily out of
// service" in both languages with staff maintenance still reachable.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/gui/kiosk_run.h"
#include "tests/hostile/damage_support.h"

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

namespace {

// The demo bundle, broken in the named way, at DIR/content.lxb (with the demo's signature).
fs::path broken_bundle(const TempDir& dir, const std::string& kind) {
    auto path = dir / "content.lxb";
    fs::copy_file(demo_dir() / "demo.lxb.sig", dir / "content.lxb.sig");
    if (kind == "missing") return path;
    if (kind == "directory") {
        fs::create_directories(path);
        return path;
    }
    if (kind == "zero-length") {
        write_text(path, "");
        return path;
    }
    fs::copy_file(demo_dir() / "demo.lxb", path);
    if (kind == "truncated") fs::resize_file(path, fs::file_size(path) / 2);
    if (kind == "byte-flipped") {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(fs::file_size(path) / 3));
        char c = 0;
        f.read(&c, 1);
        f.seekp(static_cast<std::streamoff>(fs::file_size(path) / 3));
        c = static_cast<char>(c ^ 0x20);
        f.write(&c, 1);
    }
    return path;
}

std::string open_maintenance() {
    std::string s;
    for (int i = 0; i < 5; ++i) s += "tap 112 83\n";
    s += "expect-screen pin\n";
    for (const char* d : {"2", "4", "6", "8"}) s += std::string("tap-text ") + d + "\n";
    return s + "tap-text 确定\nexpect-screen maintenance\n";
}

}  // namespace

TEST_CASE("with no valid bundle and none kept the kiosk is out of service in both languages and stays up",
          "[hostile][bundle][gui]") {
    std::string kind = GENERATE(as<std::string>{}, "truncated", "byte-flipped", "zero-length", "directory", "missing");
    INFO("bundle: " << kind);
    TempDir dir;
    auto bundle = broken_bundle(dir, kind);
    auto run = run_kiosk(dir, "shot out-of-service\ntap 960 540\nexpect-screen out-of-service\n" + open_maintenance() +
                                  "shot maintenance\ntap-text 返回展览\nexpect-screen out-of-service\n",
                         1920, 1080, "--content " + bundle.string(), "bundle-" + kind);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("script_done"));
    auto screens = run.screens();
    REQUIRE(!screens.empty());
    CHECK(screens.front() == "out-of-service");
    CHECK(run.output.find("refusing the content") != std::string::npos);
    CHECK(run.shot("out-of-service").ok());
}

TEST_CASE("with no valid bundle the kiosk shows the last verified one it keeps", "[hostile][bundle][gui]") {
    std::string kind = GENERATE(as<std::string>{}, "truncated", "byte-flipped", "zero-length", "directory", "missing");
    INFO("bundle: " << kind);
    TempDir dir;
    auto bundle = broken_bundle(dir, kind);
    // What the sync agent keeps: a verified bundle and its signature under DATA_DIR/bundles; a
    // newer file there that is itself damaged is passed over.
    auto kept = dir / "data" / "bundles";
    fs::create_directories(kept);
    fs::copy_file(demo_dir() / "demo.lxb", kept / "2026.11.lxb");
    fs::copy_file(demo_dir() / "demo.lxb.sig", kept / "2026.11.lxb.sig");
    write_text(kept / "2026.12.lxb", "not a bundle");
    auto run = run_kiosk(dir, "shot attract\nexpect-screen attract\ntap 500 500\nexpect-screen home\n", 1920, 1080,
                         "--content " + bundle.string(), "");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("script_done"));
    CHECK(run.screens().front() == "attract");
    CHECK(run.output.find("showing the last verified content instead") != std::string::npos);
}

TEST_CASE("out of service and maintenance after damage in both languages and orientations",
          "[hostile][bundle][kiosk-db][gui]") {
    auto setup = GENERATE(Setup{"zh", 1920, 1080}, Setup{"en", 1920, 1080}, Setup{"zh", 1080, 1920}, Setup{"en", 1080, 1920});
    std::string tag = std::string(setup.lang) + "-" + std::to_string(setup.w) + "x" + std::to_string(setup.h);
    INFO(tag);
    TempDir dir;
    auto bundle = broken_bundle(dir, "byte-flipped");
    // kiosk.db damaged too, so maintenance has everything to say at once.
    seed_opinions(dir / "data", 30);
    scribble(dir / "data" / "kiosk.db", 0, 100, true);
    std::string ok = std::string(setup.lang) == "en" ? "OK" : "确定";
    std::string s = "shot out-of-service\n";
    for (int i = 0; i < 5; ++i) s += "tap 112 83\n";
    s += "expect-screen pin\n";
    for (const char* d : {"2", "4", "6", "8"}) s += std::string("tap-text ") + d + "\n";
    s += "tap-text " + ok + "\nexpect-screen maintenance\nshot maintenance\n";
    auto run = run_kiosk(dir, s, setup.w, setup.h, "--content " + bundle.string() + " --lang " + setup.lang,
                         "out-of-service-" + tag);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("script_done"));
    CHECK(run.shot("out-of-service").ok());
    CHECK(run.shot("maintenance").ok());
    CHECK(damaged_files(dir / "data").size() == 1);
}
