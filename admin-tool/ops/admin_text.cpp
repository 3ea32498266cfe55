// Loading the admin tool's strings and choosing the operator's language (admin_text.h).
#include "admin-tool/ops/admin_text.h"

#include <cstdlib>
#include <string_view>

namespace lianxin::admin {

Lang operator_language() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (!v || !*v) continue;
        return std::string_view(v).substr(0, 2) == "zh" ? Lang::zh : Lang::en;
    }
    return Lang::en;
}

std::string AdminText::operator()(const std::string& key, std::initializer_list<std::string> args) const {
    return format_text(table_.get(lang_, key), args);
}

Result<AdminText> load_admin_text(Lang lang, const std::string& dir) {
    auto table = StringTable::load(dir.empty() ? std::string(LIANXIN_ADMIN_ASSETS_DIR) : dir);
    if (!table) return table.error();
    return AdminText(std::move(*table), lang);
}

}  // namespace lianxin::admin
