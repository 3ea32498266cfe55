// The admin API's request bodies in JSON, with nlohmann-json (see admin_messages.h). Strict about
// what the hub relies on (types, the rules of each field) and lenient about unknown fields.
#include "core/sync/admin_messages.h"

#include <nlohmann/json.hpp>

#include "core/base/field_limits.h"
#include "core/opinions/opinion_rules.h"
#include "core/sync/sync_messages.h"
#include "core/tokens/short_code.h"

namespace lianxin {

namespace {

using json = nlohmann::json;

Error refused(const std::string& what) { return Error{ErrorCode::invalid_input, what}; }

// The body as a JSON object, or why not.
Result<json> read_object(std::string_view text) {
    if (text.size() > kAdminRequestMaxBytes)
        return refused("the body has " + std::to_string(text.size()) + " bytes; at most " +
                       std::to_string(kAdminRequestMaxBytes));
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return refused("the body is not a JSON object");
    return j;
}

}  // namespace

std::string to_json(const KioskRegistration& r) {
    json j{{"name", r.name}, {"public_key", r.public_key}};
    if (r.code) j["code"] = *r.code;
    return j.dump();
}

Result<KioskRegistration> parse_kiosk_registration(std::string_view text) {
    auto j = read_object(text);
    if (!j) return j.error();
    const char* shape = "send {\"name\": …, \"public_key\": \"lianxin-public-key v1 …\"}";
    auto name = j->find("name");
    auto key = j->find("public_key");
    if (name == j->end() || !name->is_string() || key == j->end() || !key->is_string()) return refused(shape);
    KioskRegistration r;
    r.name = name->get<std::string>();
    r.public_key = key->get<std::string>();
    // The name travels in every record the kiosk pushes: the same rule as the push's reader.
    if (auto why = kiosk_name_problem(r.name)) return refused("name: " + *why);
    if (auto code = j->find("code"); code != j->end()) {
        if (!code->is_string()) return refused("\"code\" is a string");
        r.code = code->get<std::string>();
        if (!valid_kiosk_code(*r.code))
            return refused("a kiosk code is 3 characters of " + std::string(kShortCodeAlphabet));
    }
    return r;
}

std::string to_json(const StatusDecision& s) {
    return json{{"status", opinion_status_code(s.status)}, {"reply", s.reply}}.dump();
}

Result<StatusDecision> parse_status_decision(std::string_view text) {
    auto j = read_object(text);
    if (!j) return j.error();
    StatusDecision s;
    auto status = j->find("status");
    if (status == j->end() || !status->is_string() || !parse_opinion_status(status->get<std::string>(), s.status))
        return refused("send {\"status\": received|included|adopted|partly_adopted|not_adopted, \"reply\": …}");
    if (auto reply = j->find("reply"); reply != j->end() && !reply->is_null()) {
        if (!reply->is_string()) return refused("\"reply\" is a string");
        s.reply = reply->get<std::string>();
    }
    // Every kiosk's reader judges a reply by this same rule: one it could not take would be skipped.
    if (auto why = reply_problem(s.reply)) return refused("reply: " + *why);
    return s;
}

}  // namespace lianxin
