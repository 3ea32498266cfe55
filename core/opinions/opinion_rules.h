// The rules an opinion must meet before it is stored. Each broken rule is its own OpinionProblem,
// so the kiosk can say exactly what to fix; the limits are constants the UI can display.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/base/field_limits.h"
#include "core/content/content_model.h"
#include "core/opinions/opinion.h"
#include "core/records/visitor_fields.h"

namespace lianxin {

// Limits (kOpinionTextMaxChars, kContactNameMaxChars, …) are in core/base/field_limits.h.
// Accepted phones: a mainland mobile (kMobilePhoneDigits, 1[3-9]…) or a landline with its area
// code, with or without a hyphen (028-12345678, 02812345678). Spaces are ignored.

enum class OpinionProblem {
    consultation_not_collecting,  // the consultation is in another stage
    deadline_passed,              // today (kiosk local time) is after the deadline
    article_not_found,            // the article number is not in the consultation
    text_empty,                   // empty or only white space
    text_too_long,                // over kOpinionTextMaxChars
    text_invalid_utf8,            // bytes that are not UTF-8 (a broken input path)
    text_control_character,       // a control character other than newline or tab
    text_unsupported_character,   // above U+FFFF (emoji, rare CJK): the kiosk cannot draw it
    passport_invalid,             // not a passport id (kPassportIdHexDigits lower-case hex)
    contact_without_consent,      // a name or phone given, consent not ticked
    consent_without_contact,      // consent ticked, no name or phone
    name_without_phone,           // a name alone cannot be used to reach anyone
    name_too_long,                // over kContactNameMaxChars
    name_invalid,                 // invalid UTF-8, control characters or characters above U+FFFF
    phone_invalid,                // neither a mainland mobile nor a landline
    not_stored,                   // only from OpinionOutbox::submit: kiosk.db refused the write
};

// Stable snake_case name ("text_too_long"), for string-table keys and logs.
const char* opinion_problem_name(OpinionProblem p);

// The draft as it will be stored: text and name trimmed (ASCII white space, U+00A0, U+3000),
// spaces removed from the phone.
OpinionDraft normalize_opinion(const OpinionDraft& draft);

// Every rule the (normalized) draft breaks, at most one per field, in form order: consultation,
// article, text, passport, contact. Empty when the opinion may be stored. `today` is the kiosk's
// local calendar day; the deadline day itself still counts.
std::vector<OpinionProblem> check_opinion(const OpinionDraft& draft,
                                          const Consultation& consultation, const LocalDate& today);

// The rules a committed opinion must still meet when it reaches the hub in a sync push: every rule
// of check_opinion except the two that depend on when the check runs, the deadline and the
// consultation's stage (an opinion written offline on the last day may arrive weeks later, and it
// counted when the visitor was thanked). With `consultation`, its article must exist too; without
// one (the hub does not know the draft), only the record's own fields are judged. Contact rules
// are skipped for a record whose contact details were erased after sending (it keeps its consent).
std::vector<OpinionProblem> check_opinion_record(const Opinion& opinion,
                                                 const Consultation* consultation = nullptr);

// Why a reply to a visitor (set by staff at the hub, shown on kiosks and phones) cannot be kept:
// invalid UTF-8, a control character other than newline and tab, a character above U+FFFF (the
// kiosk cannot draw it) or over kReplyMaxChars; nullopt when it can. The hub's admin route,
// lianxin-admin and the kiosk's reply parser all judge by this one function.
std::optional<std::string> reply_problem(std::string_view reply);

// has_forbidden_control and is_valid_phone, shared by every visitor record, are in
// core/records/visitor_fields.h.

// Why an opinion was not made: every rule broken (at most one per field, in form order, as
// check_opinion gives them), the first of them, and a line for logs that never holds contact
// details. From OpinionOutbox::submit also not_stored, when kiosk.db refused the write.
struct OpinionRejection {
    OpinionProblem problem = OpinionProblem::not_stored;
    std::string detail;
    std::vector<OpinionProblem> problems;
};

// The one way an opinion record is made from what a visitor wrote, at a kiosk or on a phone:
// checked against the rules and the consultation on now.local_date, normalised, and given a fresh
// UUIDv7 id carrying now.utc_ms (also its created_at), the consultation's id and `kiosk` (the
// kiosk's name, or "phone").
Result<Opinion, OpinionRejection> make_opinion(const OpinionDraft& draft, const Consultation& consultation,
                                               const Moment& now, const std::string& kiosk);

}  // namespace lianxin
