// Guestbook rules and the making of an entry (see guestbook.h).
#include "core/records/guestbook.h"

#include <charconv>

#include "core/base/uuid.h"
#include "core/records/record_problem_text.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

struct TextField {
    GuestbookField field;
    std::string GuestbookDraft::*member;
    std::size_t max_chars;
    bool multiline, required;
};

constexpr TextField kTextFields[] = {
    {GuestbookField::organisation, &GuestbookDraft::organisation, kGuestbookOrganisationMaxChars, false, true},
    {GuestbookField::origin, &GuestbookDraft::origin, kGuestbookOriginMaxChars, false, true},
    {GuestbookField::message, &GuestbookDraft::message, kGuestbookMessageMaxChars, true, false},
};

std::size_t limit_of(GuestbookField f) {
    for (const TextField& t : kTextFields)
        if (t.field == f) return t.max_chars;
    return 0;
}

GuestbookDraft draft_of(const GuestbookEntry& e) {
    return GuestbookDraft{e.organisation, e.origin, e.people, e.message, e.on_wall, e.language};
}

}  // namespace

const char* guestbook_field_name(GuestbookField f) {
    switch (f) {
        case GuestbookField::organisation: return "organisation";
        case GuestbookField::origin: return "origin";
        case GuestbookField::people: return "people";
        case GuestbookField::message: return "message";
    }
    return "organisation";
}

int people_count_of(std::string_view typed) {
    if (typed.empty()) return 0;
    if (typed.find_first_not_of("0123456789") != std::string_view::npos) return kGuestbookPeopleMax + 1;
    std::size_t first = typed.find_first_not_of('0');
    if (first == std::string_view::npos) return 0;  // all zeros
    int n = 0;
    auto [end, ec] = std::from_chars(typed.data() + first, typed.data() + typed.size(), n);
    if (ec != std::errc() || end != typed.data() + typed.size() || n > kGuestbookPeopleMax) return kGuestbookPeopleMax + 1;
    return n;
}

GuestbookDraft normalize_guestbook(const GuestbookDraft& draft) {
    GuestbookDraft d = draft;
    for (const TextField& t : kTextFields) d.*t.member = trim_visitor_text(draft.*t.member);
    return d;
}

std::vector<GuestbookProblem> check_guestbook(const GuestbookDraft& draft) {
    const GuestbookDraft d = normalize_guestbook(draft);
    std::vector<GuestbookProblem> out;
    auto text = [&](const TextField& t) {
        const std::string& value = d.*t.member;
        if (auto issue = text_issue(value, t.max_chars, t.multiline, t.required))
            out.push_back({t.field, *issue, static_cast<std::int64_t>(utf8::count_code_points(value))});
    };
    text(kTextFields[0]);
    text(kTextFields[1]);
    if (d.people < 1 || d.people > kGuestbookPeopleMax)
        out.push_back({GuestbookField::people, FieldIssue::out_of_range, d.people});
    text(kTextFields[2]);
    return out;
}

std::vector<GuestbookProblem> check_guestbook_entry(const GuestbookEntry& entry) {
    const GuestbookDraft d = draft_of(entry);
    auto out = check_guestbook(d);
    if (!out.empty()) return out;
    // Stored trimmed by make_guestbook_entry: anything else did not come from a kiosk's rules.
    const GuestbookDraft n = normalize_guestbook(d);
    for (const TextField& t : kTextFields)
        if (n.*t.member != d.*t.member) out.push_back({t.field, FieldIssue::invalid, 0});
    return out;
}

Result<GuestbookEntry, GuestbookRejection> make_guestbook_entry(const GuestbookDraft& draft, const std::string& kiosk,
                                                                const Moment& now) {
    auto problems = check_guestbook(draft);
    if (!problems.empty()) {
        std::string detail = "guestbook entry refused:";
        for (const GuestbookProblem& p : problems)
            detail += std::string(" ") + guestbook_field_name(p.field) + "." + field_issue_name(p.issue);
        return GuestbookRejection{std::move(problems), false, std::move(detail)};
    }
    const GuestbookDraft d = normalize_guestbook(draft);
    return GuestbookEntry{new_uuid_v7(now.utc_ms), d.organisation, d.origin, d.people, d.message, d.on_wall,
                          d.language, kiosk, now.utc_ms};
}

std::string guestbook_problem_text(const GuestbookProblem& problem, Lang language, const StringTable& strings) {
    const bool people = problem.field == GuestbookField::people;
    return record_problem_text(strings, language, "guestbook", guestbook_field_name(problem.field), problem.issue,
                               problem.found, people ? 1 : 0,
                               people ? kGuestbookPeopleMax : static_cast<std::int64_t>(limit_of(problem.field)));
}

}  // namespace lianxin
