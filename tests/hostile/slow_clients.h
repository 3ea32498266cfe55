// A crowd of slow and idle clients held open against a hub on loopback (tests/hostile and
// bench/hub_hostile_bench.cpp): idle connections, heads cut off and trickled a byte a second,
// and bodies announced big and sent a byte a second. Whatever the hub closes is opened again, so
// the crowd stays at its size for as long as it runs. Bounded: `count` sockets, until stop().
// The crowd comes from eight loopback addresses (127.0.0.2 to .9), as a crowd would from many:
// the hub keeps what one address may hold to a share (FrontLimits::max_per_address).
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/hostile/loopback.h"

namespace lianxin::test {

class SlowClients {
  public:
    SlowClients(int port, int count) : port_(port), slots_(static_cast<std::size_t>(count)) {
        for (std::size_t i = 0; i < slots_.size(); ++i) slots_[i].kind = static_cast<int>(i % 4);
        thread_ = std::thread([this] { loop(); });
    }
    ~SlowClients() { stop(); }
    SlowClients(const SlowClients&) = delete;
    SlowClients& operator=(const SlowClients&) = delete;

    void stop() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
        for (auto& s : slots_)
            if (s.fd >= 0) ::close(s.fd);
        slots_.clear();
    }
    int open() const { return open_; }                  // connections open right now
    long reopened() const { return reopened_; }         // connections the hub closed, opened again
    int lowest_open() const { return lowest_open_; }    // fewest open at once after the first second

  private:
    struct Slot {
        int fd = -1;
        int kind = 0;
        std::size_t sent = 0;
        std::chrono::steady_clock::time_point next;
    };

    // What each kind sends: all of `prefix` at once, then `trickle` a byte per second.
    static const std::string& prefix(int kind) {
        static const std::string p[4] = {
            "",                                                     // idle: nothing at all
            "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Slow: ",       // a head cut off, then trickled
            "",                                                     // a head trickled from its first byte
            "POST /o/property-rules HTTP/1.1\r\nHost: hub\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 30000\r\n\r\n",                        // a body announced, sent a byte a second
        };
        return p[kind];
    }
    static char trickle(int kind, std::size_t i) {
        static const std::string head = "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        if (kind == 2) return head[i % head.size()];
        return kind == 3 ? 'a' : 'b';
    }

    void loop() {
        auto started = std::chrono::steady_clock::now();
        while (!stop_) {
            auto now = std::chrono::steady_clock::now();
            int open = 0;
            for (auto& s : slots_) {
                // Closed by the hub (an answer such as 408 is read and dropped)? Opened again at
                // once, so the crowd stays at its size.
                if (s.fd >= 0) {
                    char buf[4096];
                    ssize_t n = ::recv(s.fd, buf, sizeof buf, MSG_DONTWAIT);
                    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)) {
                        ::close(s.fd);
                        s.fd = -1;
                        ++reopened_;
                    }
                }
                if (s.fd < 0) {
                    s.fd = connect_loopback(port_, true, kFirstAddress + static_cast<int>(&s - slots_.data()) % kAddresses);
                    if (s.fd < 0) continue;
                    s.sent = 0;
                    if (!prefix(s.kind).empty()) (void)::send(s.fd, prefix(s.kind).data(), prefix(s.kind).size(), MSG_NOSIGNAL);
                    s.next = now + std::chrono::seconds(1);
                }
                ++open;
                if (s.kind != 0 && now >= s.next) {
                    char c = trickle(s.kind, s.sent++);
                    (void)::send(s.fd, &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
                    s.next = now + std::chrono::seconds(1);
                }
            }
            open_ = open;
            if (now - started > std::chrono::seconds(1)) lowest_open_ = std::min(lowest_open_.load(), open);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    static constexpr int kFirstAddress = 2, kAddresses = 8;
    int port_;
    std::vector<Slot> slots_;
    std::atomic<bool> stop_{false};
    std::atomic<int> open_{0};
    std::atomic<int> lowest_open_{1 << 30};
    std::atomic<long> reopened_{0};
    std::thread thread_;
};

}  // namespace lianxin::test
