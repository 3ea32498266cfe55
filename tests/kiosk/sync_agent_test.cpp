// The sync agent against a real HTTP hub on loopback (cpp-httplib in this file): the hub verifies
// every signature with verify_request, stores records by id (so a repeat is harmless) and answers
// SyncReply. Records reach it and are marked sent; contact details are erased; the hub's changes
// land in kiosk.db; 500, a dropped connection, 401, a slow hub and a skewed clock are survived.
#include "kiosk/sync/sync_agent.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "core/base/uuid.h"
#include "core/sync/kiosk_sync.h"
#include "core/sync/request_signing.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using lianxin::test::TempDir;
using namespace std::chrono_literals;

namespace {

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Polls `done` until it holds or `limit` passes; every wait in these tests is bounded.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 10s) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

// How the test hub answers request number n (1-based).
enum class Behaviour { ok, fail_500, drop_mid_response, slow };

// A minimal hub: what the real one must do, in the fewest lines.
class TestHub {
  public:
    SecretKey certificate_key = generate_key();
    std::function<Behaviour(int)> behaviour;
    std::chrono::milliseconds slow_for{1500};
    std::size_t changes_per_reply = 100;
    bool duplicate_held = false;  // list every held id twice and add one never pushed

    TestHub() {
        server_.Post(kSyncPath, [this](const httplib::Request& q, httplib::Response& s) { handle(q, s); });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        REQUIRE(eventually([&] { return server_.is_running(); }));
    }
    ~TestHub() {
        server_.stop();
        thread_.join();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    void register_kiosk(const PublicKey& k, bool revoked = false) {
        std::lock_guard l(m_);
        keys_[k.id] = RequestKey{k, revoked};
    }
    // A change the hub will report to kiosks (sequence numbers from 1).
    void add_status(const OpinionId& o, OpinionStatus s, const std::string& reply) {
        std::lock_guard l(m_);
        changes_.push_back({o, s, reply, wall_ms()});
        kinds_.push_back(0);
    }
    void add_certificate(const std::string& token) {
        std::lock_guard l(m_);
        changes_.push_back({token, OpinionStatus::received, "", 0});
        kinds_.push_back(1);
    }
    void add_revocation(const std::string& serial) {
        std::lock_guard l(m_);
        changes_.push_back({serial, OpinionStatus::received, "", 0});
        kinds_.push_back(2);
    }

    int requests() const { return requests_.load(); }
    std::set<std::string> held_opinions() { std::lock_guard l(m_); return opinions_; }
    std::set<std::string> held_passports() { std::lock_guard l(m_); return passports_; }
    std::set<std::string> held_stamps() { std::lock_guard l(m_); return stamps_; }
    std::map<std::string, int> receptions() { std::lock_guard l(m_); return receptions_; }
    std::vector<SyncPush> pushes() { std::lock_guard l(m_); return pushes_; }
    std::vector<std::string> refusals() { std::lock_guard l(m_); return refusals_; }

  private:
    void error(httplib::Response& s, int status, const std::string& code, const std::string& msg) {
        s.status = status;
        s.set_content(nlohmann::json{{"error", code}, {"message", msg}}.dump(), "application/json");
        std::lock_guard l(m_);
        refusals_.push_back(code + ": " + msg);
    }

    void handle(const httplib::Request& q, httplib::Response& s) {
        int n = ++requests_;
        Behaviour b = behaviour ? behaviour(n) : Behaviour::ok;
        if (b == Behaviour::fail_500) return error(s, 500, "internal", "the store is down");
        if (b == Behaviour::slow) std::this_thread::sleep_for(slow_for);

        SignedHeaders h{q.get_header_value("X-Lianxin-Key"), q.get_header_value("X-Lianxin-Time"),
                        q.get_header_value("X-Lianxin-Nonce"), q.get_header_value("X-Lianxin-Signature")};
        auto v = verify_request(
            h, q.method, q.target, q.body, wall_ms(),
            [&](std::string_view id) -> std::optional<RequestKey> {
                std::lock_guard l(m_);
                auto it = keys_.find(std::string(id));
                if (it == keys_.end()) return std::nullopt;
                return it->second;
            },
            [&](std::string_view id, std::string_view nonce, std::int64_t) {
                std::lock_guard l(m_);
                return !nonces_.insert(std::string(id) + "/" + std::string(nonce)).second;
            });
        if (!v)
            return error(s, request_problem_http_status(v.error().problem), request_problem_name(v.error().problem),
                         v.error().detail);
        auto push = parse_sync_push(q.body);
        if (!push) return error(s, push.error().code == ErrorCode::too_large ? 413 : 400, "bad_request", push.error().detail);

        // The kiosk sends a passport no later than the records that refer to it.
        bool ordered = true;
        {
            std::lock_guard l(m_);
            std::set<std::string> known = passports_;
            for (auto& p : push->passports) known.insert(p.id);
            for (auto& o : push->opinions) ordered &= o.passport_id.empty() || known.count(o.passport_id) > 0;
            for (auto& st : push->stamps) ordered &= known.count(st.passport) > 0;
        }
        if (!ordered) return error(s, 400, "bad_request", "a record refers to a passport the hub does not hold");
        SyncReply r;
        {
            std::lock_guard l(m_);
            pushes_.push_back(*push);
            // Upsert by id: a record received twice is still one record.
            for (auto& p : push->passports) {
                passports_.insert(p.id);
                ++receptions_[p.id];
                r.held_passports.push_back(p.id);
            }
            for (auto& o : push->opinions) {
                opinions_.insert(o.id);
                ++receptions_[o.id];
                r.held_opinions.push_back(o.id);
            }
            for (auto& st : push->stamps) {
                stamps_.insert(st.id);
                ++receptions_[st.id];
                r.held_stamps.push_back(st.id);
            }
            if (duplicate_held) {
                auto twice = [](std::vector<std::string>& v) {
                    auto copy = v;
                    v.insert(v.end(), copy.begin(), copy.end());
                };
                twice(r.held_opinions);
                twice(r.held_passports);
                twice(r.held_stamps);
                r.held_opinions.push_back(new_uuid_v7(wall_ms()));
            }
            // Changes after the kiosk's cursor, a page at a time.
            auto from = static_cast<std::size_t>(push->cursor);
            auto to = std::min(changes_.size(), from + changes_per_reply);
            for (auto i = from; i < to; ++i) {
                if (kinds_[i] == 0) r.statuses.push_back(changes_[i]);
                if (kinds_[i] == 1) r.certificates.push_back(changes_[i].opinion);
                if (kinds_[i] == 2) r.revoked_certificates.push_back(changes_[i].opinion);
            }
            r.cursor = static_cast<std::int64_t>(std::max(from, to));
            r.more = to < changes_.size();
            r.bundle_version = "2027.02.01";
        }
        std::string body = to_json(r);
        if (b == Behaviour::drop_mid_response) {
            // Stored, but the kiosk never hears it: half the body, then the connection closes.
            s.set_content_provider(body.size(), "application/json",
                                   [body](std::size_t, std::size_t, httplib::DataSink& sink) {
                                       sink.write(body.data(), body.size() / 2);
                                       return false;
                                   });
            return;
        }
        s.set_content(body, "application/json");
    }

    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::atomic<int> requests_{0};
    std::mutex m_;
    std::map<std::string, RequestKey> keys_;
    std::set<std::string> nonces_;
    std::set<std::string> opinions_, passports_, stamps_;
    std::map<std::string, int> receptions_;
    std::vector<SyncPush> pushes_;
    std::vector<std::string> refusals_;
    std::vector<StatusChange> changes_;  // certificates and revocations ride in `opinion`
    std::vector<int> kinds_;
};

Moment moment(std::int64_t plus_ms = 0) { return Moment{wall_ms() + plus_ms, {2027, 1, 10}}; }

struct Kiosk {
    TempDir tmp;
    std::unique_ptr<KioskDb> db;
    SecretKey key = generate_key();
    std::unique_ptr<PassportBook> book;
    std::unique_ptr<OpinionOutbox> outbox;
    std::unique_ptr<StationRecords> records;
    std::unique_ptr<SyncAgent> agent;
    std::mutex states_m;
    std::vector<SyncStatus> seen;  // every status the UI was woken for
    std::atomic<int> wakes{0};

