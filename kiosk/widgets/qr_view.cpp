// QrView: module rows drawn as runs of dark rectangles on pixel boundaries.
#include "kiosk/widgets/qr_view.h"

#include <algorithm>
#include <cmath>

namespace lianxin::kiosk {

const QrCode* QrView::code_for(const std::string& text) {
    auto it = codes_.find(text);
    if (it != codes_.end()) return &it->second;
    auto qr = encode_qr(text);
    if (!qr) return nullptr;
    if (codes_.size() > 16) codes_.clear();
    return &codes_.emplace(text, std::move(*qr)).first->second;
}

ImRect QrView::draw(Ui& ui, const std::string& text, ImRect r) {
    const QrCode* qr = code_for(text);
    if (!qr) return ImRect();
    int total = qr->size + 2 * kQrQuietModules;
    // Whole pixels per module: a fractional module size would blur edges or make modules uneven,
    // and phones read uneven modules badly.
    int px = static_cast<int>(std::floor(std::min(r.GetWidth(), r.GetHeight()) / total));
    if (px < 1) return ImRect();
    float side = static_cast<float>(px * total);
    ImVec2 o(std::round(r.GetCenter().x - side / 2), std::round(r.GetCenter().y - side / 2));
    auto* dl = ui.dl();
    dl->AddRectFilled(o, ImVec2(o.x + side, o.y + side), theme::white);
    float q = static_cast<float>(kQrQuietModules * px);
    for (int y = 0; y < qr->size; ++y) {
        int x = 0;
        while (x < qr->size) {
            if (!qr->dark(x, y)) { ++x; continue; }
            int run = x;
            while (run < qr->size && qr->dark(run, y)) ++run;
            dl->AddRectFilled(ImVec2(o.x + q + static_cast<float>(x * px), o.y + q + static_cast<float>(y * px)),
                              ImVec2(o.x + q + static_cast<float>(run * px), o.y + q + static_cast<float>((y + 1) * px)),
                              IM_COL32(0, 0, 0, 255));
            x = run;
        }
    }
    return ImRect(o, ImVec2(o.x + side, o.y + side));
}

}  // namespace lianxin::kiosk
