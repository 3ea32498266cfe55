// Reading back the frame just drawn (before it is swapped to the screen): for the script's
// screenshots and for the layout check's contrast pass.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lianxin::kiosk {

// An RGBA frame, rows top to bottom, opaque.
struct FramePixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
};

// The back buffer of the current GL context, `width` x `height` from its bottom-left corner.
FramePixels read_frame(int width, int height);
bool write_png(const FramePixels& frame, const std::string& path);

}  // namespace lianxin::kiosk
