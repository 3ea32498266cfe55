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

OpinionDraft draft_of(const Opinion& o) {
    OpinionDraft d;
    d.article = o.article;
    d.stance = o.stance;
    d.text = o.text;
    d.passport_id = o.passport_id;
    d.contact_name = o.contact_name;
    d.contact_phone = o.contact_phone;
    d.contact_consent = o.contact_consent;
    d.lang = o.lang;
    return d;
}

Opinion opinion_from_draft(const OpinionDraft& d) {
    Opinion o;
    o.article = d.article;
    o.stance = d.stance;
    o.text = d.text;
    o.passport_id = d.passport_id;
    o.contact_name = d.contact_name;
    o.contact_phone = d.contact_phone;
    o.contact_consent = d.contact_consent;
    o.lang = d.lang;
    return o;
}

}  // namespace lianxin
