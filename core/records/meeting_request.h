// A resident's request to meet a deputy of the station, made at the kiosk (or on a phone from the
// kiosk's QR code): the draft the screen fills in, the record as committed to kiosk.db and synced
// to the hub, and the one way to make it. Staff answer it at the hub; the answer comes back to the
// kiosk through the changes feed, and the visitor's passport shows it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/base/result.h"
#include "core/i18n/language.h"
#include "core/i18n/string_table.h"
#include "core/records/meeting_status.h"
#include "core/records/visitor_fields.h"

namespace lianxin {

struct ContentSet;

// What the resident entered. Empty strings mean "not given".
struct MeetingDraft {
    std::string deputy;  // a deputy's id in the published content (ContentSet::find_deputy)
    std::string topic;   // required, at most kMeetingTopicMaxChars, may hold new lines
    std::string name, phone;  // optional; only with consent (the opinion's contact rules)
    bool consent = false;
    std::optional<std::string> passport;  // the open participation passport, if any
    Lang language = Lang::zh;
};

// A committed meeting request, with the hub's latest answer as this side knows it.
struct MeetingRequest {
    std::string id;  // UUIDv7 carrying created_at_ms
    std::string deputy, topic;
    std::string name, phone;  // empty when not given, or once erased at the kiosk after sync
    bool consent = false;
    std::optional<std::string> passport;
    Lang language = Lang::zh;
    std::string kiosk;  // the kiosk's name, or "phone" for the phone form
    std::int64_t created_at_ms = 0;
    MeetingStatus status = MeetingStatus::received;
    std::string reply;  // staff's answer to the resident (reply_problem's rule)
    std::optional<std::int64_t> status_at_ms;  // when staff last answered; none while received
};

enum class MeetingField { deputy, topic, passport, consent, name, phone };
const char* meeting_field_name(MeetingField f);  // "deputy", … ("consent": the contact_consent tick)

// A broken rule (for too_long, the characters counted), and why a request was not made
// (core/records/visitor_fields.h).
using MeetingProblem = FieldProblem<MeetingField>;
using MeetingRejection = RecordRejection<MeetingField>;

// Topic and name trimmed, spaces out of the phone, the passport id trimmed.
MeetingDraft normalize_meeting(const MeetingDraft& draft);
// Every rule the (normalized) draft breaks, in form order: deputy, topic, passport, contact. With
// `content`, the deputy must be one of its deputies; without (a hub that has no content
// published), only its form (a plain id) is judged.
std::vector<MeetingProblem> check_meeting(const MeetingDraft& draft, const ContentSet* content);
// The rules a committed request must meet when it reaches the hub: the draft's rules (the deputy
// against `content` when given) and it must travel as stored (normalized).
std::vector<MeetingProblem> check_meeting_request(const MeetingRequest& request, const ContentSet* content);

// The one way a meeting request is made, at a kiosk or on the phone form: checked against the
// rules and the deputies of `content`, normalised, and given a fresh UUIDv7 carrying now.utc_ms
// (also its created_at) and `kiosk` (the kiosk's name, or "phone"). Its status is received.
Result<MeetingRequest, MeetingRejection> make_meeting_request(const MeetingDraft& draft, const ContentSet& content,
                                                              const std::string& kiosk, const Moment& now);

// The phone form's address for a request to `deputy` (an id of the published content: lower-case
// letters, digits and '-', safe in a path as it is), under the hub's public URL: what a kiosk's QR
// code holds. The hub serves it at /m/<deputy> (hub/meeting_routes.cpp).
std::string meeting_form_url(std::string_view public_url, std::string_view deputy);

// A broken rule in the visitor's words (assets/strings: meeting.problem.*, record.problem.*).
std::string meeting_problem_text(const MeetingProblem& problem, Lang language, const StringTable& strings);

}  // namespace lianxin
