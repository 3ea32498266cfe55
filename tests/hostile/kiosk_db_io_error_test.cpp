// kiosk.db when the disk fails a write (SQLITE_IOERR), injected by an SQLite VFS that wraps the
// real one: a failed write is never acknowledged; if the file is intact afterwards (quick_check
// passes) it is a passing fault, reported as I/O and cleared by the next write that succeeds; if
// the failing disk damaged the file, it is moved aside untouched and a fresh kiosk.db is used.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <string>
#include <thread>

#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "tests/hostile/damage_support.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using lianxin::test::TempDir;
namespace fs = std::filesystem;
using lianxin::test::article_draft;
using lianxin::test::test_moment;

namespace {

// A VFS that forwards everything to the system's ("unix") and, while armed, fails every write
// with SQLITE_IOERR_WRITE after running `on_failure` (which may damage the file, as a failing disk
// can). Registered as the default only for the life of a FaultyDisk, so KioskDb opens through it
// exactly as it opens through the real one.
struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;  // the real VFS's file, allocated right after this struct
};

std::atomic<bool> g_fail_writes{false};
std::function<void()> g_on_failure;
sqlite3_vfs* g_real = nullptr;
// While g_hold_others is set, a main database file opened by a thread other than g_test_thread
// (KioskDb's background check) waits in xOpen; g_other_held says one is waiting, g_other_closed
// that such a file was closed again.
std::atomic<bool> g_hold_others{false}, g_other_held{false}, g_other_closed{false};
std::thread::id g_test_thread;

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

int shim_close(sqlite3_file* f) {
    if (std::this_thread::get_id() != g_test_thread) g_other_closed = true;
    return real_of(f)->pMethods->xClose(real_of(f));
}
int shim_read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) { return real_of(f)->pMethods->xRead(real_of(f), p, n, off); }
int shim_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
    if (g_fail_writes) {
        if (g_on_failure) {
            auto once = std::move(g_on_failure);
            g_on_failure = nullptr;
            once();
        }
        return SQLITE_IOERR_WRITE;
    }
    return real_of(f)->pMethods->xWrite(real_of(f), p, n, off);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int shim_sync(sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int shim_lock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
int shim_unlock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xUnlock(real_of(f), l); }
int shim_check_reserved(sqlite3_file* f, int* out) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out); }
int shim_file_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
int shim_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int shim_device(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int shim_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
    return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, p);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags); }
