// A QR code drawn crisp on screen: whole pixels per module, pure black on white with the quiet
// zone, as rectangles (no texture, no filtering, so nothing blurs). Codes are encoded once and
// kept by their text.
#pragma once

#include <map>
#include <string>

#include "core/tokens/qr_code.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

class QrView {
public:
    // Draws `text` as large as fits in `r` (centred, white card with quiet zone included); returns
    // the rectangle of the white square, or an empty one if the text cannot be encoded.
    ImRect draw(Ui& ui, const std::string& text, ImRect r);

private:
    const QrCode* code_for(const std::string& text);
    std::map<std::string, QrCode> codes_;  // a screen shows a handful; cleared if it grows
};

}  // namespace lianxin::kiosk
