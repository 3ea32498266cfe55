// The real kiosk SyncAgent against the real HubServer over loopback, through a small TCP proxy
// that breaks the link on purpose: a reply cut mid-batch, a 500, a stall past the timeout, the hub
// restarted mid-sync, a batch delivered twice, a skewed kiosk clock, a kiosk revoked mid-run.
// After each: what the kiosk marked sent is at the hub exactly once, nothing committed is lost,
// and contact details are gone from kiosk.db exactly for the opinions the hub acknowledged.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "kiosk/sync/sync_agent.h"
#include "tests/hub/live_hub.h"

using namespace lianxin;
using namespace lianxin::test;
using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// The proxy: one thread accepting on 127.0.0.1:0, one thread per connection. Each connection
// carries one request (the proxy asks the hub to close after answering), so a plan per request
// number decides its fate.
// ---------------------------------------------------------------------------------------------

enum class Fault {
    pass,      // relay the request and the hub's answer
    cut,       // relay the request; send only the first `cut_after` bytes of the answer (0: half)
    fail_500,  // answer "HTTP/1.1 500" without asking the hub
    stall,     // never answer (until the client gives up or release())
    hold,      // relay the request (the hub commits), keep the answer until release(), then drop it
};

struct Plan {
    Fault fault = Fault::pass;
    std::size_t cut_after = 0;
};

class FaultProxy {
  public:
    explicit FaultProxy(int upstream_port) : upstream_(upstream_port) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(listen_fd_ >= 0);
        int one = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        REQUIRE(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(listen_fd_, 16) == 0);
        socklen_t len = sizeof a;
        REQUIRE(::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port_ = ntohs(a.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~FaultProxy() {
        {
            std::lock_guard l(m_);
            stopping_ = true;
        }
        cv_.notify_all();
        if (acceptor_.joinable()) acceptor_.join();
        std::vector<std::thread> workers;
        {
            std::lock_guard l(m_);
            workers.swap(workers_);
        }
        for (auto& t : workers) t.join();
        ::close(listen_fd_);
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void set_upstream(int port) { upstream_ = port; }
    void set_plan(std::function<Plan(int)> plan) {
        std::lock_guard l(m_);
        plan_ = std::move(plan);
    }
    // Ends every stall and hold: those connections close without an answer.
    void release() {
        {
            std::lock_guard l(m_);
            ++generation_;
        }
        cv_.notify_all();
    }
    int requests() const { return requests_.load(); }
    int waiting() const { return waiting_.load(); }  // connections stalled or held right now
    std::vector<std::string> requests_seen() {
        std::lock_guard l(m_);
        return seen_;
    }

  private:
    void accept_loop() {
        for (;;) {
            {
                std::lock_guard l(m_);
                if (stopping_) return;
            }
            pollfd p{listen_fd_, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) continue;
            int fd = ::accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) continue;
            std::lock_guard l(m_);
            workers_.emplace_back([this, fd] {
                serve(fd);
                ::close(fd);
            });
        }
    }

    bool stopping() {
        std::lock_guard l(m_);
        return stopping_;
    }

    // Reads until `done(buffer)` or the peer closes; bounded so a test can never hang here.
    bool read_until(int fd, std::string& buf, const std::function<bool(const std::string&)>& done) {
        auto end = std::chrono::steady_clock::now() + 10s;
        char chunk[16384];
        while (!done(buf)) {
            if (stopping() || std::chrono::steady_clock::now() > end) return false;
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) continue;
            ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) return done(buf);
            buf.append(chunk, static_cast<std::size_t>(n));
        }
        return true;
    }

    static bool write_all(int fd, const char* data, std::size_t n) {
        while (n > 0) {
            ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
            if (w <= 0) return false;
            data += w;
            n -= static_cast<std::size_t>(w);
        }
        return true;
    }

