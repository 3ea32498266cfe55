// Damaged kiosk.db files met by the real kiosk under Xvfb: a page of garbage, a file cut short,
// a zeroed header, a row turned all-NULL, a -wal of garbage, a full disk, a read-only data
// folder. Damage is noticed at start, the file moved aside untouched and salvaged, the kiosk
// carries on and says so; nothing acknowledged is lost; a visitor is never thanked for an opinion
// that was not stored.
#include <catch2/catch.hpp>

#include <sys/mount.h>

#include <algorithm>
#include <fstream>

#include "tests/gui/kiosk_run.h"
#include "tests/hostile/damage_support.h"

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

namespace {

// Staff open maintenance from the first screen: five taps on its logo, then the demo's PIN.
std::string open_maintenance() {
    std::string s;
    for (int i = 0; i < 5; ++i) s += "tap 112 83\n";
    s += "expect-screen pin\n";
    for (const char* d : {"2", "4", "6", "8"}) s += std::string("tap-text ") + d + "\n";
    return s + "tap-text 确定\nexpect-screen maintenance\n";
}

// A visitor leaves one opinion typed in pinyin, from the attract loop to the end of the review.
std::string leave_opinion(const LoadedBundle& b) {
    std::string s = "tap 500 500\nexpect-screen home\ntap-text 征求意见\nexpect-screen consultations\n";
    s += "tap-text " + b.content.consultations.front().title.zh + "\nexpect-screen draft\nwait 300\n";
    s += "tap-text 对这一条提意见\nexpect-screen opinion-stance\ntap-text 建议修改\nexpect-screen opinion-write\n";
    s += "tap-text 拼音\ntype lifa\nwait 100\ntap-text 立法\n";
    s += "tap-text 下一步\nexpect-screen opinion-contact\ntap-text 不留联系方式\nexpect-screen opinion-review\n";
    return s + "tap-text 提交意见\n";
}

std::string bytes_of(const fs::path& p) { return read_text(p); }

}  // namespace

TEST_CASE("a damaged kiosk.db is noticed at start and moved aside untouched and salvaged while the kiosk carries on",
          "[hostile][kiosk-db][gui]") {
    auto bundle = demo_bundle();
    TempDir dir;
    auto data = dir / "data";
    const int n = 300;
    auto ids = seed_opinions(data, n);
    auto db_file = data / "kiosk.db";
    auto leaves = leaf_pages(db_file, "opinions");
    REQUIRE(leaves.size() > 6);

    // Each kind of damage, and the opinions that must come back from it.
    std::size_t expect_back = 0;
    std::string kind = GENERATE(as<std::string>{}, "garbage-page", "truncated", "zeroed-header", "all-null-row");
    INFO("damage: " << kind);
    if (kind == "garbage-page") {
        // One leaf in the middle of the opinions table: only its own rows are lost.
        auto victim = leaves[leaves.size() / 2];
        scribble(db_file, std::int64_t{victim.page - 1} * 4096, 4096);
        expect_back = static_cast<std::size_t>(n - victim.cells);
    } else if (kind == "truncated") {
        // Cut after the page before the last leaf: rows on later pages are gone.
        fs::resize_file(db_file, static_cast<std::uintmax_t>(leaves[leaves.size() - 3].page) * 4096);
        expect_back = 1;  // at least some come back; exact count depends on the page order
    } else if (kind == "zeroed-header") {
        scribble(db_file, 0, 100, true);
        expect_back = static_cast<std::size_t>(n);
    } else {
        // The case first reported: one earlier opinion became a row of NULLs, which only damage
        // can do (the table forbids it), written the way a bad sector would leave it.
        null_out_opinion(db_file, 7);
        expect_back = static_cast<std::size_t>(n - 1);
    }
    const std::string damaged_bytes = bytes_of(db_file);

    auto run = run_kiosk(dir, "shot attract\n" + open_maintenance() + "shot maintenance\n" +
                                  "tap-text 返回展览\n" + leave_opinion(bundle) + "expect-screen opinion-thanks\n",
                         1920, 1080, "", "kiosk-db-" + kind);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("script_done"));

    // Moved aside, byte for byte as found, under a name that says when.
    auto moved = damaged_files(data);
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].filename().string().rfind("kiosk-", 0) == 0);
    CHECK(moved[0].filename().string().size() == std::string("kiosk-YYYYMMDD-HHMMSS.db").size());
    std::string moved_bytes = bytes_of(moved[0]);
    auto differ = std::mismatch(moved_bytes.begin(), moved_bytes.end(), damaged_bytes.begin(), damaged_bytes.end());
    INFO("moved file: " << moved_bytes.size() << " bytes, first difference at "
                        << (differ.first - moved_bytes.begin()));
    CHECK(moved_bytes == damaged_bytes);
    // Said so, with SQLite's own words, in the log.
    auto storage = run.all("storage");
    REQUIRE(!storage.empty());
    CHECK(storage.front().value("event", "") == "damaged");
    CHECK(storage.front().value("moved_to", "") == moved[0].string());

    // The fresh kiosk.db holds what could be salvaged, unsent and under the same ids, and the
    // visitor's new opinion.
    auto unsent = unsent_ids(data);
    REQUIRE(run.all("record").size() == 1);
    std::string new_id = run.all("record").front().value("detail", "");
    CHECK(std::find(unsent.begin(), unsent.end(), new_id) != unsent.end());
    std::size_t back = 0;
    for (auto& id : unsent) back += std::find(ids.begin(), ids.end(), id) != ids.end();
    CHECK(back >= expect_back);
    CHECK(back <= static_cast<std::size_t>(n));
    CHECK(back + 1 == unsent.size());  // nothing else: no all-NULL or invented rows
    if (kind != "truncated") CHECK(back == expect_back);
    CHECK(storage.front().value("salvaged", 0) == static_cast<int>(back));
}

