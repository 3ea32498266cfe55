// What the fleet view and `kiosk list` say about a kiosk: which warnings, in which order, and their
// words in both of the operator's languages (admin-tool/ops/fleet_ops.h).
#include <catch2/catch.hpp>

#include "admin-tool/ops/fleet_ops.h"

using namespace lianxin;
using namespace lianxin::admin;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

FleetKiosk healthy() {
    FleetKiosk k;
    k.id = "k1";
    k.name = "hall-1";
    k.last_contact_ms = kNow - 60'000;
    return k;
}

}  // namespace

TEST_CASE("a kiosk.db set aside or failing is a warning of its own, after silence and before sync errors",
          "[admin][fleet]") {
    CHECK(fleet_warnings(healthy(), kNow).empty());

    FleetKiosk k = healthy();
    k.storage = StorageReport{2, "kiosk-20270105-101500.db", kNow - 3'600'000, 412, 3, ""};
    CHECK(fleet_warnings(k, kNow) == std::vector<FleetWarning>{FleetWarning::db_set_aside});
    k.storage.fault = "storage_full: database or disk is full (13)";
    k.last_error = "kiosk.db: database or disk is full";
    k.last_contact_ms = kNow - kKioskSilentAfterMs - 1;
    CHECK(fleet_warnings(k, kNow) == std::vector<FleetWarning>{FleetWarning::silent, FleetWarning::storage_fault,
                                                               FleetWarning::db_set_aside, FleetWarning::sync_error});
    // A revoked kiosk is only that.
    k.revoked = true;
    CHECK(fleet_warnings(k, kNow) == std::vector<FleetWarning>{FleetWarning::revoked});
}

TEST_CASE("the set-aside warning names the file, how many wait, the salvage when known, and what to do",
          "[admin][fleet]") {
    FleetKiosk k = healthy();
    k.storage = StorageReport{2, "kiosk-20270105-101500.db", kNow - 3'600'000, 412, 3, ""};
    auto en = load_admin_text(Lang::en);
    auto zh = load_admin_text(Lang::zh);
    REQUIRE(en.ok());
    REQUIRE(zh.ok());
    std::string said = fleet_warning_text(*en, k, FleetWarning::db_set_aside, kNow);
    CHECK(said.find("set aside as kiosk-20270105-101500.db (2 waiting); 412 records salvaged, 3 could not be: fetch "
                    "DATA_DIR/damaged/") != std::string::npos);
    std::string zh_said = fleet_warning_text(*zh, k, FleetWarning::db_set_aside, kNow);
    CHECK(zh_said.find("kiosk-20270105-101500.db（共 2 个文件待取回），已抢救 412 条记录，3 条无法抢救") != std::string::npos);
    CHECK(zh_said.find("{}") == std::string::npos);
    // An earlier run's salvage: no counts, never "-1".
    k.storage.salvaged = k.storage.left_out = -1;
    said = fleet_warning_text(*en, k, FleetWarning::db_set_aside, kNow);
    CHECK(said.find("(2 waiting): fetch") != std::string::npos);
    CHECK(said.find("salvaged") == std::string::npos);
    // The fault, in the kiosk's own words.
    k.storage.fault = "read_only: attempt to write a readonly database (8)";
    CHECK(fleet_warning_text(*en, k, FleetWarning::storage_fault, kNow).find(k.storage.fault) != std::string::npos);
    CHECK(fleet_warning_text(*zh, k, FleetWarning::storage_fault, kNow).find(k.storage.fault) != std::string::npos);
    // Silence in the largest whole unit.
    k.last_contact_ms = kNow - 3 * 86'400'000LL;
    CHECK(fleet_warning_text(*en, k, FleetWarning::silent, kNow) == "Silent for 3 days");
}
