// Opinion validation. Text is judged by code points, as the visitor sees characters, and by
// what the kiosk can draw: its 16-bit font atlas has no glyphs above U+FFFF.
#include "core/opinions/opinion_rules.h"

#include "core/base/uuid.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

// White space a visitor may leave around text: ASCII, no-break space, and the full-width space
// Chinese input methods type.
bool is_trimmable(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

std::string trim(std::string_view s) {
    if (!utf8::is_valid(s)) return std::string(s);  // left alone so the check can report it
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

bool has_forbidden_control(std::string_view s, bool multiline) {
    for (std::size_t i = 0; i < s.size();)
        if (is_forbidden_control(utf8::next(s, i), multiline)) return true;
    return false;
}

const char* opinion_problem_name(OpinionProblem p) {
    switch (p) {
        case OpinionProblem::consultation_not_collecting:
            return "consultation_not_collecting";
        case OpinionProblem::deadline_passed:
            return "deadline_passed";
        case OpinionProblem::article_not_found:
            return "article_not_found";
        case OpinionProblem::text_empty:
            return "text_empty";
        case OpinionProblem::text_too_long:
            return "text_too_long";
        case OpinionProblem::text_invalid_utf8:
            return "text_invalid_utf8";
        case OpinionProblem::text_control_character:
            return "text_control_character";
        case OpinionProblem::text_unsupported_character:
            return "text_unsupported_character";
        case OpinionProblem::passport_invalid:
            return "passport_invalid";
        case OpinionProblem::contact_without_consent:
            return "contact_without_consent";
        case OpinionProblem::consent_without_contact:
            return "consent_without_contact";
        case OpinionProblem::name_without_phone:
            return "name_without_phone";
        case OpinionProblem::name_too_long:
            return "name_too_long";
        case OpinionProblem::name_invalid:
            return "name_invalid";
        case OpinionProblem::phone_invalid:
            return "phone_invalid";
        case OpinionProblem::not_stored:
            return "not_stored";
    }
    return "unknown";
}

bool is_valid_phone(std::string_view p) {
    // Mainland mobile: 11 digits, 1 then 3–9.
    if (p.size() == kMobilePhoneDigits && all_digits(p) && p[0] == '1' && p[1] >= '3' &&
        p[1] <= '9')
        return true;
    // Landline: area code 0 + 2 or 3 digits (010, 028, 0755), local number of 7 or 8 digits not
    // starting with 0; the hyphen is optional, so without it the split is ambiguous but harmless.
    auto local_ok = [](std::string_view n) {
        return (n.size() == 7 || n.size() == 8) && all_digits(n) && n[0] != '0';
    };
    auto area_ok = [](std::string_view a) {
        return (a.size() == 3 || a.size() == 4) && all_digits(a) && a[0] == '0' && a[1] != '0';
    };
    if (auto dash = p.find('-'); dash != std::string_view::npos)
        return area_ok(p.substr(0, dash)) && local_ok(p.substr(dash + 1));
    for (std::size_t area = 3; area <= 4 && area < p.size(); ++area)
        if (area_ok(p.substr(0, area)) && local_ok(p.substr(area))) return true;
    return false;
}

std::optional<std::string> reply_problem(std::string_view reply) {
    if (!utf8::is_valid(reply)) return "not valid UTF-8";
    if (has_forbidden_control(reply, true)) return "holds a control character (only newline and tab are kept)";
    if (utf8::first_astral(reply)) return "holds a character above U+FFFF (emoji, rare CJK), which kiosks cannot draw";
    if (auto n = utf8::count_code_points(reply); n > kReplyMaxChars)
        return std::to_string(n) + " characters; a reply is at most " + std::to_string(kReplyMaxChars);
    return std::nullopt;
}

OpinionDraft normalize_opinion(const OpinionDraft& draft) {
    OpinionDraft d = draft;
    d.text = trim(draft.text);
    d.contact_name = trim(draft.contact_name);
    d.passport_id = trim(draft.passport_id);
    d.contact_phone.clear();
    // Visitors group digits as they speak them ("138 1234 5678"); the groups carry no meaning.
    if (utf8::is_valid(draft.contact_phone)) {
        for (std::size_t i = 0; i < draft.contact_phone.size();) {
            std::size_t at = i;
            if (!is_trimmable(utf8::next(draft.contact_phone, i)))
                d.contact_phone.append(draft.contact_phone, at, i - at);
        }
    } else {
        d.contact_phone = draft.contact_phone;
    }
    return d;
}

namespace {

// The rules on the fields a visitor fills in, in form order from the text on (shared by the
// kiosk's check and the hub's check of a pushed record).
void check_fields(const OpinionDraft& d, bool check_contact, std::vector<OpinionProblem>& out) {
    auto add = [&](OpinionProblem p) { out.push_back(p); };

    if (!utf8::is_valid(d.text))
        add(OpinionProblem::text_invalid_utf8);
    else if (has_forbidden_control(d.text, true))
        add(OpinionProblem::text_control_character);
    else if (utf8::first_astral(d.text))
        add(OpinionProblem::text_unsupported_character);
    else if (d.text.empty())
        add(OpinionProblem::text_empty);
    else if (utf8::count_code_points(d.text) > kOpinionTextMaxChars)
        add(OpinionProblem::text_too_long);

    // The passport book's id form, the only one a push can carry: anything looser would be
    // stored here and refused by the hub.
    if (!d.passport_id.empty()) {
        bool ok = d.passport_id.size() == kPassportIdHexDigits;
        for (char c : d.passport_id) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!ok) add(OpinionProblem::passport_invalid);
    }

    if (!check_contact) return;
    bool has_contact = !d.contact_name.empty() || !d.contact_phone.empty();
    if (has_contact && !d.contact_consent) add(OpinionProblem::contact_without_consent);
    if (!has_contact && d.contact_consent) add(OpinionProblem::consent_without_contact);
    if (!d.contact_name.empty()) {
        if (!utf8::is_valid(d.contact_name) || has_forbidden_control(d.contact_name, false) ||
            utf8::first_astral(d.contact_name))
            add(OpinionProblem::name_invalid);
        else if (utf8::count_code_points(d.contact_name) > kContactNameMaxChars)
            add(OpinionProblem::name_too_long);
        if (d.contact_phone.empty()) add(OpinionProblem::name_without_phone);
    }
    if (!d.contact_phone.empty() && !is_valid_phone(d.contact_phone))
        add(OpinionProblem::phone_invalid);
}

}  // namespace

std::vector<OpinionProblem> check_opinion(const OpinionDraft& draft,
                                          const Consultation& consultation,
                                          const LocalDate& today) {
    std::vector<OpinionProblem> out;
    const OpinionDraft d = normalize_opinion(draft);

    if (!consultation.is_collecting())
        out.push_back(OpinionProblem::consultation_not_collecting);
    else if (today > consultation.deadline)
        out.push_back(OpinionProblem::deadline_passed);

    if (d.article && !consultation.find_article(*d.article))
        out.push_back(OpinionProblem::article_not_found);
    check_fields(d, true, out);
    return out;
}

std::vector<OpinionProblem> check_opinion_record(const Opinion& o, const Consultation* consultation) {
    std::vector<OpinionProblem> out;
    if (consultation && o.article && !consultation->find_article(*o.article))
        out.push_back(OpinionProblem::article_not_found);
    OpinionDraft d = draft_of(o);
    // A record is judged as stored, so it is normalized first exactly as submit() did.
    check_fields(normalize_opinion(d), !o.contact_erased, out);
    return out;
}

Result<Opinion, OpinionRejection> make_opinion(const OpinionDraft& draft, const Consultation& consultation,
                                               const Moment& now, const std::string& kiosk) {
    auto problems = check_opinion(draft, consultation, now.local_date);
    if (!problems.empty()) {
        std::string detail = "opinion on '" + consultation.id + "' refused:";
        for (auto p : problems) detail += std::string(" ") + opinion_problem_name(p);
        return OpinionRejection{problems.front(), std::move(detail), std::move(problems)};
    }
    Opinion o = opinion_from_draft(normalize_opinion(draft));
    o.id = new_uuid_v7(now.utc_ms);
    o.consultation_id = consultation.id;
    o.kiosk = kiosk;
    o.created_at_ms = now.utc_ms;
    return o;
}

}  // namespace lianxin
