// kiosk.db under faults, on real SQLite files: a full database is refused as full (not damage,
// nothing moved) and recovers; damage found at start or while running is set aside and salvaged;
// salvage keeps ids and sent state, reports what it leaves out, and never counts a record twice.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "core/storage/kiosk_salvage.h"
#include "tests/hostile/damage_support.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using lianxin::test::TempDir;
namespace fs = std::filesystem;

using lianxin::test::article_draft;
using lianxin::test::test_moment;

TEST_CASE("a full kiosk.db refuses the opinion as not stored and says full and moves nothing and recovers",
          "[core][kiosk-db]") {
    TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "hall-1");
    auto c = lianxin::test::draft_under_consultation();
    REQUIRE(outbox.submit(article_draft("先存一条"), c, test_moment(0)).ok());
    // SQLite's own limit on the file's size: the same SQLITE_FULL a full disk gives.
    (*db)->locked([](SqliteDb& s) { s.exec("PRAGMA max_page_count=" + std::to_string(s.pragma_int("page_count"))); });
    std::string long_text;
    for (int i = 0; i < 990; ++i) long_text += "长";
    // Free space left in the file's pages takes a few; then the file must grow, and cannot.
    int stored = 0;
    auto refused = outbox.submit(article_draft(long_text), c, test_moment(1));
    while (refused.ok() && stored < 50) {
        ++stored;
        refused = outbox.submit(article_draft(long_text), c, test_moment(1 + stored));
    }
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == OpinionProblem::not_stored);
    CHECK(refused.error().detail.find("database or disk is full") != std::string::npos);
    CHECK(refused.error().detail.find("code 13") != std::string::npos);  // SQLITE_FULL
    auto h = (*db)->health();
    CHECK(h.fault == StorageFault::full);
    CHECK(h.fault_detail.find("database or disk is full") != std::string::npos);
    CHECK(h.moved_to.empty());
    CHECK_FALSE(fs::exists(tmp.path() / "damaged"));
    REQUIRE(outbox.count_pending().ok());
    CHECK(*outbox.count_pending() == static_cast<std::size_t>(1 + stored));

    (*db)->locked([](SqliteDb& s) { s.exec("PRAGMA max_page_count=1000000"); });
    REQUIRE(outbox.submit(article_draft(long_text), c, test_moment(100)).ok());
    CHECK((*db)->health().fault == StorageFault::none);
}

TEST_CASE("storage errors are typed as full or damaged or I/O apart from other database errors", "[core][kiosk-db]") {
    CHECK(storage_error(SqliteError("x", SQLITE_FULL)).code == ErrorCode::storage_full);
    CHECK(storage_error(SqliteError("x", SQLITE_CORRUPT)).code == ErrorCode::corrupt);
    CHECK(storage_error(SqliteError("x", SQLITE_NOTADB)).code == ErrorCode::corrupt);
    CHECK(storage_error(SqliteError("x", SQLITE_IOERR_WRITE)).code == ErrorCode::io);
    CHECK(storage_error(SqliteError("x", SQLITE_CONSTRAINT_CHECK)).code == ErrorCode::database);
    CHECK(classify_storage_fault(SQLITE_IOERR_FSYNC) == StorageFault::io);
    CHECK(classify_storage_fault(SQLITE_READONLY) == StorageFault::other);
    CHECK(classify_storage_fault(SQLITE_CONSTRAINT) == StorageFault::none);
}

TEST_CASE("a zeroed header found at start is moved aside as found and every record salvaged into a fresh file",
          "[core][kiosk-db]") {
    TempDir tmp;
    std::vector<std::string> ids;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        OpinionOutbox outbox(**db, "hall-1");
        auto c = lianxin::test::draft_under_consultation();
        for (int i = 0; i < 50; ++i) ids.push_back(*outbox.submit(article_draft("意见 " + std::to_string(i)), c, test_moment(i)));
        REQUIRE(outbox.mark_sent({ids[0], ids[1]}, 1'790'000'100'000).ok());
    }
    auto file = tmp.path() / "kiosk.db";
    {
        int fd = ::open(file.c_str(), O_WRONLY);
        REQUIRE(fd >= 0);
        std::string zeros(100, '\0');
        REQUIRE(::pwrite(fd, zeros.data(), zeros.size(), 0) == 100);
        ::close(fd);
    }
    std::string damaged = lianxin::test::read_text(file);
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    auto h = (*db)->health();
    REQUIRE(!h.moved_to.empty());
    CHECK(h.check == StorageHealth::Check::damaged);
    CHECK(h.moved_to.parent_path() == tmp.path() / "damaged");
    CHECK(lianxin::test::read_text(h.moved_to) == damaged);
    CHECK(h.damage_detail.find("not a database") != std::string::npos);
    CHECK(h.salvaged);
    CHECK(h.salvaged_records == 50);
    CHECK(h.salvage_left_out == 0);
    OpinionOutbox outbox(**db, "hall-1");
    auto pending = outbox.pending(100);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 48);  // the two sent ones stay sent
    CHECK(pending->front().id == ids[2]);
    CHECK(pending->back().id == ids[49]);
    auto sent = outbox.find(ids[0]);
    REQUIRE(sent.ok());
    CHECK(sent->sent_at_ms == 1'790'000'100'000);
}

TEST_CASE("damage found by the background check is published whole so a watcher never reads a salvage half-way",
          "[core][kiosk-db]") {
    // The kiosk logs each damage once, when it sees damaged_at_ms change; it once logged
    // "0 records salvaged" because it looked while the salvage was still running.
    TempDir tmp;
    const int n = 1500;
    lianxin::test::seed_opinions(tmp.path(), n);
    lianxin::test::null_out_opinion(tmp.path() / "kiosk.db", 7);
    // As the kiosk opens it: the check runs on its own thread while the first screens draw.
    auto db = KioskDb::open(tmp.path(), KioskDb::Check::in_background);
    REQUIRE(db.ok());
    StorageHealth seen;
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < give_up) {
        seen = (*db)->health();
        if (seen.damaged_at_ms != 0) break;
    }
    REQUIRE(seen.damaged_at_ms != 0);
    CHECK(seen.check == StorageHealth::Check::damaged);
    CHECK(!seen.moved_to.empty());
    CHECK(seen.salvaged);
    CHECK(seen.salvaged_records == static_cast<std::size_t>(n - 1));
    CHECK(seen.salvage_left_out == 1);
}

TEST_CASE("salvaging the same file twice into one kiosk.db counts each record once", "[core][kiosk-db]") {
    TempDir src, out;
    std::vector<std::string> ids;
    {
        auto db = KioskDb::open(src.path());
        REQUIRE(db.ok());
        OpinionOutbox outbox(**db, "hall-1");
        for (int i = 0; i < 20; ++i)
            ids.push_back(*outbox.submit(article_draft("意见 " + std::to_string(i)), lianxin::test::draft_under_consultation(), test_moment(i)));
    }
    auto db = KioskDb::open(out.path());
    REQUIRE(db.ok());
    auto first = (*db)->locked([&](SqliteDb& s) { return salvage_kiosk_db(src.path() / "kiosk.db", s); });
    REQUIRE(first.ok());
    CHECK(first->total_kept() == 20);
    auto again = (*db)->locked([&](SqliteDb& s) { return salvage_kiosk_db(src.path() / "kiosk.db", s); });
    REQUIRE(again.ok());
    CHECK(again->total_kept() == 0);
    std::size_t already = 0;
    for (auto& t : again->tables) already += t.already;
    CHECK(already == 20);
    OpinionOutbox outbox(**db, "hall-1");
    CHECK(*outbox.count_pending() == 20);
}
