// The admin window's platform half: an SDL window with Dear ImGui (the kiosk's GlWindow and
// fonts), the operator's mouse, keyboard and desktop input method fed to ImGui, an event-driven
// frame loop, and the hooks the script runner drives (kiosk/script/script_target.h) so tests and
// screenshots run the same window on virtual time. What is drawn is the GuiContent's.
#pragma once

#include <SDL.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/platform/frame_capture.h"
#include "kiosk/platform/gl_window.h"
#include "kiosk/script/script_target.h"
#include "kiosk/services/event_log.h"
#include "kiosk/text/font_set.h"
#include "kiosk/text/text_layout.h"

namespace lianxin::admin {

using kiosk::FontRole;
using kiosk::FontSet;
using kiosk::TextLayouter;

// What the shell draws and asks about: the admin tool's views (admin-tool/gui/admin_app.h).
class GuiContent {
public:
    virtual ~GuiContent() = default;
    // One frame's ImGui calls; `now` is the shell's clock (virtual in scripted runs).
    virtual void draw(Millis now) = 0;
    // Work still running in the background (requests to the hub): scripts wait for it to end.
    virtual bool busy() const = 0;
    // Finished background work to take in before drawing; true when anything arrived.
    virtual bool poll() = 0;
    virtual std::string screen_name() const = 0;
    // Every character the views may show now, so the fonts can cover them (opinions from the
    // hub, the operator's own typing).
    virtual std::string shown_text() const = 0;
    // A file dragged from the desktop and dropped on the window.
    virtual void file_dropped(const std::string& path) { (void)path; }
};

class GuiShell : public kiosk::ScriptTarget {
public:
    GuiShell() = default;
    ~GuiShell() override;

    // Opens the window (`w`×`h`, or 1600×1000 when 0). The first font atlas, built while the
    // window opens, holds `first_text` (the UI in the language it opens in); the full one, built
    // on a worker after the first frame, `ui_text` (both languages) and GB2312 besides.
    bool open(int w, int h, const std::string& first_text, const std::string& ui_text, std::string& error);
    // Scripted runs: virtual time, no real input, a log of what happened in `log_path`.
    void set_scripted(const std::string& log_path);
    void set_content(GuiContent* content) { content_ = content; }

    int run();  // until the window is closed
    void request_exit() { exit_ = true; }

    const FontSet& fonts() const { return *fonts_; }
    TextLayouter& layouter() { return *layouter_; }
    ImFont* font(FontRole role) const { return fonts_->font(role); }
    float font_size(FontRole role) const { return fonts_->size(role); }
    float scale() const { return fonts_->scale(); }
    ImVec2 size() const { return window_.size(); }
    // A labelled thing drawn this frame that a script may tap (`tap-text LABEL`).
    void add_target(const std::string& label, ImRect rect) { targets_.push_back({label, rect}); }
    // Another frame soon, e.g. while a progress bar moves.
    void animate() { animating_ = true; }
    // When the text the views show has characters the fonts lack, the fonts are rebuilt.
    void refresh_fonts();

    // ---- kiosk::ScriptTarget
    void inject(const kiosk::InputEvent& ev) override;
    void advance(Millis ms) override;
    bool settle(int max_real_ms) override;
    bool await_sync(int max_real_ms) override;
    bool screenshot(const std::string& path, const std::string& name) override;
    std::string current_screen() const override;
    const std::vector<kiosk::TapTarget>& tap_targets() const override { return last_targets_; }
    Millis now() const override;
    long long frames_drawn() const override { return frames_; }
    kiosk::EventLog& log() override { return log_; }

private:
    void handle_sdl_event(const SDL_Event& e);
    void apply_pending_input();  // one mouse button change a frame, so no click is lost
    void draw_frame(Millis dt);
    void want_frames(int n) { frames_pending_ = std::max(frames_pending_, n); }

    kiosk::GlWindow window_;
    std::unique_ptr<FontSet> fonts_;
    std::unique_ptr<TextLayouter> layouter_;
    std::string ui_text_;    // every UI string in both languages
    std::string font_text_;  // what the installed (or building) atlas covers beyond the UI strings
    kiosk::FramePixels* capture_ = nullptr;  // the next frame drawn is read back into this
    GuiContent* content_ = nullptr;
    kiosk::EventLog log_;
    bool scripted_ = false;
    bool exit_ = false;
    bool animating_ = false;
    int frames_pending_ = 3;
    long long frames_ = 0;
    Millis virtual_now_ = 0;
    Millis last_frame_at_ = 0;
    std::uint64_t started_ticks_ = 0;
    struct PendingButton {
        bool down;
        float x, y;
    };
    std::deque<PendingButton> buttons_;
    std::vector<kiosk::TapTarget> targets_, last_targets_;
    std::string ime_composition_;  // what the desktop's input method is composing, drawn at the caret
};

}  // namespace lianxin::admin
