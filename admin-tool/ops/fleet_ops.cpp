// The kiosks at a hub as staff watch them (fleet_ops.h).
#include "admin-tool/ops/fleet_ops.h"

namespace lianxin::admin {

std::vector<FleetWarning> fleet_warnings(const FleetKiosk& k, std::int64_t now_ms) {
    if (k.revoked) return {FleetWarning::revoked};
    std::vector<FleetWarning> out;
    if (!k.last_contact_ms || now_ms - *k.last_contact_ms > kKioskSilentAfterMs) out.push_back(FleetWarning::silent);
    if (!k.last_error.empty()) out.push_back(FleetWarning::sync_error);
    if (k.outbox_depth >= kKioskBacklogWarn) out.push_back(FleetWarning::backlog);
    return out;
}

Result<std::vector<FleetKiosk>> fetch_fleet(const HubConnection& hub) {
    auto r = hub_call(hub, "GET", "/api/v1/admin/kiosks");
    if (!r) return r.error();
    if (!r->is_array()) return Error{ErrorCode::invalid_input, "the hub's kiosk list is not a JSON array"};
    std::vector<FleetKiosk> out;
    try {
        for (auto& k : *r) {
            FleetKiosk f;
            f.id = k.at("id").get<std::string>();
            f.name = k.at("name").get<std::string>();
            f.code = k.value("code", "");
            f.registered_at_ms = k.value("registered_at", std::int64_t{0});
            f.revoked = k.value("revoked", false);
            if (k.contains("last_contact")) f.last_contact_ms = k.at("last_contact").get<std::int64_t>();
            f.app_version = k.value("app_version", "");
            f.content_version = k.value("content_version", "");
            f.last_error = k.value("last_error", "");
            f.outbox_depth = k.value("outbox_depth", std::int64_t{0});
            out.push_back(std::move(f));
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorCode::invalid_input, std::string("the hub's kiosk list is malformed: ") + e.what()};
    }
    return out;
}

}  // namespace lianxin::admin
