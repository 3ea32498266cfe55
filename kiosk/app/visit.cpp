// How a visit ends, and leaving a screen that holds unsent words. Every way a visit can end (the
// idle timeout, "Finish" on the countdown, staff leaving maintenance, new content swapped in)
// takes KioskApp::end_visit, so the next visitor inherits nothing of the last one.
#include <algorithm>

#include "core/input/pinyin_engine.h"
#include "kiosk/app/kiosk_app.h"

namespace lianxin::kiosk {

// What a visitor leaves behind, and where it lives:
//   screens — typed drafts and codes, handwriting strokes, scroll positions, steps reached, the
//             keep-or-discard question's screen below: the whole stack goes (screen.h);
//   here    — the open passport, the pinyin session's composition and candidates (librime keeps
//             them across screens), characters the scanner capture is holding, print jobs, the
//             staff gesture's tap count, the PIN pad, a press in progress, the visitor's language.
// What must outlive a visit stays: the wrong-code throttle (core/passports/attempt_throttle, in
// the PassportBook) and the PIN pad's lockout, or a new "visit" would reset them at will.
// Read-aloud, once the kiosk speaks, stops here too.
void KioskApp::end_visit(const char* how) {
    Millis t = now();
    idle_.reset(t);
    leave_asked_ = Leave::none;
    end_visit_requested_ = nullptr;
    nav_.reset_to(root_screen());  // the attract loop, or out of service without content
    nav_.apply();  // now, not after the next frame: no screen of the last visit is drawn again
    if (!ctx_.open_passport.empty()) log_.write(t, "passport_closed", {{"by", how}});
    ctx_.open_passport.clear();
    if (pinyin_) pinyin_->clear();
    scan_.reset();
    if (printing_) printing_->reset();
    pin_pad_->close();
    logo_taps_.clear();
    pointer_->cancel_tap();  // a finger still resting on the glass was the last visitor's
    // The handwriting model (27 MB resident) is opened again by the next writer.
    handwriting_.reset();
    lang_ = cfg_.language;
    frames_pending_ = std::max(frames_pending_, 2);
    maintenance_visible_ = false;
    last_screen_ = current_screen();
    log_.write(t, "session", {{"event", how}});
    log_.write(t, "screen", {{"screen", last_screen_}, {"lang", lang_code(lang_)}});
}

// Back, Home or Escape. A screen holding words not yet submitted asks first (the overlay is drawn
// in draw_frame); anything else leaves at once.
void KioskApp::request_leave(Leave how) {
    Screen* s = nav_.current();
    if (s && s->holds_typed_text()) {
        leave_asked_ = how;
        frames_pending_ = std::max(frames_pending_, 2);
        log_.write(now(), "leave", {{"event", "asked"}, {"to", how == Leave::home ? "home" : "back"}});
        return;
    }
    if (how == Leave::home) nav_.home();
    else nav_.back();
}

void KioskApp::answer_leave(DiscardChoice choice) {
    if (choice == DiscardChoice::none || leave_asked_ == Leave::none) return;
    Leave how = leave_asked_;
    leave_asked_ = Leave::none;
    frames_pending_ = std::max(frames_pending_, 2);
    log_.write(now(), "leave", {{"event", choice == DiscardChoice::discard ? "discarded" : "kept"}});
    if (choice != DiscardChoice::discard) return;
    if (how == Leave::home) nav_.home();
    else nav_.back();
}

}  // namespace lianxin::kiosk
