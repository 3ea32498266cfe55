// Opinion problems in words (see opinion_problem_text.h).
#include "core/opinions/opinion_problem_text.h"

#include "core/base/field_limits.h"
#include "core/text/utf8.h"

namespace lianxin {

std::string opinion_problem_text(const StringTable& strings, Lang lang, OpinionProblem problem,
                                 const OpinionDraft& draft) {
    const std::string& pattern = strings.get(lang, std::string("opinion.problem.") + opinion_problem_name(problem));
    // Over a limit: how many characters to cut to meet it, then the limit.
    auto over = [&](const std::string& text, std::size_t limit) {
        std::size_t n = utf8::count_code_points(text);
        return format_text(pattern, {std::to_string(n > limit ? n - limit : 0), std::to_string(limit)});
    };
    OpinionDraft d = normalize_opinion(draft);
    switch (problem) {
        case OpinionProblem::text_too_long: return over(d.text, kOpinionTextMaxChars);
        case OpinionProblem::name_too_long: return over(d.contact_name, kContactNameMaxChars);
        default: return pattern;
    }
}

}  // namespace lianxin
