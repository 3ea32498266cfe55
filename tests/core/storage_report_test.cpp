// The heartbeat's report on kiosk.db (storage_report in core/sync/kiosk_sync.h) read off real
// files: a damaged kiosk.db set aside and salvaged, a later run, files staff removed.
#include <catch2/catch.hpp>

#include <chrono>

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
