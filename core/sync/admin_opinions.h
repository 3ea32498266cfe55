// GET /api/v1/admin/opinions (docs/sync-protocol.md, "Admin requests"): the filters staff search
// opinions by, as a query string, and each opinion of the answer. One writer and one reader of
// each, so the admin tool judges a filter by the hub's rule before it asks, and reads exactly what
// the hub wrote.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_status.h"

namespace lianxin {

// Where an opinion came from: a kiosk in a hall, the phone form (/o/<consultation>), or a paper
// card or a phone call that staff recorded at the hub.
enum class OpinionChannel { kiosk, phone, paper, phone_call };
const char* channel_code(OpinionChannel c);  // "kiosk", "phone", "paper", "phone-call"
bool parse_channel(std::string_view s, OpinionChannel& out);

// A search text matches opinions whose text contains it (Latin letters in either case).
inline constexpr std::size_t kOpinionSearchMaxChars = 100;

// Every filter is optional; all that are given must hold. Times are UTC milliseconds, `since`
// inclusive and `until` exclusive, so consecutive days never count an opinion twice.
struct OpinionQuery {
    std::optional<std::string> consultation;
    std::optional<int> article;  // 0: opinions on the whole draft
    std::optional<Stance> stance;
    std::optional<OpinionChannel> channel;
    std::optional<std::string> kiosk;  // the kiosk's name
    std::optional<std::int64_t> since_ms, until_ms;
    std::optional<std::string> text;
    std::optional<OpinionStatus> status;
    std::size_t limit = 100;  // at most kAdminListMax
    std::size_t offset = 0;   // ordered by created_at, then id
};

// "consultation=…&article=…&…" with each value percent-escaped; limit and offset always.
std::string to_query_string(const OpinionQuery& q);
// The query a request's parameters ask for, or invalid_input naming the parameter and its rule.
// An unknown parameter is refused too: a misspelt filter must not return every opinion.
Result<OpinionQuery> parse_opinion_query(const std::multimap<std::string, std::string>& params);

// One opinion as staff see it: the visitor's words, where and when it came, what became of it,
// and contact details only when the visitor consented to be contacted.
struct AdminOpinion {
    std::string id, consultation;
    std::optional<int> article;
    Stance stance = Stance::suggest;
    std::string text;
    std::string lang;  // "zh" or "en": the language the visitor used
    std::string kiosk;  // the kiosk's name ("phone" for the phone form)
    OpinionChannel channel = OpinionChannel::kiosk;
    std::int64_t created_at_ms = 0, received_at_ms = 0;
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
    std::string contact_name, contact_phone;  // empty without consent
    std::optional<std::string> hidden_reason;  // set when staff hid its text from public pages
    std::optional<int> final_article;          // the adopted article it changed, once traced
};

std::string to_json_array(const std::vector<AdminOpinion>& list);
// The hub's answer read strictly: an array of objects with every field of its kind.
Result<std::vector<AdminOpinion>> parse_admin_opinions(std::string_view json);

// POST /api/v1/admin/opinions: an opinion that reached staff on a paper card or by phone, recorded
// so that every channel counts in one place. Optionally stamped into the visitor's passport, found
// by the short code printed on it.
struct StaffOpinion {
    OpinionChannel channel = OpinionChannel::paper;  // paper or phone_call
    std::string consultation;
    OpinionDraft draft;                 // article, stance, text, contact, language (no passport id)
    std::string passport_code;          // as typed ("JJ1-D535-E0WN"); empty: none
    std::optional<LocalDate> received_on;  // the day the card or call came; absent: today
};
std::string to_json(const StaffOpinion& o);
// Refused (invalid_input, naming the field and its rule) unless every field holds by the rules a
// kiosk's opinion meets (opinion_rules.h, without stage and deadline: a card may arrive late),
// the channel is paper or phone-call and a passport code, if any, is one (normalize_short_code).
Result<StaffOpinion> parse_staff_opinion(std::string_view json);

// Why staff hide an opinion's text from public pages (it stays in the store and the exports).
inline constexpr std::size_t kHideReasonMaxChars = 200;
// POST /api/v1/admin/opinions/<id>/hide: {"reason": "…"} hides, {"reason": null} shows it again.
struct HideDecision {
    std::optional<std::string> reason;
};
std::string to_json(const HideDecision& h);
Result<HideDecision> parse_hide_decision(std::string_view json);

}  // namespace lianxin
