// Raw HTTP over loopback sockets for the hostile tests: what a well-behaved client library will
// not send (partial heads, announced bodies never sent, pipelines, floods of headers), answers
// read with a deadline, and the bits every hostile hub test needs (a valid certificate page,
// percentiles).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokens/token.h"
#include "tests/hostile/loopback.h"
#include "tests/hub/live_hub.h"

namespace lianxin::test {

struct RawResponse {
    int status = 0;  // 0: nothing complete arrived in time
    std::string head, body;
    bool closed = false;  // the hub closed the connection
};

// Reads one response (head and Content-Length body) within `timeout_ms`; `pending` keeps bytes
// of the next response on a pipelined connection.
inline RawResponse read_response(int fd, int timeout_ms, std::string* pending = nullptr) {
    RawResponse r;
    std::string buf = pending ? std::move(*pending) : std::string();
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        std::size_t he = buf.find("\r\n\r\n");
        if (he != std::string::npos) {
            std::string head = buf.substr(0, he);
            std::size_t len = 0;
            std::string lower = head;
            std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
            if (auto at = lower.find("content-length:"); at != std::string::npos) len = std::stoul(lower.substr(at + 15));
            if (buf.size() >= he + 4 + len) {
                r.head = head;
                r.body = buf.substr(he + 4, len);
                r.status = std::atoi(head.c_str() + 9);
                if (r.status == 100) {  // an interim answer: the final one follows
                    buf.erase(0, he + 4);
                    continue;
                }
                if (pending) *pending = buf.substr(he + 4 + len);
                return r;
            }
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
        if (left <= 0) return r;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
        char chunk[16384];
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            r.closed = true;
            return r;
        }
        buf.append(chunk, static_cast<std::size_t>(n));
    }
}

// True when the hub has closed `fd` (or reset it) within `timeout_ms`; answers are skipped.
inline bool closed_within(int fd, int timeout_ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char chunk[4096];
    while (std::chrono::steady_clock::now() < end) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return true;
    }
    return false;
}

// The {"error", "message"} body every refusal carries.
inline bool json_error_body(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    return j.is_object() && j.contains("error") && j["error"].is_string() && j.contains("message") &&
           j["message"].is_string();
}

// "/C/<token>" of a valid certificate signed with the hub's certificate key.
inline std::string certificate_page_path(const LiveHub& hub) {
    CertificateClaims c;
    c.passport = passport_ref_of(new_passport_id());
    c.consultation_id = "property-rules";
    c.article = 3;
    c.decided = LocalDate{2027, 1, 9};
    auto token = issue_certificate_for_url(c, hub.certificate_key, hub.config.public_url);
    REQUIRE(token.ok());
    std::string url = certificate_url(hub.config.public_url, *token);
    return url.substr(url.find('/', url.find("://") + 3));
}

}  // namespace lianxin::test