    explicit Kiosk(const PublicKey& hub_certificate_key) {
        auto d = KioskDb::open(tmp.path());
        REQUIRE(d.ok());
        db = std::move(*d);
        book = std::make_unique<PassportBook>(
            *db, PassportSettings{"hall-1", "JJ1", key, {}, {hub_certificate_key}, "https://lianxin.example.org"});
        outbox = std::make_unique<OpinionOutbox>(*db, "hall-1");
        records = std::make_unique<StationRecords>(*db, "hall-1");
    }
    ~Kiosk() {
        if (agent) agent->stop();
    }

    SyncAgentConfig config(const std::string& url) {
        SyncAgentConfig c;
        c.hub_url = url;
        c.kiosk_id = "kiosk-0001";
        c.kiosk_key = key;
        c.app_version = "test";
        c.content_version = "2027.01.05";
        c.interval_ms = 60'000;  // only nudges and retries drive these tests
        c.backoff_initial_ms = 100;
        c.backoff_max_ms = 400;
        c.refused_retry_ms = 60'000;
        c.connect_timeout_ms = 2'000;
        c.total_timeout_ms = 5'000;
        c.random_unit = [] { return 0.5; };
        return c;
    }

    void start(SyncAgentConfig c) {
        agent = std::make_unique<SyncAgent>(*db, *outbox, *book, *records, std::move(c), [this] {
            ++wakes;
            std::lock_guard l(states_m);
            seen.push_back(agent->status());
        });
        agent->start();
    }

