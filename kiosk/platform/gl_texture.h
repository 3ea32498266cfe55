// OpenGL textures for the font atlas (alpha only, swizzled to white+alpha) and images (RGBA).
#pragma once

#include <cstdint>

namespace lianxin::kiosk {

unsigned upload_alpha_texture(int w, int h, const std::uint8_t* pixels);
unsigned upload_rgba_texture(int w, int h, const std::uint8_t* pixels);
void delete_texture(unsigned id);

}  // namespace lianxin::kiosk
