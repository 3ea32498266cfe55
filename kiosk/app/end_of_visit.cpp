// How a visit ends, and leaving a screen that holds unsent words. Every way a visit can end (the
// idle timeout, "Finish" on the countdown, staff leaving maintenance, new content swapped in)
// takes KioskApp::end_visit, so the next visitor inherits nothing of the last one.
#include <algorithm>

#include "kiosk/app/kiosk_app.h"

namespace lianxin::kiosk {

// What a visitor leaves behind, and where it lives:
//   screens  — typed drafts and codes, handwriting strokes, scroll positions, steps reached, the
//              keep-or-discard question's screen below: the whole stack goes (screen.h);
//   visit    — the open passport and the visitor's language (kiosk/services/visit.h);
//   services — the pinyin session's composition and candidates (librime keeps them across
//              screens), print jobs, the handwriting model (kiosk/services/kiosk_services.h);
//   here     — characters the scanner capture is holding, the staff gesture's tap count, the PIN
//              pad, a press in progress.
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
    visit_->end(how);
    services_->forget_visitor();
    scan_.reset();
    pin_pad_->close();
    logo_taps_.clear();
    pointer_->cancel_tap();  // a finger still resting on the glass was the last visitor's
    want_frames(2);
    maintenance_visible_ = false;
    services_->set_sync_watched(false);
    last_screen_ = current_screen();
    log_.write(t, "session", {{"event", how}});
    log_.write(t, "screen", {{"screen", last_screen_}, {"lang", visit_->shown_code()}});
}

// Back, Home or Escape. A screen holding words not yet submitted asks first (the overlay is drawn
// in draw_frame); anything else leaves at once.
void KioskApp::request_leave(Leave how) {
    Screen* s = nav_.current();
    if (s && s->holds_typed_text()) {
        leave_asked_ = how;
        want_frames(2);
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
    want_frames(2);
    log_.write(now(), "leave", {{"event", choice == DiscardChoice::discard ? "discarded" : "kept"}});
    if (choice != DiscardChoice::discard) return;
    if (how == Leave::home) nav_.home();
    else nav_.back();
}

}  // namespace lianxin::kiosk
