// The hub front's share per address (hub/http_front.cpp, FrontLimits::max_per_address), on the
// front alone and on a live hub: a newcomer refused for its own address costs no other address its
// connection, and however an address's connections end, its count comes back to zero.
#include <catch2/catch.hpp>
#include <poll.h>

#include <thread>

#include "hub/http_front.h"
#include "tests/hostile/raw_http.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// A front with no hub behind it: POST bodies are "signed" (admitted by a precheck, so never
// dropped for a newcomer), everything else is answered "ok".
struct EchoHandler : hub::FrontHandler {
    hub::Admission admit(const hub::RequestHead& h) override { return {1u << 20, h.method == "POST"}; }
    std::optional<hub::FrontRefusal> precheck(const hub::RequestHead&) override { return std::nullopt; }
    std::string serve(std::string, const hub::Peer&, bool&) override {
        return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    }
};

// That front on 127.0.0.1, its loop on a thread of its own, deadlines long enough to stay out of
// the way; stopped at scope exit.
struct StubFront {
    EchoHandler handler;
    hub::HttpFront front;
    std::thread loop;
    StubFront(std::size_t max_connections, std::size_t max_per_address) : front(handler, limits(max_connections, max_per_address)) {
        REQUIRE(front.listen("127.0.0.1", 0).ok());
        loop = std::thread([this] { front.run(); });
    }
    ~StubFront() {
        front.stop();
        loop.join();
    }
    static hub::FrontLimits limits(std::size_t max_connections, std::size_t max_per_address) {
        hub::FrontLimits l;
        l.max_connections = max_connections;
        l.max_per_address = max_per_address;
        l.head_ms = l.idle_ms = 30'000;
        l.body_base_ms = 30'000;
        l.workers = 2;
        return l;
    }
};

int connect_sent(int port, int from, std::string_view bytes) {
    int fd = connect_loopback(port, true, from);
    REQUIRE(fd >= 0);
    pollfd p{fd, POLLOUT, 0};
    ::poll(&p, 1, 1000);
    if (!bytes.empty()) REQUIRE(send_all(fd, bytes));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // accepted, in this order of age
    return fd;
}

}  // namespace

// A connection beyond an address's share drops that address's own longest-waiting one or is
// closed at once (docs/hub-connections.md). The front used to make room under max_connections,
// dropping another address's connection, before it knew who the newcomer was: on a full hub an
// address at its share of busy connections dropped one other client per connect().
TEST_CASE("a newcomer refused for its address drops no other address's connection", "[hostile][hub]") {
    raise_fd_limit();
    StubFront stub(12, 4);
    hub::HttpFront& front = stub.front;

    // 127.0.0.3: a client waiting with half a head, the oldest connection of all.
    int innocent = connect_sent(front.port(), 3, "GET / HTTP/1.1\r\nX-Slow: ");
    // 127.0.0.2: its whole share, each busy with an admitted body (never dropped).
    std::vector<int> busy;
    for (int i = 0; i < 4; ++i)
        busy.push_back(connect_sent(front.port(), 2, "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nx"));
    // Seven other clients, one each, fill the front to max_connections.
    std::vector<int> others;
    for (int i = 0; i < 7; ++i) others.push_back(connect_sent(front.port(), 10 + i, "GET / HTTP/1.1\r\nX-Slow: "));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // every precheck done
    for (int fd : busy) REQUIRE_FALSE(closed_within(fd, 10));

    // 127.0.0.2 comes again, 8 times, to a full front: closed at once each time, as the rule says,
    // and no other address's connection goes for it (the front used to drop one per try).
    std::vector<int> late;
    for (int i = 0; i < 8; ++i) {
        late.push_back(connect_sent(front.port(), 2, ""));
        CHECK(closed_within(late.back(), 1000));
    }
    CHECK_FALSE(closed_within(innocent, 300));
    int dropped = 0;
    for (int fd : others) dropped += closed_within(fd, 20) ? 1 : 0;
    CHECK(dropped == 0);
    for (int fd : busy) CHECK_FALSE(closed_within(fd, 10));
    // A newcomer from another address still gets in, for the longest-waiting head: the innocent's.
    others.push_back(connect_sent(front.port(), 30, "GET / HTTP/1.1\r\nX-Slow: "));
    CHECK(closed_within(innocent, 1000));
    for (int fd : others) CHECK_FALSE(closed_within(fd, 20));

    for (int fd : busy) ::close(fd);
    for (int fd : others) ::close(fd);
    for (int fd : late) ::close(fd);
    ::close(innocent);
}

