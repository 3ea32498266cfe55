// The phone forms' request side: the url-encoded body parsed with limits, the fields turned into
// an OpinionDraft or a MeetingDraft (checked afterwards by the same rules as at the kiosk), and the
// CSRF guard: a random cookie set with the form (SameSite=Strict, so another site's page cannot
// make the browser send it) and a hidden field that must be the hub's HMAC of that cookie and
// the consultation (or the meeting form's scope).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/field_limits.h"
#include "core/base/result.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_rules.h"
#include "core/records/meeting_request.h"
#include "hub/pages/public_pages.h"

namespace lianxin::hub {

inline constexpr std::size_t kMaxFormBytes = kPhoneFormMaxBytes;  // an opinion at its limits fits

// "a=1&b=%E4%B8%AD+x" → {a: "1", b: "中 x"}. invalid_input for a broken escape, a body over
// kMaxFormBytes, or a field given twice.
Result<std::map<std::string, std::string>> parse_urlencoded(std::string_view body);

OpinionFormValues form_values(const std::map<std::string, std::string>& fields);

// The draft the values describe. nullopt when the article or stance field is not one the form
// offers (a forged post): the caller answers 400, with the field named in `unreadable` if given.
std::optional<OpinionDraft> draft_from_form(const OpinionFormValues& v, Lang lang, FormField* unreadable = nullptr);

// The field of the phone form an opinion rule is about (none: the consultation, the store).
FormField form_field_of(OpinionProblem p);

// The meeting request form (/m/): its values, the draft they describe (checked afterwards by
// make_meeting_request, as at the kiosk; a phone has no passport), and the field a rule is about.
MeetingFormValues meeting_form_values(const std::map<std::string, std::string>& fields);
MeetingDraft meeting_draft_from_form(const MeetingFormValues& v, Lang lang);
FormField form_field_of(MeetingField f);
// The scope a meeting form's token is bound to: not a consultation id (those hold no ':'), so a
// token of the opinion form never passes here, nor one of this form there.
inline constexpr const char* kMeetingFormScope = ":meeting";

using FormSecret = std::array<std::uint8_t, 32>;
FormSecret new_form_secret();
std::string new_form_cookie();  // 32 hex digits
std::string form_token(const FormSecret& secret, std::string_view cookie, std::string_view consultation_id);
// Constant-time; false for a missing or malformed cookie or token.
bool check_form_token(const FormSecret& secret, std::string_view cookie, std::string_view consultation_id,
                      std::string_view token);

}  // namespace lianxin::hub
