// The admin API for the station's visitor records (docs/sync-protocol.md, "Admin requests"):
// GET /api/v1/admin/guestbook, GET /api/v1/admin/guestbook/count, GET /api/v1/admin/meetings
// and POST /api/v1/admin/meetings/<id>/answer. One writer and one reader of each query, answer
// and body, so the admin tool judges a value by the hub's rule before it asks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/records/guestbook.h"
#include "core/records/meeting_request.h"
#include "core/sync/admin_list_params.h"

namespace lianxin {

// Guestbook entries, newest first: by kiosk name and time window, paged.
using GuestbookQuery = ListParams;
std::string to_query_string(const GuestbookQuery& q);
// Refused (invalid_input, naming the parameter) for anything but kiosk, since, until, limit and
// offset, each at most once.
Result<GuestbookQuery> parse_guestbook_query(const std::multimap<std::string, std::string>& params);

// Meeting requests, oldest first (staff work through them in order), by status, deputy, kiosk
// name and time window, paged.
struct MeetingQuery {
    ListParams page;
    std::optional<MeetingStatus> status;
    std::optional<std::string> deputy;  // a deputy's content id
};
std::string to_query_string(const MeetingQuery& q);
Result<MeetingQuery> parse_meeting_query(const std::multimap<std::string, std::string>& params);

// One guestbook entry as staff see it.
struct AdminGuestbookEntry {
    GuestbookEntry entry;
    std::int64_t received_at_ms = 0;
};
std::string to_json_array(const std::vector<AdminGuestbookEntry>& list);
Result<std::vector<AdminGuestbookEntry>> parse_admin_guestbook(std::string_view json);

// One meeting request as staff see it: contact details only when the resident consented (and
// only to keys with the reviewer role, who see opinions' contact details too); never the passport
// id, which opens the passport.
struct AdminMeeting {
    MeetingRequest request;  // passport left empty
    bool with_passport = false;
    std::int64_t received_at_ms = 0;
};
std::string to_json_array(const std::vector<AdminMeeting>& list);
Result<std::vector<AdminMeeting>> parse_admin_meetings(std::string_view json);

// The delegations received: guestbook entries and the people they brought, per kiosk (by name,
// the phone form has none) and in total.
struct GuestbookCount {
    std::string kiosk;
    std::int64_t entries = 0, people = 0;
};
struct GuestbookCounts {
    std::vector<GuestbookCount> kiosks;  // by kiosk name
    std::int64_t entries = 0, people = 0;
};
std::string to_json(const GuestbookCounts& c);
Result<GuestbookCounts> parse_guestbook_counts(std::string_view json);

// POST /api/v1/admin/meetings/<id>/answer: what staff did with a request and their reply to the
// resident (reply_problem's rule, the one every kiosk's reader applies).
struct MeetingAnswer {
    MeetingStatus status = MeetingStatus::received;
    std::string reply;
};
std::string to_json(const MeetingAnswer& a);
Result<MeetingAnswer> parse_meeting_answer(std::string_view json);

}  // namespace lianxin
