// The hub's connection front: one thread owns every client socket (epoll), reads each request's
// head and body under total deadlines without holding a worker, refuses from the head alone what
// breaks its route's limits, and hands only complete requests to a small worker pool.
// docs/hub-connections.md says why the hub works this way and what each deadline is.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace lianxin::hub {

// A request head as the front parsed it (it is rebuilt from these parts for the handler).
struct RequestHead {
    std::string method, target, version;  // "POST", "/api/v1/sync?x=1", "HTTP/1.1"
    std::string path;                     // the target before '?', percent-decoded as routes see it
    std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order
    std::uint64_t content_length = 0;
    bool expect_continue = false;  // "Expect: 100-continue" (answered by the front, not passed on)
    // The first value of header `name` (case-insensitive), or "".
    std::string header(std::string_view name) const;
};

struct Peer {
    std::string ip;  // numeric, as cpp-httplib writes it ("127.0.0.1", "::1")
    int port = 0;
    std::string local_ip;
    int local_port = 0;
};

// The key by which one client is counted (connections per address, phone-form posts): an IPv4
// address, also when written IPv4-mapped ("::ffff:10.0.0.5" → "10.0.0.5"), or an IPv6 address's
// /64, which one household or phone is given whole and can pick any address in. Text that is not
// an address is its own key.
std::string client_key(std::string_view ip);

// What the hub decides from a head on the front thread (no I/O there).
struct Admission {
    std::uint64_t body_limit = 0;  // a larger Content-Length is refused (413) before any body byte is read
    bool precheck = false;         // ask FrontHandler::precheck on a worker before reading the body
};

// A refusal the front writes itself: `status` with {"error": error, "message": message}.
struct FrontRefusal {
    int status = 400;
    std::string error, message;
    int retry_after_s = 0;  // > 0: a Retry-After header, for a refusal that a later try may pass
};

class FrontHandler {
  public:
    virtual ~FrontHandler() = default;
    // On the front thread, for every head: the route's body limit and whether to precheck.
    virtual Admission admit(const RequestHead& head) = 0;
    // On a worker, before a body is read: a refusal, or nullopt to go on reading it.
    virtual std::optional<FrontRefusal> precheck(const RequestHead& head) = 0;
    // On a worker: the whole request (head and body) → the whole response. `close` comes in true
    // when the front will close the connection after it, and is set when the handler wants that.
    virtual std::string serve(std::string request, const Peer& peer, bool& close) = 0;
};

// Every deadline is a total for its phase, not a limit per recv: a client sending a byte a second
// still runs out of time.
struct FrontLimits {
    int head_ms = 5'000;        // from accept, or from the end of the previous answer, to the whole head
    int idle_ms = 5'000;        // a kept-alive connection with nothing more to ask is closed after this
    int body_base_ms = 10'000;  // the body: this plus its length at body_min_rate
    std::uint64_t body_min_rate = 256u << 10;  // bytes/s
    int write_idle_ms = 10'000;                // an answer that makes no progress for this long is dropped
    int linger_ms = 1'000;                     // after a refusal, unread input is drained this long
    std::size_t max_head_bytes = 16u << 10;    // request line and headers (431/414 beyond)
    std::size_t max_headers = 100;
    std::size_t max_connections = 4'096;       // the oldest idle or slow-head one is dropped for a new one
    // From one address: a new connection beyond this drops that address's own oldest idle or
    // slow one, or is closed at once, so one client cannot hold what all the others need.
    std::size_t max_per_address = 64;
    std::size_t max_requests_per_connection = 1'000;
    int workers = 8;
};

class HttpFront {
  public:
    HttpFront(FrontHandler& handler, FrontLimits limits);
    ~HttpFront();
    HttpFront(const HttpFront&) = delete;
    HttpFront& operator=(const HttpFront&) = delete;

    // Listens on host:port (port 0: any free port); io with what to do when it cannot.
    Status listen(const std::string& host, int port);
    int port() const { return port_; }
    // Serves on the calling thread until stop(); then closes every connection and joins the workers.
    void run();
    // Safe from any thread and from a signal handler; run() returns soon after.
    void stop();

    struct Loop;

  private:
    FrontHandler& handler_;
    FrontLimits limits_;
    int listen_fd_ = -1;
    int wake_fd_ = -1;  // eventfd: workers' results and stop()
    int port_ = 0;
    std::atomic<bool> stopping_{false};
};

}  // namespace lianxin::hub
