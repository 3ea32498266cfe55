// Opinion statuses and their codes (see opinion_status.h).
#include "core/opinions/opinion_status.h"

namespace lianxin {

const char* opinion_status_code(OpinionStatus s) {
    switch (s) {
        case OpinionStatus::received: return "received";
        case OpinionStatus::included: return "included";
        case OpinionStatus::adopted: return "adopted";
        case OpinionStatus::partly_adopted: return "partly_adopted";
        case OpinionStatus::not_adopted: return "not_adopted";
    }
    return "received";
}

bool parse_opinion_status(std::string_view code, OpinionStatus& out) {
    for (auto v : {OpinionStatus::received, OpinionStatus::included, OpinionStatus::adopted,
                   OpinionStatus::partly_adopted, OpinionStatus::not_adopted})
        if (code == opinion_status_code(v)) {
            out = v;
            return true;
        }
    return false;
}

}  // namespace lianxin
