// Reading screenshots back in tests: is the picture blank, what colour is a region, does a
// region hold drawing (text) rather than flat background.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lianxin::test {

struct Png {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    bool ok() const { return width > 0; }
    // Fraction of pixels in the rectangle that differ from the region's most common colour.
    double ink_fraction(int x, int y, int w, int h) const;
    // Number of distinct colours (quantized to 4 bits a channel) in the whole image.
    int colour_count() const;
};

Png load_png(const std::string& path);

}  // namespace lianxin::test