    // A complete request: the headers, then Content-Length bytes of body.
    static bool request_complete(const std::string& b) {
        auto end = b.find("\r\n\r\n");
        if (end == std::string::npos) return false;
        std::string head = b.substr(0, end);
        for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t length = 0;
        if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos)
            length = std::stoul(head.substr(at + 17));
        return b.size() >= end + 4 + length;
    }

    // Waits for release(), the proxy's end, or the client hanging up.
    void wait_released(int client) {
        ++waiting_;
        std::uint64_t gen;
        {
            std::lock_guard l(m_);
            gen = generation_;
        }
        for (;;) {
            {
                std::unique_lock l(m_);
                if (cv_.wait_for(l, 20ms, [&] { return stopping_ || generation_ != gen; })) break;
            }
            pollfd p{client, POLLIN, 0};
            char c;
            if (::poll(&p, 1, 0) > 0 && ::recv(client, &c, 1, MSG_PEEK) <= 0) break;  // the client gave up
        }
        --waiting_;
    }

    void serve(int client) {
        std::string request;
        if (!read_until(client, request, request_complete)) return;
        int n = ++requests_;
        Plan plan;
        {
            std::lock_guard l(m_);
            seen_.push_back(request);
            if (plan_) plan = plan_(n);
        }
        if (plan.fault == Fault::fail_500) {
            std::string body = R"({"error":"internal","message":"the proxy says the hub failed"})";
            std::string answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                                 "Connection: close\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body;
            write_all(client, answer.data(), answer.size());
            return;
        }
        if (plan.fault == Fault::stall) return wait_released(client);

        // Ask the hub to close after its answer, so the answer ends where the connection does.
        // The signature covers method, path, time, nonce and body, not this header.
        std::string upstream_request = request;
        upstream_request.insert(upstream_request.find("\r\n") + 2, "Connection: close\r\n");
        int up = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(upstream_.load()));
        std::string answer;
        if (up >= 0 && ::connect(up, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
            write_all(up, upstream_request.data(), upstream_request.size()))
            read_until(up, answer, [](const std::string&) { return false; });  // until the hub closes
        if (up >= 0) ::close(up);
        if (answer.empty()) return;  // the hub is down: the kiosk sees the connection close

        switch (plan.fault) {
            case Fault::pass: write_all(client, answer.data(), answer.size()); break;
            case Fault::cut: {
                std::size_t keep = plan.cut_after ? std::min(plan.cut_after, answer.size() - 1) : answer.size() / 2;
                write_all(client, answer.data(), keep);
                ::shutdown(client, SHUT_RDWR);
                break;
            }
            case Fault::hold: wait_released(client); break;
            default: break;
        }
    }

    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<int> upstream_;
    std::atomic<int> requests_{0};
    std::atomic<int> waiting_{0};
    std::thread acceptor_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::uint64_t generation_ = 0;
    std::function<Plan(int)> plan_;
    std::vector<std::thread> workers_;
    std::vector<std::string> seen_;
};

// The body and the X-Lianxin-* headers of a captured request.
struct Captured {
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

Captured parse_captured(const std::string& raw) {
    Captured c;
    auto end = raw.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    c.body = raw.substr(end + 4);
    std::size_t at = raw.find("\r\n") + 2;
    while (at < end) {
        std::size_t eol = raw.find("\r\n", at);
        std::string line = raw.substr(at, eol - at);
        at = eol + 2;
        auto colon = line.find(':');
        if (colon == std::string::npos || line.rfind("X-Lianxin-", 0) != 0) continue;
        c.headers.emplace_back(line.substr(0, colon), line.substr(line.find_first_not_of(' ', colon + 1)));
    }
    return c;
}

// ---------------------------------------------------------------------------------------------
// The rig: a hub (over `backend`), the proxy in front of it, a registered kiosk with its agent.
// Members are declared so the agent stops first, then the proxy, then the hub.
// ---------------------------------------------------------------------------------------------

struct Rig {
    TempDir hub_dir;
    LiveHub hub;
    RegisteredKiosk reg;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<LocalKiosk> kiosk;
    std::atomic<std::int64_t> skew_ms{0};  // the kiosk's clock error
    std::unique_ptr<SyncAgent> agent;
    std::mutex seen_m;
    std::vector<SyncStatus> seen;  // every status the agent woke the UI for

    explicit Rig(const std::string& backend) : hub(fresh_spec(backend, hub_dir)) {
        hub.start();
        reg = register_in_store(hub.store(), "hall-1");
        proxy = std::make_unique<FaultProxy>(hub.port());
        kiosk = std::make_unique<LocalKiosk>(reg, hub.certificate_key.pub);
    }
    ~Rig() {
        if (agent) agent->stop();
    }