    bool saw(SyncState s) {
        std::lock_guard l(states_m);
        return std::any_of(seen.begin(), seen.end(), [&](const SyncStatus& x) { return x.state == s; });
    }
    std::vector<SyncStatus> statuses() {
        std::lock_guard l(states_m);
        return seen;
    }

    OpinionId opinion(const std::string& passport = "", bool contact = false, std::int64_t plus_ms = 0) {
        OpinionDraft d;
        d.article = 3;
        d.text = "收费应当按季度公示。";
        d.passport_id = passport;
        if (contact) {
            d.contact_name = "王芳";
            d.contact_phone = "13812345678";
            d.contact_consent = true;
        }
        auto r = outbox->submit(d, lianxin::test::draft_under_consultation(), moment(plus_ms));
        REQUIRE(r.ok());
        return *r;
    }
    Passport passport() {
        auto p = book->issue(moment());
        REQUIRE(p.ok());
        return *p;
    }
    std::size_t depth() { return *count_outbox(*outbox, *book, *records); }

    // Ids this kiosk has marked sent, of each kind.
    std::set<std::string> sent(const char* table) {
        return db->locked([&](SqliteDb& s) {
            std::set<std::string> out;
            auto st = s.prepare(std::string("SELECT id FROM ") + table + " WHERE sent_at IS NOT NULL");
            while (st.step()) out.insert(st.text(0));
            return out;
        });
    }
};

std::string certificate_for(const Passport& p, const SecretKey& key) {
    PassportId id{};
    REQUIRE(parse_passport_id(p.id, id));
    CertificateClaims c;
    c.serial = new_certificate_serial();
    c.passport = passport_ref_of(id);
    c.consultation_id = "property-rules";
    c.article = 3;
    c.adoption = Adoption::adopted;
    c.decided = {2027, 3, 1};
    auto t = issue_certificate_token(c, key);
    REQUIRE(t.ok());
    return *t;
}

}  // namespace

TEST_CASE("backoff: full jitter under a doubling ceiling, capped", "[kiosk][sync]") {
    CHECK(backoff_delay_ms(0, 0.0, 1000, 300000) == 0);
    CHECK(backoff_delay_ms(0, 0.5, 1000, 300000) == 500);
    CHECK(backoff_delay_ms(1, 0.5, 1000, 300000) == 1000);
    CHECK(backoff_delay_ms(3, 0.999, 1000, 300000) == 7992);
    CHECK(backoff_delay_ms(8, 0.5, 1000, 300000) == 128000);
    CHECK(backoff_delay_ms(9, 0.5, 1000, 300000) == 150000);  // 512 s ceiling capped at 300 s
    CHECK(backoff_delay_ms(1000, 1.0, 1000, 300000) == 300000);
    CHECK(backoff_delay_ms(1000, -3.0, 1000, 300000) == 0);
}

