// The editor's "choose a picture" dialog: one folder at a time, its folders first and then its
// pictures (PNG, JPEG), a tap to enter a folder or pick a picture, a step up, and a path row the
// operator may type or paste into. It starts in the operator's Pictures folder (图片 on a Chinese
// desktop) when there is one, else at home (admin-tool/ops/picture_folder.h lists and finds them). It only says which file was picked: the editor
// imports it (admin-tool/ops/image_import.h) as it does a file dropped on the window.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/ops/picture_folder.h"

namespace lianxin::admin {

class OpenDialog {
public:
    // Opens at `folder` (kept from the last pick while the window is open), or the start above.
    void open(std::string title, const std::filesystem::path& folder = {});
    bool is_open() const { return open_; }
    // Draws it while open; returns the picture picked, once, and closes.
    std::optional<std::filesystem::path> draw(const GuiFrame& f);
    const std::filesystem::path& folder() const { return folder_; }

private:
    void go(const std::filesystem::path& dir);

    bool open_ = false, opened_now_ = false;
    std::string title_;
    std::filesystem::path folder_;
    std::vector<FolderEntry> entries_;
    std::string error_;
    std::string typed_;
};

}  // namespace lianxin::admin
