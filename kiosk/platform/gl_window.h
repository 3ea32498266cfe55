// The kiosk's window: SDL video, a fullscreen (or, for tests, sized) window with an OpenGL 3.3
// core context, Dear ImGui's context and GL backend, and the event that wakes the loop from
// worker threads. Everything SDL and GL about the screen is here; the app draws into it.
#pragma once

#include <SDL.h>

#include <string>

#include <imgui.h>

#include "kiosk/input/input_event.h"

namespace lianxin::kiosk {

class GlWindow {
public:
    GlWindow() = default;
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    // SDL's video, and the size the window will have: `w`×`h`, or (0) the display's, fullscreen.
    // Known before the window exists, so the first font atlas can build meanwhile.
    bool start(int w, int h, std::string& error);
    int planned_width() const { return plan_w_; }
    int planned_height() const { return plan_h_; }
    // The window, its GL context and ImGui with its GL backend (shaders warmed up, no font texture:
    // the app's FontSet gives its own atlas).
    bool open(std::string& error);

    int width() const { return draw_w_; }  // drawable pixels
    int height() const { return draw_h_; }
    ImVec2 size() const { return ImVec2(static_cast<float>(draw_w_), static_cast<float>(draw_h_)); }
    // An SDL event as kiosk input (pointer in drawable pixels), or false for events it is not;
    // `scripted` keeps the caller's time (virtual) over the event's own timestamp.
    bool translate(const SDL_Event& e, Millis now, bool scripted, InputEvent& out) const;
    bool is_wake(const SDL_Event& e) const { return wake_event_ && e.type == wake_event_; }
    void on_resize();  // the window's size changed

    void new_frame();           // ImGui's frame at the window's size
    void clear(ImU32 colour);   // the frame's background, from the clear rather than a quad
    void render(ImDrawData* d);
    void present();
    void finish();             // waits for the GPU (timing marks)

    // Thread-safe: wakes the event loop (worker threads finished fonts, an image, a print job).
    static void wake();

private:
    void warm_up();

    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    bool fullscreen_ = false;
    int plan_w_ = 0, plan_h_ = 0, draw_w_ = 0, draw_h_ = 0;
    bool imgui_ = false;
    static inline Uint32 wake_event_ = 0;
};

}  // namespace lianxin::kiosk
