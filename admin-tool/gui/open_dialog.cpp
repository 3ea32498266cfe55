// The "choose a picture" dialog (see open_dialog.h).
#include "admin-tool/gui/open_dialog.h"

#include <imgui_stdlib.h>

#include "admin-tool/gui/editor_style.h"
#include "admin-tool/gui/save_dialog.h"

namespace lianxin::admin {

namespace fs = std::filesystem;

void OpenDialog::open(std::string title, const fs::path& folder) {
    title_ = std::move(title);
    open_ = opened_now_ = true;
    go(folder.empty() ? pictures_folder(home_folder()) : folder);
}

void OpenDialog::go(const fs::path& dir) {
    std::string why;
    auto entries = list_picture_folder(dir, why);
    if (!entries) {
        // The folder stays where it was; the reason is said, in the system's words.
        error_ = dir.string() + ": " + why;
        if (folder_.empty()) folder_ = dir;
        return;
    }
    error_.clear();
    folder_ = dir;
    entries_ = std::move(*entries);
    typed_ = folder_.string();
}

std::optional<fs::path> OpenDialog::draw(const GuiFrame& f) {
    if (!open_) return std::nullopt;
    const auto& t = f.t;
    std::string id = title_ + "##open";
    if (opened_now_) {
        ImGui::OpenPopup(id.c_str());
        opened_now_ = false;
    }
    ImVec2 centre(f.shell.size().x / 2, f.shell.size().y / 2);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(f.px(720), f.shell.size().y * 0.7f));
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) return std::nullopt;
    std::optional<fs::path> picked;
    auto close = [&] {
        open_ = false;
        ImGui::CloseCurrentPopup();
    };

    // Where we are: a path the operator may also type or paste, then Enter.
    if (f.button(t("gui.open.up")) && folder_.has_parent_path() && folder_ != folder_.root_path()) go(folder_.parent_path());
    f.target("up");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##folder", &typed_, ImGuiInputTextFlags_EnterReturnsTrue)) {
        std::error_code ec;
        fs::path p(typed_);
        if (fs::is_regular_file(p, ec) && is_picture_name(p)) picked = p;
        else go(p);
    }
    f.target("folder");
    if (!error_.empty()) f.paragraph(t("gui.open.unreadable", {error_}), FontRole::body, kEditorError);

    const float footer = ImGui::GetFrameHeightWithSpacing() + f.px(16);
    ImGui::BeginChild("entries", ImVec2(0, -footer), true);
    if (entries_.empty()) ImGui::TextDisabled("%s", t("gui.open.empty").c_str());
    fs::path enter;  // a folder tapped: entered after the list is drawn, which it replaces
    for (const FolderEntry& e : entries_) {
        // Folders marked as such (a slash, and darker), so a tap's outcome is never a surprise.
        std::string label = e.name + (e.folder ? "/" : "");
        if (e.folder) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(28, 70, 130, 255));
        bool tapped = ImGui::Selectable((label + "##" + e.name).c_str(), false);
        if (e.folder) ImGui::PopStyleColor();
        if (tapped) {
            if (e.folder) enter = folder_ / e.name;
            else picked = folder_ / e.name;
        }
        f.target(e.name);
    }
    ImGui::EndChild();
    if (!enter.empty()) go(enter);
    ImGui::TextDisabled("%s", t("gui.open.hint").c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - f.px(120));
    if (f.button(t("gui.cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close();
    if (picked) close();
    ImGui::EndPopup();
    return picked;
}

}  // namespace lianxin::admin
