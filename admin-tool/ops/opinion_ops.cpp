// Fetching and deciding opinions at the hub (opinion_ops.h).
#include "admin-tool/ops/opinion_ops.h"

#include "core/base/field_limits.h"
#include "admin-tool/ops/paged_fetch.h"
#include "core/opinions/opinion_rules.h"

namespace lianxin::admin {

Result<std::vector<AdminOpinion>> fetch_opinions(const HubConnection& hub, OpinionQuery query,
                                                 const std::function<void(std::size_t)>& progress) {
    query.limit = kAdminListMax;
    return fetch_all_pages<AdminOpinion>(
        hub,
        [&](std::size_t offset) {
            query.offset = offset;
            return "/api/v1/admin/opinions?" + to_query_string(query);
        },
        parse_admin_opinions, [](const AdminOpinion& o) { return o.id; }, progress);
}

Result<std::vector<DecisionResult>> set_statuses(const HubConnection& hub, const std::vector<std::string>& ids,
                                               const StatusDecision& decision) {
    if (auto why = reply_problem(decision.reply)) return Error{ErrorCode::invalid_input, "reply: " + *why};
    std::vector<DecisionResult> out;
    for (auto& id : ids) {
        DecisionResult c{id, std::nullopt, {}, {}, {}};
        auto r = hub_call(hub, "POST", "/api/v1/admin/opinions/" + id + "/status", to_json(decision));
        if (!r) {
            c.error = r.error();
        } else {
            if (auto cert = r->find("certificate"); cert != r->end() && cert->is_object()) {
                c.certificate_serial = cert->value("serial", "");
                c.certificate_url = cert->value("url", "");
            }
            if (auto rev = r->find("revoked"); rev != r->end() && rev->is_string()) c.revoked_serial = rev->get<std::string>();
        }
        out.push_back(std::move(c));
    }
    return out;
}

Result<RecordedOpinion> record_opinion(const HubConnection& hub, const StaffOpinion& opinion) {
    std::string body = to_json(opinion);
    if (auto checked = parse_staff_opinion(body); !checked) return checked.error();
    auto r = hub_call(hub, "POST", "/api/v1/admin/opinions", body);
    if (!r) return r.error();
    return RecordedOpinion{r->value("id", ""), r->value("passport", "")};
}

Status hide_opinion(const HubConnection& hub, const std::string& id, const std::optional<std::string>& reason) {
    std::string body = to_json(HideDecision{reason});
    if (auto checked = parse_hide_decision(body); !checked) return checked.error();
    auto r = hub_call(hub, "POST", "/api/v1/admin/opinions/" + id + "/hide", body);
    if (!r) return r.error();
    return ok_status();
}

}  // namespace lianxin::admin
