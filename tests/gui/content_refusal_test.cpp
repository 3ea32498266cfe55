// The kiosk loads bundles only: a foreign file, a tampered or foreign-signed bundle is refused
// with a clear message and the kiosk stays up, out of service; a bundle whose image is broken
// still runs, showing a placeholder.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/content/bundle.h"
#include "core/storage/sqlite_db.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

namespace {
// The kiosk on a refused bundle: it stays up, out of service (no verified bundle is kept in this
// fresh data folder), and says why in its log.
KioskRun refused_run(const TempDir& dir, const fs::path& content, const std::string& keep_as = "") {
    return run_kiosk(dir, "shot out-of-service\nexpect-screen out-of-service\n", 800, 600,
                     "--content " + content.string(), keep_as);
}
}  // namespace

TEST_CASE("the kiosk refuses a file that is not a bundle and shows it is out of service", "[gui][content]") {
    TempDir dir;
    write_text(dir / "fake.lxb", "this is not a bundle at all, just text\n");
    auto r = refused_run(dir, dir / "fake.lxb");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.screens().front() == "out-of-service");
    CHECK(r.output.find("is not a content bundle") != std::string::npos);
}

TEST_CASE("a scan on the out-of-service screen opens nothing and the screen stays", "[gui][content]") {
    // With no content there is no exhibition to start a visit in: a scanned passport, a
    // certificate or a stray barcode must not lead to home or the passport desk.
    TempDir dir;
    write_text(dir / "fake.lxb", "this is not a bundle at all, just text\n");
    auto r = run_kiosk(dir,
                       "expect-screen out-of-service\nscan HTTPS://EXAMPLE.ORG/P/LXP1:NOTATOKEN\nwait 500\n"
                       "expect-screen out-of-service\nscan 1234567890128\nwait 500\nexpect-screen out-of-service\n",
                       800, 600, "--content " + (dir / "fake.lxb").string());
    INFO(r.output);
    CHECK(r.exit_code == 0);
    for (auto& s : r.screens()) CHECK(s == "out-of-service");
}

TEST_CASE("the kiosk refuses a tampered bundle and one signed by an unknown key", "[gui][content]") {
    TempDir dir;
    fs::copy_file(demo_dir() / "demo.lxb", dir / "demo.lxb");
    fs::copy_file(demo_dir() / "demo.lxb.sig", dir / "demo.lxb.sig");
    {
        SqliteDb db((dir / "demo.lxb").string(), SqliteDb::Mode::read_write_create);
        db.exec("UPDATE meta SET value = 'Hacked hall' WHERE key = 'hall_name_en'");
    }
    auto r = refused_run(dir, dir / "demo.lxb");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.screens().front() == "out-of-service");
    CHECK(r.output.find("does not match the data") != std::string::npos);
    CHECK(r.output.find("Hacked hall") == std::string::npos);

    // Signed properly, but by a key this kiosk does not trust.
    auto run = run_command(std::string(LIANXIN_ADMIN) + " keys new " + (dir / "other").string() + " && " + LIANXIN_ADMIN +
                           " content build " + demo_content_dir().string() + " -o " + (dir / "other.lxb").string() +
                           " --key " + (dir / "other.key").string());
    REQUIRE(run.exit_code == 0);
    TempDir second;
    r = refused_run(second, dir / "other.lxb");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.screens().front() == "out-of-service");
    CHECK(r.output.find("not a trusted publisher key") != std::string::npos);
}

TEST_CASE("a broken image inside a bundle shows a placeholder and nothing crashes", "[gui][content][images]") {
    TempDir dir;
    // An unsigned copy (this kiosk config trusts no key) whose images are damaged in three ways.
    auto run = run_command(std::string(LIANXIN_ADMIN) + " content build " + demo_content_dir().string() + " -o " +
                           (dir / "demo.lxb").string());
    REQUIRE(run.exit_code == 0);
    {
        SqliteDb db((dir / "demo.lxb").string(), SqliteDb::Mode::read_write_create);
        db.exec("UPDATE media SET data = substr(data, 1, 200)");                         // truncated
        db.exec("UPDATE media SET data = CAST('not an image' AS BLOB) WHERE rowid % 3 = 1");  // not an image
        // A PNG header claiming 60000 x 60000 pixels.
        db.exec("UPDATE media SET data = X'89504E470D0A1A0A0000000D494844520000EA600000EA600806000000' WHERE rowid % 3 = 2");
    }
    auto config = dir / "kiosk.toml";
    write_text(config, "[kiosk]\nname = \"broken-images\"\n[maintenance]\npin_hash = \"\"\n");
    auto kr = run_kiosk(dir,
                        "shot attract\ntap 500 500\nexpect-screen home\nshot home\n",
                        1280, 720, "--config " + config.string() + " --content " + (dir / "demo.lxb").string());
    INFO(kr.output);
    CHECK(kr.exit_code == 0);
    CHECK(kr.shot("home").ok());
    CHECK(kr.output.find("refused") != std::string::npos);
}