    SyncAgentConfig config() {
        SyncAgentConfig c;
        c.hub_url = proxy->url();
        c.kiosk_id = reg.id();
        c.kiosk_key = reg.key;
        c.app_version = "test";
        c.content_version = "2027.01.05";
        c.interval_ms = 200;
        c.backoff_initial_ms = 50;
        c.backoff_max_ms = 200;
        c.refused_retry_ms = 60'000;  // after a 401/403 only the test's checks follow
        c.connect_timeout_ms = 2'000;
        c.total_timeout_ms = 5'000;
        c.batch = 2;  // several pushes per sync, so a fault can strike mid-batch
        c.clock_ms = [this] { return live_ms() + skew_ms.load(); };
        c.random_unit = [] { return 0.5; };
        return c;
    }

    void start(SyncAgentConfig c) {
        agent = std::make_unique<SyncAgent>(*kiosk->db, *kiosk->outbox, *kiosk->book, *kiosk->records, std::move(c), [this] {
            std::lock_guard l(seen_m);
            seen.push_back(agent->status());
        });
        agent->start();
    }

    bool saw(const std::function<bool(const SyncStatus&)>& f) {
        std::lock_guard l(seen_m);
        return std::any_of(seen.begin(), seen.end(), f);
    }

    std::size_t depth() { return *count_outbox(*kiosk->outbox, *kiosk->book, *kiosk->records); }
    // Everything committed has been acknowledged and the agent is idle again.
    bool drained() { return depth() == 0 && agent->status().state == SyncState::idle; }

    // A visitor's session: a passport, an opinion in it with contact details, a plain opinion.
    void visitors(int n) {
        for (int i = 0; i < n; ++i) {
            Passport p = kiosk->passport();
            kiosk->opinion(p.id, true);
            kiosk->opinion();
        }
    }

    // The invariants every scenario ends with.
    void check_nothing_lost() {
        auto& k = *kiosk;
        auto sent = k.ids("opinions", true), pending = k.ids("opinions", false);
        INFO("sent " << sent.size() << ", pending " << pending.size() << ", committed " << k.opinions.size());
        // Pending + sent = every opinion committed (the two sets are disjoint by construction).
        std::set<std::string> all(sent);
        all.insert(pending.begin(), pending.end());
        CHECK(all == std::set<std::string>(k.opinions.begin(), k.opinions.end()));
        std::set<std::string> passports(k.ids("passports", true));
        auto pending_passports = k.ids("passports", false);
        passports.insert(pending_passports.begin(), pending_passports.end());
        CHECK(passports == std::set<std::string>(k.passports.begin(), k.passports.end()));

        // Every acknowledged opinion is at the hub exactly once; an unacknowledged one at most once.
        auto rows = opinion_rows(hub.store());
        for (auto& id : sent) CHECK(rows[id] == 1);
        for (auto& id : pending) CHECK(rows[id] <= 1);
        for (auto& [id, n] : rows) CHECK(all.count(id) == 1);  // nothing the kiosk did not commit
        // Every acknowledged passport and stamp too.
        auto sent_stamps = k.ids("stamps", true);
        std::size_t stamps_at_hub = 0;
        for (auto& id : k.ids("passports", true)) {
            auto view = hub.store().find_passport(id);
            CHECK(view.ok());
            if (view) stamps_at_hub += view->stamps.size();
        }
        CHECK(stamps_at_hub >= sent_stamps.size());

        // Contact details: gone exactly from the opinions the hub acknowledged.
        for (auto& id : k.opinions) {
            auto o = k.outbox->find(id);
            REQUIRE(o.ok());
            bool is_sent = sent.count(id) > 0;
            CHECK(o->sent_at_ms.has_value() == is_sent);
            if (is_sent) {
                CHECK(o->contact_name.empty());
                CHECK(o->contact_phone.empty());
            } else if (o->contact_consent) {
                CHECK(o->contact_phone == kContactPhone);
                CHECK_FALSE(o->contact_erased);
            }
            if (is_sent && rows[id] == 1) {
                auto at_hub = hub.store().find_opinion(id);
                REQUIRE(at_hub.ok());
                CHECK(at_hub->opinion.contact_consent == o->contact_consent);
                if (o->contact_consent) CHECK(at_hub->opinion.contact_phone == kContactPhone);
            }
        }
    }
};

}  // namespace

