// The file `--layout-report FILE` writes in a scripted run: at every `shot`, a line of kind
// "checked" with what the frame held, then the layout check's faults of the frame
// (kiosk/widgets/layout_audit.h), one JSON object a line with the screen, the shot's name, the
// language, the window size, the fault's kind, the element and its rectangle. tests/gui/layout_check_test.cpp walks every screen and fails on any line that
// tests/gui/layout_exceptions.txt does not excuse.
#pragma once

#include <cstdio>
#include <string>

#include "kiosk/widgets/layout_audit.h"

namespace lianxin::kiosk {

class LayoutReport {
public:
    LayoutReport() = default;
    LayoutReport(const LayoutReport&) = delete;
    LayoutReport& operator=(const LayoutReport&) = delete;
    ~LayoutReport();

    bool open(const std::string& path, std::string& error);
    LayoutAudit& audit() { return audit_; }
    // Writes the faults of the frame just drawn; `background` is the same frame drawn without
    // text. Returns how many faults were written.
    int write(const std::string& screen, const std::string& shot, const std::string& lang, ImVec2 size,
              const FramePixels& background);

private:
    LayoutAudit audit_;
    std::FILE* f_ = nullptr;
};

}  // namespace lianxin::kiosk
