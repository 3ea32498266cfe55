// Stamp kinds and their codes (see stamp_kind.h).
#include "core/passports/stamp_kind.h"

namespace lianxin {

const char* stamp_kind_code(StampKind k) {
    switch (k) {
        case StampKind::opinion: return "opinion";
        case StampKind::tour: return "tour";
        case StampKind::meeting: return "meeting";
    }
    return "opinion";
}

bool parse_stamp_kind(std::string_view code, StampKind& out) {
    for (auto k : {StampKind::opinion, StampKind::tour, StampKind::meeting})
        if (code == stamp_kind_code(k)) {
            out = k;
            return true;
        }
    return false;
}

}  // namespace lianxin
