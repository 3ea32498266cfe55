// What became of a resident's request to meet a deputy, as staff record it at the hub and every
// side stores and syncs it: the enum and its one text form (kiosk.db, the hub's tables, the sync
// and admin messages, the admin tool's command line).
#pragma once

#include <string_view>

namespace lianxin {

// received: waiting for staff. arranged: a meeting is set (the reply says when and where).
// referred: passed to the office that can act on it (the reply says which). closed: answered
// without a meeting (the reply says why).
enum class MeetingStatus { received, arranged, referred, closed };

const char* meeting_status_code(MeetingStatus s);
// False (out unchanged) for anything but one of the four codes.
bool parse_meeting_status(std::string_view code, MeetingStatus& out);

}  // namespace lianxin