TEST_CASE("without a hub, an id or a key the agent stays off", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    auto c = k.config("");
    SyncAgent none(*k.db, *k.outbox, *k.book, *k.records, c, {});
    CHECK_FALSE(none.configured());
    none.start();
    CHECK(none.status().state == SyncState::off);
    c = k.config(hub.url());
    c.kiosk_id.clear();
    SyncAgent no_id(*k.db, *k.outbox, *k.book, *k.records, c, {});
    CHECK_FALSE(no_id.configured());
    c = k.config(hub.url());
    c.kiosk_key.reset();
    SyncAgent no_key(*k.db, *k.outbox, *k.book, *k.records, c, {});
    CHECK_FALSE(no_key.configured());
    std::this_thread::sleep_for(50ms);
    CHECK(hub.requests() == 0);
}

TEST_CASE("pending records reach the hub, are marked sent and lose their contact details", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    Passport p = k.passport();
    OpinionId with_contact = k.opinion(p.id, true);
    OpinionId plain = k.opinion();
    REQUIRE(k.book->stamp(p.id, StampKind::tour, "river-walk", moment()).ok());
    CHECK(k.depth() == 5);  // 2 opinions, 1 passport, 2 stamps

    k.start(k.config(hub.url()));
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::idle; }));
    CHECK(hub.held_opinions() == std::set<std::string>{with_contact, plain});
    CHECK(hub.held_passports() == std::set<std::string>{p.id});
    CHECK(hub.held_stamps().size() == 2);
    // The kiosk's marks are exactly what the hub holds.
    CHECK(k.sent("opinions") == hub.held_opinions());
    CHECK(k.sent("passports") == hub.held_passports());
    CHECK(k.sent("stamps") == hub.held_stamps());
    CHECK(k.depth() == 0);
    // The contact details travelled, then left kiosk.db.
    auto pushes = hub.pushes();
    REQUIRE_FALSE(pushes.empty());
    CHECK(pushes[0].kiosk == "kiosk-0001");
    CHECK(pushes[0].heartbeat.content_version == "2027.01.05");
    CHECK(pushes[0].heartbeat.app_version == "test");
    bool travelled = false;
    for (auto& o : pushes[0].opinions) travelled |= o.contact_phone == "13812345678";
    CHECK(travelled);
    auto o = k.outbox->find(with_contact);
    CHECK(o->contact_phone.empty());
    CHECK(o->contact_name.empty());
    CHECK(o->contact_erased);

    SyncStatus s = k.agent->status();
    CHECK(s.outbox_depth == 0);
    CHECK(s.last_error.empty());
    CHECK(s.last_success_ms > 0);
    CHECK(s.hub_bundle_version == "2027.02.01");
    CHECK(s.next_attempt_ms >= s.last_success_ms + 59'000);
    CHECK(k.saw(SyncState::syncing));
    CHECK(load_sync_state(*k.db)->last_success_at_ms == s.last_success_ms);

    // A record committed later goes at once on a nudge.
    OpinionId later = k.opinion("", false, 5);
    k.agent->nudge();
    REQUIRE(eventually([&] { return hub.held_opinions().count(later) == 1 && k.depth() == 0; }));
    CHECK(k.sent("opinions").count(later) == 1);
    // stop() joins promptly from the 60 s wait.
    auto t0 = std::chrono::steady_clock::now();
    k.agent->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}

TEST_CASE("a reply's statuses, certificates and revocations land in kiosk.db, page by page", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    Passport p = k.passport();
    OpinionId o = k.opinion(p.id);
    hub.changes_per_reply = 2;  // six changes: three replies, the first two saying `more`
    hub.add_status(o, OpinionStatus::included, "已纳入汇总。");
    hub.add_status(o, OpinionStatus::adopted, "采纳：按季度公示。");
    std::string good = certificate_for(p, hub.certificate_key);
    std::string revoked = certificate_for(p, hub.certificate_key);
    hub.add_certificate(good);
    hub.add_certificate(certificate_for(p, generate_key()));  // does not verify: skipped, not fatal
    hub.add_certificate(revoked);
    auto v = verify_token(revoked, {hub.certificate_key.pub});
    REQUIRE(v.ok());
    hub.add_revocation(serial_text(v->certificate->serial));

    k.start(k.config(hub.url()));
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::idle; }));
    CHECK(hub.requests() == 3);
    CHECK(load_sync_state(*k.db)->cursor == 6);
    auto b = k.book->booklet(p.id);
    REQUIRE(b.ok());
    REQUIRE(b->stamps.size() == 1);
    CHECK(b->stamps[0].status == OpinionStatus::adopted);
    CHECK(b->stamps[0].reply == "采纳：按季度公示。");
    REQUIRE(b->certificates.size() == 2);
    int verified = 0, refused = 0;
    for (auto& c : b->certificates) {
        verified += c.claims.has_value();
        refused += c.refusal.has_value();
    }
    CHECK(verified == 1);
    CHECK(refused == 1);  // revoked since
    // The pushes carried the cursor the kiosk had applied.
    auto pushes = hub.pushes();
    REQUIRE(pushes.size() == 3);
    CHECK(pushes[0].cursor == 0);
    CHECK(pushes[1].cursor == 2);
    CHECK(pushes[2].cursor == 4);
}

