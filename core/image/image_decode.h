// Image probing and decoding (PNG/JPEG through stb_image), with size limits and downscaling
// to the size shown, so a huge or broken file never costs more than it should.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

struct ImageLimits {
    std::size_t max_bytes = 8u << 20;
    int max_side = 4096;
};

struct ImageInfo {
    int width = 0, height = 0;
};

struct Pixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4
};

// Checks the format (PNG or JPEG by signature) and dimensions without decoding.
Result<ImageInfo> probe_image(std::string_view bytes, const ImageLimits& limits = {});
// Decodes and, when larger, downscales to fit within fit_w × fit_h keeping the aspect ratio.
Result<Pixels> decode_image(std::string_view bytes, int fit_w, int fit_h, const ImageLimits& limits = {});

}  // namespace lianxin
