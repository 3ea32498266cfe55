// Tells a barcode scanner from a person at a keyboard. A 2D scanner "types" the QR text in a
// burst (a few ms a character) and ends with Return; people type slower. Characters that could
// start a Lianxin code are held back briefly; if they turn into a whole code ended by Return (or
// by a pause), it is a scan, otherwise they are passed on as ordinary typing, in order.
#pragma once

#include <string>
#include <vector>

#include "core/base/millis.h"

namespace lianxin::kiosk {

class ScanCapture {
public:
    static constexpr Millis kBurstGapMs = 60;  // longer between characters: a person typing
    // Once what is held starts with a whole "HTTP" or token prefix it is almost surely a scan; a
    // busy frame may then delay a character more without splitting the code.
    static constexpr Millis kCommittedGapMs = 250;

    struct Output {
        std::vector<std::string> typed;  // text to deliver to the screen as typing, in order
        std::string scanned;             // a complete scan, or empty
        bool swallow_return = false;     // the Return ended a scan: not for the screen
    };

    Output on_text(const std::string& text, Millis now);
    Output on_return(Millis now);
    // Called when time passes; flushes held characters once a pause shows no scan is coming.
    Output on_tick(Millis now);
    // When on_tick must next be called (-1: nothing held).
    Millis deadline() const { return held_.empty() ? -1 : last_ + gap(); }
    void reset() { held_.clear(); pieces_.clear(); }  // a new visit starts with nothing held

private:
    bool could_become_code() const;
    Millis gap() const;  // the longest pause that still continues what is held
    Output flush();

    std::string held_;
    std::vector<std::string> pieces_;  // held_ as the events that brought it, to pass on unchanged
    Millis last_ = 0;
};

}  // namespace lianxin::kiosk
