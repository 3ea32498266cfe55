// The kiosk application: window and GL context, the event-driven frame loop, the visitor
// session (idle → countdown → reset), language, the hidden maintenance gesture, and the hooks
// the script runner drives (input injection, virtual time, screenshots).
#pragma once

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/i18n/string_table.h"
#include "core/input/handwriting_recognizer.h"
#include "core/input/pinyin_engine.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/storage/kiosk_db.h"
#include "core/session/idle_machine.h"
#include "kiosk/app/card_print_service.h"
#include "kiosk/app/event_log.h"
#include "kiosk/app/layout_report.h"
#include "kiosk/app/overlays.h"
#include "kiosk/input/input_event.h"
#include "kiosk/input/scan_capture.h"
#include "kiosk/sync/sync_agent.h"
#include "kiosk/screens/screen.h"

namespace lianxin::kiosk {

struct LaunchOptions {
    int window_w = 0, window_h = 0;  // 0 = fullscreen at the display's size
    std::string script, shots_dir;
    std::string layout_report;  // scripted runs: the layout check's faults at every shot, as JSON lines
    // Why the configured content was refused at start, or empty. With no bundle at all (an empty
    // LoadedBundle::path) the kiosk shows the out-of-service screen until new content arrives.
    std::string content_problem;
};

class KioskApp {
public:
    KioskApp(KioskConfig config, LoadedBundle bundle, StringTable strings, LaunchOptions opts);
    ~KioskApp();

    bool init(std::string& error);  // window, GL, fonts, first screen
    int run();                       // until exit; returns the process exit code

    // ---- hooks for the script runner (same code paths as real input)
    void inject(const InputEvent& ev);
    void advance(Millis ms);            // lets virtual time pass, drawing frames as the app needs
    bool settle(int max_real_ms);       // waits for fonts and images, then draws a fresh frame
    // Waits (real time) until the sync agent has sent everything and pulled the hub's changes;
    // false if it is off or has not managed within `max_real_ms`.
    bool await_sync(int max_real_ms);
    // Writes the frame as a PNG; with a layout report, also the frame's layout faults under `name`.
    bool screenshot(const std::string& path, const std::string& name);
    std::string current_screen() const;
    const std::vector<TapTarget>& tap_targets() const { return last_targets_; }
    Millis now() const;
    long long frames_drawn() const { return status_.frames_drawn; }
    EventLog& log() { return log_; }
    ImVec2 window_size() const { return ImVec2(static_cast<float>(win_w_), static_cast<float>(win_h_)); }

private:
    void warm_up_gl();
    void handle_sdl_event(const SDL_Event& e);
    void handle_input(const InputEvent& ev);
    void deliver(const ScanCapture::Output& out, Millis t);  // typing to the screen, a scan to its code
    void update_session();
    // The one way a visit ends (kiosk/app/visit.cpp): clears all the visitor leaves behind and
    // shows the attract loop. `how` goes to the log ("reset", "finished", "maintenance", "content").
    void end_visit(const char* how);
    enum class Leave { none, back, home };
    void request_leave(Leave how);          // asks first when the screen holds typed words
    void answer_leave(DiscardChoice choice);
    void swap_in_staged_bundle();  // on the attract loop: new content from the hub, no restart
    std::unique_ptr<Screen> root_screen();  // attract, or out of service while there is no content
    void watch_storage();  // logs kiosk.db's faults and damage as they happen
    void draw_frame();
    void set_language(Lang lang);
    void on_logo_tapped();
    PinyinEngine* pinyin();
    Moment moment() const;
    std::vector<std::string> recognise(const std::vector<std::vector<ImVec2>>& strokes, float size);
    bool frame_needed() const;
    Millis next_wake() const;
    nlohmann::json missing_glyph_report() const;
    void record_ui_time(std::chrono::steady_clock::duration d);

    KioskConfig cfg_;
    LoadedBundle bundle_;
    StringTable strings_;
    LaunchOptions opts_;
    bool scripted_ = false;

    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    int win_w_ = 0, win_h_ = 0;

    std::unique_ptr<FontSet> fonts_;
    std::unique_ptr<TextLayouter> layouter_;
    std::unique_ptr<ImageCache> images_;
    std::unique_ptr<Ui> ui_;
    std::unique_ptr<PointerTracker> pointer_;
    std::unique_ptr<PinPad> pin_pad_;
    std::unique_ptr<KioskDb> db_;
    std::unique_ptr<OpinionOutbox> outbox_;
    std::unique_ptr<PassportBook> passports_;
    std::unique_ptr<CardPrintService> printing_;
    std::unique_ptr<SyncAgent> sync_;
    std::atomic<bool> maintenance_visible_{false};  // read by the sync agent's thread
    ScanCapture scan_;
    std::unique_ptr<PinyinEngine> pinyin_;
    bool pinyin_failed_ = false;
    std::unique_ptr<HandwritingRecognizer> handwriting_;
    bool handwriting_failed_ = false;
    Navigator nav_;
    AppContext ctx_;
    KioskStatus status_;
    IdleMachine idle_;
    Lang lang_;
    EventLog log_;

    Millis virtual_now_ = 0;
    Millis last_frame_at_ = -1000;
    int frames_pending_ = 2;
    bool animating_ = false;
    Millis wake_at_ = -1;
    bool exit_requested_ = false;
    std::vector<Millis> logo_taps_;
    Leave leave_asked_ = Leave::none;           // the keep-or-discard question is up
    const char* end_visit_requested_ = nullptr;  // by a tap while drawing: ended after the frame
    std::vector<TapTarget> last_targets_;
    std::string last_screen_;
    std::unique_ptr<LayoutReport> layout_report_;
    FramePixels* capture_ = nullptr;  // the next frame drawn is read back into this
    bool fonts_just_installed_ = false;
    std::int64_t storage_seen_fault_at_ = 0, storage_seen_damage_at_ = 0;
};

}  // namespace lianxin::kiosk