TEST_CASE("a -wal file of garbage loses nothing and is not taken for damage", "[hostile][kiosk-db][gui]") {
    TempDir dir;
    auto data = dir / "data";
    auto ids = seed_opinions(data, 40);
    {
        std::ofstream wal(data / "kiosk.db-wal", std::ios::binary);
        std::string junk(3 * 4096 + 32, '\0');
        for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131 + 7) & 0xff);
        wal << junk;
    }
    auto run = run_kiosk(dir, "shot attract\n", 1280, 720, "", "");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(damaged_files(data).empty());
    CHECK(unsent_ids(data) == ids);
}

namespace {

// A small tmpfs of its own (the test runs as root, as CI does); unmounted when done.
struct SmallDisk {
    fs::path at;
    bool mounted = false;
    SmallDisk(const fs::path& where, const char* options) : at(where) {
        fs::create_directories(at);
        mounted = ::mount("tmpfs", at.c_str(), "tmpfs", 0, options) == 0;
    }
    ~SmallDisk() {
        if (mounted) ::umount2(at.c_str(), MNT_DETACH);
    }
};

}  // namespace

TEST_CASE("a full disk tells the visitor the opinion was not saved instead of thanking and maintenance says the disk is full",
          "[hostile][kiosk-db][gui]") {
    auto bundle = demo_bundle();
    TempDir dir;
    SmallDisk disk(dir / "data", "size=1m,mode=0700");
    if (!disk.mounted) FAIL("mounting a tmpfs needs root (CAP_SYS_ADMIN), as CI has");
    auto data = dir / "data";
    auto ids = seed_opinions(data, 5);
    // Fill the disk, then give back just enough for SQLite's shared-memory index (32 KB) and the
    // log's header: the next commit has no room.
    {
        std::ofstream fill(data / "filler", std::ios::binary);
        std::string block(4096, 'f');
        while (fill.write(block.data(), block.size())) {
        }
    }
    fs::resize_file(data / "filler", fs::file_size(data / "filler") - 40 * 1024);

    auto run = run_kiosk(dir, "shot attract\n" + leave_opinion(bundle) + "wait 300\nshot apology\nexpect-screen opinion-review\n" +
                                  "idle 200000\nexpect-screen attract\n" +
                                  open_maintenance() + "shot maintenance\n",
                         1920, 1080, "", "kiosk-db-full");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("script_done"));
    CHECK(run.all("record").empty());  // never thanked
    auto screens = run.screens();
    CHECK(std::find(screens.begin(), screens.end(), "opinion-thanks") == screens.end());
    // Logged as a full disk, with SQLite's own message; not damage: nothing moved aside.
    bool full = false;
    for (auto& e : run.all("storage"))
        full = full || (e.value("event", "") == "full" && e.value("detail", "").find("disk is full") != std::string::npos);
    CHECK(full);
    CHECK(damaged_files(data).empty());
    CHECK(unsent_ids(data) == ids);
}