void shim_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int shim_shm_unmap(sqlite3_file* f, int del) { return real_of(f)->pMethods->xShmUnmap(real_of(f), del); }
// No memory-mapped reads: every read goes through xRead (and the fault's view of the file).
int shim_fetch(sqlite3_file*, sqlite3_int64, int, void** pp) {
    *pp = nullptr;
    return SQLITE_OK;
}
int shim_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kShimMethods = {
    3,           shim_close,         shim_read,         shim_write,     shim_truncate,    shim_sync,
    shim_file_size, shim_lock,       shim_unlock,       shim_check_reserved, shim_file_control,
    shim_sector_size, shim_device,   shim_shm_map,      shim_shm_lock,  shim_shm_barrier, shim_shm_unmap,
    shim_fetch,  shim_unfetch,
};

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    auto* shim = reinterpret_cast<ShimFile*>(f);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    shim->base.pMethods = nullptr;
    if ((flags & SQLITE_OPEN_MAIN_DB) && std::this_thread::get_id() != g_test_thread) {
        while (g_hold_others) {
            g_other_held = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    int rc = g_real->xOpen(g_real, name, shim->real, flags, out_flags);
    if (rc == SQLITE_OK) shim->base.pMethods = &kShimMethods;
    return rc;
}

class FaultyDisk {
  public:
    FaultyDisk() {
        g_real = sqlite3_vfs_find("unix");
        REQUIRE(g_real != nullptr);
        REQUIRE(g_real->iVersion >= 3);
        vfs_ = *g_real;
        vfs_.zName = "lianxin-faulty-disk";
        vfs_.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
        vfs_.xOpen = shim_open;
        g_test_thread = std::this_thread::get_id();
        REQUIRE(sqlite3_vfs_register(&vfs_, 1) == SQLITE_OK);
    }
    ~FaultyDisk() {
        g_hold_others = false;
        g_fail_writes = false;
        g_on_failure = nullptr;
        sqlite3_vfs_unregister(&vfs_);
        sqlite3_vfs_register(g_real, 1);
    }
    void fail_writes(bool on, std::function<void()> on_failure = nullptr) {
        g_on_failure = std::move(on_failure);
        g_fail_writes = on;
    }

    // Holds the next main-file open by another thread (the background check) until released.
    void hold_other_threads(bool on) {
        if (on) g_other_held = g_other_closed = false;
        g_hold_others = on;
    }

  private:
    sqlite3_vfs vfs_{};
};

// A kiosk.db in a temp folder opened through the faulty disk, and an outbox on it.
struct Rig {
    TempDir tmp;
    FaultyDisk disk;
    std::unique_ptr<KioskDb> db;
    std::unique_ptr<OpinionOutbox> outbox;
    Consultation c = lianxin::test::draft_under_consultation();
    fs::path file = tmp.path() / "kiosk.db";
    Rig() {
        auto opened = KioskDb::open(tmp.path());
        REQUIRE(opened.ok());
        db = std::move(*opened);
        outbox = std::make_unique<OpinionOutbox>(*db, "hall-1");
    }
    auto submit(const std::string& text, int i) { return outbox->submit(article_draft(text), c, test_moment(i)); }
    // Everything in the main file, so damage there is what quick_check reads.
    void checkpoint() { db->locked([](SqliteDb& s) { s.exec("PRAGMA wal_checkpoint(TRUNCATE)"); }); }
    // Zeroes `bytes` of the main file from its second page on (all the rest when 0).
    void zero_after_first_page(std::size_t bytes = 0) {
        int fd = ::open(file.c_str(), O_WRONLY);
        REQUIRE(fd >= 0);
        auto size = static_cast<std::size_t>(fs::file_size(file));
        std::string zeros(bytes ? bytes : (size > 4096 ? size - 4096 : 0), '\0');
        REQUIRE(::pwrite(fd, zeros.data(), zeros.size(), 4096) == static_cast<ssize_t>(zeros.size()));
        ::close(fd);
    }
};

}  // namespace

TEST_CASE("a write the disk fails is never acknowledged and is reported as I/O and the intact file stays in use",
          "[core][kiosk-db]") {
    Rig rig;
    auto first = rig.submit("写坏之前的一条", 0);
    REQUIRE(first.ok());

    rig.disk.fail_writes(true);
    auto refused = rig.submit("磁盘出错时的一条", 1);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == OpinionProblem::not_stored);
    INFO(refused.error().detail);
    CHECK(refused.error().detail.find("disk I/O error") != std::string::npos);
    auto h = rig.db->health();
    CHECK(h.fault == StorageFault::io);
    CHECK(h.fault_detail.find("disk I/O error") != std::string::npos);
    // quick_check passed after the error: not damage, nothing moved.
    CHECK(h.moved_to.empty());
    CHECK_FALSE(fs::exists(rig.tmp.path() / "damaged"));

    rig.disk.fail_writes(false);
    auto after = rig.submit("磁盘好了以后的一条", 2);
    REQUIRE(after.ok());
    CHECK(rig.db->health().fault == StorageFault::none);
    auto pending = rig.outbox->pending(10);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 2);  // the refused one was never stored
    CHECK(pending->front().id == *first);
    CHECK(pending->back().id == *after);
}

