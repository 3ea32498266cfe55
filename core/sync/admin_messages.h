// The admin API's request bodies (docs/sync-protocol.md, "Admin requests"): what lianxin-admin
// sends to the hub's admin routes and how the hub reads them, as plain structs with their JSON
// form. One reader, so tool and hub judge a name, a code or a reply by the kiosks' rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/opinions/opinion_status.h"

namespace lianxin {

// POST /api/v1/admin/kiosks: a kiosk to register under its public key, with the short code its
// passports already carry when it has one (else the hub picks the next free code).
struct KioskRegistration {
    std::string name;
    std::string public_key;  // "lianxin-public-key v1 …" (parse_public_key reads it)
    std::optional<std::string> code;
};

// POST /api/v1/admin/opinions/<id>/status: what became of an opinion, and staff's reply to it.
struct StatusDecision {
    OpinionStatus status = OpinionStatus::received;
    std::string reply;  // empty: no reply
};

std::string to_json(const KioskRegistration& r);
// Refused (invalid_input, with the field and its rule) unless the body is an object with a name
// that can travel in a push, a public key string and, if any, a valid kiosk code.
Result<KioskRegistration> parse_kiosk_registration(std::string_view json);

std::string to_json(const StatusDecision& s);
// Refused unless the body is an object with a known status and a reply (string or null, may be
// absent) that every kiosk can take.
Result<StatusDecision> parse_status_decision(std::string_view json);

}  // namespace lianxin
