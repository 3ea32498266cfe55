// Signed JSON calls from the admin tool to the hub (see hub_client.h).
#include "admin-tool/hub_client.h"

#include <chrono>
#include <cstdlib>

#include "core/net/http_client.h"
#include "core/sync/request_signing.h"

namespace lianxin::admin {

Result<HubConnection> connect_hub(const std::string& url_flag, const std::string& key_flag) {
    auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return v ? std::string(v) : std::string();
    };
    std::string url = url_flag.empty() ? env("LIANXIN_HUB") : url_flag;
    std::string key_file = key_flag.empty() ? env("LIANXIN_ADMIN_KEY") : key_flag;
    if (url.empty()) return Error{ErrorCode::invalid_input, "which hub? give --hub URL (or set LIANXIN_HUB)"};
    if (key_file.empty())
        return Error{ErrorCode::invalid_input,
                     "no admin key: give --admin-key FILE (or set LIANXIN_ADMIN_KEY); make one with `lianxin-admin keys "
                     "new admin` and enroll admin.pub with `lianxin-hub enroll-admin admin.pub` on the hub's host"};
    auto key = load_secret_key(key_file);
    if (!key) return Error{key.error().code, "admin key: " + key.error().detail};
    while (!url.empty() && url.back() == '/') url.pop_back();
    return HubConnection{url, *key};
}

Result<std::string> hub_call_text(const HubConnection& hub, const std::string& method, const std::string& path,
                                  const std::string& body,
                                  const std::vector<std::pair<std::string, std::string>>& headers) {
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    HttpRequest req;
    req.method = method;
    req.url = hub.url + path;
    req.body = body;
    req.headers = sign_request(hub.key, method, path, body, now.count()).list();
    req.headers.insert(req.headers.end(), headers.begin(), headers.end());
    if (!body.empty() && headers.empty()) req.headers.emplace_back("Content-Type", "application/json");
    req.total_timeout_ms = 120'000;  // a bundle upload can take a while
    auto res = http_request(req);
    if (!res.transport_ok)
        return Error{ErrorCode::io, "cannot reach the hub at " + hub.url + ": " + res.error + " (is lianxin-hub running?)"};
    if (res.status < 200 || res.status >= 300) {
        auto json = nlohmann::json::parse(res.body, nullptr, false);
        std::string said = json.is_object() && json.contains("error") && json["error"].is_string()
                               ? json["error"].get<std::string>() : res.body;
        std::string hint = res.status == 401 ? " (is this admin key enrolled on the hub?)" : "";
        return Error{res.status == 404 ? ErrorCode::not_found : ErrorCode::invalid_input,
                     "the hub answered " + std::to_string(res.status) + ": " + said + hint};
    }
    return std::move(res.body);
}

Result<nlohmann::json> hub_call(const HubConnection& hub, const std::string& method, const std::string& path,
                                const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    auto text = hub_call_text(hub, method, path, body, headers);
    if (!text) return text.error();
    auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded()) return Error{ErrorCode::corrupt, "the hub's answer is not JSON"};
    return json;
}

}  // namespace lianxin::admin
