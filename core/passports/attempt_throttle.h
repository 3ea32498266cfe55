// Slows down guessing of passport short codes: after a few wrong codes within a window, each
// further attempt must wait, doubling up to a minute. Wrong codes age out of the window, so one
// prankster does not cost the next visitor a wait, and a success does not wipe the record (else
// a guesser could reset it by opening a passport of their own). Kept per kiosk, not per visit,
// since a new visit is one tap away. Times are the caller's clock in milliseconds.
#pragma once

#include <deque>

#include "core/base/millis.h"

namespace lianxin {

class AttemptThrottle {
  public:
    static constexpr int kFreeAttempts = 3;        // wrong codes in the window before any wait
    static constexpr Millis kFirstWait = 5000;     // then 5 s, 10 s, 20 s, 40 s, 60 s, 60 s …
    static constexpr Millis kMaxWait = 60000;
    static constexpr Millis kWindow = 10 * 60000;  // wrong codes count for ten minutes

    // How long until another attempt is allowed (0 = now).
    Millis wait_ms(Millis now) const;
    void failed(Millis now);
    int failures(Millis now) const;  // wrong codes still in the window

  private:
    std::deque<Millis> failures_;  // times of recent wrong codes, oldest first
};

}  // namespace lianxin
