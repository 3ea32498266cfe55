// libcurl easy interface, one handle per request (sync runs at most every few seconds, so reusing
// connections buys nothing worth the state). NOSIGNAL because the caller is a worker thread.
#include "core/net/http_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace lianxin {

namespace {

struct Sink {
    std::string* body;
    std::size_t max;
    bool overflow = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    std::size_t n = size * count;
    if (sink->body->size() + n > sink->max) {
        sink->overflow = true;
        return 0;  // makes curl fail the transfer with CURLE_WRITE_ERROR
    }
    sink->body->append(data, n);
    return n;
}

// One header line per call; a status line ("HTTP/1.1 …") starts a new response (after a 1xx or
// a redirect), so only the final response's headers are kept.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
    std::string_view line(data, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        headers->emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

void global_init() {
    // curl_global_init is not safe to race with other threads' first use; do it exactly once.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

HttpResponse http_request(const HttpRequest& req, const std::atomic<bool>* cancel) {
    global_init();
    HttpResponse out;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        out.error = "libcurl could not start";
        return out;
    }
    CURL* h = curl.get();
    curl_slist* list = nullptr;
    for (auto& [name, value] : req.headers) list = curl_slist_append(list, (name + ": " + value).c_str());
    // Without this curl sends "Expect: 100-continue" for larger bodies and waits for the hub.
    list = curl_slist_append(list, "Expect:");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, &curl_slist_free_all);

    Sink sink{&out.body, req.max_response_bytes};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, req.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, req.total_timeout_ms);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &out.headers);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, cancel);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a signed request is signed for one path
    if (req.method == "POST") {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    } else if (req.method != "GET") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    }

    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK) {
        out.transport_ok = true;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
        return out;
    }
    out.body.clear();
    out.headers.clear();
    out.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    out.cancelled = rc == CURLE_ABORTED_BY_CALLBACK;
    if (out.timed_out)
        out.error = std::string("timeout: ") + (error[0] ? std::string(error) : curl_easy_strerror(rc));
    else if (sink.overflow)
        out.error = "the answer is larger than " + std::to_string(req.max_response_bytes) + " bytes";
    else
        out.error = error[0] ? std::string(error) : std::string(curl_easy_strerror(rc));
    return out;
}

std::string header_value(const HttpResponse& response, std::string_view name) {
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    };
    std::string want = lower(name);
    for (auto& [n, v] : response.headers)
        if (lower(n) == want) return v;
    return "";
}

}  // namespace lianxin
