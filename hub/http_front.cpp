// HttpFront: the epoll loop that owns the hub's client sockets, the request head parser, the
// per-phase deadlines and the worker pool complete requests go to (http_front.h).
//
// Sections: 1. heads   2. the worker pool   3. connections and the loop   4. HttpFront
//
// A connection is always in one phase: waiting for a head (idle or partly read), prechecked by a
// worker, reading its body, served by a worker, writing its answer, or lingering after a refusal.
// Only the front thread touches a connection; workers get copies of what they need and post
// their results back through a queue and an eventfd.
#include "hub/http_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <malloc.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

namespace lianxin::hub {

using Clock = std::chrono::steady_clock;

std::string RequestHead::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (k.size() == name.size() &&
            std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
            return v;
    return "";
}

// ---------------------------------------------------------------------------------------------
// 1. Heads
// ---------------------------------------------------------------------------------------------

namespace {

const char* status_text(int status) {
    switch (status) {
        case 100: return "Continue";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 411: return "Length Required";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 417: return "Expectation Failed";
        case 431: return "Request Header Fields Too Large";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        default: return "Error";
    }
}

std::string refusal_bytes(const FrontRefusal& r) {
    std::string body = nlohmann::json{{"error", r.error}, {"message", r.message}}.dump();
    return "HTTP/1.1 " + std::to_string(r.status) + " " + status_text(r.status) +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           (r.retry_after_s > 0 ? "\r\nRetry-After: " + std::to_string(r.retry_after_s) : std::string()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

bool is_token_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Parses the head in `text` (without its final blank line). A refusal says why it cannot be
// served; request smuggling shapes (chunked with a length, two lengths) are refused outright,
// and the hub's clients never send chunked bodies, so Transfer-Encoding is refused too: every
// body's size is known from its head, before it is read.
std::optional<FrontRefusal> parse_head(std::string_view text, const FrontLimits& limits, RequestHead& h) {
    auto bad = [](std::string m) { return FrontRefusal{400, "bad_request", std::move(m)}; };
    std::size_t eol = text.find("\r\n");
    std::string_view line = text.substr(0, eol);
    std::string_view rest = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 2);
    std::size_t sp1 = line.find(' ');
    std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return bad("the request line must be METHOD TARGET HTTP/1.1");
    h.method = line.substr(0, sp1);
    h.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    h.version = line.substr(sp2 + 1);
    if (h.method.empty() || !std::all_of(h.method.begin(), h.method.end(), is_token_char))
        return bad("the request method is malformed");
    if (h.target.empty() || h.target[0] != '/') return bad("the request target must start with '/'");
    for (char c : h.target)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return bad("the request target holds a control character");
    if (h.version != "HTTP/1.1" && h.version != "HTTP/1.0")
        return FrontRefusal{505, "bad_version", "only HTTP/1.1 and HTTP/1.0 are served"};
    h.path = httplib::detail::decode_url(h.target.substr(0, h.target.find('?')), false);

    std::optional<std::uint64_t> length;
    bool transfer_encoding = false;
    while (!rest.empty()) {
        eol = rest.find("\r\n");
        std::string_view hl = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
        if (hl.empty()) continue;
        if (hl.front() == ' ' || hl.front() == '\t') return bad("folded header lines are not accepted");
        std::size_t colon = hl.find(':');
        if (colon == std::string_view::npos || colon == 0) return bad("a header line has no name");
        std::string_view name = hl.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), is_token_char)) return bad("a header name is malformed");
        std::string_view value = trim(hl.substr(colon + 1));
        for (char c : value)
            if (c == '\r' || c == '\n' || c == '\0') return bad("a header value holds a control character");
        if (h.headers.size() >= limits.max_headers)
            return FrontRefusal{431, "headers_too_large", "at most " + std::to_string(limits.max_headers) + " headers"};
        if (iequals(name, "Content-Length")) {
            if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), ::isdigit))
                return bad("Content-Length must be a whole number");
            std::uint64_t v = std::stoull(std::string(value));
            if (length && *length != v) return bad("two different Content-Length headers");
            length = v;
        } else if (iequals(name, "Transfer-Encoding")) {
            transfer_encoding = true;
        } else if (iequals(name, "Expect")) {
            if (!iequals(value, "100-continue"))
                return FrontRefusal{417, "bad_expect", "only Expect: 100-continue is understood"};
            // RFC 9110 §10.1.1: an HTTP/1.0 client knows no interim answers, so its expectation
            // is ignored; it would take "100 Continue" for the answer and never send its body.
            h.expect_continue = h.version != "HTTP/1.0";
            continue;  // answered by the front; the handler never sees it
        }
        h.headers.emplace_back(std::string(name), std::string(value));
    }
    if (transfer_encoding && length) return bad("a request may not have both Transfer-Encoding and Content-Length");
    if (transfer_encoding)
        return FrontRefusal{411, "length_required", "send the body with a Content-Length (chunked bodies are not accepted)"};
    h.content_length = length.value_or(0);
    return std::nullopt;
}

