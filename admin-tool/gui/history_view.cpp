// The publication history and rollback (see history_view.h).
#include "admin-tool/gui/history_view.h"

#include "core/base/calendar.h"

namespace lianxin::admin {

void HistoryView::refresh(AdminSession& s) { entries_.load(s, fetch_publications); }

std::string HistoryView::shown_text() const {
    std::string all;
    for (auto& e : entries_.value()) all += e.admin_name;
    return all;
}

void HistoryView::draw(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (!entries_.asked()) refresh(s);
    if (entries_.header(f, t("gui.history.title"))) refresh(s);
    const auto& entries = entries_.value();
    if (entries.empty()) {
        ImGui::TextDisabled("%s", (entries_.loading() ? t("gui.loading") : t("gui.history.empty")).c_str());
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("history", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y - f.px(8)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(t("gui.history.column_version").c_str());
        ImGui::TableSetupColumn(t("gui.history.column_at").c_str());
        ImGui::TableSetupColumn(t("gui.history.column_who").c_str());
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        // Newest first: the first row is what the kiosks run. A version may appear more than
        // once (published, then rolled back to); only its newest row is current.
        for (std::size_t i = 0; i < entries.size(); ++i) {
            auto& e = entries[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(e.version.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(local_time_text(e.at_ms).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((e.admin_name.empty() ? e.admin_key : e.admin_name).c_str());
            ImGui::TableNextColumn();
            if (i == 0) {
                f.chip(t("gui.history.current"), IM_COL32(222, 242, 226, 255), IM_COL32(22, 100, 44, 255));
            } else if (e.version != entries.front().version) {
                ImGui::BeginDisabled(rolling_back_);
                if (f.button(t("gui.history.rollback") + "##" + e.version)) {
                    confirm_version_ = e.version;
                    open_confirm_ = true;
                }
                f.target(t("gui.history.rollback") + " " + e.version);
                ImGui::EndDisabled();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    draw_confirm(f, s);
}

void HistoryView::draw_confirm(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    const char* id = "##rollback";
    if (open_confirm_) {
        ImGui::OpenPopup(id);
        open_confirm_ = false;
    }
    ImGui::SetNextWindowPos(ImVec2(f.shell.size().x / 2, f.shell.size().y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(f.px(560), 0));
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
        return;
    f.heading(t("gui.history.rollback"));
    f.paragraph(t("gui.history.rollback_confirm", {confirm_version_, entries_.value().empty() ? "" : entries_.value().front().version}));
    ImGui::Spacing();
    if (f.button(t("gui.history.rollback_do"), ButtonStyle::danger)) {
        rolling_back_ = true;
        auto hub = *s.hub();
        auto version = confirm_version_;
        s.jobs().run<Status>(t("gui.history.rollback"), [hub, version] { return publish_version(hub, version); },
                             [this, &s, version](Status& st) {
                                 rolling_back_ = false;
                                 if (!st) s.notify(s.t()("gui.hub_error", {st.error().detail}), true);
                                 else s.notify(s.t()("gui.history.rolled_back", {version}));
                                 refresh(s);
                             });
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (f.button(t("gui.cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace lianxin::admin
