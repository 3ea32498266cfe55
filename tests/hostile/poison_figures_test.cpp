// Poison live figures from a hub: negative or huge counts, lists past the limit, ids that are not
// consultations, contradictions. The kiosk refuses the whole block, keeps nothing of it (the last
// good figures stay, with their date), reports it, and its sync goes on — parsed and applied
// directly, and through the real sync agent against a hub on loopback that sends them.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

#include "core/sync/live_figures.h"
#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;
using json = nlohmann::json;

namespace {

json good_block() {
    return {{"opinions", 120}, {"adopted", 30},  {"passports", 64}, {"delegations", 9}, {"delegation_people", 180},
            {"consultations", {{{"id", "property-rules"}, {"opinions", 80}}, {{"id", "old-town"}, {"opinions", 12}}}}};
}

// Each a block the kiosk must refuse whole, with why.
std::vector<std::pair<std::string, json>> poison_blocks() {
    std::vector<std::pair<std::string, json>> out;
    auto with = [&](const std::string& why, auto&& change) {
        json b = good_block();
        change(b);
        out.emplace_back(why, b);
    };
    with("negative count", [](json& b) { b["opinions"] = -1; });
    with("negative people", [](json& b) { b["delegation_people"] = -5; });
    with("count past the limit", [](json& b) { b["passports"] = kLiveFigureMax + 1; });
    with("count past int64", [](json& b) { b["delegations"] = json::parse("18446744073709551615"); });
    with("fraction", [](json& b) { b["adopted"] = 1.5; });
    with("count as text", [](json& b) { b["opinions"] = "120"; });
    with("missing count", [](json& b) { b.erase("adopted"); });
    with("more adopted than collected", [](json& b) { b["adopted"] = 121; });
    with("a draft with more than the district", [](json& b) { b["consultations"][0]["opinions"] = 121; });
    with("negative draft count", [](json& b) { b["consultations"][1]["opinions"] = -2; });
    with("unknown consultation id form", [](json& b) { b["consultations"][0]["id"] = "../../etc/passwd"; });
    with("over-long consultation id", [](json& b) { b["consultations"][0]["id"] = std::string(21, 'a'); });
    with("empty consultation id", [](json& b) { b["consultations"][0]["id"] = ""; });
    with("the same consultation twice", [](json& b) { b["consultations"][1]["id"] = "property-rules"; });
    with("consultations not a list", [](json& b) { b["consultations"] = "property-rules"; });
    with("a consultation not an object", [](json& b) { b["consultations"][0] = 5; });
    with("too many consultations", [](json& b) {
        json list = json::array();
        for (std::size_t i = 0; i <= kLiveFiguresMaxConsultations; ++i)
            list.push_back({{"id", "draft-" + std::to_string(i)}, {"opinions", 1}});
        b["consultations"] = list;
    });
    with("a huge list", [](json& b) {
        json list = json::array();
        for (int i = 0; i < 100000; ++i) list.push_back({{"id", "d" + std::to_string(i)}, {"opinions", 0}});
        b["consultations"] = list;
    });
    out.emplace_back("not an object", json::array({1, 2, 3}));
    out.emplace_back("a number", json(7));
    return out;
}

json reply_with(const json& figures, std::int64_t cursor) {
    return {{"protocol", 1}, {"cursor", cursor}, {"more", false}, {"figures", figures}};
}

}  // namespace