// The head as the handler gets it: the parsed parts, without Expect.
std::string rebuild_head(const RequestHead& h) {
    std::string out = h.method + " " + h.target + " " + h.version + "\r\n";
    for (const auto& [k, v] : h.headers) out += k + ": " + v + "\r\n";
    out += "\r\n";
    return out;
}

// ---------------------------------------------------------------------------------------------
// 2. The worker pool
// ---------------------------------------------------------------------------------------------

class WorkerPool {
  public:
    explicit WorkerPool(int n) {
        for (int i = 0; i < std::max(1, n); ++i) threads_.emplace_back([this] { work(); });
    }
    ~WorkerPool() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        for (auto& t : threads_) t.join();
    }
    void post(std::function<void()> job) {
        {
            std::lock_guard lock(mu_);
            jobs_.push_back(std::move(job));
        }
        cv_.notify_one();
    }

  private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mu_);
                cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
                if (stop_) return;  // queued jobs are dropped: their connections are closed
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    bool stop_ = false;
};

// What a worker hands back to the front.
struct Outcome {
    std::uint64_t conn = 0;
    bool precheck = false;                 // else: a served request
    std::optional<FrontRefusal> refusal;   // precheck's verdict
    std::string response;                  // serve's answer
    bool close = false;
};

constexpr std::size_t kTrimAbove = 1u << 20;  // after buffers this large are freed, give memory back

}  // namespace

// ---------------------------------------------------------------------------------------------
// 3. Connections and the loop
// ---------------------------------------------------------------------------------------------

std::string client_key(std::string_view ip) {
    in6_addr a{};
    std::string text(ip);
    // A link-local peer comes with its zone ("fe80::1%eth0"): the /64 is counted within it.
    std::string zone;
    if (auto pct = text.find('%'); pct != std::string::npos) {
        zone = text.substr(pct);
        text.resize(pct);
    }
    if (inet_pton(AF_INET6, text.c_str(), &a) != 1) return std::string(ip);
    if (IN6_IS_ADDR_V4MAPPED(&a)) {
        char v4[INET_ADDRSTRLEN];
        return inet_ntop(AF_INET, a.s6_addr + 12, v4, sizeof v4) ? std::string(v4) : text;
    }
    std::memset(a.s6_addr + 8, 0, 8);
    char v6[INET6_ADDRSTRLEN];
    return inet_ntop(AF_INET6, &a, v6, sizeof v6) ? std::string(v6) + "/64" + zone : std::string(ip);
}

