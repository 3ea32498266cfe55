// An opinion a visitor leaves on a consultation: the draft the kiosk's form fills in, and the
// record as committed to kiosk.db and synced to the hub (docs/sync-protocol.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/i18n/language.h"

namespace lianxin {

using OpinionId = std::string;  // a UUIDv7, 36 lowercase characters (core/base/uuid.h)

enum class Stance { support, oppose, suggest };

const char* stance_code(Stance s);  // "support", "oppose", "suggest": as stored and synced
bool parse_stance(std::string_view s, Stance& out);

// What the visitor entered. Empty strings mean "not given".
struct OpinionDraft {
    std::optional<int> article;  // none: an opinion on the whole draft
    Stance stance = Stance::suggest;
    std::string text;
    std::string passport_id;    // the open participation passport, if any
    std::string contact_name;   // optional; needs a phone and consent
    std::string contact_phone;  // optional; needs consent
    bool contact_consent = false;
    Lang lang = Lang::zh;  // the language the visitor was using
};

// A committed opinion.
struct Opinion {
    OpinionId id;
    std::string consultation_id;
    std::optional<int> article;
    Stance stance = Stance::suggest;
    std::string text;  // as stored: surrounding white space trimmed
    std::string passport_id;
    std::string contact_name, contact_phone;  // empty when not given, or once erased after sync
    bool contact_consent = false;
    Lang lang = Lang::zh;
    std::string kiosk;                       // the kiosk's name (kiosk.toml `name`)
    std::int64_t created_at_ms = 0;          // UTC milliseconds since 1970
    std::optional<std::int64_t> sent_at_ms;  // when the hub confirmed it holds the record
    bool contact_erased = false;             // contact details removed after they left the kiosk
};

// The draft fields of a record, and a record made of a draft (id, consultation, kiosk and time
// left for the caller): one place that knows which fields they share.
OpinionDraft draft_of(const Opinion& o);
Opinion opinion_from_draft(const OpinionDraft& d);

}  // namespace lianxin
