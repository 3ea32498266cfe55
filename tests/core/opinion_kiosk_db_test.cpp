// kiosk.db (core/storage/kiosk_db.h): created private, in WAL mode with synchronous=FULL, migrated
// by user_version; foreign, damaged and newer files are refused and left as they were.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/storage/kiosk_db.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::TempDir;

namespace {

std::string text_pragma(KioskDb& db, const std::string& name) {
    return db.locked([&](SqliteDb& s) {
        auto st = s.prepare("PRAGMA " + name);
        REQUIRE(st.step());
        return st.text(0);
    });
}

std::int64_t int_pragma(KioskDb& db, const std::string& name) {
    return db.locked([&](SqliteDb& s) { return s.pragma_int(name); });
}

std::string detail_of(const Result<std::unique_ptr<KioskDb>>& r) {
    return r ? std::string("(opened)") : r.error().detail;
}

}  // namespace

TEST_CASE("kiosk.db is created in the data folder with WAL and synchronous=FULL",
          "[core][opinions][kiosk-db]") {
    TempDir tmp;
    auto data = tmp.path() / "kiosk-data" / "nested";
    auto db = KioskDb::open(data);
    INFO(detail_of(db));
    REQUIRE(db.ok());
    CHECK((*db)->path() == data / "kiosk.db");
    CHECK(fs::exists(data / "kiosk.db"));

    // Asked of the connection the outbox writes through.
    CHECK(text_pragma(**db, "journal_mode") == "wal");
    CHECK(int_pragma(**db, "synchronous") == 2);  // 2 = FULL
    CHECK(int_pragma(**db, "secure_delete") == 1);
    CHECK(int_pragma(**db, "user_version") == kKioskDbSchema);
    CHECK(int_pragma(**db, "application_id") == kKioskDbApplicationId);
    CHECK(int_pragma(**db, "foreign_keys") == 0);

    // WAL is a property of the file: a separate connection sees it too.
    SqliteDb other((data / "kiosk.db").string(), SqliteDb::Mode::read_only);
    auto st = other.prepare("PRAGMA journal_mode");
    REQUIRE(st.step());
    CHECK(st.text(0) == "wal");
    auto tables =
        other.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    std::vector<std::string> names;
    while (tables.step()) names.push_back(tables.text(0));
    CHECK(names == std::vector<std::string>{"certificates", "district_consultation_figures", "district_figures",
                                            "guestbook", "meeting_requests", "meeting_statuses", "opinion_statuses",
                                            "opinion_traces", "opinions", "passports", "revoked_certificates", "stamps",
                                            "sync_problems", "sync_state"});
}

TEST_CASE("kiosk.db is readable by its owner only (it holds contact details)",
          "[core][opinions][kiosk-db]") {
    TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    struct stat st {};
    REQUIRE(::stat((tmp.path() / "kiosk.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("opening kiosk.db again keeps its data and migrates nothing twice",
          "[core][opinions][kiosk-db]") {
    TempDir tmp;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        (*db)->locked([](SqliteDb& s) {
            s.exec(
                "INSERT INTO opinions(id, consultation, stance, text, contact_consent, lang, "
                "kiosk, created_at) "
                "VALUES('x', 'c', 'support', 'kept', 0, 'zh', 'k', 1)");
        });
    }
    auto db = KioskDb::open(tmp.path());
    INFO(detail_of(db));
    REQUIRE(db.ok());
    CHECK(int_pragma(**db, "user_version") == kKioskDbSchema);
    CHECK(int_pragma(**db, "synchronous") == 2);  // per connection: set again on every open
    auto text = (*db)->locked([](SqliteDb& s) {
        auto st = s.prepare("SELECT text FROM opinions WHERE id = 'x'");
        REQUIRE(st.step());
        return st.text(0);
    });
    CHECK(text == "kept");
}

TEST_CASE("the opinions table refuses contact details without consent, whatever the caller",
          "[core][opinions][kiosk-db]") {
    TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    CHECK_THROWS_AS((*db)->locked([](SqliteDb& s) {
        s.exec(
            "INSERT INTO opinions(id, consultation, stance, text, contact_phone, contact_consent, "
            "lang, kiosk, "
            "created_at) VALUES('x', 'c', 'support', 't', '13812345678', 0, 'zh', 'k', 1)");
    }),
                    SqliteError);
    CHECK_THROWS_AS((*db)->locked([](SqliteDb& s) {
        s.exec(
            "INSERT INTO opinions(id, consultation, stance, text, contact_consent, lang, kiosk, "
            "created_at) "
            "VALUES('y', 'c', 'maybe', 't', 0, 'zh', 'k', 1)");
    }),
                    SqliteError);
}

TEST_CASE("a kiosk.db from a newer program is refused and left untouched",
          "[core][opinions][kiosk-db]") {
    TempDir tmp;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        (*db)->locked([](SqliteDb& s) { s.exec("PRAGMA user_version=99"); });
    }
    auto db = KioskDb::open(tmp.path());
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == ErrorCode::bad_schema);
    CHECK(db.error().detail ==
          (tmp.path() / "kiosk.db").string() +
              " has kiosk database schema 99; this program knows up to " + std::to_string(kKioskDbSchema) +
              " (was it written by a "
              "newer Lianxin?)");
    SqliteDb raw((tmp.path() / "kiosk.db").string(), SqliteDb::Mode::read_only);
    CHECK(raw.pragma_int("user_version") == 99);
}

TEST_CASE("a file that is not a kiosk database is refused or set aside when it is not a database at all",
          "[core][opinions][kiosk-db]") {
    TempDir tmp;
    auto path = tmp.path() / "kiosk.db";
    SECTION("another SQLite database") {
        {
            SqliteDb other(path.string(), SqliteDb::Mode::read_write_create);
            other.exec("CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('mine')");
        }
        auto db = KioskDb::open(tmp.path());
        REQUIRE_FALSE(db.ok());
        CHECK(db.error().code == ErrorCode::corrupt);
        CHECK(db.error().detail ==
              path.string() + " is a SQLite database but not a Lianxin kiosk database");
        SqliteDb raw(path.string(), SqliteDb::Mode::read_only);
        CHECK(raw.pragma_int("user_version") == 0);
        auto st = raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'opinions'");
        REQUIRE(st.step());
        CHECK(st.integer(0) == 0);
    }
    SECTION("not SQLite at all: taken for damage, moved aside untouched, a fresh file used") {
        std::string junk(8192, 'j');
        lianxin::test::write_text(path, junk);
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        auto h = (*db)->health();
        REQUIRE(!h.moved_to.empty());
        CHECK(lianxin::test::read_text(h.moved_to) == junk);
        CHECK_THAT(h.damage_detail, Catch::Contains("file is not a database"));
    }
}

TEST_CASE("a data folder that cannot be created is an io error", "[core][opinions][kiosk-db]") {
    TempDir tmp;
    lianxin::test::write_text(tmp.path() / "file", "x");
    auto db = KioskDb::open(tmp.path() / "file" / "data");
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == ErrorCode::io);
    CHECK_THAT(db.error().detail, Catch::StartsWith("cannot create the data folder"));
}
