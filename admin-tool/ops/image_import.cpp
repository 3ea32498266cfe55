// Images added from the desktop (see image_import.h).
#include "admin-tool/ops/image_import.h"

#include <stb/stb_image_write.h>

#include <cctype>

#include "core/base/files.h"
#include "core/image/image_decode.h"

namespace lianxin::admin {

namespace fs = std::filesystem;

namespace {

void append(void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), static_cast<std::size_t>(size)); }

// A file name the content format takes (ids and paths in plain ASCII), from the operator's.
std::string plain_stem(const fs::path& source) {
    std::string out;
    for (unsigned char c : source.stem().string()) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.size() > 40) out.resize(40);
    return out.empty() ? "image" : out;
}

}  // namespace

Result<ImportedImage> import_image(const fs::path& content_dir, const fs::path& source) {
    // Larger than a kiosk takes, as photos from a phone or camera are; made to fit below.
    ImageLimits import_limits;
    import_limits.max_bytes = 40u << 20;
    import_limits.max_side = 16384;
    import_limits.max_pixel_bytes = 512u << 20;
    auto bytes = read_file(source, import_limits.max_bytes);
    if (!bytes) return bytes.error();
    auto info = probe_image(*bytes, import_limits);
    if (!info) return info.error();
    bool jpeg = bytes->size() > 2 && static_cast<unsigned char>((*bytes)[0]) == 0xFF &&
                static_cast<unsigned char>((*bytes)[1]) == 0xD8;
    ImportedImage out;
    out.source_width = info->width;
    out.source_height = info->height;
    std::string data;
    if (info->width <= kImportedImageMaxSide && info->height <= kImportedImageMaxSide && check_image(*bytes).ok()) {
        data = *bytes;  // already right for the kiosk: kept as the operator made it
    } else {
        auto px = decode_image(*bytes, kImportedImageMaxSide, kImportedImageMaxSide, import_limits);
        if (!px) return px.error();
        bool ok = jpeg ? stbi_write_jpg_to_func(append, &data, px->width, px->height, 4, px->rgba.data(), 88) != 0
                       : stbi_write_png_to_func(append, &data, px->width, px->height, 4, px->rgba.data(), px->width * 4) != 0;
        if (!ok) return Error{ErrorCode::io, "the image could not be written smaller"};
        out.resized = true;
    }
    auto checked = check_image(data);
    if (!checked) return checked.error();
    out.item = MediaItem{data, checked->width, checked->height};

    std::error_code ec;
    fs::create_directories(content_dir / "images", ec);
    std::string stem = plain_stem(source), ext = jpeg ? ".jpg" : ".png";
    for (int n = 1;; ++n) {
        std::string name = "images/" + stem + (n > 1 ? "-" + std::to_string(n) : "") + ext;
        if (fs::exists(content_dir / name, ec)) continue;
        if (auto st = write_file_atomic(content_dir / name, data); !st) return st.error();
        out.media_name = name;
        return out;
    }
}

}  // namespace lianxin::admin
