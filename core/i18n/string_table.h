// The program's own labels (buttons, messages) in both languages, from assets/strings/*.toml.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/i18n/language.h"

namespace lianxin {

class StringTable {
public:
    // Loads zh.toml and en.toml from `dir`; every key must exist in both.
    static Result<StringTable> load(const std::filesystem::path& dir);
    // The string for `key`; a missing key shows as the key itself so it is noticed, never a crash.
    const std::string& get(Lang lang, const std::string& key) const;
    std::string all_text() const;
    std::vector<std::string> keys() const;

private:
    std::map<std::string, LocalizedText> strings_;
};

// Replaces each "{}" in `pattern` with the next argument.
std::string format_text(std::string pattern, std::initializer_list<std::string> args);

}  // namespace lianxin
