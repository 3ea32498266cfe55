// OpenGL textures. The atlas is uploaded as GL_R8 with a swizzle to (1,1,1,R): a quarter of the
// memory of the RGBA32 upload ImGui's backend would make, which matters under llvmpipe where
// texture memory is process memory.
#define GL_GLEXT_PROTOTYPES 1
#include "kiosk/platform/gl_texture.h"

#include <GL/gl.h>
#include <GL/glext.h>

namespace lianxin::kiosk {

namespace {
unsigned make_texture() {
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    return id;
}
}  // namespace

unsigned upload_alpha_texture(int w, int h, const std::uint8_t* pixels) {
    unsigned id = make_texture();
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    return id;
}

unsigned upload_rgba_texture(int w, int h, const std::uint8_t* pixels) {
    unsigned id = make_texture();
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    return id;
}

void delete_texture(unsigned id) {
    GLuint t = id;
    if (t) glDeleteTextures(1, &t);
}

}  // namespace lianxin::kiosk
