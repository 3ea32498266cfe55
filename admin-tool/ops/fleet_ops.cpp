// The kiosks at a hub as staff watch them (fleet_ops.h).
#include "admin-tool/ops/fleet_ops.h"

#include <algorithm>

#include "core/base/calendar.h"

namespace lianxin::admin {

std::vector<FleetWarning> fleet_warnings(const FleetKiosk& k, std::int64_t now_ms) {
    if (k.revoked) return {FleetWarning::revoked};
    std::vector<FleetWarning> out;
    if (!k.last_contact_ms || now_ms - *k.last_contact_ms > kKioskSilentAfterMs) out.push_back(FleetWarning::silent);
    if (!k.storage.fault.empty()) out.push_back(FleetWarning::storage_fault);
    if (k.storage.set_aside > 0) out.push_back(FleetWarning::db_set_aside);
    if (!k.last_error.empty()) out.push_back(FleetWarning::sync_error);
    if (k.outbox_depth >= kKioskBacklogWarn) out.push_back(FleetWarning::backlog);
    return out;
}

std::string elapsed_text(const AdminText& t, std::int64_t ms) {
    std::int64_t minutes = ms / 60'000;
    if (minutes < 120) return t("fleet.minutes", {std::to_string(minutes)});
    if (minutes < 48 * 60) return t("fleet.hours", {std::to_string(minutes / 60)});
    return t("fleet.days", {std::to_string(minutes / (24 * 60))});
}

std::string fleet_warning_text(const AdminText& t, const FleetKiosk& k, FleetWarning w, std::int64_t now_ms) {
    switch (w) {
        case FleetWarning::revoked: return t("fleet.revoked");
        case FleetWarning::silent:
            return k.last_contact_ms ? t("fleet.silent", {elapsed_text(t, now_ms - *k.last_contact_ms)})
                                     : t("fleet.never_synced");
        case FleetWarning::storage_fault: return t("fleet.storage_fault", {k.storage.fault});
        case FleetWarning::db_set_aside: {
            const StorageReport& st = k.storage;
            std::string salvage = st.salvaged >= 0 ? t("fleet.salvaged", {std::to_string(st.salvaged),
                                                                          std::to_string(std::max<std::int64_t>(0, st.left_out))})
                                                   : std::string();
            return t("fleet.set_aside", {st.newest_at_ms > 0 ? local_time_text(st.newest_at_ms) : "?", st.newest,
                                         std::to_string(st.set_aside), salvage});
        }
        case FleetWarning::sync_error: return t("fleet.error", {k.last_error});
        case FleetWarning::backlog: return t("fleet.backlog", {std::to_string(k.outbox_depth)});
    }
    return {};
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
            if (auto st = k.find("storage"); st != k.end() && st->is_object()) {
                f.storage.set_aside = st->value("set_aside", std::int64_t{0});
                f.storage.newest = st->value("newest", "");
                f.storage.newest_at_ms = st->value("newest_at", std::int64_t{0});
                f.storage.salvaged = st->value("salvaged", std::int64_t{-1});
                f.storage.left_out = st->value("left_out", std::int64_t{-1});
                f.storage.fault = st->value("fault", "");
            }
            out.push_back(std::move(f));
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorCode::invalid_input, std::string("the hub's kiosk list is malformed: ") + e.what()};
    }
    return out;
}

}  // namespace lianxin::admin
