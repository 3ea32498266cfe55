// Take-home cards for passports and certificates: a bilingual picture with the QR code, drawn
// without SDL or ImGui (FreeType + our own line breaking), for the screen, an A6 card at 300 dpi,
// or an 80 mm receipt printer at 203 dpi; saved as PNG (stb_image_write).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/text/kiosk_fonts.h"

namespace lianxin {

enum class CardFormat {
    screen,   // 1200 × 750, for a phone or a monitor
    a6,       // 105 × 148 mm portrait at 300 dpi: 1240 × 1748; QR 50 mm
    receipt,  // 72 mm printable width at 203 dpi: 576 px wide, as tall as needed; QR 45 mm
};
const char* card_format_name(CardFormat f);  // "screen", "a6", "receipt"
bool parse_card_format(std::string_view s, CardFormat& out);

// What a card shows. Every string is drawn as given; cards carry both languages.
struct CardContent {
    enum class Kind { passport, certificate } kind = Kind::passport;
    std::string heading_zh, heading_en;  // "参与护照" / "Participation Passport"
    std::string hall_zh, hall_en;        // the hall that issued it
    std::vector<std::string> lines;      // body lines (e.g. the draft and article, the date)
    std::string code;                    // the short code, or the certificate's serial
    std::string qr_text;                 // what the QR code holds (a token URL)
};

struct RgbImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // width × height × 3, row-major
};

// Fonts: the kiosk's own regular and bold faces (Noto Sans CJK, Simplified Chinese).
struct CardFonts {
    std::filesystem::path regular = kKioskRegularFace.path;
    std::filesystem::path bold = kKioskBoldFace.path;
};

// Where render_card put things, in pixels of the image (for tests, and for a screen that wants to
// highlight the code).
struct CardBox {
    int x = 0, y = 0, w = 0, h = 0;
};
struct CardLayout {
    CardBox heading;     // both heading lines
    CardBox qr;          // the QR code with its quiet zone
    CardBox code;        // the short code or serial (empty box if none)
    int qr_version = 0;
    int module_px = 0;   // whole pixels a module: as large as the format's QR size allows
};

// io if a font cannot be opened; too_large if the QR text does not fit QR version 11 (kQrMaxVersion).
Result<RgbImage> render_card(const CardContent& card, CardFormat format, const CardFonts& fonts = {},
                             CardLayout* layout = nullptr);
Status write_card_png(const std::filesystem::path& path, const RgbImage& image);

}  // namespace lianxin