struct HttpFront::Loop {
    enum class Phase { head, precheck, body, serving, writing, lingering };
    struct Conn {
        int fd = -1;
        std::uint64_t id = 0;
        Peer peer;
        std::string client;  // client_key(peer.ip): what the per-address cap counts
        Phase phase = Phase::head;
        std::string in;             // read, not yet consumed
        std::size_t head_len = 0;   // bytes of the current request's head in `in`
        RequestHead head;
        std::uint64_t need = 0;     // head_len + Content-Length
        std::string out;
        std::size_t out_pos = 0;
        bool close_after = false, peer_closed = false, gone = false;
        bool signed_body = false;  // the body being read was admitted by a signature precheck
        Clock::time_point waiting_since;  // when the head or body now awaited began to be awaited
        std::size_t requests = 0;
        std::size_t drained = 0;
        Clock::time_point deadline;
        std::uint32_t events = 0;  // current epoll interest
    };

    HttpFront& f;
    int ep = -1;
    std::unordered_map<std::uint64_t, std::unique_ptr<Conn>> conns;
    std::unordered_map<std::string, std::size_t> per_address;  // open connections by client_key
    std::uint64_t next_id = 16;  // 1: the listener, 2: the wake fd
    std::size_t max_conns = 0;
    Clock::time_point listener_paused_until{};
    bool listener_on = true;
    std::mutex out_mu;
    std::vector<Outcome> outcomes;
    WorkerPool pool;  // last: joined first, while the outcome queue it posts to still exists

    explicit Loop(HttpFront& front) : f(front), pool(front.limits_.workers) {
        ep = epoll_create1(EPOLL_CLOEXEC);
        add(f.listen_fd_, 1, EPOLLIN);
        add(f.wake_fd_, 2, EPOLLIN);
        // Every connection is a descriptor: stay under the process's limit, with room for the
        // store's connections and files.
        rlimit rl{};
        getrlimit(RLIMIT_NOFILE, &rl);
        std::size_t fds = rl.rlim_cur == RLIM_INFINITY ? 1u << 20 : static_cast<std::size_t>(rl.rlim_cur);
        max_conns = std::min(f.limits_.max_connections, fds > 128 ? fds - 96 : 32);
    }
    ~Loop() {
        for (auto& [id, c] : conns) ::close(c->fd);
        ::close(ep);
    }

