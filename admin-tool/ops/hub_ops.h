// Operations on the hub's own records other than opinions: the audit log (who changed what), the
// certificates it issued, the publication history of content bundles, and a rollback to an earlier
// version. The CLI and the GUI call these.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "admin-tool/ops/admin_text.h"
#include "core/sync/admin_audit.h"

namespace lianxin::admin {

// Every audit entry `query` matches, oldest first, page by page (its limit and offset ignored).
Result<std::vector<AuditEntry>> fetch_audit(const HubConnection& hub, AuditQuery query);

// An audit entry's action ("opinion.status") in the operator's words ("设置意见状态"); an action
// the tool has no words for yet is shown as it is.
std::string audit_action_text(const AdminText& t, const std::string& action);

// The audit log as CSV for the operator (UTF-8 with a byte-order mark, formulas defused), written
// whole or not at all; an existing file is replaced only when `replace`.
Status export_audit_csv(const std::filesystem::path& file, const std::vector<AuditEntry>& entries, const AdminText& t,
                        bool replace);

struct PublicationEntry {
    std::string version;
    std::int64_t at_ms = 0;
    std::string admin_key, admin_name;
};
// What kiosks were told to run, newest first (the first is what they run now).
Result<std::vector<PublicationEntry>> fetch_publications(const HubConnection& hub);

// A certificate the hub issued, as staff list them.
struct CertificateEntry {
    std::string serial, opinion_id, passport_id, url;
    std::int64_t issued_at_ms = 0;
    std::optional<std::int64_t> revoked_at_ms;
};
// Every certificate the hub issued, newest first (page by page).
Result<std::vector<CertificateEntry>> fetch_certificates(const HubConnection& hub);
// Withdraws a certificate on every kiosk and its page; not_found for a serial the hub never issued.
Status revoke_certificate(const HubConnection& hub, const std::string& serial);

// Tells kiosks to run `version` again, a bundle the hub holds (a rollback); not_found otherwise.
Status publish_version(const HubConnection& hub, const std::string& version);

}  // namespace lianxin::admin
