// Meeting request rules and the making of a request (see meeting_request.h).
#include "core/records/meeting_request.h"

#include "core/base/ascii.h"
#include "core/base/uuid.h"
#include "core/content/content_model.h"
#include "core/records/record_problem_text.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

MeetingField meeting_field_of(ContactField f) {
    switch (f) {
        case ContactField::consent: return MeetingField::consent;
        case ContactField::name: return MeetingField::name;
        case ContactField::phone: return MeetingField::phone;
    }
    return MeetingField::consent;
}

MeetingDraft draft_of(const MeetingRequest& r) {
    return MeetingDraft{r.deputy, r.topic, r.name, r.phone, r.consent, r.passport, r.language};
}

}  // namespace

const char* meeting_field_name(MeetingField f) {
    switch (f) {
        case MeetingField::deputy: return "deputy";
        case MeetingField::topic: return "topic";
        case MeetingField::passport: return "passport";
        case MeetingField::consent: return "consent";
        case MeetingField::name: return "name";
        case MeetingField::phone: return "phone";
    }
    return "topic";
}

MeetingDraft normalize_meeting(const MeetingDraft& draft) {
    MeetingDraft d = draft;
    d.topic = trim_visitor_text(draft.topic);
    d.name = trim_visitor_text(draft.name);
    d.phone = phone_without_spaces(draft.phone);
    // An open passport or none: an empty id is none.
    if (d.passport) d.passport = trim_visitor_text(*draft.passport);
    if (d.passport && d.passport->empty()) d.passport.reset();
    return d;
}

std::vector<MeetingProblem> check_meeting(const MeetingDraft& draft, const ContentSet* content) {
    const MeetingDraft d = normalize_meeting(draft);
    std::vector<MeetingProblem> out;
    if (d.deputy.empty())
        out.push_back({MeetingField::deputy, FieldIssue::empty, 0});
    else if (!is_plain_id(d.deputy, kContentIdMaxBytes))
        out.push_back({MeetingField::deputy, FieldIssue::invalid, 0});
    else if (content && !content->find_deputy(d.deputy))
        out.push_back({MeetingField::deputy, FieldIssue::not_found, 0});
    if (auto issue = text_issue(d.topic, kMeetingTopicMaxChars, true, true))
        out.push_back({MeetingField::topic, *issue, static_cast<std::int64_t>(utf8::count_code_points(d.topic))});
    if (d.passport && !is_passport_id_text(*d.passport)) out.push_back({MeetingField::passport, FieldIssue::invalid, 0});
    for (const ContactProblem& p : contact_problems(d.name, d.phone, d.consent))
        out.push_back({meeting_field_of(p.field), p.issue,
                       p.issue == FieldIssue::too_long ? static_cast<std::int64_t>(utf8::count_code_points(d.name)) : 0});
    return out;
}

std::vector<MeetingProblem> check_meeting_request(const MeetingRequest& request, const ContentSet* content) {
    const MeetingDraft d = draft_of(request);
    auto out = check_meeting(d, content);
    if (!out.empty()) return out;
    const MeetingDraft n = normalize_meeting(d);
    if (n.topic != d.topic) out.push_back({MeetingField::topic, FieldIssue::invalid, 0});
    if (n.name != d.name) out.push_back({MeetingField::name, FieldIssue::invalid, 0});
    if (n.phone != d.phone) out.push_back({MeetingField::phone, FieldIssue::invalid, 0});
    if (n.passport != d.passport) out.push_back({MeetingField::passport, FieldIssue::invalid, 0});
    return out;
}

Result<MeetingRequest, MeetingRejection> make_meeting_request(const MeetingDraft& draft, const ContentSet& content,
                                                              const std::string& kiosk, const Moment& now) {
    auto problems = check_meeting(draft, &content);
    if (!problems.empty()) {
        std::string detail = "meeting request refused:";
        for (const MeetingProblem& p : problems)
            detail += std::string(" ") + meeting_field_name(p.field) + "." + field_issue_name(p.issue);
        return MeetingRejection{std::move(problems), false, std::move(detail)};
    }
    const MeetingDraft d = normalize_meeting(draft);
    MeetingRequest r;
    r.id = new_uuid_v7(now.utc_ms);
    r.deputy = d.deputy;
    r.topic = d.topic;
    r.name = d.name;
    r.phone = d.phone;
    r.consent = d.consent;
    r.passport = d.passport;
    r.language = d.language;
    r.kiosk = kiosk;
    r.created_at_ms = now.utc_ms;
    return r;
}

std::string meeting_problem_text(const MeetingProblem& problem, Lang language, const StringTable& strings) {
    const std::int64_t limit = problem.field == MeetingField::name ? static_cast<std::int64_t>(kContactNameMaxChars)
                                                                   : static_cast<std::int64_t>(kMeetingTopicMaxChars);
    return record_problem_text(strings, language, "meeting", meeting_field_name(problem.field), problem.issue,
                               problem.found, 0, limit);
}

std::string meeting_form_url(std::string_view public_url, std::string_view deputy) {
    while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
    return std::string(public_url) + "/m/" + std::string(deputy);
}

}  // namespace lianxin