    void add(int fd, std::uint64_t key, std::uint32_t events) {
        epoll_event e{};
        e.events = events;
        e.data.u64 = key;
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
    }
    void interest(Conn& c, std::uint32_t events) {
        if (c.gone || c.events == events) return;
        epoll_event e{};
        e.events = events;
        e.data.u64 = c.id;
        epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &e);
        c.events = events;
    }

    void post(Outcome o) {
        {
            std::lock_guard lock(out_mu);
            outcomes.push_back(std::move(o));
        }
        std::uint64_t one = 1;
        (void)!::write(f.wake_fd_, &one, sizeof one);
    }

    void close_conn(std::uint64_t id) {
        auto it = conns.find(id);
        if (it == conns.end()) return;
        Conn& c = *it->second;
        bool big = c.in.capacity() > kTrimAbove || c.out.capacity() > kTrimAbove;
        ::close(c.fd);
        if (auto n = per_address.find(c.client); n != per_address.end() && --n->second == 0) per_address.erase(n);
        conns.erase(it);
        if (big) malloc_trim(0);
        if (!listener_on && Clock::now() >= listener_paused_until) set_listener(true);
    }

    void set_listener(bool on) {
        epoll_event e{};
        e.events = on ? static_cast<std::uint32_t>(EPOLLIN) : 0u;
        e.data.u64 = 1;
        epoll_ctl(ep, EPOLL_CTL_MOD, f.listen_fd_, &e);
        listener_on = on;
    }

    // Drops the connection that has waited longest among those waiting for a head or trickling
    // an unsigned body (the phone form): a new client must not be kept out by connections that
    // have not asked for anything yet, nor by anonymous ones that announce a body and never finish
    // it. A body a signature precheck admitted came from a registered kiosk or an admin: kept.
    // Longest waiting, not nearest deadline: a body's deadline is longer than a head's, so by
    // deadline the client that has just arrived would be the one dropped.
    // `ip`: only among that address's connections.
    Conn* victim(const std::string* ip = nullptr) {
        Conn* v = nullptr;
        for (auto& [id, c] : conns)
            if ((c->phase == Phase::head || (c->phase == Phase::body && !c->signed_body)) &&
                (!ip || c->client == *ip) && (!v || c->waiting_since < v->waiting_since))
                v = c.get();
        return v;
    }
    bool evict_one(const std::string* ip = nullptr) {
        Conn* v = victim(ip);
        if (v) close_conn(v->id);
        return v != nullptr;
    }

    void accept_all() {
        for (;;) {
            // Full, with nothing to drop: the kernel's backlog holds the rest. (Nothing is dropped
            // yet: the newcomer's address may have to give up one of its own instead.)
            if (conns.size() >= max_conns && !victim()) {
                set_listener(false);
                listener_paused_until = Clock::now();
                return;
            }
            sockaddr_storage addr{};
            socklen_t len = sizeof addr;
            int fd = ::accept4(f.listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    set_listener(false);  // out of descriptors: try again shortly, not in a busy loop
                    listener_paused_until = Clock::now() + std::chrono::milliseconds(100);
                }
                return;
            }
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto c = std::make_unique<Conn>();
            c->fd = fd;
            c->id = next_id++;
            c->peer = peer_of(fd, addr, len);
            c->client = client_key(c->peer.ip);
            if (per_address[c->client] >= f.limits_.max_per_address) {
                // Room is made among this address's own connections, never another's; when every
                // one of them is busy with a request, this one waits for none.
                if (!evict_one(&c->client)) {
                    refuse_at_once(fd, f.limits_.max_per_address);
                    continue;
                }
            } else if (conns.size() >= max_conns) {
                evict_one();  // found above; nothing has run since
            }
            ++per_address[c->client];
            c->waiting_since = Clock::now();
            c->deadline = c->waiting_since + std::chrono::milliseconds(f.limits_.head_ms);
            add(fd, c->id, EPOLLIN | EPOLLRDHUP);
            c->events = EPOLLIN | EPOLLRDHUP;
            conns.emplace(c->id, std::move(c));
        }
    }

    // A newcomer beyond its address's share, all of whose connections are busy: a 503 it can
    // read, written without waiting (the socket's buffer is empty), then closed. Input already
    // there is read first, as closing on unread input would reset the connection before the
    // client reads the answer. Nothing is kept for it: the address holds its share already.
    static void refuse_at_once(int fd, std::size_t share) {
        const std::string answer = refusal_bytes(
            {503, "too_many_connections",
             "this address has " + std::to_string(share) + " requests under way; try again in a few seconds", 5});
        char sink[16 * 1024];
        for (int i = 0; i < 4 && ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
        }
        (void)::send(fd, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
        ::close(fd);
    }

    static Peer peer_of(int fd, const sockaddr_storage& addr, socklen_t len) {
        Peer p;
        char host[NI_MAXHOST];
        auto numeric = [&](const sockaddr_storage& a, socklen_t l, std::string& ip, int& port) {
            if (getnameinfo(reinterpret_cast<const sockaddr*>(&a), l, host, sizeof host, nullptr, 0, NI_NUMERICHOST) == 0)
                ip = host;
            if (a.ss_family == AF_INET) port = ntohs(reinterpret_cast<const sockaddr_in*>(&a)->sin_port);
            if (a.ss_family == AF_INET6) port = ntohs(reinterpret_cast<const sockaddr_in6*>(&a)->sin6_port);
        };
        numeric(addr, len, p.ip, p.port);
        sockaddr_storage local{};
        socklen_t llen = sizeof local;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &llen) == 0) numeric(local, llen, p.local_ip, p.local_port);
        return p;
    }

    // Reads what is there, up to `cap` bytes held in `in`. False when the connection is gone.
    bool fill(Conn& c, std::size_t cap) {
        char buf[64 * 1024];
        while (c.in.size() < cap) {
            std::size_t want = std::min(sizeof buf, cap - c.in.size());
            ssize_t n = ::recv(c.fd, buf, want, 0);
            if (n > 0) {
                c.in.append(buf, static_cast<std::size_t>(n));
                continue;
            }
            if (n == 0) {
                c.peer_closed = true;
                return true;
            }
            if (errno == EINTR) continue;
            return errno == EAGAIN || errno == EWOULDBLOCK;
        }
        return true;
    }

    void on_event(Conn& c, std::uint32_t ev) {
        if (c.phase == Phase::precheck || c.phase == Phase::serving) {
            // A worker holds the request; the socket is looked at again when it is done.
            if (ev & (EPOLLHUP | EPOLLERR)) {
                epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
                c.gone = true;
            }
            return;
        }
        if (c.phase == Phase::writing) return write_some(c);
        if (c.phase == Phase::lingering) {
            char buf[16 * 1024];
            for (;;) {
                ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
                if (n > 0 && (c.drained += static_cast<std::size_t>(n)) < (1u << 20)) continue;
                if (n < 0 && errno == EINTR) continue;
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
                return close_conn(c.id);  // end of input, an error, or enough drained
            }
        }
        std::size_t cap = c.phase == Phase::body ? static_cast<std::size_t>(c.need) + f.limits_.max_head_bytes
                                                 : f.limits_.max_head_bytes + 4;
        bool was_idle = c.phase == Phase::head && c.in.empty() && c.requests > 0;
        if (!fill(c, cap)) return close_conn(c.id);
        // A kept-alive connection's next head gets the head deadline from its first byte.
        if (was_idle && !c.in.empty()) c.deadline = Clock::now() + std::chrono::milliseconds(f.limits_.head_ms);
        advance(c);
    }

    // Moves a connection on as far as the bytes it holds allow.
    void advance(Conn& c) {
        const FrontLimits& L = f.limits_;
        if (c.phase == Phase::head) {
            std::size_t skip = 0;  // empty lines before a request line are allowed (RFC 9112 §2.2)
            while (skip + 1 < c.in.size() && c.in[skip] == '\r' && c.in[skip + 1] == '\n') skip += 2;
            if (skip) c.in.erase(0, skip);
            std::size_t end = c.in.find("\r\n\r\n");
            if (end == std::string::npos || end + 4 > L.max_head_bytes) {
                if (c.in.size() >= L.max_head_bytes || end != std::string::npos) {
                    bool long_line = c.in.find("\r\n") == std::string::npos;
                    return refuse(c, long_line ? FrontRefusal{414, "uri_too_long", "the request line is too long"}
                                               : FrontRefusal{431, "headers_too_large",
                                                              "the request head is at most " +
                                                                  std::to_string(L.max_head_bytes) + " bytes"});
                }
                if (c.peer_closed) return close_conn(c.id);
                return;  // wait for more, within the head deadline
            }
            c.head = RequestHead{};
            if (auto r = parse_head(std::string_view(c.in).substr(0, end), L, c.head)) return refuse(c, *r);
            c.head_len = end + 4;
            Admission a = f.handler_.admit(c.head);
            if (c.head.content_length > a.body_limit)
                return refuse(c, {413, "too_large",
                                  "this route takes a body of at most " + std::to_string(a.body_limit) + " bytes; " +
                                      std::to_string(c.head.content_length) + " announced"});
            c.need = c.head_len + c.head.content_length;
            c.signed_body = a.precheck;
            if (c.head.content_length > 0 && c.in.size() < c.need && a.precheck) {
                c.phase = Phase::precheck;
                interest(c, 0);
                std::uint64_t id = c.id;
                RequestHead head = c.head;
                pool.post([this, id, head = std::move(head)] {
                    Outcome o;
                    o.conn = id;
                    o.precheck = true;
                    o.refusal = f.handler_.precheck(head);
                    post(std::move(o));
                });
                return;
            }
            return start_body(c);
        }
        if (c.phase == Phase::body) {
            if (c.in.size() >= c.need) return dispatch(c);
            if (c.peer_closed) return close_conn(c.id);
        }
    }

    void start_body(Conn& c) {
        c.phase = Phase::body;
        c.waiting_since = Clock::now();
        const FrontLimits& L = f.limits_;
        auto ms = L.body_base_ms + static_cast<std::int64_t>(c.head.content_length * 1000 / L.body_min_rate);
        c.deadline = Clock::now() + std::chrono::milliseconds(ms);
        if (c.in.size() < c.need) {
            if (c.head.expect_continue) {
                static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
                // 25 bytes on a connection with nothing else unsent: the socket takes them whole.
                if (::send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL) != sizeof kContinue - 1)
                    return close_conn(c.id);
            }
            interest(c, EPOLLIN | EPOLLRDHUP);
            if (c.in.capacity() < c.need) c.in.reserve(static_cast<std::size_t>(c.need));  // within the route's limit
            return;
        }
        dispatch(c);
    }

    void dispatch(Conn& c) {
        std::string request = rebuild_head(c.head);
        request.append(c.in, c.head_len, static_cast<std::size_t>(c.head.content_length));
        c.in.erase(0, static_cast<std::size_t>(c.need));
        if (c.in.capacity() > kTrimAbove) c.in.shrink_to_fit();
        c.phase = Phase::serving;
        interest(c, 0);
        ++c.requests;
        // A client that half-closed after sending is still owed an answer to every whole request
        // it sent: close after the last of those, not after the first (advance() closes once
        // nothing whole is left).
        bool close = (c.peer_closed && c.in.empty()) || c.requests >= f.limits_.max_requests_per_connection ||
                     f.stopping_;
        std::uint64_t id = c.id;
        Peer peer = c.peer;
        pool.post([this, id, peer = std::move(peer), request = std::move(request), close]() mutable {
            Outcome o;
            o.conn = id;
            o.close = close;
            bool big = request.size() > kTrimAbove;
            o.response = f.handler_.serve(std::move(request), peer, o.close);
            if (big) malloc_trim(0);
            post(std::move(o));
        });
    }

    void refuse(Conn& c, const FrontRefusal& r) {
        c.out = refusal_bytes(r);
        c.out_pos = 0;
        c.close_after = true;
        c.phase = Phase::writing;
        c.deadline = Clock::now() + std::chrono::milliseconds(f.limits_.write_idle_ms);
        write_some(c);
    }

    void write_some(Conn& c) {
        while (c.out_pos < c.out.size()) {
            ssize_t n = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
            if (n > 0) {
                c.out_pos += static_cast<std::size_t>(n);
                c.deadline = Clock::now() + std::chrono::milliseconds(f.limits_.write_idle_ms);
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return interest(c, EPOLLOUT);
            return close_conn(c.id);
        }
        bool big = c.out.capacity() > kTrimAbove;
        std::string().swap(c.out);
        c.out_pos = 0;
        if (big) malloc_trim(0);
        if (c.close_after) {
            // Unread input (a body never read, pipelined requests) would turn close() into a
            // reset that can destroy the answer in flight: half-close, then drain for a moment.
            ::shutdown(c.fd, SHUT_WR);
            c.phase = Phase::lingering;
            c.deadline = Clock::now() + std::chrono::milliseconds(f.limits_.linger_ms);
            interest(c, EPOLLIN | EPOLLRDHUP);
            return;
        }
        c.phase = Phase::head;
        c.waiting_since = Clock::now();
        c.deadline = c.waiting_since + std::chrono::milliseconds(c.in.empty() ? f.limits_.idle_ms : f.limits_.head_ms);
        interest(c, EPOLLIN | EPOLLRDHUP);
        advance(c);  // a pipelined request may be there already
    }

    void on_outcomes() {
        std::vector<Outcome> done;
        {
            std::lock_guard lock(out_mu);
            done.swap(outcomes);
        }
        for (auto& o : done) {
            auto it = conns.find(o.conn);
            if (it == conns.end()) continue;
            Conn& c = *it->second;
            if (c.gone) {
                close_conn(c.id);
                continue;
            }
            if (o.precheck) {
                if (o.refusal) {
                    refuse(c, *o.refusal);
                } else {
                    start_body(c);
                }
                continue;
            }
            c.out = std::move(o.response);
            c.out_pos = 0;
            c.close_after = o.close;
            c.phase = Phase::writing;
            c.deadline = Clock::now() + std::chrono::milliseconds(f.limits_.write_idle_ms);
            write_some(c);
        }
    }

    // Closes every connection past its phase's deadline; a client that began a request and did
    // not finish it in time is told so (408), as far as its socket takes it without waiting.
    void sweep() {
        auto now = Clock::now();
        std::vector<std::uint64_t> late;
        for (auto& [id, c] : conns)
            if ((c->phase == Phase::head || c->phase == Phase::body || c->phase == Phase::writing ||
                 c->phase == Phase::lingering) &&
                c->deadline <= now)
                late.push_back(id);
        for (auto id : late) {
            Conn& c = *conns.at(id);
            if ((c.phase == Phase::head && !c.in.empty()) || c.phase == Phase::body) {
                std::string bytes = refusal_bytes({408, "timeout", "the request did not arrive in time"});
                (void)!::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            }
            close_conn(id);
        }
        if (!listener_on && now >= listener_paused_until && conns.size() < max_conns) set_listener(true);
    }

    void run() {
        std::vector<epoll_event> events(256);
        auto next_sweep = Clock::now();
        while (!f.stopping_) {
            int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
            for (int i = 0; i < n; ++i) {
                std::uint64_t key = events[static_cast<std::size_t>(i)].data.u64;
                std::uint32_t ev = events[static_cast<std::size_t>(i)].events;
                if (key == 1) {
                    accept_all();
                } else if (key == 2) {
                    std::uint64_t count;
                    (void)!::read(f.wake_fd_, &count, sizeof count);
                    on_outcomes();
                } else if (auto it = conns.find(key); it != conns.end()) {
                    on_event(*it->second, ev);
                }
            }
            if (auto now = Clock::now(); now >= next_sweep) {
                sweep();
                next_sweep = now + std::chrono::milliseconds(100);
            }
        }
    }
};

