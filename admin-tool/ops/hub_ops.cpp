// The audit log, certificates, publication history and rollback at the hub (hub_ops.h).
#include "admin-tool/ops/hub_ops.h"

#include "admin-tool/ops/opinion_export.h"
#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/base/files.h"

namespace lianxin::admin {

Result<std::vector<AuditEntry>> fetch_audit(const HubConnection& hub, AuditQuery query) {
    std::vector<AuditEntry> all;
    query.limit = kAdminListMax;
    query.offset = 0;
    for (;;) {
        auto page = hub_call_text(hub, "GET", "/api/v1/admin/audit?" + to_query_string(query));
        if (!page) return page.error();
        auto list = parse_audit_entries(*page);
        if (!list) return list.error();
        std::size_t n = list->size();
        all.insert(all.end(), list->begin(), list->end());
        if (n < kAdminListMax) return all;
        query.offset += n;
    }
}

std::string audit_action_text(const AdminText& t, const std::string& action) {
    std::string key = "audit.action." + action;
    const std::string& words = t(key);
    return words == key ? action : words;
}

Status export_audit_csv(const std::filesystem::path& file, const std::vector<AuditEntry>& entries, const AdminText& t,
                        bool replace) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head;
    for (const char* k : {"at", "who", "key", "action", "target", "before", "after"})
        head.push_back(t(std::string("audit.column.") + k));
    rows.push_back(head);
    for (auto& e : entries)
        rows.push_back({local_time_text(e.at_ms, true), e.admin_name, e.admin_key, audit_action_text(t, e.action), e.target,
                        e.before, e.after});
    return write_csv_file(file, rows, replace);
}

Result<std::vector<PublicationEntry>> fetch_publications(const HubConnection& hub) {
    auto r = hub_call(hub, "GET", "/api/v1/admin/bundles");
    if (!r) return r.error();
    if (!r->is_array()) return Error{ErrorCode::corrupt, "the hub's publication history is not a list"};
    std::vector<PublicationEntry> out;
    for (auto& p : *r) {
        if (!p.is_object() || !p.contains("version") || !p["version"].is_string() || !p.contains("at") ||
            !p["at"].is_number_integer())
            return Error{ErrorCode::corrupt, "an entry of the hub's publication history is malformed"};
        out.push_back({p["version"].get<std::string>(), p["at"].get<std::int64_t>(), p.value("admin_key", ""),
                       p.value("admin_name", "")});
    }
    return out;
}

Result<std::vector<CertificateEntry>> fetch_certificates(const HubConnection& hub) {
    std::vector<CertificateEntry> all;
    for (std::size_t offset = 0;; offset += kAdminListMax) {
        auto r = hub_call(hub, "GET", "/api/v1/admin/certificates?limit=" + std::to_string(kAdminListMax) +
                                          "&offset=" + std::to_string(offset));
        if (!r) return r.error();
        if (!r->is_array()) return Error{ErrorCode::corrupt, "the hub's certificate list is not a list"};
        for (auto& c : *r) {
            if (!c.is_object() || !c.contains("serial") || !c["serial"].is_string() || !c.contains("issued_at") ||
                !c["issued_at"].is_number_integer())
                return Error{ErrorCode::corrupt, "an entry of the hub's certificate list is malformed"};
            CertificateEntry e{c["serial"].get<std::string>(), c.value("opinion", ""), c.value("passport", ""),
                               c.value("url", ""), c["issued_at"].get<std::int64_t>(), std::nullopt};
            if (c.contains("revoked_at") && c["revoked_at"].is_number_integer()) e.revoked_at_ms = c["revoked_at"].get<std::int64_t>();
            all.push_back(std::move(e));
        }
        if (r->size() < kAdminListMax) return all;
    }
}

Status revoke_certificate(const HubConnection& hub, const std::string& serial) {
    if (serial.size() != 16 || serial.find_first_not_of("0123456789abcdef") != std::string::npos)
        return Error{ErrorCode::invalid_input, "'" + serial + "' is not a certificate serial (16 hex digits, certificate list)"};
    auto r = hub_call(hub, "POST", "/api/v1/admin/certificates/" + serial + "/revoke");
    if (!r) return r.error();
    return ok_status();
}

Status publish_version(const HubConnection& hub, const std::string& version) {
    if (!is_content_version(version))
        return Error{ErrorCode::invalid_input, "'" + version + "' is not a content version"};
    auto r = hub_call(hub, "POST", "/api/v1/admin/bundles/" + version + "/publish");
    if (!r) return r.error();
    return ok_status();
}

}  // namespace lianxin::admin