TEST_CASE("a write the disk fails after damaging kiosk.db sets the file aside untouched and a fresh one takes the next opinion",
          "[core][kiosk-db]") {
    Rig rig;
    for (int i = 0; i < 30; ++i) REQUIRE(rig.submit("意见 " + std::to_string(i), i).ok());
    rig.checkpoint();
    std::string damaged_bytes;
    // The failing disk zeroes every page after the first as it fails the write.
    rig.disk.fail_writes(true, [&] {
        rig.zero_after_first_page();
        damaged_bytes = lianxin::test::read_text(rig.file);
    });
    auto refused = rig.submit("磁盘坏掉时的一条", 100);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == OpinionProblem::not_stored);
    rig.disk.fail_writes(false);

    auto h = rig.db->health();
    INFO(h.damage_detail);
    REQUIRE_FALSE(h.moved_to.empty());
    CHECK(h.moved_to.parent_path() == rig.tmp.path() / "damaged");
    CHECK(h.damage_detail.find("disk I/O error") != std::string::npos);  // the write's error, then the check's
    CHECK(h.damage_detail.find("malformed") != std::string::npos);
    // Never written again: the file set aside is exactly what the failing disk left.
    CHECK(lianxin::test::read_text(h.moved_to) == damaged_bytes);
    // The disk was still failing when the file was set aside, so no fresh one could be made then:
    // said so, and nothing is stored meanwhile.
    CHECK(h.unavailable.find("no fresh kiosk.db") != std::string::npos);
    CHECK(h.recovered_at_ms == 0);
    CHECK_FALSE(fs::exists(rig.file));

    // Once the disk works again the next use makes the fresh kiosk.db (it used to stay unusable
    // until the kiosk was restarted) and salvages into it; the next opinion is kept.
    auto next = rig.submit("换了新文件以后的一条", 101);
    INFO((next.ok() ? std::string() : next.error().detail));
    REQUIRE(next.ok());
    auto stored = rig.outbox->find(*next);
    REQUIRE(stored.ok());
    CHECK(stored->text == "换了新文件以后的一条");
    auto recovered = rig.db->health();
    CHECK(recovered.unavailable.empty());
    CHECK(recovered.recovered_at_ms > 0);
    CHECK(recovered.salvaged);
    CHECK(recovered.damaged_at_ms == h.damaged_at_ms);
    CHECK(lianxin::test::read_text(h.moved_to) == damaged_bytes);
}

TEST_CASE("kiosk.db set aside while the disk fails stays unusable only while it fails, and each try starts clean",
          "[core][kiosk-db]") {
    Rig rig;
    REQUIRE(rig.submit("第一条", 0).ok());
    rig.checkpoint();
    rig.disk.fail_writes(true, [&] { rig.zero_after_first_page(4096); });
    REQUIRE_FALSE(rig.submit("第二条", 1).ok());
    REQUIRE_FALSE(rig.db->health().moved_to.empty());
    // Three more tries while the disk still fails: each refused, each leaving no half-made file.
    for (int i = 0; i < 3; ++i) {
        auto r = rig.submit("还在坏", 2 + i);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().problem == OpinionProblem::not_stored);
        CHECK_FALSE(fs::exists(rig.file));
        CHECK(rig.db->health().unavailable.find("no fresh kiosk.db") != std::string::npos);
    }
    rig.disk.fail_writes(false);
    REQUIRE(rig.submit("好了", 10).ok());
    CHECK(rig.db->health().unavailable.empty());
}

TEST_CASE("kiosk.db found damaged at start while the disk fails writes is salvaged once the disk works, not forgotten",
          "[core][kiosk-db]") {
    // The kiosk opens kiosk.db in background-check mode. A zeroed header is damage found at once;
    // the file is moved aside, but no fresh one can be made while the disk fails. open() used to
    // refuse then, and the kiosk did not start; the next start made an empty kiosk.db and never
    // looked at the file set aside: its 20 unsent opinions never reached the hub.
    TempDir tmp;
    auto ids = lianxin::test::seed_opinions(tmp.path(), 20);
    auto file = tmp.path() / "kiosk.db";
    lianxin::test::scribble(file, 0, 100, true);
    FaultyDisk disk;
    disk.fail_writes(true);
    auto opened = KioskDb::open(tmp.path(), KioskDb::Check::in_background);
    INFO((opened.ok() ? std::string() : opened.error().detail));
    REQUIRE(opened.ok());
    KioskDb& db = **opened;
    auto h = db.health();
    auto aside = lianxin::test::damaged_files(tmp.path());
    REQUIRE(aside.size() == 1);
    CHECK(h.moved_to == aside[0]);
    CHECK(h.check == StorageHealth::Check::damaged);
    CHECK_THAT(h.unavailable, Catch::Contains("no fresh kiosk.db"));
    OpinionOutbox outbox(db, "hall-1");
    auto c = lianxin::test::draft_under_consultation();
    CHECK_FALSE(outbox.submit(article_draft("磁盘还坏着"), c, test_moment(100)).ok());

    disk.fail_writes(false);
    auto next = outbox.submit(article_draft("磁盘好了"), c, test_moment(101));
    INFO((next.ok() ? std::string() : next.error().detail));
    REQUIRE(next.ok());
    auto pending = outbox.pending(100);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 21);
    CHECK(pending->front().id == ids.front());
    CHECK(pending->back().id == *next);
    h = db.health();
    CHECK(h.unavailable.empty());
    CHECK(h.salvaged);
    CHECK(h.salvaged_records == 20);
    CHECK(h.recovered_at_ms > 0);
}

