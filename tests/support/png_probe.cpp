// Screenshot probing with stb_image.
#include "tests/support/png_probe.h"

#include <stb/stb_image.h>

#include <algorithm>
#include <map>
#include <set>

namespace lianxin::test {

Png load_png(const std::string& path) {
    Png p;
    int comp = 0;
    unsigned char* data = stbi_load(path.c_str(), &p.width, &p.height, &comp, 4);
    if (!data) { p.width = p.height = 0; return p; }
    p.rgba.assign(data, data + static_cast<std::size_t>(p.width) * p.height * 4);
    stbi_image_free(data);
    return p;
}

double Png::ink_fraction(int x, int y, int w, int h) const {
    x = std::clamp(x, 0, width); y = std::clamp(y, 0, height);
    w = std::min(w, width - x); h = std::min(h, height - y);
    if (w <= 0 || h <= 0) return 0;
    std::map<std::uint32_t, int> counts;
    auto px = [&](int i, int j) {
        const std::uint8_t* q = &rgba[(static_cast<std::size_t>(j) * width + i) * 4];
        return (std::uint32_t(q[0]) << 16) | (std::uint32_t(q[1]) << 8) | q[2];
    };
    for (int j = y; j < y + h; ++j)
        for (int i = x; i < x + w; ++i) ++counts[px(i, j)];
    auto top = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    return 1.0 - static_cast<double>(top->second) / (static_cast<double>(w) * h);
}

int Png::colour_count() const {
    std::set<std::uint32_t> seen;
    for (std::size_t i = 0; i + 3 < rgba.size(); i += 4)
        seen.insert((std::uint32_t(rgba[i] >> 4) << 8) | (std::uint32_t(rgba[i + 1] >> 4) << 4) | (rgba[i + 2] >> 4));
    return static_cast<int>(seen.size());
}

}  // namespace lianxin::test
