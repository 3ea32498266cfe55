// Opening hub stores that cannot or must not be opened: specs that are wrong, places that do
// not exist, servers that do not answer, and files or databases that are not ours (refused, and
// left exactly as they were).
#include <filesystem>

#include "core/storage/kiosk_db.h"
#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

TEST_CASE("bad store specs give errors that say what to do", "[hub]") {
    auto missing = hub::open_store("sqlite:/nonexistent/dir/x.db");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::io);
    CHECK_THAT(missing.error().detail, Catch::Contains("/nonexistent/dir/x.db") &&
                                           Catch::Contains("create the folder /nonexistent/dir"));
    CHECK_FALSE(fs::exists("/nonexistent/dir"));

    auto down = hub::open_store("postgresql://127.0.0.1:1/nodb");
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().code == ErrorCode::io);
    CHECK_THAT(down.error().detail,
               Catch::Contains("cannot connect to PostgreSQL at postgresql://127.0.0.1:1/nodb") &&
                   Catch::Contains("Is the server running"));

    auto secret = hub::open_store("postgresql://hub:s3cret@127.0.0.1:1/nodb");
    REQUIRE_FALSE(secret.ok());
    CHECK_THAT(secret.error().detail, !Catch::Contains("s3cret"));

    auto mysql = hub::open_store("mysql://hub:pw@db.example.org/lianxin");
    REQUIRE_FALSE(mysql.ok());
    CHECK(mysql.error().code == ErrorCode::invalid_input);
    CHECK_THAT(mysql.error().detail,
               Catch::Contains("unknown store") && Catch::Contains("sqlite:PATH") &&
                   Catch::Contains("postgresql://") && !Catch::Contains(":pw@"));

    auto empty = hub::open_store("sqlite:");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == ErrorCode::invalid_input);
}

TEST_CASE("a database that is not a hub store is refused and left untouched", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    if (backend == "sqlite") {
        // Not SQLite at all.
        fs::path text = dir / "notes.txt";
        write_text(text, "these are not the tables you are looking for\n");
        auto r = hub::open_store("sqlite:" + text.string());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail, Catch::Contains("not a SQLite database"));
        CHECK(read_text(text) == "these are not the tables you are looking for\n");

        // SQLite, but a kiosk's database.
        {
            auto kiosk = KioskDb::open(dir / "kiosk");
            REQUIRE(kiosk.ok());
        }
        fs::path kiosk_db = dir / "kiosk" / kKioskDbFileName;
        std::string before = read_text(kiosk_db);
        auto k = hub::open_store("sqlite:" + kiosk_db.string());
        REQUIRE_FALSE(k.ok());
        CHECK(k.error().code == ErrorCode::corrupt);
        CHECK_THAT(k.error().detail, Catch::Contains("not a Lianxin hub store"));
        CHECK(read_text(kiosk_db) == before);
    } else {
        auto& server = PostgresServer::instance();
        std::string uri = server.new_database();
        std::string name = uri.substr(uri.rfind('/') + 1);
        server.exec(name,
                    "CREATE TABLE customers(id int PRIMARY KEY, name text); INSERT INTO customers "
                    "VALUES (1, 'x')");
        auto r = hub::open_store(uri);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail,
                   Catch::Contains("customers") && Catch::Contains("empty database"));
        // Nothing was created beside the foreign table.
        server.exec(name,
                    "DO $$ BEGIN IF (SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = 'public') <> 1 THEN RAISE EXCEPTION 'tables were added'; "
                    "END IF; END $$");
    }
}

TEST_CASE("a store written by a newer program is refused", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    std::string spec = fresh_spec(backend, dir);
    open_ok(spec).reset();
    if (backend == "sqlite") {
        auto r = run_command("sqlite3 " + (dir / "hub.db").string() +
                             " 'UPDATE schema_version SET version = 99'");
        REQUIRE(r.exit_code == 0);
    } else {
        PostgresServer::instance().exec(spec.substr(spec.rfind('/') + 1),
                                        "UPDATE schema_version SET version = 99");
    }
    auto r = hub::open_store(spec);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::bad_schema);
    CHECK_THAT(r.error().detail, Catch::Contains("newer Lianxin"));
}
