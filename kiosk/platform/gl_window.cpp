// The kiosk's window (see gl_window.h).
#include "kiosk/platform/gl_window.h"

#include <GL/gl.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "kiosk/platform/gl_texture.h"
#include "kiosk/platform/keep_modules_loaded.h"
#include "kiosk/platform/timing_mark.h"

namespace lianxin::kiosk {

namespace {

// The names InputEvent::key lists (kiosk/input/input_event.h), which scripts send too.
const char* key_name(const SDL_Keysym& key) {
    switch (key.sym) {
        case SDLK_ESCAPE: return "Escape";
        case SDLK_RETURN: case SDLK_KP_ENTER: return "Return";
        case SDLK_BACKSPACE: return "BackSpace";
        case SDLK_LEFT: return "Left";
        case SDLK_RIGHT: return "Right";
        case SDLK_UP: return "Up";
        case SDLK_DOWN: return "Down";
        case SDLK_TAB: return "Tab";
        // A presenter remote is a keyboard with these few keys: next and previous, blank, start
        // (Shift+F5: "from the current slide" in presentation programs).
        case SDLK_PAGEUP: return "PageUp";
        case SDLK_PAGEDOWN: return "PageDown";
        case SDLK_b: return "B";
        case SDLK_F5: return (key.mod & KMOD_SHIFT) ? "Shift+F5" : "F5";
        default: return nullptr;
    }
}

// Nothing in these programs talks to a desktop session bus (the keyboard is our own, the screen
// saver is X11's), yet SDL asks libdbus for one. With no address set, libdbus forks to
// autolaunch a bus daemon: a fork from a process whose other threads may hold a lock (the
// allocator's, under a sanitizer) can leave the child stuck and the window waiting on it for good,
// and where it works it leaves a daemon behind the kiosk. A session that has a bus keeps it;
// without one, an address no transport takes fails at once.
void no_session_bus_autolaunch() {
    if (!std::getenv("DBUS_SESSION_BUS_ADDRESS")) setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
}

}  // namespace

GlWindow::~GlWindow() {
    if (imgui_) {
        ImGui_ImplOpenGL3_Shutdown();
        // The app's FontSet handed the context its own atlas back first: this frees that one.
        ImGui::DestroyContext();
    }
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

bool GlWindow::start(int w, int h, std::string& error) {
    no_session_bus_autolaunch();
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");  // a finger arrives as the left button
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start the display (SDL): ") + SDL_GetError() + " — is DISPLAY set and X running?";
        return false;
    }
    timing_mark("sdl-init");
    wake_event_ = SDL_RegisterEvents(1);
    fullscreen_ = w <= 0 || h <= 0;
    if (fullscreen_) {
        SDL_DisplayMode mode{};
        bool known = SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0;
        w = known ? mode.w : 1920;
        h = known ? mode.h : 1080;
    }
    plan_w_ = w;
    plan_h_ = h;
    return true;
}

bool GlWindow::open(std::string& error) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (fullscreen_) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    window_ = SDL_CreateWindow("Lianxin", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, plan_w_, plan_h_, flags);
    if (!window_) {
        error = std::string("cannot open a window: ") + SDL_GetError();
        return false;
    }
    gl_ = SDL_GL_CreateContext(window_);
    if (!gl_) {
        error = std::string("cannot create an OpenGL 3.3 context: ") + SDL_GetError();
        return false;
    }
    SDL_GL_MakeCurrent(window_, gl_);
    SDL_GL_SetSwapInterval(1);
    if (fullscreen_) SDL_ShowCursor(SDL_DISABLE);  // a touchscreen has no pointer to show
    SDL_GL_GetDrawableSize(window_, &draw_w_, &draw_h_);
    keep_loaded_modules_mapped();  // sanitizer builds: the GL driver and libdbus stay mapped
    timing_mark("window-gl");

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    imgui_ = true;
    auto& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 330 core");
    // The backend would upload our atlas as RGBA32; let it make its objects with the tiny
    // default atlas, free that texture, and give it our alpha-only atlas instead (font_set.cpp).
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    warm_up();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    timing_mark("imgui-init");
    return true;
}

