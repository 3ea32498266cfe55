// Tracing opinions into the law (docs/sync-protocol.md, "Admin requests"): the text of a
// regulation as adopted, article by article, which staff enter at the hub once it is passed, and
// the link from an adopted opinion to the final article it changed. Shown beside the visitor's
// words on the passport and certificate pages: "您的意见 → 第五条（通过稿）".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/i18n/language.h"

namespace lianxin {

// An adopted article: its number in the final text (which may differ from the draft's) and its
// words in both languages (the English may be empty until it is translated).
struct FinalArticle {
    int number = 0;
    LocalizedText title, text;
};

// Limits of the final text as the hub keeps it: a long regulation's article, and its articles.
inline constexpr std::size_t kFinalArticleMaxChars = 10000;
inline constexpr std::size_t kFinalArticlesMax = 2000;

// PUT /api/v1/admin/consultations/<id>/final: {"articles": [{"number": 5, "title": {"zh": …, "en": …},
// "text": {"zh": …, "en": …}}, …]} — the whole final text, replacing any entered before.
std::string to_json(const std::vector<FinalArticle>& articles);
// Refused (invalid_input, naming the article and field) unless numbers are 1–kArticleMax, each
// once, increasing; every Chinese text and title is given; every string is visible text (UTF-8,
// no control characters but new lines, nothing above U+FFFF) within kFinalArticleMaxChars.
Result<std::vector<FinalArticle>> parse_final_text(std::string_view json);

// POST /api/v1/admin/opinions/<id>/trace: {"final_article": 5} links, {"final_article": null} unlinks.
struct TraceDecision {
    std::optional<int> final_article;
};
std::string to_json(const TraceDecision& t);
Result<TraceDecision> parse_trace_decision(std::string_view json);

}  // namespace lianxin
