// A folder as the "choose a picture" dialog shows it (picture_folder.h).
#include "admin-tool/ops/picture_folder.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace lianxin::admin {

namespace fs = std::filesystem;

namespace {

// XDG_PICTURES_DIR="$HOME/图片" in ~/.config/user-dirs.dirs, as desktops write it.
fs::path xdg_pictures(const fs::path& home) {
    std::ifstream in(home / ".config" / "user-dirs.dirs");
    const std::string key = "XDG_PICTURES_DIR=\"";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(key, 0) != 0 || line.size() <= key.size() || line.back() != '"') continue;
        std::string v = line.substr(key.size(), line.size() - key.size() - 1);
        if (v.rfind("$HOME/", 0) == 0) return home / v.substr(6);
        if (!v.empty() && v[0] == '/') return v;
    }
    return {};
}

}  // namespace

bool is_picture_name(const fs::path& p) {
    std::string ext = p.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

std::optional<std::vector<FolderEntry>> list_picture_folder(const fs::path& dir, std::string& why) {
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        why = ec.message();
        return std::nullopt;
    }
    std::vector<FolderEntry> folders, pictures;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code e2;
        if (it->is_directory(e2)) folders.push_back({name, true});
        else if (it->is_regular_file(e2) && is_picture_name(it->path())) pictures.push_back({name, false});
    }
    auto by_name = [](const FolderEntry& a, const FolderEntry& b) { return a.name < b.name; };
    std::sort(folders.begin(), folders.end(), by_name);
    std::sort(pictures.begin(), pictures.end(), by_name);
    folders.insert(folders.end(), pictures.begin(), pictures.end());
    return folders;
}

fs::path pictures_folder(const fs::path& home) {
    std::error_code ec;
    for (const fs::path& p : {xdg_pictures(home), home / "图片", home / "Pictures"})
        if (!p.empty() && fs::is_directory(p, ec)) return p;
    return home;
}

}  // namespace lianxin::admin