TEST_CASE("sync faults: a reply cut mid-batch is pushed again and held once", "[kiosk][sync][faults]") {
    Rig rig("sqlite");
    rig.visitors(3);  // 3 passports, 6 opinions, 3 stamps: several pushes of 2
    // The second push's answer is cut half-way, the third's in its status line.
    rig.proxy->set_plan([](int n) {
        if (n == 2) return Plan{Fault::cut, 0};
        if (n == 3) return Plan{Fault::cut, 10};
        return Plan{};
    });
    rig.start(rig.config());
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.saw([](const SyncStatus& s) {
        return s.state == SyncState::backing_off && s.last_error.find("cannot reach the hub") != std::string::npos;
    }));
    CHECK(rig.proxy->requests() >= 5);
    CHECK(rig.kiosk->ids("opinions", true).size() == 6);
    rig.check_nothing_lost();
}

TEST_CASE("sync faults: a 500 leaves everything pending, and it goes once the hub answers", "[kiosk][sync][faults]") {
    Rig rig("sqlite");
    rig.visitors(2);
    // Failing until the test says otherwise, so the checks in between race with nothing.
    std::atomic<bool> healed{false};
    rig.proxy->set_plan([&](int) { return healed ? Plan{} : Plan{Fault::fail_500}; });
    rig.start(rig.config());
    REQUIRE(eventually([&] { return rig.agent->status().consecutive_failures >= 2; }));
    auto s = rig.agent->status();
    CHECK(s.last_error == "hub answered 500: the proxy says the hub failed");
    CHECK(s.outbox_depth == 8);
    CHECK(opinion_rows(rig.hub.store()).empty());
    CHECK(rig.kiosk->ids("opinions", true).empty());
    rig.check_nothing_lost();

    healed = true;
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.agent->status().last_error.empty());
    CHECK(rig.kiosk->ids("opinions", true).size() == 4);
    rig.check_nothing_lost();
}

TEST_CASE("sync faults: a stalled hub times out, nothing is marked, the retry delivers", "[kiosk][sync][faults]") {
    Rig rig("sqlite");
    rig.visitors(1);
    std::atomic<bool> healed{false};
    rig.proxy->set_plan([&](int) { return healed ? Plan{} : Plan{Fault::stall}; });
    auto c = rig.config();
    c.total_timeout_ms = 1'000;
    rig.start(c);
    REQUIRE(eventually([&] { return rig.agent->status().state == SyncState::backing_off; }));
    CHECK_THAT(rig.agent->status().last_error, Catch::Contains("timeout"));
    CHECK(rig.depth() == 4);
    CHECK(opinion_rows(rig.hub.store()).empty());  // the stalled request never reached the hub
    rig.check_nothing_lost();

    healed = true;
    rig.proxy->release();
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.kiosk->ids("opinions", true).size() == 2);
    rig.check_nothing_lost();
}

TEST_CASE("sync faults: the hub restarted mid-sync loses nothing it acknowledged", "[kiosk][sync][faults]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    Rig rig(backend);
    rig.visitors(3);
    // The first push goes through; the second reaches the hub, which commits it, but its answer
    // is held while the hub is stopped, then dropped: the kiosk never hears it.
    // Retries fail until the new hub is up, so the checks in between race with nothing.
    std::atomic<bool> healed{false};
    rig.proxy->set_plan([&](int n) {
        if (n == 2) return Plan{Fault::hold};
        return n == 1 || healed ? Plan{} : Plan{Fault::fail_500};
    });
    rig.start(rig.config());
    REQUIRE(eventually([&] { return rig.proxy->waiting() == 1; }));
    CHECK(rig.agent->status().state == SyncState::syncing);
    auto acknowledged = rig.kiosk->ids("opinions", true);
    CHECK(acknowledged.size() == 2);

    rig.hub.stop();
    rig.hub.start();  // the same store opened again, on a new port
    rig.proxy->set_upstream(rig.hub.port());
    rig.check_nothing_lost();  // what was acknowledged before the restart is still there
    healed = true;
    rig.proxy->release();

    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.saw([](const SyncStatus& s) { return s.state == SyncState::backing_off; }));
    CHECK(rig.kiosk->ids("opinions", true).size() == 6);
    for (auto& id : acknowledged) CHECK(rig.kiosk->ids("opinions", true).count(id) == 1);
    rig.check_nothing_lost();
}

