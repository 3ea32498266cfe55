// The "save to a file" dialog (see save_dialog.h).
#include "admin-tool/gui/save_dialog.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace lianxin::admin {

std::string home_folder() {
    const char* home = std::getenv("HOME");
    return home && *home ? home : std::filesystem::current_path().string();
}

void SaveDialog::open(std::string title, std::string stem, std::vector<Format> formats) {
    title_ = std::move(title);
    formats_ = std::move(formats);
    format_ = 0;
    auto path = (std::filesystem::path(home_folder()) / (stem + formats_.front().extension)).string();
    std::snprintf(path_, sizeof path_, "%s", path.c_str());
    open_ = opened_now_ = true;
    saving_ = ask_replace_ = closing_ = false;
}

void SaveDialog::draw(const GuiFrame& f, const std::string& progress,
                      const std::function<void(const std::string&, bool)>& save) {
    if (!open_) return;
    std::string id = title_ + "##save";
    if (opened_now_) {
        ImGui::OpenPopup(id.c_str());
        opened_now_ = false;
    }
    ImVec2 centre(f.shell.size().x / 2, f.shell.size().y / 2);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(f.px(640), 0));
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) return;
    if (closing_) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        open_ = saving_ = ask_replace_ = closing_ = false;
        return;
    }
    const auto& t = f.t;
    if (saving_) {
        f.paragraph(progress.empty() ? t("gui.loading") : progress);
        ImGui::ProgressBar(static_cast<float>(-1.0 * ImGui::GetTime()), ImVec2(-1, f.px(8)), "");
        f.shell.animate();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextUnformatted(t("gui.review.export_file").c_str());
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##path", path_, sizeof path_);
    f.target("path");
    for (int i = 0; i < static_cast<int>(formats_.size()); ++i) {
        if (ImGui::RadioButton(formats_[static_cast<std::size_t>(i)].label.c_str(), format_ == i) && format_ != i) {
            // The file's name follows the format chosen.
            std::filesystem::path p(path_);
            p.replace_extension(formats_[static_cast<std::size_t>(i)].extension);
            std::snprintf(path_, sizeof path_, "%s", p.string().c_str());
            format_ = i;
        }
        f.target(formats_[static_cast<std::size_t>(i)].label);
    }
    ImGui::Spacing();
    auto start = [&](bool replace) {
        saving_ = true;
        ask_replace_ = false;
        save(path_, replace);
    };
    if (ask_replace_) {
        f.paragraph(t("gui.review.exists"), FontRole::body, kAccent);
        if (f.button(t("gui.review.overwrite"), ButtonStyle::danger)) start(true);
        ImGui::SameLine();
        if (f.button(t("gui.cancel"))) ask_replace_ = false;
    } else {
        if (f.button(t("gui.confirm"), ButtonStyle::primary) && std::strlen(path_) > 0) {
            std::error_code ec;
            if (std::filesystem::exists(path_, ec)) ask_replace_ = true;
            else start(false);
        }
        ImGui::SameLine();
        if (f.button(t("gui.cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            open_ = false;
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

}  // namespace lianxin::admin
