// Stance codes as stored in kiosk.db and sent to the hub; they never change once shipped.
// (Opinion records themselves are plain data; see opinion_outbox for storage.)
#include "core/opinions/opinion.h"

namespace lianxin {

const char* stance_code(Stance s) {
    switch (s) {
        case Stance::support:
            return "support";
        case Stance::oppose:
            return "oppose";
        case Stance::suggest:
            return "suggest";
    }
    return "suggest";
}

bool parse_stance(std::string_view s, Stance& out) {
    for (Stance v : {Stance::support, Stance::oppose, Stance::suggest})
        if (s == stance_code(v)) {
            out = v;
            return true;
        }
    return false;
}

}  // namespace lianxin