TEST_CASE("a background check that ends after the file was set aside does not report the start check as passed",
          "[core][kiosk-db]") {
    // The check thread opens kiosk.db by name. Held until a failing write has damaged the file, set
    // it aside and a fresh one has been made, it checks the fresh file, which passes: that must not
    // turn "damaged" back into "in good order (checked at start)" on the maintenance screen.
    TempDir tmp;
    lianxin::test::seed_opinions(tmp.path(), 30);
    auto file = tmp.path() / "kiosk.db";
    FaultyDisk disk;
    disk.hold_other_threads(true);
    auto opened = KioskDb::open(tmp.path(), KioskDb::Check::in_background);
    REQUIRE(opened.ok());
    struct Release {
        FaultyDisk& d;
        ~Release() { d.hold_other_threads(false); }  // before the KioskDb joins its check thread
    } release{disk};
    KioskDb& db = **opened;
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!g_other_held && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(g_other_held);

    OpinionOutbox outbox(db, "hall-1");
    auto c = lianxin::test::draft_under_consultation();
    disk.fail_writes(true, [&] {
        auto size = static_cast<std::size_t>(fs::file_size(file));
        lianxin::test::scribble(file, 4096, size - 4096, true);
    });
    REQUIRE_FALSE(outbox.submit(article_draft("写坏"), c, test_moment(100)).ok());
    disk.fail_writes(false);
    REQUIRE_FALSE(db.health().moved_to.empty());
    REQUIRE(outbox.submit(article_draft("新文件"), c, test_moment(101)).ok());
    auto before = db.health();
    REQUIRE(before.check == StorageHealth::Check::damaged);
    REQUIRE(before.unavailable.empty());

    disk.hold_other_threads(false);
    until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!g_other_closed && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(g_other_closed);
    // What the check does after closing its connection is a moment's work.
    until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (db.health().check == StorageHealth::Check::damaged && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto after = db.health();
    CHECK(after.check == StorageHealth::Check::damaged);
    CHECK(after.fault == StorageFault::none);
    CHECK(after.damaged_at_ms == before.damaged_at_ms);
}

TEST_CASE("a salvage owed when the kiosk stopped is run by the next start, once", "[core][kiosk-db]") {
    // The same damage with the disk failing, but the kiosk stops before the disk works again: the
    // file set aside holds 20 unsent opinions that no fresh kiosk.db took. The next start used to
    // make an empty kiosk.db and never look at the file set aside.
    TempDir tmp;
    auto ids = lianxin::test::seed_opinions(tmp.path(), 20);
    lianxin::test::scribble(tmp.path() / "kiosk.db", 0, 100, true);
    {
        FaultyDisk disk;
        disk.fail_writes(true);
        auto opened = KioskDb::open(tmp.path(), KioskDb::Check::in_background);
        REQUIRE(opened.ok());
        CHECK_THAT((*opened)->health().unavailable, Catch::Contains("no fresh kiosk.db"));
    }
    auto aside = lianxin::test::damaged_files(tmp.path());
    REQUIRE(aside.size() == 1);
    // Not the kiosk's own: a copy staff left in the folder is never taken in.
    std::filesystem::copy_file(aside[0], tmp.path() / "damaged" / "copy-for-the-vendor.db");
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "kiosk.db"));

    auto restarted = KioskDb::open(tmp.path(), KioskDb::Check::now);
    INFO((restarted.ok() ? std::string() : restarted.error().detail));
    REQUIRE(restarted.ok());
    auto h = (*restarted)->health();
    CHECK_THAT(h.earlier_salvage, Catch::Contains(aside[0].filename().string()) && Catch::Contains("20 records salvaged"));
    CHECK(h.check == StorageHealth::Check::ok);  // the file in use is sound: no damage to report
    {
        OpinionOutbox outbox(**restarted, "hall-1");
        auto pending = outbox.pending(100);
        REQUIRE(pending.ok());
        REQUIRE(pending->size() == 20);
        CHECK(pending->front().id == ids.front());
    }
    restarted->reset();

    // Once: kiosk.db exists from then on, and the next start takes nothing in again.
    auto third = KioskDb::open(tmp.path(), KioskDb::Check::now);
    REQUIRE(third.ok());
    CHECK((*third)->health().earlier_salvage.empty());
}
