// A broken opinion rule in the visitor's words, the same on the kiosk and the phone form: the
// string table's sentence for the problem; past a limit, how many characters to cut and the limit.
#pragma once

#include <string>

#include "core/i18n/language.h"
#include "core/i18n/string_table.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_rules.h"

namespace lianxin {

// `draft` is what the visitor wrote (trimmed here as the rules trim it before counting).
std::string opinion_problem_text(const StringTable& strings, Lang lang, OpinionProblem problem,
                                 const OpinionDraft& draft);

}  // namespace lianxin
