// Image probing and decoding with stb_image / stb_image_resize (Debian's libstb).
#include "core/image/image_decode.h"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace lianxin {

namespace {
bool is_png(std::string_view b) { return b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n"; }

bool has_known_signature(std::string_view b) {
    return is_png(b) || (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF");
}

Error too_large_image(std::uint64_t w, std::uint64_t h, const ImageLimits& limits) {
    return Error{ErrorCode::too_large, std::to_string(w) + "x" + std::to_string(h) + " pixels, limit " +
                                           std::to_string(limits.max_side) + " per side"};
}

// A PNG states its size at a fixed place (the IHDR chunk). stb_image refuses some huge headers
// itself with a generic failure, so read the size first to report them as too large.
bool png_header_too_large(std::string_view b, const ImageLimits& limits, std::uint64_t& w, std::uint64_t& h) {
    if (!is_png(b) || b.size() < 24 || b.substr(12, 4) != "IHDR") return false;
    auto be32 = [&](std::size_t at) {
        std::uint64_t v = 0;
        for (std::size_t k = 0; k < 4; ++k) v = v << 8 | static_cast<unsigned char>(b[at + k]);
        return v;
    };
    w = be32(16);
    h = be32(20);
    auto side = static_cast<std::uint64_t>(limits.max_side);
    return w > side || h > side;
}
}  // namespace

Result<ImageInfo> probe_image(std::string_view bytes, const ImageLimits& limits) {
    if (bytes.size() > limits.max_bytes)
        return Error{ErrorCode::too_large, std::to_string(bytes.size()) + " bytes, limit " +
                                               std::to_string(limits.max_bytes)};
    if (!has_known_signature(bytes)) return Error{ErrorCode::invalid_image, "not a PNG or JPEG file"};
    if (std::uint64_t pw = 0, ph = 0; png_header_too_large(bytes, limits, pw, ph)) return too_large_image(pw, ph, limits);
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                               static_cast<int>(bytes.size()), &w, &h, &comp))
        return Error{ErrorCode::invalid_image, std::string("unreadable image header: ") + stbi_failure_reason()};
    if (w <= 0 || h <= 0 || w > limits.max_side || h > limits.max_side)
        return too_large_image(static_cast<std::uint64_t>(w), static_cast<std::uint64_t>(h), limits);
    return ImageInfo{w, h};
}

Result<Pixels> decode_image(std::string_view bytes, int fit_w, int fit_h, const ImageLimits& limits) {
    auto info = probe_image(bytes, limits);
    if (!info) return info.error();
    int w = 0, h = 0, comp = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> data(
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()),
                              &w, &h, &comp, 4),
        stbi_image_free);
    if (!data) return Error{ErrorCode::invalid_image, std::string("cannot decode: ") + stbi_failure_reason()};

    double scale = std::min({1.0, fit_w > 0 ? double(fit_w) / w : 1.0, fit_h > 0 ? double(fit_h) / h : 1.0});
    Pixels out;
    out.width = std::max(1, static_cast<int>(std::lround(w * scale)));
    out.height = std::max(1, static_cast<int>(std::lround(h * scale)));
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    if (out.width == w && out.height == h) {
        std::copy_n(data.get(), out.rgba.size(), out.rgba.data());
    } else if (!stbir_resize_uint8_srgb(data.get(), w, h, 0, out.rgba.data(), out.width, out.height, 0, 4, 3, 0)) {
        return Error{ErrorCode::invalid_image, "cannot downscale"};
    }
    return out;
}

}  // namespace lianxin
