// The "save to a file" dialog the export buttons open: a path to edit (a sensible default in the
// operator's home folder), the formats offered, a question before an existing file is replaced,
// and the job's progress while it runs. The view says what is written; the dialog only asks where.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "admin-tool/gui/gui_widgets.h"

namespace lianxin::admin {

class SaveDialog {
public:
    struct Format {
        std::string label;      // "Excel 表格（.xlsx）"
        std::string extension;  // ".xlsx"
    };
    // Opens the dialog titled `title` for a file named `stem` + the first format's extension.
    void open(std::string title, std::string stem, std::vector<Format> formats);
    bool is_open() const { return open_; }
    // Draws it while open. On 保存 with a path, calls `save(path, replace)`; the dialog then
    // shows `progress` (empty: none) until close() is called by the view when the job ends.
    void draw(const GuiFrame& f, const std::string& progress,
              const std::function<void(const std::string& path, bool replace)>& save);
    void close() { closing_ = true; }

private:
    bool open_ = false, opened_now_ = false, saving_ = false, ask_replace_ = false, closing_ = false;
    std::string title_;
    std::vector<Format> formats_;
    int format_ = 0;
    char path_[1024] = {};
};

// The operator's home folder (HOME), or the current folder.
std::string home_folder();

}  // namespace lianxin::admin
