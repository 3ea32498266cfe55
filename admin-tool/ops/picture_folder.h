// What the editor's "choose a picture" dialog (admin-tool/gui/open_dialog.h) shows of a folder,
// and where it starts: plain file-system work, kept out of the GUI so it is tested directly.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lianxin::admin {

struct FolderEntry {
    std::string name;
    bool folder = false;
};

// The visible folders of `dir`, then its PNG and JPEG files (any case of .png, .jpg, .jpeg), each
// group by name in code-point order; hidden names (a leading '.') are left out, as desktops do.
// nullopt with the system's reason in `why` when the folder cannot be read.
std::optional<std::vector<FolderEntry>> list_picture_folder(const std::filesystem::path& dir, std::string& why);

// True for a name the dialog offers as a picture.
bool is_picture_name(const std::filesystem::path& p);

// The operator's Pictures folder under `home`: XDG_PICTURES_DIR of ~/.config/user-dirs.dirs, else
// 图片 or Pictures; `home` itself when there is none.
std::filesystem::path pictures_folder(const std::filesystem::path& home);

}  // namespace lianxin::admin
