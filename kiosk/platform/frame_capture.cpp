// GL read-back of the drawn frame (see frame_capture.h).
#include "kiosk/platform/frame_capture.h"

#include <GL/gl.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstring>

namespace lianxin::kiosk {

FramePixels read_frame(int width, int height) {
    FramePixels f;
    f.width = width;
    f.height = height;
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> gl(row * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, gl.data());
    // GL's rows run bottom to top; a picture's top to bottom.
    f.rgba.resize(gl.size());
    for (int y = 0; y < height; ++y)
        std::memcpy(&f.rgba[static_cast<std::size_t>(y) * row], &gl[static_cast<std::size_t>(height - 1 - y) * row], row);
    for (std::size_t i = 3; i < f.rgba.size(); i += 4) f.rgba[i] = 255;
    return f;
}

bool write_png(const FramePixels& frame, const std::string& path) {
    stbi_flip_vertically_on_write(0);
    return stbi_write_png(path.c_str(), frame.width, frame.height, 4, frame.rgba.data(), frame.width * 4) != 0;
}

}  // namespace lianxin::kiosk
