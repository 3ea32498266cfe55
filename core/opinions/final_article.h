// An article of a regulation as adopted, which an adopted opinion can be traced to: staff enter
// the final text at the hub (core/sync/admin_trace.h), sync carries the article an opinion changed
// to its kiosk (core/sync/sync_messages.h), and the passport shows it beside the visitor's words.
#pragma once

#include <cstddef>

#include "core/i18n/language.h"

namespace lianxin {

// Its number in the final text (which may differ from the draft's) and its words in both
// languages (the English may be empty until it is translated).
struct FinalArticle {
    int number = 0;
    LocalizedText title, text;
};

// Limits of the final text as the hub keeps it: a long regulation's article, and its articles.
inline constexpr std::size_t kFinalArticleMaxChars = 10000;
inline constexpr std::size_t kFinalArticlesMax = 2000;

}  // namespace lianxin
