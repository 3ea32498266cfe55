// QR codes for tokens (libqrencode): error correction Q, version 10 or 11 (docs/tokens.md), and
// rasters of them at whole pixels per module with the 4-module quiet zone phones need.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

// Every code we issue aims at version 10 (57 modules a side, what the card layouts were drawn
// for); a certificate may take version 11 (61) when no serial gets its URL into 10, which happens
// when the fixed part of its token (key id, passport ref, consultation id) needs many escapes
// (docs/tokens.md, "QR parameters and sizes"). Readers and drawers accept up to kQrMaxVersion.
inline constexpr int kQrPreferredVersion = 10;
inline constexpr int kQrMaxVersion = 11;
inline constexpr int kQrQuietModules = 4;

struct QrCode {
    int version = 0;
    int size = 0;                        // modules a side (17 + 4 × version)
    std::vector<std::uint8_t> modules;   // size × size, row-major, 1 = dark
    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

// Encodes `text` (case kept; runs of QR alphanumeric characters use alphanumeric mode) at level
// Q. too_large if it needs a version above `max_version`; invalid_input for empty text.
Result<QrCode> encode_qr(std::string_view text, int max_version = kQrMaxVersion);

// An 8-bit grey image: 0 = black, 255 = white.
struct GrayImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // width × height, row-major
};

// The code at `module_px` pixels a module inside a white quiet zone of `quiet_modules`.
GrayImage render_qr(const QrCode& qr, int module_px, int quiet_modules = kQrQuietModules);

// Writes a grey PNG (stb_image_write) atomically. io on failure.
Status write_gray_png(const std::filesystem::path& path, const GrayImage& image);

}  // namespace lianxin
