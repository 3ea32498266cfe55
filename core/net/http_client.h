// A small blocking HTTP client over libcurl for background work (the kiosk's sync and bundle
// downloads, the admin tool's calls to the hub): one request, hard timeouts, and a cancel flag so
// a stopping agent never waits for a dead hub. Never call it on the UI thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/field_limits.h"

namespace lianxin {

struct HttpRequest {
    std::string method = "GET";  // "GET" or "POST"
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;                 // sent for POST
    long connect_timeout_ms = 5'000;  // to establish the connection
    long total_timeout_ms = 30'000;   // for the whole exchange
    std::size_t max_response_bytes = kBundleMaxBytes;  // a bundle is the largest answer
};

struct HttpResponse {
    bool transport_ok = false;  // a complete HTTP response arrived
    bool timed_out = false;     // the connect or total timeout expired
    bool cancelled = false;     // `cancel` was set while the request ran
    long status = 0;            // the HTTP status when transport_ok
    // The final response's header lines as name/value pairs (names as sent), e.g. a page's
    // Set-Cookie, which the hub tests read; interim (1xx) responses are not included.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string error;          // what went wrong when !transport_ok, for people
};

// Performs one request. Returns promptly (within about 100 ms) once `cancel` becomes true.
HttpResponse http_request(const HttpRequest& request, const std::atomic<bool>* cancel = nullptr);
// The first value of response header `name` (case-insensitive), or empty.
std::string header_value(const HttpResponse& response, std::string_view name);

}  // namespace lianxin
