// The kiosk application: the composition of window, services and screens; the event-driven
// frame loop; the visit's policy (idle → countdown → the one ending, leaving with unsent words,
// the hidden maintenance gesture); content swaps; and the hooks the script runner drives (input
// injection, virtual time, screenshots, the layout report). The window is kiosk/platform's, the
// services kiosk/services', the visitor's own state the Visit's.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/i18n/string_table.h"
#include "core/session/idle_machine.h"
#include "kiosk/app/layout_report.h"
#include "kiosk/app/overlays.h"
#include "kiosk/input/input_event.h"
#include "kiosk/input/scan_capture.h"
#include "kiosk/platform/frame_capture.h"
#include "kiosk/platform/gl_window.h"
#include "kiosk/script/script_target.h"
#include "kiosk/screens/screen.h"
#include "kiosk/services/event_log.h"
#include "kiosk/services/kiosk_services.h"
#include "kiosk/services/visit.h"

namespace lianxin::kiosk {

struct LaunchOptions {
    int window_w = 0, window_h = 0;  // 0 = fullscreen at the display's size
    std::string script, shots_dir;
    std::string layout_report;  // scripted runs: the layout check's faults at every shot, as JSON lines
    // Scripted runs rasterise only the frames a shot captures (and the first): under llvmpipe the
    // raster is about 70 % of a run's CPU, and no one sees the others. The frame-time benchmark,
    // which times each frame's GL calls, asks for every frame.
    bool raster_every_frame = false;
    // Why the configured content was refused at start, or empty. With no bundle at all (an empty
    // LoadedBundle::path) the kiosk shows the out-of-service screen until new content arrives.
    std::string content_problem;
};

class KioskApp : public AppShell, public ScriptTarget {
public:
    KioskApp(KioskConfig config, LoadedBundle bundle, StringTable strings, LaunchOptions opts);
    ~KioskApp() override;

    bool init(std::string& error);  // services, window, GL, fonts, first screen
    int run();                       // until exit; returns the process exit code

    // ---- ScriptTarget: the hooks the script runner drives (same code paths as real input)
    void inject(const InputEvent& ev) override;
    void advance(Millis ms) override;       // lets virtual time pass, drawing frames as the app needs
    bool settle(int max_real_ms) override;  // waits for fonts and images, then draws a fresh frame
    // Waits (real time) until the sync agent has sent everything and pulled the hub's changes;
    // false if it is off or has not managed within `max_real_ms`.
    bool await_sync(int max_real_ms) override;
    // Writes the frame as a PNG; with a layout report, also the frame's layout faults under `name`.
    bool screenshot(const std::string& path, const std::string& name) override;
    std::string current_screen() const override;
    const std::vector<TapTarget>& tap_targets() const override { return last_targets_; }
    Millis now() const override;
    long long frames_drawn() const override { return status_.frames_drawn; }
    EventLog& log() override { return log_; }
    ImVec2 window_size() const { return window_.size(); }

    // ---- AppShell: what screens may ask of the application
    const KioskStatus& status() const override { return status_; }
    void logo_tapped() override;  // five taps within three seconds open the PIN pad
    bool fonts_complete() const override;
    void request_exit() override { exit_requested_ = true; }

private:
    void handle_sdl_event(const SDL_Event& e);
    void handle_input(const InputEvent& ev);
    void deliver(const ScanCapture::Output& out, Millis t);  // typing to the screen, a scan to its code
    void update_session();
    // The one way a visit ends (kiosk/app/end_of_visit.cpp): clears all the visitor leaves behind
    // and shows the attract loop. `how` goes to the log ("reset", "finished", "maintenance", "content").
    void end_visit(const char* how);
    enum class Leave { none, back, home };
    void request_leave(Leave how);          // asks first when the screen holds typed words
    void answer_leave(DiscardChoice choice);
    void swap_in_staged_bundle();  // on the attract loop: new content from the hub, no restart
    std::unique_ptr<Screen> root_screen();  // attract, or out of service while there is no content
    void draw_frame();
    void draw_modal(Ui& ui, Millis t);  // the countdown, the PIN pad or the keep-or-discard question
    void after_frame(Millis t);         // screen changes, the visit's start, the end of maintenance
    bool frame_needed() const;
    Millis next_wake() const;
    void want_frames(int n) { frames_pending_ = std::max(frames_pending_, n); }

    KioskConfig cfg_;
    LoadedBundle bundle_;
    StringTable strings_;
    LaunchOptions opts_;
    bool scripted_ = false;
    EventLog log_;
    // Destroyed after everything drawn with it and every worker that wakes it (members go in
    // reverse order).
    GlWindow window_;

    std::unique_ptr<KioskServices> services_;
    std::unique_ptr<Visit> visit_;
    std::unique_ptr<FontSet> fonts_;
    std::unique_ptr<TextLayouter> layouter_;
    std::unique_ptr<ImageCache> images_;
    std::unique_ptr<Ui> ui_;
    std::unique_ptr<PointerTracker> pointer_;
    std::unique_ptr<PinPad> pin_pad_;
    ScanCapture scan_;
    AppContext ctx_;  // before nav_: screens, destroyed with nav_, may still read it
    Navigator nav_;
    KioskStatus status_;
    IdleMachine idle_;

    Millis virtual_now_ = 0;
    Millis last_frame_at_ = -1000;
    int frames_pending_ = 2;
    bool animating_ = false;
    Millis wake_at_ = -1;
    bool exit_requested_ = false;
    std::vector<Millis> logo_taps_;
    Leave leave_asked_ = Leave::none;           // the keep-or-discard question is up
    const char* end_visit_requested_ = nullptr;  // by a tap while drawing: ended after the frame
    Lang drawn_lang_ = Lang::zh;                 // the language of the last frame
    bool drawn_bilingual_ = false;              // and whether it showed both
    bool maintenance_visible_ = false;
    std::vector<TapTarget> last_targets_;
    std::string last_screen_;
    std::unique_ptr<LayoutReport> layout_report_;
    FramePixels* capture_ = nullptr;  // the next frame drawn is read back into this
    bool fonts_just_installed_ = false;
};

}  // namespace lianxin::kiosk