// Draws one throwaway frame, never swapped, with both kinds of texture the UI uses (the
// alpha-only atlas and RGBA images): Mesa's llvmpipe compiles a shader variant per texture
// format on first use, ~60 ms that would otherwise land on the first visible frame. It runs
// while the first font atlas builds on its worker.
void GlWindow::warm_up() {
    auto& io = ImGui::GetIO();
    io.DisplaySize = size();
    // Sizes matter too: llvmpipe keys variants on power-of-two sides. The atlas is 2^n wide with
    // any height; images are any size.
    const std::uint8_t alpha[6] = {255, 255, 255, 255, 255, 255}, rgba[36] = {};
    unsigned a = upload_alpha_texture(2, 3, alpha), c = upload_rgba_texture(3, 3, rgba);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    auto* dl = ImGui::GetBackgroundDrawList();
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(a)), ImVec2(0, 0), ImVec2(64, 64));
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(c)), ImVec2(0, 0), ImVec2(64, 64));
    ImGui::Render();
    glViewport(0, 0, draw_w_, draw_h_);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glFinish();
    delete_texture(a);
    delete_texture(c);
}

bool GlWindow::translate(const SDL_Event& e, Millis now, bool scripted, InputEvent& ev) const {
    // Pointer positions come in window units; drawing is in drawable pixels (HiDPI).
    float sx = 1, sy = 1;
    if (window_) {
        int lw = 0, lh = 0;
        SDL_GetWindowSize(window_, &lw, &lh);
        if (lw > 0 && lh > 0) {
            sx = static_cast<float>(draw_w_) / lw;
            sy = static_cast<float>(draw_h_) / lh;
        }
    }
    ev = InputEvent{};
    ev.time = now;
    switch (e.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.button != SDL_BUTTON_LEFT) return false;
            ev.kind = e.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::pointer_down : InputEvent::Kind::pointer_up;
            ev.x = e.button.x * sx;
            ev.y = e.button.y * sy;
            return true;
        case SDL_MOUSEMOTION:
            if (!(e.motion.state & SDL_BUTTON_LMASK)) return false;
            ev.kind = InputEvent::Kind::pointer_move;
            ev.x = e.motion.x * sx;
            ev.y = e.motion.y * sy;
            return true;
        case SDL_KEYDOWN:
            // When the key was sent, not when this busy loop got to it: a scanner's burst must
            // not look like slow typing because a frame took long (scripts run on virtual time).
            if (!scripted) ev.time = static_cast<Millis>(e.key.timestamp);
            if (const char* name = key_name(e.key.keysym)) {
                ev.kind = InputEvent::Kind::key;
                ev.key = name;
                return true;
            }
            return false;
        case SDL_TEXTINPUT:
            if (!scripted) ev.time = static_cast<Millis>(e.text.timestamp);
            ev.kind = InputEvent::Kind::text;
            ev.text = e.text.text;
            return true;
        default: return false;
    }
}

void GlWindow::on_resize() {
    if (window_) SDL_GL_GetDrawableSize(window_, &draw_w_, &draw_h_);
}

void GlWindow::new_frame() {
    ImGui::GetIO().DisplaySize = size();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
}

void GlWindow::clear(ImU32 colour) {
    glViewport(0, 0, draw_w_, draw_h_);
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(colour);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void GlWindow::render(ImDrawData* d) { ImGui_ImplOpenGL3_RenderDrawData(d); }

void GlWindow::present() { SDL_GL_SwapWindow(window_); }

void GlWindow::finish() { glFinish(); }

void GlWindow::wake() {
    if (!wake_event_) return;
    SDL_Event e{};
    e.type = wake_event_;
    SDL_PushEvent(&e);
}

}  // namespace lianxin::kiosk