// Every way a connection ends must give its place back: after hundreds of refused, reset,
// timed-out, pipelined and half-closed connections from one address, it still opens its whole
// share at once and every one is answered.
TEST_CASE("one address's count of connections does not drift whatever ends them", "[hostile][hub]") {
    raise_fd_limit();
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    constexpr int kFrom = 7, kShare = 64, kRounds = 40;
    const int port = hub.port();
    auto exchange = [&](std::string_view bytes, bool half_close) {
        int fd = connect_loopback(port, false, kFrom);
        REQUIRE(fd >= 0);
        (void)send_all(fd, bytes);
        if (half_close) ::shutdown(fd, SHUT_WR);
        auto r = read_response(fd, 3000);
        ::close(fd);
        return r.status;
    };
    auto reset = [&](std::string_view bytes) {
        int fd = connect_loopback(port, false, kFrom);
        REQUIRE(fd >= 0);
        (void)send_all(fd, bytes);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        linger l{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(fd);  // RST
    };
    for (int i = 0; i < kRounds; ++i) {
        CHECK(exchange("GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false) == 200);
        CHECK(exchange("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n", false) == 200);  // kept alive, then we close
        CHECK(exchange("BOGUS\r\n\r\n", false) == 400);
        CHECK(exchange("POST /api/v1/sync HTTP/1.1\r\nHost: h\r\nContent-Length: 999999999\r\n\r\nxxxx", false) == 413);
        CHECK(exchange("GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n", false) == 414);
        CHECK(exchange("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\nGET /healthz HTTP/1.1\r\nHost: h\r\n\r\n", true) == 200);
        CHECK(exchange("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n", true) == 200);  // half-closed at once
        reset("");
        reset("GET /healthz HTTP/1.1\r\nHo");
        reset("POST /api/v1/phone/opinions HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              "Content-Length: 5000\r\n\r\nabc");
        reset("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n");  // reset while it is served or answered
    }
    // Heads that never finish, cut off at their deadline (408).
    std::vector<int> slow;
    for (int i = 0; i < 20; ++i) {
        int fd = connect_loopback(port, false, kFrom);
        REQUIRE(fd >= 0);
        REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nX: "));
        slow.push_back(fd);
    }
    for (int fd : slow) CHECK(closed_within(fd, 8000));
    for (int fd : slow) ::close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    // Its whole share at once, then a request on each: all answered.
    std::vector<int> share;
    for (int i = 0; i < kShare; ++i) {
        int fd = connect_loopback(port, false, kFrom);
        REQUIRE(fd >= 0);
        share.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    int answered = 0;
    for (int fd : share)
        if (send_all(fd, "GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n") &&
            read_response(fd, 3000).status == 200)
            ++answered;
    CHECK(answered == kShare);
    for (int fd : share) ::close(fd);
    hub.stop();
}

// Kiosks and phones behind one carrier address share its connections. A newcomer turned away
// because all of them are busy reads a 503 with Retry-After, as every other refusal of the front
// is an answer; closing it on its unread request used to reset it ("connection reset by peer").
TEST_CASE("a client turned away for its address's share reads a 503, not a reset", "[hostile][hub]") {
    raise_fd_limit();
    StubFront stub(64, 4);
    hub::HttpFront& front = stub.front;
    std::vector<int> busy;
    for (int i = 0; i < 4; ++i) {
        int fd = connect_loopback(front.port(), false, 5);
        REQUIRE(fd >= 0);
        REQUIRE(send_all(fd, "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nx"));
        busy.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // each admitted, so none is dropped
    for (int i = 0; i < 3; ++i) {
        int fd = connect_loopback(front.port(), false, 5);
        REQUIRE(fd >= 0);
        REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
        RawResponse r = read_response(fd, 2000);
        INFO(r.head);
        CHECK(r.status == 503);
        CHECK(r.head.find("Retry-After: 5") != std::string::npos);
        CHECK(json_error_body(r.body));
        ::close(fd);
    }
    for (int b : busy) ::close(b);
}
