// The fleet view (see fleet_view.h).
#include "admin-tool/gui/fleet_view.h"

#include "core/base/calendar.h"

namespace lianxin::admin {

void FleetView::refresh(AdminSession& s) { kiosks_.load(s, fetch_fleet); }

std::string FleetView::shown_text() const {
    std::string all;
    for (auto& k : kiosks_.value()) all += k.name + k.last_error + k.storage.fault + k.storage.newest;
    return all;
}

void FleetView::draw(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (!kiosks_.asked()) refresh(s);
    if (kiosks_.header(f, t("gui.fleet.title"))) refresh(s);
    if (kiosks_.value().empty()) {
        ImGui::TextDisabled("%s", (kiosks_.loading() ? t("gui.loading") : t("gui.fleet.empty")).c_str());
        return;
    }
    std::int64_t now = Moment::now().utc_ms;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("fleet", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const std::pair<const char*, float> columns[] = {{"name", 1.4f}, {"code", 0.6f},   {"contact", 1.2f}, {"app", 0.9f},
                                                     {"content", 0.9f}, {"outbox", 0.6f}, {"state", 2.4f}};
    for (auto [c, weight] : columns) ImGui::TableSetupColumn(t(std::string("gui.fleet.column_") + c).c_str(), 0, weight);
    ImGui::TableHeadersRow();
    for (auto& k : kiosks_.value()) {
        ImGui::TableNextRow(0, ImGui::GetFrameHeightWithSpacing());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(k.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.code.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.last_contact_ms ? local_time_text(*k.last_contact_ms).c_str() : t("gui.never").c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.app_version.empty() ? "-" : k.app_version.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.content_version.empty() ? "-" : k.content_version.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(k.outbox_depth));
        ImGui::TableNextColumn();
        auto warnings = fleet_warnings(k, now);
        if (warnings.empty()) f.chip(t("fleet.ok"), IM_COL32(222, 242, 226, 255), IM_COL32(22, 100, 44, 255));
        for (auto w : warnings)
            f.chip(fleet_warning_text(t, k, w, now), IM_COL32(250, 226, 222, 255), IM_COL32(150, 30, 24, 255));
    }
    ImGui::EndTable();
}

}  // namespace lianxin::admin
