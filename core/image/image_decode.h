// Image probing, checking and decoding (PNG through libpng, JPEG through libjpeg-turbo), within
// one set of limits used by content check, bundle build and the kiosk, so a huge, hostile or
// broken file never costs more than it should.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

// The one definition of what an image may cost. Pixel bytes are what the decoder holds for the
// pixels: 4 a pixel (RGBA), 8 for a 16-bit PNG, and 4 + 2 per colour component for a JPEG in
// more than one scan, progressive or not (the decoder keeps every coefficient, 2 bytes each,
// until the last scan).
struct ImageLimits {
    std::size_t max_bytes = 8u << 20;         // the file itself
    int max_side = 4096;                       // width and height each
    std::uint64_t max_pixel_bytes = 64u << 20;  // 4096 × 4096 RGBA
    int max_jpeg_scans = 100;                  // each scan of a progressive JPEG walks every block
};

struct ImageInfo {
    int width = 0, height = 0;
};

struct Pixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4
};

// Checks the format (PNG or JPEG by signature) and the dimensions its header declares, without
// reading further. too_large for a file or image over the limits; invalid_image otherwise.
Result<ImageInfo> probe_image(std::string_view bytes, const ImageLimits& limits = {});
// Everything a decode needs, without keeping pixels: the header within the limits, the whole
// structure intact (PNG chunks with their CRCs up to IEND, the compressed data inflating to
// exactly the size the header declares; JPEG markers up to EOI), then a full decode.
Result<ImageInfo> check_image(std::string_view bytes, const ImageLimits& limits = {});
// Checks as above, decodes and, when larger, downscales to fit within fit_w × fit_h keeping the
// aspect ratio.
Result<Pixels> decode_image(std::string_view bytes, int fit_w, int fit_h, const ImageLimits& limits = {});

}  // namespace lianxin
