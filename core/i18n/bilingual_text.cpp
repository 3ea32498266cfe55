// Labels and texts in both languages (see bilingual_text.h).
#include "core/i18n/bilingual_text.h"

namespace lianxin {

namespace {
// English past this many bytes reads as a sentence, not a label: it gets a line of its own.
constexpr std::size_t kShortLabelBytes = 24;
}  // namespace

std::string both_languages(const std::string& zh, const std::string& en) {
    if (en.empty() || en == zh) return zh;
    if (zh.empty()) return en;
    bool short_label = en.size() <= kShortLabelBytes && zh.find('\n') == std::string::npos;
    return zh + (short_label ? " " : "\n") + en;
}

std::string both_texts(const std::string& zh, const std::string& en) {
    if (en.empty() || en == zh) return zh;
    if (zh.empty()) return en;
    return zh + "\n" + en;
}

std::string target_name(const std::string& label) {
    std::string out = label;
    for (char& c : out)
        if (c == '\n') c = ' ';
    return out;
}

}  // namespace lianxin