TEST_CASE("a read-only data folder is refused with its reason and nothing is moved", "[hostile][kiosk-db][gui]") {
    TempDir dir;
    SmallDisk disk(dir / "data", "size=2m,mode=0700");
    if (!disk.mounted) FAIL("mounting a tmpfs needs root (CAP_SYS_ADMIN), as CI has");
    auto data = dir / "data";
    seed_opinions(data, 5);
    const std::string before = bytes_of(data / "kiosk.db");
    REQUIRE(::mount("tmpfs", data.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=2m") == 0);
    auto run = run_kiosk(dir, "shot attract\n", 1280, 720, "", "");
    INFO(run.output);
    // The kiosk cannot keep opinions here, so it does not invite them; it says why. A read-only
    // file system is not damage: the file stays where it is.
    CHECK(run.exit_code == 4);
    CHECK(run.output.find("Read-only file system") != std::string::npos);
    CHECK(damaged_files(data).empty());
    CHECK(bytes_of(data / "kiosk.db") == before);
}

TEST_CASE("lianxin-admin kiosk salvage recovers what can be read into a kiosk.db whose records sync",
          "[hostile][kiosk-db][admin]") {
    TempDir dir;
    auto data = dir / "data";
    const int n = 200;
    auto ids = seed_opinions(data, n);
    auto file = data / "kiosk.db";
    auto leaves = leaf_pages(file, "opinions");
    REQUIRE(leaves.size() > 4);
    auto victim = leaves[1];
    scribble(file, std::int64_t{victim.page - 1} * 4096, 4096);
    const std::string damaged = read_text(file);

    auto out = dir / "salvaged";
    auto r = run_command(std::string(LIANXIN_ADMIN) + " kiosk salvage " + file.string() + " --out " + out.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    // Counts per table, and the rows left out named.
    CHECK(r.output.find("opinions") != std::string::npos);
    CHECK(r.output.find("passports") != std::string::npos);
    CHECK(r.output.find("stamps") != std::string::npos);
    CHECK(r.output.find(std::to_string(n - victim.cells) + " records kept; " + std::to_string(victim.cells) + " left out") !=
          std::string::npos);
    CHECK(r.output.find("unreadable") != std::string::npos);
    CHECK(read_text(file) == damaged);  // the damaged file is only read

    // Every salvaged opinion keeps its id and stays unsent: the next sync sends it.
    auto unsent = unsent_ids(out);
    CHECK(unsent.size() == static_cast<std::size_t>(n - victim.cells));
    for (auto& id : unsent) CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());

    // Into a kiosk's own data folder (a kiosk that carried on with a fresh file): added to what it
    // holds, each record once, however often it is run.
    auto again = run_command(std::string(LIANXIN_ADMIN) + " kiosk salvage " + file.string() + " --out " + out.string());
    INFO(again.output);
    REQUIRE(again.exit_code == 0);
    CHECK(again.output.find("0 records kept") != std::string::npos);
    CHECK(unsent_ids(out).size() == unsent.size());

    // A file that is not there, and a salvage into the damaged file itself, are refused.
    CHECK(run_command(std::string(LIANXIN_ADMIN) + " kiosk salvage " + (dir / "none.db").string()).exit_code != 0);
    CHECK(run_command(std::string(LIANXIN_ADMIN) + " kiosk salvage " + file.string() + " --out " + data.string()).exit_code ==
          2);
}
