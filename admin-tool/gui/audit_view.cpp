// The audit log view (see audit_view.h).
#include "admin-tool/gui/audit_view.h"

#include "admin-tool/ops/hub_ops.h"
#include "core/base/calendar.h"

namespace lianxin::admin {

namespace {

// A before/after value as a person reads it: a JSON object's fields as "name: value" pairs, empty
// for an empty object; anything else as it is.
std::string readable_value(const std::string& json_text) {
    auto j = nlohmann::json::parse(json_text, nullptr, false);
    if (!j.is_object()) return json_text;
    std::string out;
    for (auto& [k, v] : j.items()) {
        if (!out.empty()) out += "  ";
        out += k + ": " + (v.is_string() ? v.get<std::string>() : v.dump());
    }
    return out;
}

}  // namespace

void AuditView::refresh(AdminSession& s) {
    entries_.load(s, [](const HubConnection& hub) { return fetch_audit(hub, {}); });
}

std::string AuditView::shown_text() const {
    std::string all;
    for (auto& e : entries_.value()) all += e.admin_name + e.target + e.before + e.after;
    return all;
}

void AuditView::draw(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (!entries_.asked()) refresh(s);
    const auto& entries = entries_.value();
    f.heading(t("gui.audit.title"));
    ImGui::SameLine();
    if (f.button(t("gui.refresh"))) refresh(s);
    ImGui::SameLine();
    if (f.button(t("gui.audit.export")) && !entries.empty())
        export_dialog_.open(t("gui.audit.export"), "lianxin-audit-" + Moment::now().local_date.to_string(),
                            {{t("gui.review.export_csv"), ".csv"}});
    if (!entries_.error().empty()) f.paragraph(entries_.error(), FontRole::body, kAccent);
    if (entries.empty()) {
        ImGui::TextDisabled("%s", (entries_.loading() ? t("gui.loading") : t("gui.audit.empty")).c_str());
    } else {
        ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("audit", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y - f.px(8)))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(t("audit.column.at").c_str(), ImGuiTableColumnFlags_WidthFixed, f.px(150));
            ImGui::TableSetupColumn(t("audit.column.who").c_str(), ImGuiTableColumnFlags_WidthFixed, f.px(120));
            ImGui::TableSetupColumn(t("audit.column.action").c_str(), ImGuiTableColumnFlags_WidthFixed, f.px(170));
            ImGui::TableSetupColumn(t("audit.column.target").c_str(), 0, 1.2f);
            ImGui::TableSetupColumn(t("audit.column.before").c_str(), 0, 1.0f);
            ImGui::TableSetupColumn(t("audit.column.after").c_str(), 0, 1.0f);
            ImGui::TableHeadersRow();
            ImGuiListClipper clip;
            clip.Begin(static_cast<int>(entries.size()));
            while (clip.Step())
                for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                    // Newest first: the log is kept oldest first.
                    auto& e = entries[entries.size() - 1 - static_cast<std::size_t>(i)];
                    ImGui::TableNextRow();
                    std::string cells[] = {local_time_text(e.at_ms), e.admin_name.empty() ? e.admin_key : e.admin_name,
                                           audit_action_text(t, e.action), e.target, readable_value(e.before),
                                           readable_value(e.after)};
                    for (auto& text : cells) {
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(text.substr(0, text.find('\n')).c_str());
                        // A long value is read whole by pointing at it.
                        if (ImGui::IsItemHovered() && text.size() > 40) ImGui::SetTooltip("%s", text.c_str());
                    }
                }
            ImGui::EndTable();
        }
    }
    export_dialog_.draw(f, "", [&](const std::string& path, bool replace) {
        auto copy = entries;
        auto text = s.t();
        s.jobs().run<Status>(t("gui.audit.export"),
                             [path, copy, text, replace] { return export_audit_csv(path, copy, text, replace); },
                             [this, &s, path, n = copy.size()](Status& st) {
                                 export_dialog_.close();
                                 if (!st) s.notify(s.t()("gui.failed", {st.error().detail}), true);
                                 else s.notify(s.t()("gui.audit.export_done", {std::to_string(n), path}));
                             });
    });
}

}  // namespace lianxin::admin
