// The admin tool's own words in the operator's language (assets/admin/zh.toml and en.toml): CLI
// help and messages, export headers, and later the GUI's labels. Chinese for an operator whose
// locale is Chinese (LANG=zh_CN.UTF-8), English otherwise.
#pragma once

#include <initializer_list>
#include <string>

#include "core/base/result.h"
#include "core/i18n/language.h"
#include "core/i18n/string_table.h"

namespace lianxin::admin {

// The language of LC_ALL, else LC_MESSAGES, else LANG (the first that is set and not empty), as
// POSIX orders them: zh when it starts with "zh", else en.
Lang operator_language();

class AdminText {
public:
    AdminText(StringTable table, Lang lang) : table_(std::move(table)), lang_(lang) {}
    Lang lang() const { return lang_; }
    // The string for `key`; a missing key shows as the key itself so it is noticed.
    const std::string& operator()(const std::string& key) const { return table_.get(lang_, key); }
    // The string for `key` with each "{}" replaced by the next argument.
    std::string operator()(const std::string& key, std::initializer_list<std::string> args) const;
    const StringTable& table() const { return table_; }

private:
    StringTable table_;
    Lang lang_;
};

// The tool's strings from `dir` (default: the assets/admin folder this build was made from).
Result<AdminText> load_admin_text(Lang lang, const std::string& dir = {});

}  // namespace lianxin::admin
