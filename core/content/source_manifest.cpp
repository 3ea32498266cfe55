// Reading content source files (see source_manifest.h): images referenced from a manifest.
#include "core/content/source_manifest.h"

#include "core/image/image_decode.h"

namespace lianxin::source_reading {

std::string Context::media(const fs::path& from_file, const std::string& ref, int line, const std::string& field) {
    std::string file = rel(from_file);
    if (ref.empty() || ref.find("://") != std::string::npos || fs::path(ref).is_absolute()) {
        error(file, line, field, "'" + ref + "' must be a relative path to an image in the content folder");
        return {};
    }
    fs::path target = (from_file.parent_path() / ref).lexically_normal();
    std::string name = target.lexically_relative(root_).generic_string();
    if (name.empty() || name.rfind("..", 0) == 0) {
        error(file, line, field, "'" + ref + "' points outside the content folder");
        return {};
    }
    // A link on the way (images/ itself, or the file) could still lead out: the file really read
    // must be inside the folder, or the bundle would carry a file from elsewhere on this machine.
    if (!inside_root(target)) {
        error(file, line, field, "'" + ref + "' leads outside the content folder through a link");
        return {};
    }
    if (out_.media.count(name)) return name;
    // An image inside the folder that cannot be used yet keeps its name (without media): the
    // editor saves the reference back as it was, and a build refuses the folder for the problem.
    auto bytes = read_file(target, ImageLimits{}.max_bytes);
    if (!bytes) {
        error(file, line, field, "image '" + ref + "' cannot be read (" + name + " does not exist or is unreadable)");
        return name;
    }
    auto info = check_image(*bytes);
    if (!info) {
        error(file, line, field, "image '" + ref + "' is refused: " + info.error().detail);
        return name;
    }
    out_.media[name] = MediaItem{std::move(*bytes), info->width, info->height};
    return name;
}

}  // namespace lianxin::source_reading
