// Admin roles and audit entries in text and JSON (admin_audit.h).
#include "core/sync/admin_audit.h"

#include <nlohmann/json.hpp>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"

namespace lianxin {

namespace {
using json = nlohmann::json;
constexpr AdminRole kRoles[] = {AdminRole::editor, AdminRole::reviewer, AdminRole::operator_};
}  // namespace

const char* role_code(AdminRole r) {
    switch (r) {
        case AdminRole::editor: return "editor";
        case AdminRole::reviewer: return "reviewer";
        case AdminRole::operator_: return "operator";
    }
    return "?";
}

std::string roles_text(AdminRoles roles) {
    std::string out;
    for (auto r : kRoles)
        if (has_role(roles, r)) out += (out.empty() ? "" : ",") + std::string(role_code(r));
    return out;
}

Result<AdminRoles> parse_roles(std::string_view text) {
    if (text == "all") return kAllAdminRoles;
    AdminRoles roles = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(start, end - start);
        bool known = false;
        for (auto r : kRoles) {
            if (word != role_code(r)) continue;
            if (has_role(roles, r)) return Error{ErrorCode::invalid_input, "the role " + std::string(word) + " is given twice"};
            roles |= static_cast<unsigned>(r);
            known = true;
        }
        if (!known)
            return Error{ErrorCode::invalid_input,
                         "'" + std::string(word) + "' is not a role: editor, reviewer, operator (comma-separated) or all"};
        start = end + 1;
    }
    return roles;
}

std::string to_query_string(const AuditQuery& q) {
    std::string s = "limit=" + std::to_string(q.limit) + "&offset=" + std::to_string(q.offset);
    if (q.since_ms) s += "&since=" + std::to_string(*q.since_ms);
    if (q.until_ms) s += "&until=" + std::to_string(*q.until_ms);
    return s;
}

Result<AuditQuery> parse_audit_query(const std::multimap<std::string, std::string>& params) {
    AuditQuery q;
    for (auto& [key, value] : params) {
        if (params.count(key) > 1) return Error{ErrorCode::invalid_input, key + " is given more than once"};
        std::int64_t n = 0;
        if (key == "since" || key == "until") {
            if (!parse_whole_number(value, kMaxTimeMs, n))
                return Error{ErrorCode::invalid_input, key + " is a time in milliseconds since 1970 (UTC), before 2100"};
            (key == "since" ? q.since_ms : q.until_ms) = n;
        } else if (key == "limit" || key == "offset") {
            std::int64_t max = key == "limit" ? static_cast<std::int64_t>(kAdminListMax) : kMaxListOffset;
            if (!parse_whole_number(value, max, n))
                return Error{ErrorCode::invalid_input, key + " is a whole number from 0 to " + std::to_string(max)};
            (key == "limit" ? q.limit : q.offset) = static_cast<std::size_t>(n);
        } else {
            return Error{ErrorCode::invalid_input, "'" + key + "' is not a parameter of the audit log (since, until, limit, offset)"};
        }
    }
    return q;
}

std::string to_json_array(const std::vector<AuditEntry>& list) {
    json out = json::array();
    for (auto& e : list)
        out.push_back({{"seq", e.seq}, {"at", e.at_ms}, {"admin_key", e.admin_key}, {"admin_name", e.admin_name},
                       {"action", e.action}, {"target", e.target}, {"before", e.before}, {"after", e.after}});
    return out.dump();
}

Result<std::vector<AuditEntry>> parse_audit_entries(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_array()) return Error{ErrorCode::invalid_input, "the hub's audit log is not a JSON array"};
    std::vector<AuditEntry> out;
    for (auto& e : j) {
        AuditEntry a;
        bool ok = e.is_object();
        auto num = [&](const char* k, std::int64_t& d) {
            ok = ok && e.contains(k) && e[k].is_number_integer();
            if (ok) d = e[k].get<std::int64_t>();
        };
        auto str = [&](const char* k, std::string& d) {
            ok = ok && e.contains(k) && e[k].is_string();
            if (ok) d = e[k].get<std::string>();
        };
        num("seq", a.seq);
        num("at", a.at_ms);
        str("admin_key", a.admin_key);
        str("admin_name", a.admin_name);
        str("action", a.action);
        str("target", a.target);
        str("before", a.before);
        str("after", a.after);
        if (!ok) return Error{ErrorCode::invalid_input, "entry " + std::to_string(out.size() + 1) + " of the audit log is malformed"};
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace lianxin
