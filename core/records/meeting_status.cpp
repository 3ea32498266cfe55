// Meeting request statuses and their codes (see meeting_status.h).
#include "core/records/meeting_status.h"

namespace lianxin {

const char* meeting_status_code(MeetingStatus s) {
    switch (s) {
        case MeetingStatus::received: return "received";
        case MeetingStatus::arranged: return "arranged";
        case MeetingStatus::referred: return "referred";
        case MeetingStatus::closed: return "closed";
    }
    return "received";
}

bool parse_meeting_status(std::string_view code, MeetingStatus& out) {
    for (auto v : {MeetingStatus::received, MeetingStatus::arranged, MeetingStatus::referred, MeetingStatus::closed})
        if (code == meeting_status_code(v)) {
            out = v;
            return true;
        }
    return false;
}

}  // namespace lianxin
