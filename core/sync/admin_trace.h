// Tracing opinions into the law (docs/sync-protocol.md, "Admin requests"): the text of a
// regulation as adopted, article by article, which staff enter at the hub once it is passed, and
// the link from an adopted opinion to the final article it changed. Shown beside the visitor's
// words on the passport and certificate pages: "您的意见 → 第五条（通过稿）".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/base/result.h"
#include "core/opinions/final_article.h"

namespace lianxin {

// One article as JSON, {"number": 5, "title": {"zh": …, "en": …}, "text": {…}}: an entry of the
// final text's body below, and of a sync reply's status change (docs/sync-protocol.md).
nlohmann::json final_article_json(const FinalArticle& a);
// The article `e` holds, or why not (invalid_input, naming the field: "text.zh is empty"): the
// number is 1–kArticleMax; the Chinese title and text are given; every string is visible text
// (UTF-8, no control characters but new lines and tabs in the text, nothing above U+FFFF) within
// kFinalArticleMaxChars.
Result<FinalArticle> read_final_article(const nlohmann::json& e);

// PUT /api/v1/admin/consultations/<id>/final: {"articles": [{"number": 5, "title": {"zh": …, "en": …},
// "text": {"zh": …, "en": …}}, …]} — the whole final text, replacing any entered before.
std::string to_json(const std::vector<FinalArticle>& articles);
// Refused (invalid_input, naming the article and field) unless every article passes
// read_final_article and the numbers increase.
Result<std::vector<FinalArticle>> parse_final_text(std::string_view json);

// POST /api/v1/admin/opinions/<id>/trace: {"final_article": 5} links, {"final_article": null} unlinks.
struct TraceDecision {
    std::optional<int> final_article;
};
std::string to_json(const TraceDecision& t);
Result<TraceDecision> parse_trace_decision(std::string_view json);

}  // namespace lianxin
