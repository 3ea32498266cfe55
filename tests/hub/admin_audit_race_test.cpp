// The audit log under PostgreSQL's read committed, with another writer holding the row: a change
// that waited for it logs what it replaced (not what it read before waiting), and a kiosk revoked
// meanwhile by someone else keeps its first revocation time and logs nothing more.
#include <catch2/catch.hpp>

#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// A second connection to the store's database, holding a transaction open: another hub process.
class OtherWriter {
  public:
    explicit OtherWriter(const std::string& uri) : conn_(PQconnectdb(uri.c_str())) {
        REQUIRE(PQstatus(conn_) == CONNECTION_OK);
    }
    ~OtherWriter() { PQfinish(conn_); }
    void exec(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        INFO(PQerrorMessage(conn_));
        CHECK((PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK));
        PQclear(r);
    }

  private:
    PGconn* conn_;
};

// Runs `change` on a thread while `other` holds its transaction, then commits it: the change
// reads before the commit and has to wait for the row at its update.
template <typename F>
void racing(OtherWriter& other, F change) {
    std::thread t(change);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    other.exec("COMMIT");
    t.join();
}

}  // namespace

TEST_CASE("audit: a change that waited for another writer logs what it replaced", "[hub][admin][audit]") {
    const std::string spec = PostgresServer::instance().new_database();
    auto store = open_ok(spec);
    const hub::AdminActor admin{"a1b2c3d4e5f60718"};
    std::string kiosk = add_test_kiosk(*store, "hall-1");
    Opinion o = test_opinion("hall-1");
    SyncPush push;
    push.kiosk = kiosk;
    push.opinions = {o};
    REQUIRE(store->ingest(kiosk, push, test_ms()).ok());

    // Another hub sets the status first; this one's change waits for it and replaces its status.
    OtherWriter other(spec);
    other.exec("BEGIN");
    other.exec("UPDATE opinions SET status = 'included', reply = '已纳入' WHERE id = '" + o.id + "'");
    racing(other, [&] { CHECK(store->set_status(o.id, OpinionStatus::adopted, "采纳", test_ms(1), &admin).ok()); });
    auto log = store->list_audit({});
    REQUIRE(log.ok());
    REQUIRE(log->size() == 1);
    CHECK(nlohmann::json::parse(log->at(0).before) == nlohmann::json{{"status", "included"}, {"reply", "已纳入"}});

    // Another hub revokes the kiosk first: the first time stays, and nothing changed here to log.
    other.exec("BEGIN");
    other.exec("UPDATE kiosks SET revoked_at = " + std::to_string(test_ms(2)) + " WHERE id = '" + kiosk + "'");
    racing(other, [&] { CHECK(store->revoke_kiosk(kiosk, test_ms(3), &admin).ok()); });
    auto k = store->find_kiosk(kiosk);
    REQUIRE(k.ok());
    CHECK(k->revoked_at_ms == test_ms(2));
    CHECK(store->list_audit({})->size() == 1);
}
