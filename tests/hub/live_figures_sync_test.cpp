// The live figures end to end over HTTP on loopback against the real HubServer, on both store
// back-ends: two sites' kiosks push opinions, passports and guestbook entries, staff adopt some; the
// figures block in the next sync reply matches the store, and the kiosk keeps it in kiosk.db beside
// its own counts, which are current before any sync.
#include <catch2/catch.hpp>

#include "core/sync/live_figures.h"
#include "tests/hub/live_hub.h"
#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

struct Site {
    RegisteredKiosk reg;
    std::unique_ptr<LocalKiosk> kiosk;
    std::int64_t cursor = 0;
};

struct Rig {
    TempDir tmp;
    LiveHub hub;
    SecretKey admin = generate_key();
    Site one, two;

    explicit Rig(const std::string& backend) : hub(fresh_spec(backend, tmp)) {
        hub.config.publisher_keys = {demo_publisher_key()};
        hub.start();
        REQUIRE(hub.store().add_admin_key(admin.pub, live_ms()).ok());
        std::string sig = read_text(demo_dir() / "demo.lxb.sig");
        auto r = send(hub.url(), "POST", "/api/v1/admin/bundles", read_text(demo_dir() / "demo.lxb"), &admin, live_ms(),
                      {{"Content-Type", "application/octet-stream"},
                       {"X-Lianxin-Bundle-Signature",
                        to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
        INFO(r.body);
        REQUIRE(r.status == 201);
        for (auto [site, name] : {std::pair<Site*, const char*>{&one, "hall-1"}, std::pair<Site*, const char*>{&two, "hall-2"}}) {
            site->reg = register_in_store(hub.store(), name);
            site->kiosk = std::make_unique<LocalKiosk>(site->reg, hub.certificate_key.pub, name);
        }
    }

    // One round of the sync agent's work, over HTTP.
    SyncReply sync(Site& s) {
        SyncPush push = s.kiosk->push(s.cursor);
        auto r = send(hub.url(), "POST", "/api/v1/sync", to_json(push), &s.reg.key, live_ms());
        INFO(r.body.substr(0, 600));
        REQUIRE(r.status == 200);
        auto reply = parse_sync_reply(r.body);
        if (!reply) FAIL(reply.error().detail);
        REQUIRE(mark_held(*s.kiosk->outbox, *s.kiosk->book, *s.kiosk->records, push, *reply, live_ms()).ok());
        auto applied = apply_sync_reply(*s.kiosk->db, *s.kiosk->book, *reply, live_ms());
        REQUIRE(applied.ok());
        CHECK(applied->skipped.empty());
        s.cursor = reply->cursor;
        return *reply;
    }
};

GuestbookDraft delegation(const std::string& who, int people) {
    GuestbookDraft g;
    g.organisation = who;
    g.origin = "四川省成都市";
    g.people = people;
    return g;
}

}  // namespace

TEST_CASE("the district's live figures in a sync reply match the store and are kept by the kiosk",
          "[hub][http][figures]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    Rig rig(backend);
    LocalKiosk& a = *rig.one.kiosk;
    LocalKiosk& b = *rig.two.kiosk;

    // Site one: three opinions (one with a passport), a delegation of 18. Site two: two opinions,
    // two passports, two delegations.
    Passport pa = a.passport();
    OpinionId a1 = a.opinion(pa.id), a2 = a.opinion(), a3 = a.opinion();
    REQUIRE(a.records->submit_guestbook(delegation("武侯区人大常委会", 18), a.now()).ok());
    b.passport();
    b.passport();
    OpinionId b1 = b.opinion(), b2 = b.opinion();
    REQUIRE(b.records->submit_guestbook(delegation("青羊区人大代表小组", 6), b.now()).ok());
    REQUIRE(b.records->submit_guestbook(delegation("成都市人大常委会法工委", 4), b.now()).ok());

    // Before any sync, the kiosk's own counts are there and there is no district block.
    auto before = load_live_figures(*a.db, "hall-1");
    REQUIRE(before.ok());
    CHECK(before->here == LocalFigures{3, 0, 1, 1});
    CHECK_FALSE(before->district);

    rig.sync(rig.two);
    SyncReply first = rig.sync(rig.one);
    REQUIRE(first.figures);
    CHECK(first.figures->opinions == 5);
    CHECK(first.figures->adopted == 0);
    CHECK(first.figures->passports == 3);
    CHECK(first.figures->delegations == 3);
    CHECK(first.figures->delegation_people == 28);

    // Staff decide: one of each site's adopted or partly adopted, one not adopted.
    REQUIRE(rig.hub.store().set_status(a1, OpinionStatus::adopted, "采纳。", live_ms()).ok());
    REQUIRE(rig.hub.store().set_status(b2, OpinionStatus::partly_adopted, "部分采纳。", live_ms()).ok());
    REQUIRE(rig.hub.store().set_status(a2, OpinionStatus::not_adopted, "不予采纳。", live_ms()).ok());
    SyncReply second = rig.sync(rig.one);
    REQUIRE(second.figures);

    // The block is what the store holds, counted another way: every opinion listed, by status.
    hub::OpinionFilter all;
    all.limit = 1000;
    auto listed = rig.hub.store().list_opinions(all);
    REQUIRE(listed.ok());
    std::int64_t adopted = 0, on_property = 0;
    for (auto& o : *listed) {
        if (o.status == OpinionStatus::adopted || o.status == OpinionStatus::partly_adopted) ++adopted;
        if (o.opinion.consultation_id == "property-rules") ++on_property;
    }
    auto passports = rig.hub.store().passport_counts();
    auto guestbook = rig.hub.store().guestbook_counts();
    REQUIRE(passports.ok());
    REQUIRE(guestbook.ok());
    const DistrictFigures& d = *second.figures;
    CHECK(d.opinions == static_cast<std::int64_t>(listed->size()));
    CHECK(d.opinions == 5);
    CHECK(d.adopted == adopted);
    CHECK(d.adopted == 2);
    CHECK(d.passports == passports->passports);
    CHECK(d.delegations == guestbook->entries);
    CHECK(d.delegation_people == guestbook->people);
    // The demo's open drafts in the kiosk's order; every opinion here is on the first.
    REQUIRE(d.consultations.size() == 2);
    CHECK(d.consultations[0] == ConsultationFigure{"property-rules", on_property});
    CHECK(d.consultations[1] == ConsultationFigure{"elderly-meals", 0});

    // The kiosk keeps it with the moment it took it, and its own counts with its adopted opinion.
    auto kept = load_live_figures(*a.db, "hall-1");
    REQUIRE(kept.ok());
    REQUIRE(kept->district);
    CHECK(*kept->district == d);
    CHECK(kept->district_as_of_ms > 0);
    CHECK(kept->here == LocalFigures{3, 1, 1, 1});
    auto kept_two = load_live_figures(*b.db, "hall-2");
    REQUIRE(kept_two.ok());
    CHECK(kept_two->here == LocalFigures{2, 0, 2, 2});
    (void)a3;
    (void)b1;
}

TEST_CASE("the store's figures stay within the protocol's limits", "[hub][store][figures]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    auto store = open_ok(fresh_spec(backend, tmp));
    // Without content to say which drafts are open: those with the most opinions, none listed twice,
    // an id that is not a consultation's left out, at most the limit.
    std::vector<std::string> many;
    for (std::size_t i = 0; i < kLiveFiguresMaxConsultations + 3; ++i) many.push_back("draft-" + std::to_string(i));
    many.push_back("draft-0");
    many.push_back("../etc");
    auto f = store->district_figures(many);
    REQUIRE(f.ok());
    CHECK(f->consultations.size() == kLiveFiguresMaxConsultations);
    CHECK_FALSE(district_figures_problem(*f));
    auto none = store->district_figures(std::nullopt);
    REQUIRE(none.ok());
    CHECK(none->consultations.empty());
    CHECK(none->opinions == 0);
}
