// The heartbeat's report on kiosk.db (storage_report in core/sync/kiosk_sync.h) read off real
// files: a damaged kiosk.db set aside and salvaged, a later run, files staff removed.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>

#include "core/sync/kiosk_sync.h"
#include "tests/hostile/damage_support.h"

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

TEST_CASE("the storage report names the damaged files waiting, this run's salvage, and nothing once they are gone",
          "[core][sync][kiosk-db]") {
    TempDir dir;
    auto data = dir / "data";
    {
        // A kiosk.db that never was damaged reports nothing.
        auto db = KioskDb::open(data);
        REQUIRE(db.ok());
        CHECK(storage_report(**db) == StorageReport{});
    }
    seed_opinions(data, 40);
    auto leaves = leaf_pages(data / "kiosk.db", "opinions");
    REQUIRE(leaves.size() > 2);
    scribble(data / "kiosk.db", std::int64_t{leaves[1].page - 1} * 4096, 4096);

    const auto before = std::chrono::system_clock::now();
    {
        auto db = KioskDb::open(data);
        REQUIRE(db.ok());
        const StorageHealth h = (*db)->health();
        REQUIRE(h.salvaged);
        StorageReport r = storage_report(**db);
        CHECK(r.set_aside == 1);
        CHECK(r.newest == h.moved_to.filename().string());
        CHECK(r.salvaged == static_cast<std::int64_t>(h.salvaged_records));
        CHECK(r.left_out == static_cast<std::int64_t>(h.salvage_left_out));
        CHECK(r.salvaged > 0);
        CHECK(r.fault.empty());
        const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(r.newest_at_ms));
        CHECK(at > before - std::chrono::minutes(1));
        CHECK(at < std::chrono::system_clock::now() + std::chrono::minutes(1));
    }
    // Anything else staff left in the folder is not counted: a copy under another name, a link.
    write_text(data / "damaged" / "copy-for-the-vendor.db", "x");
    fs::create_symlink(data / "kiosk.db", data / "damaged" / "kiosk-20990101-000000.db");
    {
        // The next run: the file still waits; its salvage counts went with the run that made them.
        auto db = KioskDb::open(data);
        REQUIRE(db.ok());
        StorageReport r = storage_report(**db);
        CHECK(r.set_aside == 1);
        CHECK(r.salvaged == -1);
        CHECK(r.left_out == -1);
    }
    // Staff fetched it and removed the folder: all well again.
    fs::remove_all(data / "damaged");
    auto db = KioskDb::open(data);
    REQUIRE(db.ok());
    CHECK(storage_report(**db) == StorageReport{});
}

// A file name the kiosk sends as it finds it must still be one the hub takes: the hub drops the
// whole report for one bad field, and with it the count and the fault.
TEST_CASE("a damaged file whose name is not clean text still reaches the hub as a report",
          "[core][sync][kiosk-db]") {
    TempDir dir;
    auto data = dir / "data";
    auto db = KioskDb::open(data);
    REQUIRE(db.ok());
    fs::create_directories(data / "damaged");
    const std::string name = GENERATE(std::string("kiosk-") + std::string(60, '\xB8') + ".db",  // GBK bytes
                                      std::string("kiosk-a\tb.db"), std::string("kiosk-\n.db"),
                                      std::string("kiosk-\x7F.db"));
    INFO("file name bytes: " << name.size());
    write_text(data / "damaged" / name, "x");
    StorageReport r = storage_report(**db);
    REQUIRE(r.set_aside == 1);
    SyncPush push;
    push.kiosk = "kiosk-test";
    push.heartbeat.storage = r;
    auto back = parse_sync_push(to_json(push));
    REQUIRE(back.ok());
    CHECK(back->heartbeat.storage.set_aside == 1);
    CHECK_FALSE(back->heartbeat.storage.newest.empty());
}

TEST_CASE("files set aside are ordered by when their names say they were set aside, not by their file times",
          "[core][sync][kiosk-db]") {
    TempDir dir;
    auto damaged = dir / "data" / "damaged";
    fs::create_directories(damaged);
    // Written in an order unlike the names', each file's own time (kiosk.db's last write) older
    // than its name.
    for (const char* name : {"kiosk-20261201-100000-10.db", "kiosk-20261201-100000.db", "kiosk-20261130-235959.db",
                             "kiosk-20261201-100000-2.db", "kiosk-odd.db"})
        write_text(damaged / name, "x");
    fs::last_write_time(damaged / "kiosk-odd.db", fs::file_time_type::clock::now() - std::chrono::hours(24 * 365 * 3));
    auto files = set_aside_files(dir / "data");
    std::vector<std::string> names;
    for (auto& f : files) names.push_back(f.path.filename().string());
    CHECK(names == std::vector<std::string>{"kiosk-odd.db", "kiosk-20261130-235959.db", "kiosk-20261201-100000.db",
                                            "kiosk-20261201-100000-2.db", "kiosk-20261201-100000-10.db"});
    // The newest's moment from its name, in local time.
    std::tm tm{};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 11;
    tm.tm_mday = 1;
    tm.tm_hour = 10;
    tm.tm_isdst = -1;
    CHECK(files.back().at_ms == static_cast<std::int64_t>(std::mktime(&tm)) * 1000);
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    StorageReport r = storage_report(**db);
    CHECK(r.set_aside == 5);
    CHECK(r.newest == "kiosk-20261201-100000-10.db");
    CHECK(r.newest_at_ms == files.back().at_ms);
}
