// The public pages' shared route parts (see page_support.h).
#include "hub/page_support.h"

#include <spdlog/spdlog.h>

#include "hub/http_front.h"
#include "hub/route_limits.h"

namespace lianxin::hub {

namespace {

// The same path in the other language. The path as sent, not req.path: httplib decodes that, and
// a token's escaped ' ' and '%' must stay escaped or the other language's page would get a
// different token.
std::string switch_url(const httplib::Request& req, Lang lang) {
    return req.target.substr(0, req.target.find('?')) + "?lang=" + (lang == Lang::zh ? "en" : "zh");
}

}  // namespace

PageFrame frame_in(HubServer& hub, const httplib::Request& req, Lang lang) {
    PageFrame f;
    f.lang = lang;
    f.switch_url = switch_url(req, lang);
    if (auto content = Routes::content(hub)) f.hall = content->content.hall.name.in(lang);
    return f;
}

PageFrame frame_for(HubServer& hub, const httplib::Request& req) {
    return frame_in(hub, req, negotiate_lang(req.get_param_value("lang"), req.get_header_value("Accept-Language")));
}

PageFrame frame_of_form(HubServer& hub, const httplib::Request& req) {
    if (Lang posted; req.method == "POST" && parse_lang(req.get_param_value("lang"), posted)) return frame_in(hub, req, posted);
    return frame_for(hub, req);
}

void html(httplib::Response& res, int status, std::string body) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    res.set_content(std::move(body), "text/html; charset=utf-8");
}

std::string cookie_value(const httplib::Request& req, const std::string& name) {
    std::string all = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < all.size()) {
        std::size_t end = all.find(';', at);
        if (end == std::string::npos) end = all.size();
        std::string item = all.substr(at, end - at);
        at = end + 1;
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        if (item.rfind(name + "=", 0) == 0) return item.substr(name.size() + 1);
    }
    return "";
}

std::string rate_limit_client(const httplib::Request& req) {
    bool loopback = req.remote_addr == "::1" || req.remote_addr.rfind("127.", 0) == 0 ||
                    req.remote_addr.rfind("::ffff:127.", 0) == 0;
    std::string forwarded = req.get_header_value("X-Forwarded-For");
    if (!loopback || forwarded.empty()) return client_key(req.remote_addr);
    std::string last = forwarded.substr(forwarded.rfind(',') == std::string::npos ? 0 : forwarded.rfind(',') + 1);
    while (!last.empty() && last.front() == ' ') last.erase(last.begin());
    while (!last.empty() && last.back() == ' ') last.pop_back();
    return client_key(last.empty() ? req.remote_addr : last);
}

std::map<std::string, std::string> form_fields(const httplib::Request& req) {
    std::map<std::string, std::string> m;
    for (auto& [k, v] : req.params) m.emplace(k, v);
    return m;
}

bool form_flooded(HubServer& hub, const std::string& kind, const std::string& client, std::int64_t now_ms) {
    Routes::purge_if_due(hub);  // a hub only phones post to must still forget old events
    auto recent = Routes::store(hub).count_recent(kind, client, now_ms - kFormWindowMs);
    return recent && *recent >= kFormMaxPerWindow;
}

FormKept keep_form_push(HubServer& hub, const std::string& kind, const std::string& client, std::int64_t now_ms,
                        const SyncPush& push) {
    auto taken = Routes::store(hub).take_event(kind, client, now_ms - kFormWindowMs, kFormMaxPerWindow, now_ms);
    if (!taken) {
        spdlog::error("store: {}", taken.error().detail);
        return FormKept::not_stored;
    }
    if (!*taken) return FormKept::too_many;
    auto held = Routes::store(hub).ingest(kPhoneKioskId, push, now_ms);
    if (!held) {
        spdlog::error("{} record not stored: {}", kind, held.error().detail);
        return FormKept::not_stored;
    }
    return FormKept::kept;
}

httplib::Server::HandlerWithContentReader form_post(std::function<void(const httplib::Request&, httplib::Response&)> form) {
    return [form](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
        std::string body;
        read([&](const char* data, std::size_t n) {
            body.append(data, n);
            return body.size() <= kPhoneFormMaxBytes;
        });
        httplib::Request with_fields = req;
        if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0)
            httplib::detail::parse_query_text(body, with_fields.params);
        form(with_fields, res);
    };
}

}  // namespace lianxin::hub