TEST_CASE("hostile: a poison figures block is refused whole, the last good figures stay and the cursor moves",
          "[hostile][sync][poison][figures]") {
    TempDir tmp;
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    PassportBook book(**db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {generate_key().pub}, "https://x.example"});

    auto first = parse_sync_reply(reply_with(good_block(), 5).dump());
    REQUIRE(first.ok());
    REQUIRE(first->figures);
    REQUIRE(apply_sync_reply(**db, book, *first, 1'000).ok());
    auto before = load_live_figures(**db, "hall-1");
    REQUIRE(before.ok());
    REQUIRE(before->district);
    CHECK(before->district->opinions == 120);
    CHECK(before->district->consultations.size() == 2);
    CHECK(before->district_as_of_ms == 1'000);

    std::int64_t cursor = 5, skipped = 0;
    for (auto& [why, block] : poison_blocks()) {
        INFO(why);
        auto parsed = parse_sync_reply(reply_with(block, ++cursor).dump());
        REQUIRE(parsed.ok());  // the reply stands; only its figures are refused
        CHECK_FALSE(parsed->figures);
        REQUIRE(parsed->skipped.size() == 1);
        CHECK(parsed->skipped[0].kind == "figures");
        CHECK(parsed->skipped[0].reason.size() <= kSyncMaxReasonBytes);
        REQUIRE(apply_sync_reply(**db, book, *parsed, 2'000 + cursor).ok());
        ++skipped;
        auto now = load_live_figures(**db, "hall-1");
        REQUIRE(now.ok());
        REQUIRE(now->district);
        CHECK(*now->district == *before->district);  // nothing of the poison kept
        CHECK(now->district_as_of_ms == 1'000);      // and the date still says when the good one came
        CHECK(load_sync_state(**db)->cursor == cursor);
    }
    CHECK(count_sync_problems(**db)->skipped_here == static_cast<std::size_t>(skipped));

    // A block past the parser (a future hub's rule looser than kiosk.db's) is refused by kiosk.db
    // whole: its rows are rolled back together and the rest of the reply applies.
    SyncReply sneaky;
    sneaky.cursor = 900;
    sneaky.figures = DistrictFigures{10, 11, 0, 0, 0, {}};  // adopted > opinions: the CHECK refuses it
    auto applied = apply_sync_reply(**db, book, sneaky, 3'000);
    REQUIRE(applied.ok());
    CHECK(applied->skipped.size() == 1);
    CHECK(*load_live_figures(**db, "hall-1")->district == *before->district);
    CHECK(load_sync_state(**db)->cursor == 900);
}

// A hub on loopback that holds every record pushed and answers with whatever figures block the test
// sets: the kiosk's real sync agent over real HTTP.
class FiguresHub {
public:
    FiguresHub() {
        server_.Post("/api/v1/sync", [this](const httplib::Request& req, httplib::Response& res) {
            auto push = parse_sync_push(req.body);
            if (!push) {
                res.status = 400;
                return;
            }
            json reply = {{"protocol", 1}, {"cursor", ++cursor_}, {"more", false}};
            std::vector<std::string> held;
            for (auto& o : push->opinions) held.push_back(o.id);
            reply["held_opinions"] = held;
            {
                std::lock_guard lock(m_);
                reply["figures"] = figures_;
                ++replies_;
            }
            res.set_content(reply.dump(), "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        REQUIRE(eventually([&] { return server_.is_running(); }));
    }
    ~FiguresHub() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void set_figures(json f) {
        std::lock_guard lock(m_);
        figures_ = std::move(f);
    }
    int replies() {
        std::lock_guard lock(m_);
        return replies_;
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::atomic<std::int64_t> cursor_{0};
    std::mutex m_;
    json figures_;
    int replies_ = 0;
};

TEST_CASE("hostile: a hub sending poison figures never halts a kiosk's sync", "[hostile][sync][poison][figures]") {
    FiguresHub hub;
    RegisteredKiosk reg;
    reg.code = "JJ1";
    LocalKiosk kiosk(reg, generate_key().pub);
    auto blocks = poison_blocks();
    hub.set_figures(blocks[0].second);  // negative count

    SyncAgent agent(*kiosk.db, *kiosk.outbox, *kiosk.book, *kiosk.records, rig_agent_config(hub.url(), reg), [] {});
    OpinionId first = kiosk.opinion();
    agent.start();
    auto pending = [&] { return *count_outbox(*kiosk.outbox, *kiosk.book, *kiosk.records); };
    auto figures = [&] { return load_live_figures(*kiosk.db, "hall-1"); };

    // Records go, the cursor moves, the block is refused and reported; nothing of it is stored.
    REQUIRE(eventually([&] { return pending() == 0 && agent.status().last_success_ms > 0; }));
    CHECK(agent.status().last_error.empty());
    CHECK_FALSE(figures()->district);
    REQUIRE(eventually([&] { return agent.status().skipped_changes >= 1; }));
    CHECK_THAT(agent.status().last_problem, Catch::Contains("figures"));

    // Every other kind of poison in turn: sync keeps going, a new opinion still reaches the hub.
    for (std::size_t i = 1; i < blocks.size(); i += 4) {
        INFO(blocks[i].first);
        hub.set_figures(blocks[i].second);
        int seen = hub.replies();
        kiosk.opinion();
        agent.nudge();
        REQUIRE(eventually([&] { return pending() == 0 && hub.replies() > seen + 1; }));
        CHECK_FALSE(figures()->district);
        CHECK(agent.status().state != SyncState::refused);
    }
    CHECK(load_sync_state(*kiosk.db)->cursor > 1);

    // A good block afterwards is taken at once.
    hub.set_figures(good_block());
    agent.nudge();
    REQUIRE(eventually([&] { return figures()->district.has_value(); }));
    CHECK(figures()->district->opinions == 120);
    CHECK(figures()->here.opinions == static_cast<std::int64_t>(kiosk.opinions.size()));
    (void)first;
    agent.stop();
}
