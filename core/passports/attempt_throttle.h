// Slows down guessing of passport short codes: after a few wrong codes each further attempt
// must wait, doubling up to a minute. Kept per kiosk (not per visit), since a new visit is one
// tap away. Times are the caller's clock in milliseconds.
#pragma once

#include "core/session/idle_machine.h"

namespace lianxin {

class AttemptThrottle {
  public:
    static constexpr int kFreeAttempts = 3;      // wrong codes before any wait
    static constexpr Millis kFirstWait = 5000;   // then 5 s, 10 s, 20 s, 40 s, 60 s, 60 s …
    static constexpr Millis kMaxWait = 60000;

    // How long until another attempt is allowed (0 = now).
    Millis wait_ms(Millis now) const { return now >= next_allowed_ ? 0 : next_allowed_ - now; }
    void failed(Millis now);
    void succeeded() { failures_ = 0; next_allowed_ = 0; }
    int failures() const { return failures_; }

  private:
    int failures_ = 0;
    Millis next_allowed_ = 0;
};

}  // namespace lianxin
