// Opinion operations against a hub: fetch every opinion a query matches (page by page), and set
// the status and reply of one or many at once. The CLI and the GUI call these; so do the tests.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "core/sync/admin_messages.h"
#include "core/sync/admin_opinions.h"

namespace lianxin::admin {

// Every opinion `query` matches, in the hub's order, whatever its limit and offset say: pages of
// kAdminListMax are fetched until a short one. `progress(n)` is called with the count so far
// after each page. An error names the page that failed; nothing partial is returned.
Result<std::vector<AdminOpinion>> fetch_opinions(const HubConnection& hub, OpinionQuery query,
                                                 const std::function<void(std::size_t)>& progress = {});

// What one status change did at the hub.
struct DecisionResult {
    std::string id;
    std::optional<Error> error;  // set when the hub refused this one (the others still ran)
    std::string certificate_serial, certificate_url;  // a certificate issued for an adoption
    std::string revoked_serial;                       // a certificate revoked by a changed adoption
};

// Sets `decision` on each opinion in `ids`, one request each, in order. The reply is judged by
// the kiosks' rule before any call, so a reply no kiosk could take changes nothing (invalid_input).
Result<std::vector<DecisionResult>> set_statuses(const HubConnection& hub, const std::vector<std::string>& ids,
                                               const StatusDecision& decision);

// Records an opinion that came on paper or by phone (judged by the hub's own reader first):
// answers its new id and the passport it was stamped into ("" when none).
struct RecordedOpinion {
    std::string id, passport_id;
};
Result<RecordedOpinion> record_opinion(const HubConnection& hub, const StaffOpinion& opinion);

// Hides an opinion's text from public pages with `reason`, or shows it again (nullopt).
Status hide_opinion(const HubConnection& hub, const std::string& id, const std::optional<std::string>& reason);

}  // namespace lianxin::admin
