// What a stamp in a participation passport records: an opinion, a guided tour, a meeting with a
// deputy. The enum and its one text form, as kiosk.db, the hub and the sync messages store it.
#pragma once

#include <string_view>

namespace lianxin {

enum class StampKind { opinion, tour, meeting };

const char* stamp_kind_code(StampKind k);
// False (out unchanged) for anything but one of the three codes.
bool parse_stamp_kind(std::string_view code, StampKind& out);

}  // namespace lianxin
