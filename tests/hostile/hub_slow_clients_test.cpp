// The hub under slow and idle clients, on both store back-ends: 256 connections held open (idle,
// heads trickled, bodies trickled) while /healthz, /C/<token> and a signed sync are timed; heads
// that never finish are cut off at their deadline; kept-alive and pipelined requests still work;
// unauthenticated 63 MB bodies leave the hub's memory where it was; one address holds at most its
// share of the hub's connections.
#include <catch2/catch.hpp>
#include <fstream>
#include <numeric>
#include <thread>

#include "core/sync/request_signing.h"
#include "core/sync/sync_messages.h"
#include "tests/hostile/raw_http.h"
#include "tests/hostile/slow_clients.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

struct Timed {
    std::vector<double> ms;
    int failures = 0;
    std::string last_failure;
};

void time_one(Timed& t, const std::function<HttpResponse()>& request) {
    auto t0 = std::chrono::steady_clock::now();
    HttpResponse r = request();
    t.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (r.status != 200) {
        ++t.failures;
        t.last_failure = std::to_string(r.status) + " " + r.error + " " + r.body.substr(0, 200);
    }
}

long rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

}  // namespace

TEST_CASE("hub keeps answering with 256 slow and idle connections held open", "[hostile][hub]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    raise_fd_limit();
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.start();
    RegisteredKiosk kiosk = register_in_store(hub.store(), "hall-1");
    const std::string cert = certificate_page_path(hub);
    SyncPush push;
    push.kiosk = kiosk.id();
    const std::string push_body = to_json(push);

    SlowClients crowd(hub.port(), 256);
    REQUIRE(eventually([&] { return crowd.open() >= 256; }, std::chrono::seconds(10)));
    std::this_thread::sleep_for(std::chrono::seconds(1));

    // Requests one after another for a while, each on a new connection as a phone's would be;
    // the crowd's heads pass their 5 s deadline and are replaced during it.
    Timed healthz, page, sync;
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(14);
    while (std::chrono::steady_clock::now() < end) {
        time_one(healthz, [&] { return send(hub.url(), "GET", "/healthz"); });
        time_one(page, [&] { return send(hub.url(), "GET", cert); });
        time_one(sync, [&] { return send(hub.url(), "POST", "/api/v1/sync", push_body, &kiosk.key); });
    }
    INFO("crowd: " << crowd.open() << " open now, at least " << crowd.lowest_open() << " all along, "
                   << crowd.reopened() << " reopened after the hub closed them");
    CHECK(crowd.lowest_open() >= 250);
    for (auto* t : {&healthz, &page, &sync}) {
        INFO("samples " << t->ms.size() << ", p50 " << percentile(t->ms, 0.5) << " ms, p99 " << percentile(t->ms, 0.99)
                        << " ms, failures " << t->failures << " " << t->last_failure);
        CHECK(t->ms.size() >= 20);
        CHECK(t->failures == 0);
        CHECK(percentile(t->ms, 0.99) <= 1000);
    }
    // The heads and bodies that never finish were cut off and opened again by the crowd.
    CHECK(crowd.reopened() >= 128);
    crowd.stop();
    hub.stop();
}

TEST_CASE("hub cuts off a head that does not arrive whole within its deadline", "[hostile][hub]") {
    raise_fd_limit();
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    // A byte every 300 ms: each recv is prompt, only the total is too slow.
    int trickled = connect_loopback(hub.port());
    int idle = connect_loopback(hub.port());
    REQUIRE(trickled >= 0);
    REQUIRE(idle >= 0);
    const std::string head = "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Slow: " + std::string(100, 'a');
    auto t0 = std::chrono::steady_clock::now();
    bool cut = false;
    for (std::size_t i = 0; i < head.size() && !cut; ++i) {
        if (!send_all(trickled, std::string_view(&head[i], 1))) break;
        cut = closed_within(trickled, 300);
    }
    if (!cut) cut = closed_within(trickled, 1000);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(cut);
    CHECK(secs <= 7.0);
    // A connection that never says anything is closed too.
    CHECK(closed_within(idle, 2000));
    ::close(trickled);
    ::close(idle);
    hub.stop();
}

TEST_CASE("hub serves kept-alive and pipelined requests on one connection", "[hostile][hub]") {
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    int fd = connect_loopback(hub.port());
    REQUIRE(fd >= 0);
    // Kept alive: fifty requests, one after another, one connection.
    for (int i = 0; i < 50; ++i) {
        REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n"));
        auto r = read_response(fd, 2000);
        REQUIRE(r.status == 200);
        CHECK(r.body.rfind("ok ", 0) == 0);
    }
    // Pipelined: three requests in one write, three answers in order.
    REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n"
                         "GET /api/v1/nowhere HTTP/1.1\r\nHost: hub\r\n\r\n"  // an API path: its 404 is JSON
                         "GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n"));
    std::string pending;
    CHECK(read_response(fd, 2000, &pending).status == 200);
    auto missing = read_response(fd, 2000, &pending);
    CHECK(missing.status == 404);
    CHECK(json_error_body(missing.body));
    CHECK(read_response(fd, 2000, &pending).status == 200);
    ::close(fd);
    hub.stop();
}