TEST_CASE("records over one batch go in several pushes within one sync", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    std::set<std::string> ids;
    for (int i = 0; i < 7; ++i) ids.insert(k.opinion("", false, i));
    auto c = k.config(hub.url());
    c.batch = 3;
    k.start(c);
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::idle; }));
    CHECK(hub.held_opinions() == ids);
    CHECK(k.sent("opinions") == ids);
    for (auto& p : hub.pushes()) CHECK(p.opinions.size() <= 3);
    CHECK(hub.requests() >= 3);
    CHECK(k.agent->status().syncs_ok == 1);
}

TEST_CASE("a hub answering 500 is retried with backoff until it recovers", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    hub.behaviour = [](int n) { return n <= 2 ? Behaviour::fail_500 : Behaviour::ok; };
    OpinionId o = k.opinion();
    const std::int64_t t = wall_ms();
    auto c = k.config(hub.url());
    c.clock_ms = [t] { return t; };  // a frozen clock: next_attempt_ms is exactly t + delay
    k.start(c);
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::idle; }));
    CHECK(hub.requests() == 3);
    CHECK(hub.held_opinions() == std::set<std::string>{o});
    CHECK(k.depth() == 0);
    // Two failures: backoff with the injected draw 0.5 under ceilings 100 and 200 ms.
    std::vector<std::int64_t> waits;
    for (auto& s : k.statuses())
        if (s.state == SyncState::backing_off && (waits.empty() || waits.back() != s.next_attempt_ms - t))
            waits.push_back(s.next_attempt_ms - t);
    CHECK(waits == std::vector<std::int64_t>{50, 100});
    bool showed_error = false;
    for (auto& s : k.statuses())
        showed_error |= s.state == SyncState::backing_off &&
                        s.last_error == "hub answered 500: the store is down" && s.outbox_depth == 1;
    CHECK(showed_error);
    CHECK(k.agent->status().last_error.empty());
    CHECK(k.agent->status().consecutive_failures == 0);
}

TEST_CASE("a connection dropped mid-answer loses nothing and duplicates nothing", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    hub.behaviour = [](int n) { return n == 1 ? Behaviour::drop_mid_response : Behaviour::ok; };
    Passport p = k.passport();
    std::set<std::string> ids{k.opinion(p.id, true), k.opinion()};
    k.start(k.config(hub.url()));
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::idle; }));
    CHECK(k.saw(SyncState::backing_off));
    bool cut = false;
    for (auto& s : k.statuses()) cut |= s.last_error.find("cannot reach the hub") != std::string::npos;
    CHECK(cut);
    CHECK(hub.requests() == 2);
    // The hub received the first batch twice and holds one copy of each record.
    for (auto& id : ids) CHECK(hub.receptions()[id] == 2);
    CHECK(hub.held_opinions() == ids);
    CHECK(k.sent("opinions") == hub.held_opinions());
    CHECK(k.sent("passports") == hub.held_passports());
    CHECK(k.sent("stamps") == hub.held_stamps());
    CHECK(k.depth() == 0);
    // The opinion's contact details left only after the hub's answer arrived.
    for (auto& id : ids) CHECK(k.outbox->find(id)->contact_phone.empty());
}

TEST_CASE("a reply listing ids twice, or ids never pushed, marks exactly the pushed ones", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    hub.duplicate_held = true;
    std::set<std::string> ids{k.opinion(), k.opinion("", false, 1)};
    k.start(k.config(hub.url()));
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::idle; }));
    CHECK(k.sent("opinions") == ids);
    CHECK(k.depth() == 0);
}

