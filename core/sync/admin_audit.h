// Who may do what through the admin API, and the audit log of what was done (docs/sync-protocol.md,
// "Admin roles and the audit log"). Shared by the hub, which checks roles and writes the log, and
// the admin tool, which lists and exports it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

// An admin key's roles, as bits. An office may give one person several.
enum class AdminRole : unsigned {
    editor = 1,    // content: publish bundles, roll back
    reviewer = 2,  // opinions: list, status and reply, certificates, hide, trace
    operator_ = 4  // kiosks: register, list, revoke
};
using AdminRoles = unsigned;
inline constexpr AdminRoles kAllAdminRoles = 7;

inline bool has_role(AdminRoles roles, AdminRole r) { return (roles & static_cast<unsigned>(r)) != 0; }
const char* role_code(AdminRole r);  // "editor", "reviewer", "operator"
// "editor,reviewer" in the order editor, reviewer, operator.
std::string roles_text(AdminRoles roles);
// A comma list of role names (or "all"), at least one, each once; invalid_input otherwise.
Result<AdminRoles> parse_roles(std::string_view text);

// A name for an admin key ("王科长", "district office PC"): shown in the audit log.
inline constexpr std::size_t kAdminNameMaxChars = 40;

// One change made through the admin API. `before` and `after` are small JSON objects of the
// fields the change touched ("{}" when there was nothing before).
struct AuditEntry {
    std::int64_t seq = 0, at_ms = 0;
    std::string admin_key, admin_name;  // the key's id, and its name when it has one
    std::string action;                 // e.g. "opinion.status", "kiosk.register", "bundle.publish"
    std::string target;                 // the opinion id, kiosk id, certificate serial, bundle version…
    std::string before, after;
};

// GET /api/v1/admin/audit?since=MS&until=MS&limit=N&offset=N (all optional), oldest first.
struct AuditQuery {
    std::optional<std::int64_t> since_ms, until_ms;
    std::size_t limit = 100;  // at most kAdminListMax
    std::size_t offset = 0;
};
std::string to_query_string(const AuditQuery& q);
// Refused (invalid_input, naming the parameter) for anything but those four, each at most once.
Result<AuditQuery> parse_audit_query(const std::multimap<std::string, std::string>& params);

std::string to_json_array(const std::vector<AuditEntry>& list);
Result<std::vector<AuditEntry>> parse_audit_entries(std::string_view json);

}  // namespace lianxin
