// The rules every field a visitor types obeys, whatever the record (an opinion, a guestbook entry,
// a meeting request): how it is trimmed, which characters it may hold, when it is too long, and
// what contact details need. One definition, so the kiosk, the phone forms and the hub judge alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lianxin {

// What is wrong with one field. Not every issue applies to every field.
enum class FieldIssue {
    empty,                  // required, and empty or only white space
    too_long,               // over its limit in characters
    invalid_utf8,           // bytes that are not UTF-8 (a broken input path)
    control_character,      // a control character (newline and tab allowed only in multi-line text)
    unsupported_character,  // above U+FFFF (emoji, rare CJK): the kiosk cannot draw it
    out_of_range,           // a number outside its bounds
    not_found,              // refers to something not there (a deputy not in the content, a passport not known here)
    invalid,                // not of its form (a passport id, a phone number, a name with undrawable characters)
    without_consent,        // contact details given, consent not ticked
    consent_without_contact,  // consent ticked, nothing to contact
    name_without_phone,     // a name alone cannot be used to reach anyone
    not_stored,             // kiosk.db refused the write (never from the rules themselves)
};
// Stable snake_case name ("too_long"), for string-table keys, logs and sync refusals.
const char* field_issue_name(FieldIssue issue);

// Text as it will be stored: ASCII white space, U+00A0 and U+3000 (the full-width space Chinese
// input methods type) trimmed from both ends. Invalid UTF-8 is left alone so the check reports it.
std::string trim_visitor_text(std::string_view s);
// A phone as typed, with the white space visitors group digits by ("138 1234 5678") removed.
std::string phone_without_spaces(std::string_view phone);

// The first rule (trimmed) `text` breaks, in this order: UTF-8, control characters (newline and
// tab kept when `multiline`), characters above U+FFFF, empty (only when `required`), over
// `max_chars` code points. nullopt when it may be stored.
std::optional<FieldIssue> text_issue(std::string_view text, std::size_t max_chars, bool multiline, bool required);

// True when `s` holds a character no visitor field keeps: a C0 control (but new line and tab when
// `multiline`), DEL or a C1 control.
bool has_forbidden_control(std::string_view s, bool multiline);

// Accepted phones: a mainland mobile (kMobilePhoneDigits, 1[3-9]…) or a landline with its area
// code, with or without a hyphen (028-12345678, 02812345678). Spaces are not allowed here.
bool is_valid_phone(std::string_view phone);

// The contact a visitor may leave (name and phone, trimmed and without spaces) and the consent
// that must come with it. Each broken rule, in form order: consent, name, phone.
enum class ContactField { consent, name, phone };
struct ContactProblem {
    ContactField field;
    FieldIssue issue;
};
std::vector<ContactProblem> contact_problems(std::string_view name, std::string_view phone, bool consent);

// One broken rule of a visitor record whose fields are `Field`: the field, what is wrong, and for
// too_long / out_of_range what was found (characters counted, or the number given), so the text can
// say how much to cut.
template <class Field>
struct FieldProblem {
    Field field{};
    FieldIssue issue = FieldIssue::empty;
    std::int64_t found = 0;
};

// Why a visitor record was not made: every rule broken, at most one per field in form order
// (empty when kiosk.db refused the write: `not_stored`), and a line for logs that never holds
// contact details.
template <class Field>
struct RecordRejection {
    std::vector<FieldProblem<Field>> problems;
    bool not_stored = false;
    std::string detail;
};

// A passport id as the passport book writes it (kPassportIdHexDigits lower-case hex digits).
bool is_passport_id_text(std::string_view s);

}  // namespace lianxin
