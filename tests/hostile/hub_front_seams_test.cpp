// Attacks at the seams of the hub's connection front (hub/http_front.cpp) with the routes behind
// it and with lianxin-hub's own start: pipelined requests followed by a half-close, an HTTP/1.0
// client that asks for 100-continue, every connection the hub holds trickling an anonymous phone
// form body, a public URL given on the command line that hub.toml would refuse, and a hub.toml
// whose misspelt key would leave its default silently in place.
#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>

#include "hub/hub_config.h"
#include "tests/hostile/raw_http.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// Reads every answer on `fd` until the hub closes it (or `timeout_ms` passes).
std::vector<RawResponse> all_answers(int fd, int timeout_ms) {
    std::vector<RawResponse> out;
    std::string pending;
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
        auto r = read_response(fd, static_cast<int>(std::max<long long>(1, left)), &pending);
        if (r.status == 0) break;
        out.push_back(std::move(r));
    }
    return out;
}

// lianxin-hub run as its own process under a descriptor limit of `fds` (so that it holds
// fds - 96 connections, docs/hub-connections.md), on a fresh SQLite store in `dir`.
class CappedHub {
  public:
    CappedHub(const TempDir& dir, rlim_t fds) {
        int out[2];
        REQUIRE(::pipe(out) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            rlimit rl{fds, fds};
            ::setrlimit(RLIMIT_NOFILE, &rl);
            ::dup2(out[1], 1);
            int null = ::open("/dev/null", O_WRONLY);
            if (null >= 0) ::dup2(null, 2);  // not the test's own output: a reader of it would wait for the hub
            ::close(out[0]);
            ::close(out[1]);
            std::string store = "sqlite:" + (dir / "hub.db").string();
            ::execl(LIANXIN_HUB_BIN, LIANXIN_HUB_BIN, "--store", store.c_str(), "--listen", "127.0.0.1:0", nullptr);
            ::_exit(127);
        }
        ::close(out[1]);
        // A line says where it listens (a warning may come first).
        std::string line;
        char ch;
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        auto listening = [&] { return line.find("listening on") != std::string::npos && line.back() == '\n'; };
        while (!(!line.empty() && listening()) && std::chrono::steady_clock::now() < until) {
            pollfd p{out[0], POLLIN, 0};
            if (::poll(&p, 1, 200) > 0 && ::read(out[0], &ch, 1) == 1) line += ch;
        }
        ::close(out[0]);
        auto at = line.find("listening on 127.0.0.1:");
        INFO(line);
        REQUIRE(at != std::string::npos);
        port_ = std::atoi(line.c_str() + at + 23);
    }
    ~CappedHub() {
        ::kill(pid_, SIGTERM);
        // A hub that does not stop within 5 s is killed: the test must end either way.
        for (int i = 0; i < 50; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    int port() const { return port_; }

  private:
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace

// An anonymous client may open as many connections as the hub holds, announce a phone-form body
// on each and trickle it a byte at a time within the body deadline. The front used to drop only
// connections still waiting for a head to make room, so every new client (/healthz included) was
// the one dropped, for as long as the trickle went on. A body no signature admitted is dropped
// like a slow head, longest waiting first.
TEST_CASE("hub keeps answering while every connection it holds trickles an anonymous form body", "[hostile][hub]") {
    raise_fd_limit();
    TempDir tmp;
    CappedHub hub(tmp, 400);  // 304 connections
    constexpr int kTricklers = 330;
    const std::string head = "POST /o/property-rules HTTP/1.1\r\nHost: hub\r\n"
                             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 8000\r\n\r\nt";
    std::vector<int> held;
    for (int i = 0; i < kTricklers; ++i) {
        int fd = connect_loopback(hub.port(), true, 2 + i % 8);  // eight clients, each within its share
        if (fd < 0) continue;
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, 1000);
        (void)::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
        held.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    int answered = 0;
    for (int i = 0; i < 5; ++i) {
        for (int fd : held) (void)::send(fd, "t", 1, MSG_NOSIGNAL | MSG_DONTWAIT);  // still sending
        int fd = connect_loopback(hub.port());
        REQUIRE(fd >= 0);
        auto t0 = std::chrono::steady_clock::now();
        REQUIRE(send_all(fd, "GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n"));
        auto r = read_response(fd, 2000);
        ::close(fd);
        if (r.status == 200 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1)) ++answered;
    }
    for (int fd : held) ::close(fd);
    CHECK(answered == 5);
}

// A client may send its requests in one go and half-close its side ("nothing more to send", as
// `printf … | nc -N` does); every request it sent is still owed an answer. The front used to
// answer only the first once it had read the end of input together with the rest.
TEST_CASE("hub answers every pipelined request of a client that half-closes after sending them", "[hostile][hub]") {
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    constexpr int kRequests = 60;
    std::string pipeline;
    for (int i = 0; i < kRequests; ++i) pipeline += "GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n";
    // The end of input arrives with the requests or just after them, as the scheduler falls:
    // several rounds, so the case where the front reads both at once is met.
    for (int round = 0; round < 8; ++round) {
        int fd = connect_loopback(hub.port());
        REQUIRE(fd >= 0);
        REQUIRE(send_all(fd, pipeline));
        ::shutdown(fd, SHUT_WR);
        auto answers = all_answers(fd, 5000);
        ::close(fd);
        INFO("round " << round);
        REQUIRE(answers.size() == static_cast<std::size_t>(kRequests));
        for (auto& a : answers) CHECK(a.status == 200);
    }
    hub.stop();
}

// RFC 9110 §10.1.1: a server that receives 100-continue in an HTTP/1.0 request must ignore it;
// an HTTP/1.0 client has no idea what an interim answer is and takes "100 Continue" as the answer.
TEST_CASE("hub sends no 100 Continue to an HTTP/1.0 client", "[hostile][hub]") {
    TempDir tmp;
    LiveHub hub(fresh_spec("sqlite", tmp));
    hub.start();
    int fd = connect_loopback(hub.port());
    REQUIRE(fd >= 0);
    REQUIRE(send_all(fd, "POST /o/property-rules HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
    // Nothing may come before the body is sent.
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 500);
    std::string early;
    if (ready > 0) {
        char buf[256];
        ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) early.assign(buf, static_cast<std::size_t>(n));
    }
    CHECK(early.find("100 Continue") == std::string::npos);
    ::close(fd);
    hub.stop();
}

// The public URL goes into every certificate's QR code: hub.toml refuses one that has no http(s)
// scheme or is longer than kMaxPublicUrlChars, and `--public-url` must refuse it just the same,
// or every adoption answers 500 after its status is saved ("certificate not issued").
TEST_CASE("lianxin-hub refuses a --public-url that hub.toml would refuse", "[hostile][hub]") {
    TempDir tmp;
    auto run = [&](const std::string& url) {
        std::string cmd = "timeout 3 " + std::string(LIANXIN_HUB_BIN) + " --store sqlite:" + (tmp / "hub.db").string() +
                          " --listen 127.0.0.1:0 --public-url '" + url + "'";
        auto r = run_command(cmd);
        INFO(r.output);
        return r.exit_code;
    };
    CHECK(run("https://" + std::string(kMaxPublicUrlChars, 'h') + ".example") == 2);
    CHECK(run("hub.example") == 2);
    // A good one starts (and is stopped by timeout's signal: 124).
    CHECK(run("https://hub.example") == 124);
}

// hub.toml with "public-url" for "public_url" used to start with the default public URL, so every
// certificate's QR code pointed at http://localhost:8470; a key the loader does not read is now a
// refusal at start that names it, like a misplaced table.
TEST_CASE("hub.toml with a misspelt or misplaced key is refused at start and the key is named", "[hostile][hub]") {
    TempDir tmp;
    auto refused = [&](const std::string& text, const std::string& named) {
        write_text(tmp / "hub.toml", text);
        auto c = hub::load_hub_config(tmp / "hub.toml");
        INFO(text);
        REQUIRE_FALSE(c);
        INFO(c.error().detail);
        CHECK(c.error().detail.find(named) != std::string::npos);
    };
    refused("[hub]\npublic-url = \"https://hub.example\"\n", "public-url");
    refused("[hub]\nthread = 4\n", "thread");
    refused("public_url = \"https://hub.example\"\n", "public_url");
    refused("[hub]\nstore = \"sqlite:hub.db\"\n[hub.extra]\nx = 1\n", "extra");
    write_text(tmp / "hub.toml", "[hub]\npublic_url = \"https://hub.example\"\nthreads = 4\n");
    auto good = hub::load_hub_config(tmp / "hub.toml");
    REQUIRE(good);
    CHECK(good->public_url == "https://hub.example");
}
