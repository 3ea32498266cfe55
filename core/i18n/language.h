// The two languages every visible string exists in, and a string held in both.
#pragma once

#include <string>
#include <string_view>

namespace lianxin {

enum class Lang { zh, en };

inline const char* lang_code(Lang l) { return l == Lang::zh ? "zh" : "en"; }
inline bool parse_lang(std::string_view s, Lang& out) {
    if (s == "zh") { out = Lang::zh; return true; }
    if (s == "en") { out = Lang::en; return true; }
    return false;
}

struct LocalizedText {
    std::string zh;
    std::string en;
    const std::string& in(Lang l) const { return l == Lang::zh ? zh : en; }
    // What a reader of `l` is shown: the text in `l`, or the Chinese while the English is still
    // to come ("translation pending", an article of the law not yet translated), never a blank.
    const std::string& shown_in(Lang l) const { return in(l).empty() ? zh : in(l); }
    bool empty() const { return zh.empty() && en.empty(); }
};

}  // namespace lianxin