TEST_CASE("sync faults: the same batch delivered twice is held once, the same request twice is a replay",
          "[kiosk][sync][faults]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    Rig rig(backend);
    rig.visitors(2);
    rig.start(rig.config());
    REQUIRE(eventually([&] { return rig.drained(); }));
    rig.agent->stop();  // the test alone talks to the hub from here
    auto before = opinion_rows(rig.hub.store());
    REQUIRE(before.size() == 4);

    // Every push the kiosk made, delivered again with a fresh signature.
    std::size_t replayed = 0;
    for (auto& raw : rig.proxy->requests_seen()) {
        Captured c = parse_captured(raw);
        auto push = parse_sync_push(c.body);
        REQUIRE(push.ok());
        auto r = send(rig.hub.url(), "POST", kSyncPath, c.body, &rig.reg.key);
        INFO(r.body);
        REQUIRE(r.status == 200);
        auto reply = parse_sync_reply(r.body);
        REQUIRE(reply.ok());
        std::vector<std::string> pushed;
        for (auto& o : push->opinions) pushed.push_back(o.id);
        CHECK(reply->held_opinions == pushed);
        replayed += pushed.size();
        // The captured request itself, signature and nonce included: refused as a replay.
        auto again = send(rig.hub.url(), "POST", kSyncPath, c.body, nullptr, 0, c.headers);
        CHECK(again.status == 409);
        CHECK_THAT(again.body, Catch::Contains("replay"));
    }
    CHECK(replayed == 4);
    CHECK(opinion_rows(rig.hub.store()) == before);
    rig.check_nothing_lost();
}

TEST_CASE("sync faults: a kiosk clock 10 minutes ahead is refused as stale, and syncs once fixed",
          "[kiosk][sync][faults]") {
    Rig rig("sqlite");
    rig.visitors(1);
    rig.skew_ms = 10 * 60'000;
    rig.start(rig.config());
    REQUIRE(eventually([&] {
        auto s = rig.agent->status();
        return s.state == SyncState::backing_off && s.consecutive_failures >= 2;
    }));
    auto s = rig.agent->status();
    CHECK_THAT(s.last_error, Catch::Contains("hub answered 409") && Catch::Contains("ahead of the hub's clock"));
    CHECK(opinion_rows(rig.hub.store()).empty());
    CHECK(rig.depth() == 4);
    rig.check_nothing_lost();

    rig.skew_ms = 0;  // a technician fixes the clock; the backoff's next retry goes through
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.kiosk->ids("opinions", true).size() == 2);
    rig.check_nothing_lost();
}

TEST_CASE("sync faults: a kiosk revoked mid-run is refused and keeps its records", "[kiosk][sync][faults]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    Rig rig(backend);
    rig.visitors(1);
    rig.start(rig.config());
    REQUIRE(eventually([&] { return rig.drained(); }));
    auto acknowledged = rig.kiosk->ids("opinions", true);
    CHECK(acknowledged.size() == 2);

    REQUIRE(rig.hub.store().revoke_kiosk(rig.reg.id(), live_ms()).ok());
    rig.visitors(1);  // committed after the revocation
    rig.agent->nudge();
    REQUIRE(eventually([&] { return rig.agent->status().state == SyncState::refused; }));
    auto s = rig.agent->status();
    CHECK_THAT(s.last_error, Catch::StartsWith("hub answered 403"));
    CHECK(s.outbox_depth == 4);
    CHECK(rig.depth() == 4);
    CHECK(rig.kiosk->ids("opinions", true) == acknowledged);
    CHECK(rig.kiosk->ids("opinions", false).size() == 2);
    rig.check_nothing_lost();
}
