// Passport code throttle: doubling waits after the free attempts (see attempt_throttle.h).
#include "core/passports/attempt_throttle.h"

#include <algorithm>

namespace lianxin {

void AttemptThrottle::failed(Millis now) {
    ++failures_;
    int over = failures_ - kFreeAttempts;
    if (over <= 0) return;
    Millis wait = kFirstWait;
    for (int i = 1; i < over && wait < kMaxWait; ++i) wait *= 2;
    next_allowed_ = now + std::min(wait, kMaxWait);
}

}  // namespace lianxin
