// libcurl easy interface, one handle per request (sync runs at most every few seconds, so reusing
// connections buys nothing worth the state). NOSIGNAL because the caller is a worker thread.
// libcurl is opened with dlopen on the first request, not linked: with its TLS, SSH, LDAP and
// Kerberos libraries it costs a kiosk ~2.6 MiB of memory (PSS, bench/README.md) even when no hub is
// configured and nothing is ever sent.
#include "core/net/http_client.h"

#include <curl/curl.h>
#include <dlfcn.h>

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

// The few libcurl functions we call, resolved from the shared library at run time.
struct CurlApi {
    bool ok = false;
    std::string error;
    CURLcode (*global_init)(long) = nullptr;
    CURL* (*easy_init)() = nullptr;
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
    CURLcode (*easy_perform)(CURL*) = nullptr;
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
    void (*easy_cleanup)(CURL*) = nullptr;
    const char* (*easy_strerror)(CURLcode) = nullptr;
    curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
    void (*slist_free_all)(curl_slist*) = nullptr;
};

// Opened once (curl_global_init is not safe to race with other threads' first use) and kept.
const CurlApi& curl_api() {
    static CurlApi api = [] {
        CurlApi a;
        void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            a.error = std::string("cannot load libcurl (install the libcurl4 package): ") + dlerror();
            return a;
        }
        auto sym = [&](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
            return fn != nullptr;
        };
        a.ok = sym(a.global_init, "curl_global_init") && sym(a.easy_init, "curl_easy_init") &&
               sym(a.easy_setopt, "curl_easy_setopt") && sym(a.easy_perform, "curl_easy_perform") &&
               sym(a.easy_getinfo, "curl_easy_getinfo") && sym(a.easy_cleanup, "curl_easy_cleanup") &&
               sym(a.easy_strerror, "curl_easy_strerror") && sym(a.slist_append, "curl_slist_append") &&
               sym(a.slist_free_all, "curl_slist_free_all");
        if (!a.ok) {
            a.error = "the installed libcurl lacks a function this program needs";
            return a;
        }
        a.global_init(CURL_GLOBAL_DEFAULT);
        return a;
    }();
    return api;
}

}  // namespace

HttpResponse http_request(const HttpRequest& req, const std::atomic<bool>* cancel) {
    const CurlApi& api = curl_api();
    HttpResponse out;
    if (!api.ok) {
        out.error = api.error;
        return out;
    }
    std::unique_ptr<CURL, void (*)(CURL*)> curl(api.easy_init(), api.easy_cleanup);
    if (!curl) {
        out.error = "libcurl could not start";
        return out;
    }
    CURL* h = curl.get();
    curl_slist* list = nullptr;
    for (auto& [name, value] : req.headers) list = api.slist_append(list, (name + ": " + value).c_str());
    // Without this curl sends "Expect: 100-continue" for larger bodies and waits for the hub.
    list = api.slist_append(list, "Expect:");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(list, api.slist_free_all);

    Sink sink{&out.body, req.max_response_bytes};
    char error[CURL_ERROR_SIZE] = {0};
    api.easy_setopt(h, CURLOPT_URL, req.url.c_str());
    api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, req.connect_timeout_ms);
    api.easy_setopt(h, CURLOPT_TIMEOUT_MS, req.total_timeout_ms);
    api.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    api.easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_data);
    api.easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    api.easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
    api.easy_setopt(h, CURLOPT_HEADERDATA, &out.headers);
    api.easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    api.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    api.easy_setopt(h, CURLOPT_XFERINFODATA, cancel);
    api.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a signed request is signed for one path
    if (req.method == "POST" || (req.method != "GET" && !req.body.empty())) {
        // A body goes the way of a POST's; another method (PUT) then names itself.
        api.easy_setopt(h, CURLOPT_POST, 1L);
        api.easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
        api.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    }
    if (req.method != "GET" && req.method != "POST") api.easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());

    CURLcode rc = api.easy_perform(h);
    if (rc == CURLE_OK) {
        out.transport_ok = true;
        api.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
        return out;
    }
    out.body.clear();
    out.headers.clear();
    out.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    out.cancelled = rc == CURLE_ABORTED_BY_CALLBACK;
    if (out.timed_out)
        out.error = std::string("timeout: ") + (error[0] ? std::string(error) : api.easy_strerror(rc));
    else if (sink.overflow)
        out.error = "the answer is larger than " + std::to_string(req.max_response_bytes) + " bytes";
    else
        out.error = error[0] ? std::string(error) : std::string(api.easy_strerror(rc));
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
