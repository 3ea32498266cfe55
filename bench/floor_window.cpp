// The FLOOR reference of bench/README.md: a bare SDL2 window with a GL 3.3 context that clears the
// screen once, swaps, reports `lianxin-timing first-frame <ms>` like the kiosk, and waits for quit.
//
// It sets up SDL and GL exactly as kiosk/app/kiosk_app.cpp does (same hints, attributes, window
// flags, swap interval), so floor → kiosk differences are the kiosk's own work: fonts, content,
// ImGui, the first real frame. Usage: lianxin-bench-floor [--windowed WxH]   (default 1920x1080)
#include <GL/gl.h>
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace {

// Same clock and format as the kiosk's timing_mark(), so bench/launch_probe reads both alike.
void timing_mark(const char* what) {
    if (std::getenv("LIANXIN_TIMING") == nullptr) return;
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    std::fprintf(stderr, "lianxin-timing %s %.3f\n", what,
                 static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6);
    std::fflush(stderr);
}

bool parse_size(const char* s, int& w, int& h) {
    return std::sscanf(s, "%dx%d", &w, &h) == 2 && w >= 100 && h >= 100 && w <= 16384 &&
           h <= 16384;
}

}  // namespace

int main(int argc, char** argv) {
    int w = 1920, h = 1080;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--windowed") == 0 && i + 1 < argc && parse_size(argv[i + 1], w, h)) {
            ++i;
        } else {
            std::fprintf(stderr, "usage: %s [--windowed WIDTHxHEIGHT]\n", argv[0]);
            return 2;
        }
    }

    // As the kiosk's window does (kiosk/platform/gl_window.cpp): no session bus autolaunched.
    if (!std::getenv("DBUS_SESSION_BUS_ADDRESS")) setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        std::fprintf(stderr, "floor: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    SDL_Window* window = SDL_CreateWindow("Lianxin floor", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, w,
                                          h, SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window) {
        std::fprintf(stderr, "floor: SDL_CreateWindow: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GLContext gl = SDL_GL_CreateContext(window);
    if (!gl) {
        std::fprintf(stderr, "floor: cannot create an OpenGL 3.3 core context: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(window, gl);
    SDL_GL_SetSwapInterval(1);
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(window, &dw, &dh);

    // One frame: the kiosk's background colour, so the probe sees "content" the same way.
    glViewport(0, 0, dw, dh);
    glClearColor(0.97f, 0.945f, 0.9f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    SDL_GL_SwapWindow(window);
    glFinish();
    timing_mark("first-frame");

    // Nothing more to draw: block until asked to quit (SDL turns SIGTERM/SIGINT into SDL_QUIT).
    SDL_Event e;
    while (SDL_WaitEvent(&e)) {
        if (e.type == SDL_QUIT) break;
    }
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
