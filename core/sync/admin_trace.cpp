// The final text and trace bodies in JSON (admin_trace.h), strict about what pages will show.
#include "core/sync/admin_trace.h"

#include <nlohmann/json.hpp>

#include "core/base/field_limits.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

using json = nlohmann::json;

Error refused(const std::string& what) { return Error{ErrorCode::invalid_input, what}; }

// Why `s` cannot be shown on a page and a kiosk: nullopt when it can.
std::optional<std::string> text_problem(std::string_view s, bool multiline) {
    if (!utf8::is_valid(s)) return "is not UTF-8";
    if (utf8::first_astral(s)) return "has a character above U+FFFF, which kiosks cannot draw";
    if (utf8::count_code_points(s) > kFinalArticleMaxChars)
        return "is longer than " + std::to_string(kFinalArticleMaxChars) + " characters";
    for (unsigned char c : s)
        if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7f) return "holds a control character";
    return std::nullopt;
}

json localized(const LocalizedText& t) { return json{{"zh", t.zh}, {"en", t.en}}; }

}  // namespace

json final_article_json(const FinalArticle& a) {
    return json{{"number", a.number}, {"title", localized(a.title)}, {"text", localized(a.text)}};
}

Result<FinalArticle> read_final_article(const json& e) {
    if (!e.is_object() || !e.contains("number") || !e["number"].is_number_integer()) return refused("number is missing");
    auto n = e["number"].get<std::int64_t>();
    if (n < 1 || n > kArticleMax) return refused("number is 1 to " + std::to_string(kArticleMax));
    FinalArticle a;
    a.number = static_cast<int>(n);
    for (auto [key, dest, multiline] : {std::tuple{"title", &a.title, false}, std::tuple{"text", &a.text, true}}) {
        auto it = e.find(key);
        if (it == e.end() || !it->is_object()) return refused(std::string(key) + " needs zh and en");
        for (auto [lang, s] : {std::pair{"zh", &dest->zh}, std::pair{"en", &dest->en}}) {
            auto v = it->find(lang);
            if (v != it->end() && !v->is_null()) {
                if (!v->is_string()) return refused(std::string(key) + "." + lang + " is a string");
                *s = v->get<std::string>();
            }
            if (auto why = text_problem(*s, multiline)) return refused(std::string(key) + "." + lang + " " + *why);
        }
        if (dest->zh.empty()) return refused(std::string(key) + ".zh is empty");
    }
    return a;
}

std::string to_json(const std::vector<FinalArticle>& articles) {
    json list = json::array();
    for (auto& a : articles) list.push_back(final_article_json(a));
    return json{{"articles", list}}.dump();
}

Result<std::vector<FinalArticle>> parse_final_text(std::string_view text) {
    if (text.size() > kFinalTextMaxBytes)
        return refused("the final text is larger than " + std::to_string(kFinalTextMaxBytes >> 20) + " MiB");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("articles") || !j["articles"].is_array())
        return refused("send {\"articles\": [{\"number\": 1, \"title\": {\"zh\": …, \"en\": …}, \"text\": {…}}, …]}");
    auto& list = j["articles"];
    if (list.empty()) return refused("the final text has no article");
    if (list.size() > kFinalArticlesMax) return refused("the final text has more than " + std::to_string(kFinalArticlesMax) + " articles");
    std::vector<FinalArticle> out;
    for (auto& e : list) {
        std::string where = "article " + std::to_string(out.size() + 1);
        auto a = read_final_article(e);
        if (!a) return refused(where + ": " + a.error().detail);
        if (!out.empty() && a->number <= out.back().number)
            return refused(where + ": number " + std::to_string(a->number) + " does not come after " +
                           std::to_string(out.back().number));
        out.push_back(std::move(*a));
    }
    return out;
}

std::string to_json(const TraceDecision& t) {
    return json{{"final_article", t.final_article ? json(*t.final_article) : json(nullptr)}}.dump();
}

Result<TraceDecision> parse_trace_decision(std::string_view text) {
    if (text.size() > kAdminRequestMaxBytes) return refused("the body is too large");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("final_article"))
        return refused("send {\"final_article\": N} to link the opinion to article N of the final text, or null to unlink");
    TraceDecision t;
    auto& v = j["final_article"];
    if (v.is_null()) return t;
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > kArticleMax)
        return refused("final_article is a number from 1 to " + std::to_string(kArticleMax) + ", or null");
    t.final_article = v.get<int>();
    return t;
}

}  // namespace lianxin
