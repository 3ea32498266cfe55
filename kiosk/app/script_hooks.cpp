// The hooks the script runner drives (kiosk/script/script_runner.h): input injected on the same
// path as real input, virtual time, waiting for background work, screenshots with the layout
// check's report. KioskApp's, kept apart from the loop they drive.
#include <SDL.h>

#include "kiosk/app/kiosk_app.h"

namespace lianxin::kiosk {

std::string KioskApp::current_screen() const {
    if (pin_pad_ && pin_pad_->is_open()) return "pin";
    if (idle_.state() == IdleMachine::State::countdown) return "countdown";
    if (leave_asked_ != Leave::none) return "leave-question";
    return nav_.current() ? nav_.current()->name() : "";
}

void KioskApp::inject(const InputEvent& ev) {
    InputEvent e = ev;
    e.time = now();
    handle_input(e);
}

void KioskApp::advance(Millis ms) {
    Millis target = virtual_now_ + ms;
    for (;;) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        update_session();
        if (frame_needed()) {
            draw_frame();
            if (virtual_now_ >= target) break;
            virtual_now_ = std::min(target, virtual_now_ + 16);
        } else {
            if (virtual_now_ >= target) break;
            Millis w = next_wake();
            virtual_now_ = (w < 0 || w > target) ? target : std::max(w, virtual_now_ + 1);
        }
        if (exit_requested_) break;
    }
}

bool KioskApp::settle(int max_real_ms) {
    Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(max_real_ms);
    auto checking = [this] { return services_->storage_health().check == StorageHealth::Check::running; };
    while (SDL_GetTicks64() < deadline) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        // The start check of kiosk.db is background work too: a screenshot shows its outcome.
        bool was_checking = checking();
        if (was_checking) want_frames(1);
        services_->watch_storage();
        // So is the word list a first stroke starts reading: the candidate bar shows it.
        bool waiting = !fonts_->full_ready() || images_->busy() || was_checking || services_->words_loading();
        draw_frame();
        if (!waiting && !images_->busy() && !checking()) return true;
        SDL_Delay(5);
    }
    return false;
}

bool KioskApp::await_sync(int max_real_ms) {
    SyncAgent* sync = services_->sync();
    if (!sync || !sync->configured()) return false;
    std::uint64_t before = sync->status().syncs_ok;
    sync->nudge();
    Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(max_real_ms);
    while (SDL_GetTicks64() < deadline) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        auto st = sync->status();
        // A whole sync that began after this call: everything committed so far was pushed, and
        // the changes waiting at the hub were applied.
        if (st.syncs_ok > before && st.outbox_depth == 0 && st.state == SyncState::idle) {
            want_frames(2);
            return true;
        }
        if (st.state == SyncState::idle && st.syncs_ok == before) sync->nudge();
        SDL_Delay(20);
    }
    return false;
}

bool KioskApp::screenshot(const std::string& path, const std::string& name) {
    FramePixels background, frame;
    if (layout_report_) {
        // The layout check's contrast pass needs what lies behind the text: the same frame
        // drawn once without it (nothing moves between the two on the virtual clock).
        ui_->set_text_hidden(true);
        capture_ = &background;
        draw_frame();
        ui_->set_text_hidden(false);
    }
    capture_ = &frame;
    draw_frame();
    capture_ = nullptr;
    if (layout_report_) layout_report_->write(current_screen(), name, visit_->shown_code(), window_size(), background);
    return write_png(frame, path);
}

}  // namespace lianxin::kiosk
