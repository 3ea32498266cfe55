// What became of an opinion, as staff record it at the hub and every side stores and syncs it:
// the enum and its one text form (the codes in kiosk.db, the hub's tables, the sync and admin
// messages, the admin tool's command line).
#pragma once

#include <string_view>

namespace lianxin {

enum class OpinionStatus { received, included, adopted, partly_adopted, not_adopted };

const char* opinion_status_code(OpinionStatus s);
// False (out unchanged) for anything but one of the five codes.
bool parse_opinion_status(std::string_view code, OpinionStatus& out);

}  // namespace lianxin
