// Writes the layout check's faults as JSON lines (see layout_report.h).
#include "kiosk/app/layout_report.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>

namespace lianxin::kiosk {

LayoutReport::~LayoutReport() {
    if (f_) std::fclose(f_);
}

bool LayoutReport::open(const std::string& path, std::string& error) {
    f_ = std::fopen(path.c_str(), "w");
    if (!f_) error = "cannot write the layout report " + path + ": " + std::strerror(errno);
    return f_ != nullptr;
}

int LayoutReport::write(const std::string& screen, const std::string& shot, const std::string& lang, ImVec2 size,
                        const FramePixels& background) {
    if (!f_) return 0;
    auto r = [](float v) { return static_cast<int>(std::lround(v)); };
    std::string size_text = std::to_string(r(size.x)) + "x" + std::to_string(r(size.y));
    auto put = [&](const nlohmann::json& j) {
        std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        std::fwrite(line.data(), 1, line.size(), f_);
    };
    // One line per shot saying what was looked at, then one per fault.
    put({{"screen", screen}, {"shot", shot}, {"lang", lang}, {"size", size_text}, {"kind", "checked"},
         {"texts", audit_.texts()}, {"targets", audit_.targets()}, {"shown", audit_.shown_texts()}});
    auto faults = audit_.geometry_faults();
    auto contrast = audit_.contrast_faults(background);
    faults.insert(faults.end(), contrast.begin(), contrast.end());
    for (auto& f : faults)
        put({{"screen", screen},
             {"shot", shot},
             {"lang", lang},
             {"size", size_text},
             {"kind", f.kind},
             {"element", f.element},
             {"detail", f.detail},
             {"rect", {r(f.rect.Min.x), r(f.rect.Min.y), r(f.rect.GetWidth()), r(f.rect.GetHeight())}}});
    std::fflush(f_);
    return static_cast<int>(faults.size());
}

}  // namespace lianxin::kiosk