TEST_CASE("an unknown kiosk (401) is refused with the hub's message and retried slowly", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);  // never registered at the hub
    OpinionId o = k.opinion();
    k.start(k.config(hub.url()));
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::refused; }));
    SyncStatus s = k.agent->status();
    CHECK_THAT(s.last_error, Catch::StartsWith("hub answered 401: key " + k.key.pub.id + " is not registered"));
    CHECK(s.next_attempt_ms >= wall_ms() + 50'000);  // refused_retry_ms, not the fast backoff
    CHECK(s.outbox_depth == 1);
    CHECK(k.outbox->find(o)->sent_at_ms == std::nullopt);
    // A nudge does not override the slow retry.
    k.agent->nudge();
    std::this_thread::sleep_for(200ms);
    CHECK(hub.requests() == 1);
    CHECK(load_sync_state(*k.db)->last_error == s.last_error);

    // A revoked kiosk: 403.
    Kiosk r(hub.certificate_key.pub);
    hub.register_kiosk(r.key.pub, true);
    r.start(r.config(hub.url()));
    REQUIRE(eventually([&] { return r.agent->status().state == SyncState::refused; }));
    CHECK_THAT(r.agent->status().last_error, Catch::StartsWith("hub answered 403"));
}

TEST_CASE("a kiosk clock 10 minutes off is refused as stale and retried", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    k.opinion();
    auto c = k.config(hub.url());
    c.clock_ms = [] { return wall_ms() + 10 * 60 * 1000; };
    k.start(c);
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::backing_off; }));
    CHECK_THAT(k.agent->status().last_error, Catch::Contains("hub answered 409") && Catch::Contains("ahead"));
    CHECK(hub.held_opinions().empty());
    CHECK(k.depth() == 1);
}

TEST_CASE("a slow hub times out, the status shows it, stop() does not wait for the hub", "[kiosk][sync]") {
    TestHub hub;
    Kiosk k(hub.certificate_key.pub);
    hub.register_kiosk(k.key.pub);
    hub.slow_for = 1500ms;
    hub.behaviour = [](int) { return Behaviour::slow; };
    k.opinion();
    auto c = k.config(hub.url());
    c.total_timeout_ms = 300;
    c.backoff_initial_ms = 60'000;  // one attempt is enough
    c.backoff_max_ms = 60'000;
    k.start(c);
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::backing_off; }));
    SyncStatus s = k.agent->status();
    CHECK_THAT(s.last_error, Catch::Contains("timeout"));
    CHECK(s.outbox_depth == 1);
    CHECK(s.consecutive_failures == 1);
    CHECK(k.depth() == 1);  // whatever the hub did with it, the kiosk keeps it until it hears back

    // Mid-request: a stop aborts the transfer instead of waiting out the timeout.
    Kiosk k2(hub.certificate_key.pub);
    hub.register_kiosk(k2.key.pub);
    k2.opinion();
    auto c2 = k2.config(hub.url());
    c2.total_timeout_ms = 20'000;
    int before = hub.requests();
    k2.start(c2);
    REQUIRE(eventually([&] { return hub.requests() > before; }));
    auto t0 = std::chrono::steady_clock::now();
    k2.agent->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    CHECK(k2.depth() == 1);
}

TEST_CASE("a hub that cannot be reached at all backs off, stop() is prompt mid-backoff", "[kiosk][sync]") {
    Kiosk k(generate_key().pub);
    k.opinion();
    int port;
    {
        TestHub gone;  // take a free port, then close it
        port = std::stoi(gone.url().substr(gone.url().rfind(':') + 1));
    }
    auto c = k.config("http://127.0.0.1:" + std::to_string(port) + "/");
    c.backoff_initial_ms = 60'000;
    c.backoff_max_ms = 60'000;
    k.start(c);
    REQUIRE(eventually([&] { return k.agent->status().state == SyncState::backing_off; }));
    CHECK_THAT(k.agent->status().last_error, Catch::StartsWith("cannot reach the hub"));
    auto t0 = std::chrono::steady_clock::now();
    k.agent->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 1s);
    CHECK(load_sync_state(*k.db)->last_error == k.agent->status().last_error);
}
