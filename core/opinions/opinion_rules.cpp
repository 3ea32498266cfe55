// Opinion validation: the consultation's own rules here, the field rules every visitor record
// shares in core/records/visitor_fields.
#include "core/opinions/opinion_rules.h"

#include "core/base/uuid.h"
#include "core/text/utf8.h"

namespace lianxin {

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
    d.text = trim_visitor_text(draft.text);
    d.contact_name = trim_visitor_text(draft.contact_name);
    d.passport_id = trim_visitor_text(draft.passport_id);
    d.contact_phone = phone_without_spaces(draft.contact_phone);
    return d;
}

namespace {

OpinionProblem opinion_problem_of(const ContactProblem& p) {
    switch (p.issue) {
        case FieldIssue::without_consent: return OpinionProblem::contact_without_consent;
        case FieldIssue::consent_without_contact: return OpinionProblem::consent_without_contact;
        case FieldIssue::name_without_phone: return OpinionProblem::name_without_phone;
        case FieldIssue::too_long: return OpinionProblem::name_too_long;
        default: return p.field == ContactField::name ? OpinionProblem::name_invalid : OpinionProblem::phone_invalid;
    }
}

// The rules on the fields a visitor fills in, in form order from the text on (shared by the
// kiosk's check and the hub's check of a pushed record).
void check_fields(const OpinionDraft& d, bool check_contact, std::vector<OpinionProblem>& out) {
    auto add = [&](OpinionProblem p) { out.push_back(p); };

    if (auto issue = text_issue(d.text, kOpinionTextMaxChars, true, true)) {
        switch (*issue) {
            case FieldIssue::invalid_utf8: add(OpinionProblem::text_invalid_utf8); break;
            case FieldIssue::control_character: add(OpinionProblem::text_control_character); break;
            case FieldIssue::unsupported_character: add(OpinionProblem::text_unsupported_character); break;
            case FieldIssue::empty: add(OpinionProblem::text_empty); break;
            default: add(OpinionProblem::text_too_long); break;
        }
    }

    // The passport book's id form, the only one a push can carry: anything looser would be
    // stored here and refused by the hub.
    if (!d.passport_id.empty() && !is_passport_id_text(d.passport_id)) add(OpinionProblem::passport_invalid);

    if (!check_contact) return;
    for (const ContactProblem& p : contact_problems(d.contact_name, d.contact_phone, d.contact_consent))
        add(opinion_problem_of(p));
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
