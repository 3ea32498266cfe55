// The statistics' participants with passports, counted at a real hub on both store back-ends from
// what a real kiosk synced: every passport once (however many kiosks hold it), those with an
// opinion's stamp apart; a key without the reviewer's role is refused.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("hostile: the hub counts passports and those with an opinion, for reviewers only", "[hostile][stats]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    Passport with = rig.kiosk->passport();
    rig.kiosk->passport();  // taken, but no opinion yet
    rig.kiosk->passport();
    rig.kiosk->opinion(with.id);
    rig.kiosk->opinion(with.id);  // a second opinion: still one passport with an opinion
    rig.kiosk->opinion();         // an opinion without a passport
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));

    auto r = rig.call("GET", "/api/v1/admin/passports/count", "", rig.admin);
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto j = nlohmann::json::parse(r.body);
    CHECK(j["passports"] == 3);
    CHECK(j["with_opinion"] == 1);

    // An operator (kiosks only) may not read the figures of the visitors' participation.
    SecretKey operator_key = generate_key();
    REQUIRE(rig.hub.store().add_admin_key(operator_key.pub, rig.now(), static_cast<AdminRoles>(AdminRole::operator_)).ok());
    auto refused = rig.call("GET", "/api/v1/admin/passports/count", "", operator_key);
    CHECK(refused.status == 403);
}
