// A broken field rule of a visitor record in the visitor's words, the same on the kiosk and the
// phone forms: the string table's sentence for the issue with the field's label, and past a limit
// how many characters to cut. Guestbook and meeting texts both say their problems through it.
#pragma once

#include <cstdint>
#include <string>

#include "core/i18n/language.h"
#include "core/i18n/string_table.h"
#include "core/records/visitor_fields.h"

namespace lianxin {

// `record` and `field` name the string-table keys: "<record>.problem.<field>.<issue>" when the
// table has one (a sentence of its own), else "record.problem.<issue>" with the label
// "<record>.field.<field>". `found` and `limit` fill in too_long (characters to cut, the limit)
// and out_of_range (the lowest and highest allowed, `found` unused).
std::string record_problem_text(const StringTable& strings, Lang language, const std::string& record,
                                const std::string& field, FieldIssue issue, std::int64_t found, std::int64_t low,
                                std::int64_t limit);

}  // namespace lianxin
