// The field rules shared by every visitor record. Text is judged by code points, as the visitor
// sees characters, and by what the kiosk can draw: its 16-bit font atlas has no glyphs above U+FFFF.
#include "core/records/visitor_fields.h"

#include "core/base/field_limits.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

bool is_trimmable(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

// C0 controls other than newline and tab, DEL, and the C1 controls.
bool is_forbidden_control(char32_t c, bool multiline) {
    if (multiline && (c == '\n' || c == '\t')) return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

}  // namespace

const char* field_issue_name(FieldIssue issue) {
    switch (issue) {
        case FieldIssue::empty: return "empty";
        case FieldIssue::too_long: return "too_long";
        case FieldIssue::invalid_utf8: return "invalid_utf8";
        case FieldIssue::control_character: return "control_character";
        case FieldIssue::unsupported_character: return "unsupported_character";
        case FieldIssue::out_of_range: return "out_of_range";
        case FieldIssue::not_found: return "not_found";
        case FieldIssue::invalid: return "invalid";
        case FieldIssue::without_consent: return "without_consent";
        case FieldIssue::consent_without_contact: return "consent_without_contact";
        case FieldIssue::name_without_phone: return "name_without_phone";
        case FieldIssue::not_stored: return "not_stored";
    }
    return "unknown";
}

std::string trim_visitor_text(std::string_view s) {
    if (!utf8::is_valid(s)) return std::string(s);
    std::size_t begin = s.size(), end = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t at = i;
        if (!is_trimmable(utf8::next(s, i))) {
            if (begin == s.size()) begin = at;
            end = i;
        }
    }
    return begin == s.size() ? std::string() : std::string(s.substr(begin, end - begin));
}

std::string phone_without_spaces(std::string_view phone) {
    if (!utf8::is_valid(phone)) return std::string(phone);
    std::string out;
    for (std::size_t i = 0; i < phone.size();) {
        std::size_t at = i;
        if (!is_trimmable(utf8::next(phone, i))) out.append(phone, at, i - at);
    }
    return out;
}

bool has_forbidden_control(std::string_view s, bool multiline) {
    for (std::size_t i = 0; i < s.size();)
        if (is_forbidden_control(utf8::next(s, i), multiline)) return true;
    return false;
}

std::optional<FieldIssue> text_issue(std::string_view text, std::size_t max_chars, bool multiline, bool required) {
    if (!utf8::is_valid(text)) return FieldIssue::invalid_utf8;
    if (has_forbidden_control(text, multiline)) return FieldIssue::control_character;
    if (utf8::first_astral(text)) return FieldIssue::unsupported_character;
    if (text.empty()) return required ? std::optional(FieldIssue::empty) : std::nullopt;
    if (utf8::count_code_points(text) > max_chars) return FieldIssue::too_long;
    return std::nullopt;
}

bool is_valid_phone(std::string_view p) {
    // Mainland mobile: 11 digits, 1 then 3–9.
    if (p.size() == kMobilePhoneDigits && all_digits(p) && p[0] == '1' && p[1] >= '3' && p[1] <= '9') return true;
    // Landline: area code 0 + 2 or 3 digits (010, 028, 0755), local number of 7 or 8 digits not
    // starting with 0; the hyphen is optional, so without it the split is ambiguous but harmless.
    auto local_ok = [](std::string_view n) { return (n.size() == 7 || n.size() == 8) && all_digits(n) && n[0] != '0'; };
    auto area_ok = [](std::string_view a) {
        return (a.size() == 3 || a.size() == 4) && all_digits(a) && a[0] == '0' && a[1] != '0';
    };
    if (auto dash = p.find('-'); dash != std::string_view::npos)
        return area_ok(p.substr(0, dash)) && local_ok(p.substr(dash + 1));
    for (std::size_t area = 3; area <= 4 && area < p.size(); ++area)
        if (area_ok(p.substr(0, area)) && local_ok(p.substr(area))) return true;
    return false;
}

std::vector<ContactProblem> contact_problems(std::string_view name, std::string_view phone, bool consent) {
    std::vector<ContactProblem> out;
    bool has_contact = !name.empty() || !phone.empty();
    if (has_contact && !consent) out.push_back({ContactField::consent, FieldIssue::without_consent});
    if (!has_contact && consent) out.push_back({ContactField::consent, FieldIssue::consent_without_contact});
    if (!name.empty()) {
        if (!utf8::is_valid(name) || has_forbidden_control(name, false) || utf8::first_astral(name))
            out.push_back({ContactField::name, FieldIssue::invalid});
        else if (utf8::count_code_points(name) > kContactNameMaxChars)
            out.push_back({ContactField::name, FieldIssue::too_long});
        if (phone.empty()) out.push_back({ContactField::name, FieldIssue::name_without_phone});
    }
    if (!phone.empty() && !is_valid_phone(phone)) out.push_back({ContactField::phone, FieldIssue::invalid});
    return out;
}

bool is_passport_id_text(std::string_view s) {
    if (s.size() != kPassportIdHexDigits) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace lianxin
