// An image added to the exhibition from the operator's desktop (the editor's file field, or a
// file dropped on the window): checked, made small enough for the kiosk, and copied into the
// content folder's images/ under a name of its own, so the sources only ever name files inside.
#pragma once

#include <filesystem>
#include <string>

#include "core/base/result.h"
#include "core/content/content_model.h"

namespace lianxin::admin {

// The longest side an imported image keeps: a kiosk shows an image at most screen-wide.
inline constexpr int kImportedImageMaxSide = 2048;

struct ImportedImage {
    std::string media_name;  // "images/photo-2.jpg": what the sources name
    MediaItem item;          // its bytes as written, and its size
    bool resized = false;
    int source_width = 0, source_height = 0;
};

// Reads `source` (PNG or JPEG, up to 40 MiB and 16,384 pixels a side), downscales it to
// kImportedImageMaxSide when larger (a JPEG stays a JPEG, a PNG a PNG), checks the result by the
// kiosk's own limits, and writes it to `content_dir`/images/ under a name made from the file's
// (lower-case letters, digits and '-'; "-2", "-3" … when taken). invalid_image or too_large with
// what is wrong; nothing is written then.
Result<ImportedImage> import_image(const std::filesystem::path& content_dir, const std::filesystem::path& source);

}  // namespace lianxin::admin