// ---------------------------------------------------------------------------------------------
// 4. HttpFront
// ---------------------------------------------------------------------------------------------

HttpFront::HttpFront(FrontHandler& handler, FrontLimits limits) : handler_(handler), limits_(limits) {
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

HttpFront::~HttpFront() {
    if (listen_fd_ >= 0) ::close(listen_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
}

Status HttpFront::listen(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string where = host + ":" + std::to_string(port);
    if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        return Error{ErrorCode::io, "cannot listen on " + where + ": " + gai_strerror(rc)};
    std::string why = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
            sockaddr_storage bound{};
            socklen_t len = sizeof bound;
            getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
            port_ = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                                : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
            listen_fd_ = fd;
            break;
        }
        why = std::strerror(errno);
        ::close(fd);
    }
    freeaddrinfo(found);
    if (listen_fd_ < 0) return Error{ErrorCode::io, "cannot listen on " + where + ": " + why};
    return ok_status();
}

void HttpFront::run() {
    if (listen_fd_ < 0 || stopping_) return;
    Loop loop(*this);
    loop.run();
    // ~Loop: the workers finish what they are running (their results are dropped) and every
    // connection is closed.
}

void HttpFront::stop() {
    stopping_ = true;
    std::uint64_t one = 1;
    if (wake_fd_ >= 0) (void)!::write(wake_fd_, &one, sizeof one);
}

}  // namespace lianxin::hub
