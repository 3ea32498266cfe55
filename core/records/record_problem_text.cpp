// Visitor record problems in words (see record_problem_text.h).
#include "core/records/record_problem_text.h"

namespace lianxin {

std::string record_problem_text(const StringTable& strings, Lang language, const std::string& record,
                                const std::string& field, FieldIssue issue, std::int64_t found, std::int64_t low,
                                std::int64_t limit) {
    const std::string own_key = record + ".problem." + field + "." + field_issue_name(issue);
    const std::string& own = strings.get(language, own_key);
    if (own != own_key) return own;
    const std::string label = strings.get(language, record + ".field." + field);
    const std::string pattern = strings.get(language, std::string("record.problem.") + field_issue_name(issue));
    switch (issue) {
        case FieldIssue::too_long:
            return format_text(pattern, {label, std::to_string(found > limit ? found - limit : 0), std::to_string(limit)});
        case FieldIssue::out_of_range:
            return format_text(pattern, {label, std::to_string(low), std::to_string(limit)});
        default:
            return format_text(pattern, {label});
    }
}

}  // namespace lianxin