TEST_CASE("hub memory stays where it was under 8 unauthenticated 63 MB bodies", "[hostile][hub]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.start();
    const std::string body(63u << 20, 'x');  // one buffer, sent by all eight
    const long before = rss_kib();
    std::vector<std::thread> senders;
    std::atomic<int> refused{0};
    for (int i = 0; i < 8; ++i)
        senders.emplace_back([&, i] {
            int fd = connect_loopback(hub.port());
            if (fd < 0) return;
            std::string target = i % 2 ? "/api/v1/sync" : "/api/v1/admin/bundles";
            std::string head = "POST " + target + " HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                               "X-Lianxin-Key: 0123456789abcdef\r\nX-Lianxin-Time: " + std::to_string(live_ms()) +
                               "\r\nX-Lianxin-Nonce: " + std::string(32, 'a') + "\r\nX-Lianxin-Signature: " +
                               std::string(86, 'A') + "==\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
            send_all(fd, head);
            send_all(fd, body);  // refused early, this stops when the hub closes
            auto r = read_response(fd, 5000);
            if (r.status == 413 || r.status == 401) ++refused;
            ::close(fd);
        });
    for (auto& t : senders) t.join();
    CHECK(refused == 8);
    const long after = rss_kib();
    INFO("RSS before " << before / 1024 << " MiB, after " << after / 1024 << " MiB");
    CHECK(after - before < 64 * 1024);
    CHECK(send(hub.url(), "GET", "/healthz").status == 200);
    hub.stop();
}

TEST_CASE("one address holds at most its share of the hub's connections", "[hostile][hub]") {
    // FrontLimits::max_per_address (64): a new connection beyond it drops that address's oldest
    // slow one, or, when all of them are busy with requests, is closed at once; other addresses
    // are not touched either way.
    raise_fd_limit();
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    constexpr int kShare = 64, kMore = 16;
    auto answered = [&](int from) {
        int fd = connect_loopback(hub.port(), false, from);
        REQUIRE(fd >= 0);
        bool ok = send_all(fd, "GET /healthz HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n") &&
                  read_response(fd, 2000).status == 200;
        ::close(fd);
        return ok;
    };

    // Slow heads from 127.0.0.2, and one from 127.0.0.3 that is older than all of them.
    int elsewhere = connect_loopback(hub.port(), true, 3);
    REQUIRE(elsewhere >= 0);
    REQUIRE(send_all(elsewhere, "GET /healthz HTTP/1.1\r\nX-Slow: "));
    std::vector<int> heads;
    for (int i = 0; i < kShare + kMore; ++i) {
        int fd = connect_loopback(hub.port(), true, 2);
        REQUIRE(fd >= 0);
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, 1000);
        REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nX-Slow: "));
        heads.push_back(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // an order by age
    }
    std::vector<int> closed;
    for (int i = 0; i < static_cast<int>(heads.size()); ++i)
        if (closed_within(heads[static_cast<std::size_t>(i)], i < kMore ? 1000 : 20)) closed.push_back(i);
    std::vector<int> oldest(kMore);
    std::iota(oldest.begin(), oldest.end(), 0);
    CHECK(closed == oldest);
    CHECK_FALSE(closed_within(elsewhere, 20));
    CHECK(answered(2));  // a new request from the crowded address drops one more slow head
    CHECK(answered(4));

    // Bodies a registered kiosk's signature admitted are not dropped for a newcomer: with
    // kShare of them from 127.0.0.5, the next connection from there is closed unanswered.
    RegisteredKiosk kiosk = register_in_store(hub.store(), "hall-1");
    SyncPush push;
    push.kiosk = kiosk.id();
    const std::string body = to_json(push);
    std::vector<int> bodies;
    for (int i = 0; i < kShare; ++i) {
        int fd = connect_loopback(hub.port(), false, 5);
        REQUIRE(fd >= 0);
        std::string head = "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n";
        for (auto& [k, v] : sign_request(kiosk.key, "POST", "/api/v1/sync", body, live_ms()).list()) head += k + ": " + v + "\r\n";
        REQUIRE(send_all(fd, head + "\r\n" + body.substr(0, body.size() / 2)));
        bodies.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // each admitted by its precheck
    int late = connect_loopback(hub.port(), false, 5);
    REQUIRE(late >= 0);
    CHECK(closed_within(late, 1000));
    CHECK(answered(6));
    // Each admitted body, finished, is still served.
    REQUIRE(send_all(bodies.front(), body.substr(body.size() / 2)));
    CHECK(read_response(bodies.front(), 2000).status == 200);
    for (int fd : heads) ::close(fd);
    for (int fd : bodies) ::close(fd);
    ::close(elsewhere);
    ::close(late);
    hub.stop();
}
