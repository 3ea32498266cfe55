// kiosk.toml parsing with toml++; every error names the key and line.
#include "core/config/kiosk_config.h"

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "core/base/files.h"
#include "core/sync/sync_messages.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"

namespace fs = std::filesystem;

namespace lianxin {

Result<KioskConfig> load_kiosk_config(const fs::path& path) {
    auto text = read_file(path, 1u << 20);
    if (!text) return Error{text.error().code, "kiosk config " + text.error().detail};
    toml::table t;
    try {
        t = toml::parse(*text, path.string());
    } catch (const toml::parse_error& e) {
        return Error{ErrorCode::invalid_input, path.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                                                   std::string(e.description())};
    }
    KioskConfig c;
    fs::path base = path.parent_path();
    auto resolve = [&](const std::string& p) { return fs::path(p).is_absolute() ? fs::path(p) : base / p; };
    // A bare program name ("lp") is looked up on PATH; a path is taken relative to this file.
    auto resolve_command = [&](const std::string& p) {
        return p.find('/') == std::string::npos ? p : resolve(p).string();
    };
    auto bad = [&](std::string_view key, const std::string& why) {
        std::string where = path.string();
        if (auto* n = t.at_path(key).node()) where += ":" + std::to_string(n->source().begin.line);
        return Error{ErrorCode::invalid_input, where + ": " + std::string(key) + ": " + why};
    };

    // A value of the wrong type is refused, not silently ignored (the kiosk would run on a default).
    enum class Kind { text, whole, list };
    static constexpr struct { const char* key; Kind kind; } kExpected[] = {
        {"kiosk.name", Kind::text}, {"kiosk.content", Kind::text}, {"kiosk.data_dir", Kind::text},
        {"kiosk.assets_dir", Kind::text}, {"kiosk.hub_url", Kind::text}, {"kiosk.language", Kind::text},
        {"kiosk.publisher_keys", Kind::list}, {"idle.timeout_seconds", Kind::whole},
        {"idle.countdown_seconds", Kind::whole}, {"idle.tour_timeout_seconds", Kind::whole}, {"attract.slide_seconds", Kind::whole},
        {"maintenance.pin_hash", Kind::text}, {"input.rime_dir", Kind::text}, {"kiosk.code", Kind::text},
        {"kiosk.key", Kind::text}, {"kiosk.id", Kind::text}, {"kiosk.public_url", Kind::text}, {"passports.kiosk_keys", Kind::list},
        {"certificates.keys", Kind::list}, {"print.printer", Kind::text}, {"print.command", Kind::text},
        {"print.format", Kind::text}};
    for (auto& e : kExpected) {
        auto* n = t.at_path(e.key).node();
        if (!n) continue;
        if (e.kind == Kind::text && !n->is_string()) return bad(e.key, "must be a string");
        if (e.kind == Kind::whole && !n->is_integer()) return bad(e.key, "must be a whole number");
        if (e.kind == Kind::list && !n->is_array()) return bad(e.key, "must be a list of strings");
    }

    // Every opinion and passport carries the name: one the hub's reader refuses would have every
    // push refused after the visitor was thanked, so the kiosk does not start with it.
    if (auto v = t["kiosk"]["name"].value<std::string>()) {
        if (auto why = kiosk_name_problem(*v)) return bad("kiosk.name", *why + "; shorten it in kiosk.toml");
        c.name = *v;
    }
    if (auto v = t["kiosk"]["content"].value<std::string>()) c.content = resolve(*v);
    if (auto v = t["kiosk"]["data_dir"].value<std::string>()) c.data_dir = resolve(*v);
    if (auto v = t["kiosk"]["assets_dir"].value<std::string>()) c.assets_dir = resolve(*v);
    if (auto v = t["kiosk"]["hub_url"].value<std::string>()) {
        if (!v->empty() && v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)
            return bad("kiosk.hub_url", "must start with https:// (or http:// for a local hub)");
        if (v->find_first_of(" \t\r\n") != std::string::npos)
            return bad("kiosk.hub_url", "must not contain spaces or line breaks");
        c.hub_url = *v;
    }
    if (auto v = t["kiosk"]["id"].value<std::string>()) {
        if (!is_valid_kiosk_id(*v))
            return bad("kiosk.id", "must be 1-" + std::to_string(kKioskIdMaxBytes) +
                                       " letters, digits, '-' or '_' (the id from kiosk register)");
        c.kiosk_id = *v;
    }
    if (auto v = t["kiosk"]["language"].value<std::string>())
        if (!parse_lang(*v, c.language)) return bad("kiosk.language", "must be \"zh\" or \"en\"");
    // Public keys: each entry is a key file (relative to this file) or the key's own line.
    auto load_keys = [&](std::string_view key, std::vector<PublicKey>& out) -> Status {
        auto* arr = t.at_path(key).as_array();
        if (!arr) return ok_status();
        for (auto& el : *arr) {
            auto s = el.value<std::string>();
            if (!s) return bad(key, "each entry must be a string");
            auto k = public_key_from_entry(*s, base);
            if (!k) return bad(key, k.error().detail);
            out.push_back(*k);
        }
        return ok_status();
    };
    for (auto [key, list] : {std::pair{"kiosk.publisher_keys", &c.publisher_keys},
                             std::pair{"passports.kiosk_keys", &c.passport_keys},
                             std::pair{"certificates.keys", &c.certificate_keys}})
        if (auto st = load_keys(key, *list); !st) return st.error();
    if (auto v = t["kiosk"]["code"].value<std::string>()) {
        if (!valid_kiosk_code(*v))
            return bad("kiosk.code", "must be 3 characters from " + std::string(kShortCodeAlphabet) +
                                         " (assigned when the kiosk is registered)");
        c.kiosk_code = *v;
    }
    if (auto v = t["kiosk"]["key"].value<std::string>()) {
        auto k = load_secret_key(resolve(*v));
        if (!k) return bad("kiosk.key", k.error().detail);
        c.kiosk_key = *k;
    }
    if (auto v = t["kiosk"]["public_url"].value<std::string>()) {
        if (auto why = public_url_problem(*v)) return bad("kiosk.public_url", *why);
        c.public_url = *v;
    }
    if (auto v = t["print"]["printer"].value<std::string>()) c.printer.printer = *v;
    if (auto v = t["print"]["command"].value<std::string>()) c.printer.command = resolve_command(*v);
    if (auto v = t["print"]["format"].value<std::string>()) {
        if (!parse_card_format(*v, c.printer.format) || c.printer.format == CardFormat::screen)
            return bad("print.format", "must be \"a6\" (card printer) or \"receipt\" (80 mm receipt printer)");
    }
    if (auto v = t["idle"]["timeout_seconds"].value<std::int64_t>()) {
        if (*v < 10 || *v > 3600) return bad("idle.timeout_seconds", "must be between 10 and 3600");
        c.idle.idle_timeout = *v * 1000;
    }
    if (auto v = t["idle"]["countdown_seconds"].value<std::int64_t>()) {
        if (*v < 5 || *v > 120) return bad("idle.countdown_seconds", "must be between 5 and 120");
        c.idle.countdown = *v * 1000;
    }
    // A guided tour's wait (after idle.timeout_seconds, which it must not undercut).
    if (auto v = t["idle"]["tour_timeout_seconds"].value<std::int64_t>()) {
        if (*v < kTourIdleSecondsMin || *v > kTourIdleSecondsMax)
            return bad("idle.tour_timeout_seconds", "must be between " + std::to_string(kTourIdleSecondsMin) + " and " +
                                                        std::to_string(kTourIdleSecondsMax) + " (seconds)");
        c.idle.tour_idle_timeout = *v * 1000;
    }
    if (c.idle.tour_idle_timeout < c.idle.idle_timeout) {
        if (t.at_path("idle.tour_timeout_seconds").node())
            return bad("idle.tour_timeout_seconds",
                       "must not be shorter than idle.timeout_seconds (" + std::to_string(c.idle.idle_timeout / 1000) +
                           "): a guided tour waits longer than a visitor browsing alone");
        c.idle.tour_idle_timeout = c.idle.idle_timeout;  // unset: never shorter than the visitor's wait
    }
    if (auto v = t["attract"]["slide_seconds"].value<std::int64_t>()) {
        if (*v < 3 || *v > 120) return bad("attract.slide_seconds", "must be between 3 and 120");
        c.slide_seconds = static_cast<int>(*v);
    }
    if (auto v = t["maintenance"]["pin_hash"].value<std::string>()) {
        // Anything but a libsodium password hash would lock staff out with no message.
        if (!v->empty() && v->rfind("$argon2", 0) != 0)
            return bad("maintenance.pin_hash", "must be the line `lianxin-admin pin` prints ($argon2…), or empty");
        c.maintenance_pin_hash = *v;
    }
    if (auto v = t["input"]["rime_dir"].value<std::string>()) c.rime_dir = resolve(*v);
    return c;
}

}  // namespace lianxin
