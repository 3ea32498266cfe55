// The parts the phone forms share (the opinion form, the meeting request form): a problem beside
// its field with the attributes a screen reader needs, the list of problems at the form's head,
// and the contact fields with their consent. Internal to hub/pages.
#pragma once

#include <string>
#include <vector>

#include "hub/pages/public_pages.h"

namespace lianxin::hub {

const char* field_id(FormField f);

// What a field with problems carries: the message printed beside it, and the attributes that tell
// a screen reader the field is wrong and where the message is. Both empty for a field without.
struct FieldMark {
    std::string message_html;
    std::string attrs;
};
FieldMark mark(const std::vector<FormProblem>& problems, FormField field);

// The list of problems, each a link to its field, where the message stands again.
std::string problems_html(const StringTable& t, Lang l, const std::vector<FormProblem>& problems);

// Name, phone and the consent tick, under a heading and why they are asked for: `why_key` and
// `consent_key` are the page's own sentences.
std::string contact_fields_html(const StringTable& t, Lang l, const std::string& name, const std::string& phone,
                                bool consent, const std::vector<FormProblem>& problems, std::size_t max_name_chars,
                                const std::string& why_key, const std::string& consent_key);

}  // namespace lianxin::hub
