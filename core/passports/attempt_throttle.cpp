// Passport code throttle: doubling waits after the free attempts in a sliding window.
#include "core/passports/attempt_throttle.h"

#include <algorithm>

namespace lianxin {

int AttemptThrottle::failures(Millis now) const {
    return static_cast<int>(std::count_if(failures_.begin(), failures_.end(), [&](Millis t) { return now - t < kWindow; }));
}

Millis AttemptThrottle::wait_ms(Millis now) const {
    int over = failures(now) - kFreeAttempts;
    if (over <= 0) return 0;
    Millis wait = kFirstWait;
    for (int i = 1; i < over && wait < kMaxWait; ++i) wait *= 2;
    Millis until = failures_.back() + std::min(wait, kMaxWait);
    return now >= until ? 0 : until - now;
}

void AttemptThrottle::failed(Millis now) {
    while (!failures_.empty() && now - failures_.front() >= kWindow) failures_.pop_front();
    failures_.push_back(now);
}

}  // namespace lianxin
