// UI strings in both languages. Flat TOML: `group.key = "text"` (dotted keys → nested tables).
#include "core/i18n/string_table.h"

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "core/base/files.h"

namespace lianxin {

namespace {
void flatten(const toml::table& t, const std::string& prefix, std::map<std::string, std::string>& out) {
    for (auto& [k, v] : t) {
        std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (auto* sub = v.as_table()) flatten(*sub, key, out);
        else if (auto s = v.value<std::string>()) out[key] = *s;
    }
}
}  // namespace

Result<StringTable> StringTable::load(const std::filesystem::path& dir) {
    std::map<std::string, std::string> zh, en;
    for (auto [lang, dest] : {std::pair{"zh", &zh}, std::pair{"en", &en}}) {
        auto path = dir / (std::string(lang) + ".toml");
        auto text = read_file(path, 1u << 20);
        if (!text) return Error{text.error().code, "UI strings: " + text.error().detail};
        try {
            flatten(toml::parse(*text, path.string()), "", *dest);
        } catch (const toml::parse_error& e) {
            return Error{ErrorCode::invalid_input, path.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                                                       std::string(e.description())};
        }
    }
    StringTable t;
    for (auto& [k, v] : zh) {
        auto it = en.find(k);
        if (it == en.end()) return Error{ErrorCode::invalid_input, "UI string '" + k + "' is in zh.toml but not en.toml"};
        t.strings_[k] = {v, it->second};
    }
    for (auto& [k, v] : en)
        if (!zh.count(k)) return Error{ErrorCode::invalid_input, "UI string '" + k + "' is in en.toml but not zh.toml"};
    return t;
}

const std::string& StringTable::get(Lang lang, const std::string& key) const {
    auto it = strings_.find(key);
    if (it == strings_.end()) {
        static thread_local std::string missing;
        missing = key;
        return missing;
    }
    return it->second.in(lang);
}

std::string StringTable::all_text() const {
    std::string s;
    for (auto& [k, v] : strings_) { s += v.zh; s += v.en; }
    return s;
}

std::vector<std::string> StringTable::keys() const {
    std::vector<std::string> out;
    for (auto& [k, v] : strings_) out.push_back(k);
    return out;
}

std::string format_text(std::string pattern, std::initializer_list<std::string> args) {
    std::size_t pos = 0;
    for (auto& a : args) {
        pos = pattern.find("{}", pos);
        if (pos == std::string::npos) break;
        pattern.replace(pos, 2, a);
        pos += a.size();
    }
    return pattern;
}

}  // namespace lianxin
