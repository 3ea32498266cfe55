// The station's guestbook: a touring delegation signs it at the kiosk (who they are, where from,
// how many, a message, and whether the message may go on the kiosk's wall). The draft the screen
// fills in, the record as committed to kiosk.db and synced to the hub, and the one way to make it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/base/result.h"
#include "core/i18n/language.h"
#include "core/i18n/string_table.h"
#include "core/records/visitor_fields.h"

namespace lianxin {

// What the delegation entered.
struct GuestbookDraft {
    std::string organisation;  // required, at most kGuestbookOrganisationMaxChars
    std::string origin;        // where they come from; required, at most kGuestbookOriginMaxChars
    int people = 0;            // 1..kGuestbookPeopleMax
    std::string message;       // optional, at most kGuestbookMessageMaxChars, may hold new lines
    bool on_wall = false;      // they agree to its showing on the kiosk's guestbook wall
    Lang language = Lang::zh;  // the language the visitor was using
};

// A committed guestbook entry (text fields as stored: trimmed).
struct GuestbookEntry {
    std::string id;  // UUIDv7 carrying created_at_ms
    std::string organisation, origin;
    int people = 0;
    std::string message;
    bool on_wall = false;
    Lang language = Lang::zh;
    std::string kiosk;  // the kiosk's name (kiosk.toml `name`)
    std::int64_t created_at_ms = 0;
};

enum class GuestbookField { organisation, origin, people, message };
const char* guestbook_field_name(GuestbookField f);  // "organisation", … as in the sync message

// A broken rule, and why an entry was not made (core/records/visitor_fields.h).
using GuestbookProblem = FieldProblem<GuestbookField>;
using GuestbookRejection = RecordRejection<GuestbookField>;

// Text fields trimmed as they will be stored.
GuestbookDraft normalize_guestbook(const GuestbookDraft& draft);

// The number of people as typed on the digit keys: leading zeros do not count ("012" is 12);
// nothing typed is 0; anything that is not a whole number, or more than the largest party, is
// kGuestbookPeopleMax + 1. check_guestbook then names the range in every wrong case.
int people_count_of(std::string_view typed);
// Every rule the (normalized) draft breaks, at most one per field, in form order.
std::vector<GuestbookProblem> check_guestbook(const GuestbookDraft& draft);
// The rules a committed entry must still meet when it reaches the hub: the same as the draft's,
// and it must travel as stored (trimmed).
std::vector<GuestbookProblem> check_guestbook_entry(const GuestbookEntry& entry);

// The one way a guestbook entry is made: checked, normalised, given a fresh UUIDv7 carrying
// now.utc_ms (also its created_at) and `kiosk` (the kiosk's name).
Result<GuestbookEntry, GuestbookRejection> make_guestbook_entry(const GuestbookDraft& draft, const std::string& kiosk,
                                                                const Moment& now);

// A broken rule in the visitor's words (assets/strings: record.problem.*, guestbook.field.*).
std::string guestbook_problem_text(const GuestbookProblem& problem, Lang language, const StringTable& strings);

}  // namespace lianxin
