// hub.toml parsing with toml++ (see hub_config.h).
#include "hub/hub_config.h"

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include <charconv>
#include <set>

#include "core/base/files.h"
#include "core/tokens/token.h"

namespace fs = std::filesystem;

namespace lianxin::hub {

bool parse_listen(std::string_view text, std::string& host, int& port) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return false;
    std::string_view h = text.substr(0, colon), p = text.substr(colon + 1);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    int value = 0;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || end != p.data() + p.size() || value < 0 || value > 65535) return false;  // 0: any free port
    host = h.empty() ? "0.0.0.0" : std::string(h);
    port = value;
    return true;
}

Result<HubConfig> load_hub_config(const fs::path& path) {
    auto text = read_file(path, 1u << 20);
    if (!text) return Error{text.error().code, "hub config " + text.error().detail};
    toml::table t;
    try {
        t = toml::parse(*text, path.string());
    } catch (const toml::parse_error& e) {
        return Error{ErrorCode::invalid_input,
                     path.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description())};
    }
    HubConfig c;
    fs::path base = path.parent_path();
    auto resolve = [&](const std::string& p) { return fs::path(p).is_absolute() ? fs::path(p) : base / p; };
    auto bad = [&](std::string_view key, const std::string& why) {
        std::string where = path.string();
        if (auto* n = t.at_path(key).node()) where += ":" + std::to_string(n->source().begin.line);
        return Error{ErrorCode::invalid_input, where + ": " + std::string(key) + ": " + why};
    };
    // A misspelt key ("public-url", "thread") would silently leave its default in place: the
    // certificates' QR codes would point at localhost. Every key is one this loader reads.
    static const std::set<std::string, std::less<>> kKeys = {"listen",          "store",  "public_url",    "certificate_key",
                                                             "assets_dir",      "threads", "publisher_keys"};
    for (auto& [k, v] : t) {
        if (k.str() != "hub" || !v.is_table())
            return Error{ErrorCode::invalid_input, path.string() + ":" + std::to_string(v.source().begin.line) + ": '" +
                                                       std::string(k.str()) + "' is not a hub.toml setting; all go under [hub]"};
        for (auto& [hk, hv] : *v.as_table())
            if (!kKeys.count(hk.str()))
                return Error{ErrorCode::invalid_input,
                             path.string() + ":" + std::to_string(hv.source().begin.line) + ": hub." + std::string(hk.str()) +
                                 " is not a hub.toml setting (they are listen, store, public_url, certificate_key, "
                                 "assets_dir, threads, publisher_keys)"};
    }
    for (const char* key : {"hub.listen", "hub.store", "hub.public_url", "hub.certificate_key", "hub.assets_dir"})
        if (auto* n = t.at_path(key).node(); n && !n->is_string()) return bad(key, "must be a string");
    if (auto v = t["hub"]["listen"].value<std::string>())
        if (!parse_listen(*v, c.listen_host, c.listen_port))
            return bad("hub.listen", "must be HOST:PORT, e.g. \"127.0.0.1:8470\"");
    if (auto v = t["hub"]["store"].value<std::string>()) {
        // A relative SQLite path is relative to this file, like every other path in it.
        c.store = v->rfind("sqlite:", 0) == 0 ? "sqlite:" + resolve(v->substr(7)).string() : *v;
    }
    if (auto v = t["hub"]["public_url"].value<std::string>()) {
        if (auto why = public_url_problem(*v)) return bad("hub.public_url", *why);
        c.public_url = *v;
        c.public_url_given = true;
    }
    if (auto v = t["hub"]["certificate_key"].value<std::string>()) {
        auto k = load_secret_key(resolve(*v));
        if (!k) return bad("hub.certificate_key", k.error().detail);
        c.certificate_key = *k;
    }
    if (auto v = t["hub"]["assets_dir"].value<std::string>()) c.assets_dir = resolve(*v);
    if (auto* n = t.at_path("hub.threads").node()) {
        // Its kind first: toml++ would convert a float such as 2e19 to an integer, out of range.
        auto v = n->is_integer() ? n->value<std::int64_t>() : std::nullopt;
        if (!v || *v < 1 || *v > 256) return bad("hub.threads", "must be a whole number from 1 to 256");
        c.threads = static_cast<int>(*v);
    }
    if (auto* n = t.at_path("hub.publisher_keys").node()) {
        auto* arr = n->as_array();
        if (!arr) return bad("hub.publisher_keys", "must be a list of key files");
        for (auto& el : *arr) {
            auto s = el.value<std::string>();
            if (!s) return bad("hub.publisher_keys", "each entry must be a string");
            auto k = public_key_from_entry(*s, base);
            if (!k) return bad("hub.publisher_keys", k.error().detail);
            c.publisher_keys.push_back(*k);
        }
    }
    return c;
}

}  // namespace lianxin::hub
