// The visitor session state machine.
#include "core/session/idle_machine.h"

#include <algorithm>

namespace lianxin {

IdleMachine::Event IdleMachine::on_input(Millis now) {
    last_input_ = now;
    switch (state_) {
        case State::attract: state_ = State::active; return Event::session_started;
        case State::countdown: state_ = State::active; return Event::resumed;
        case State::active: return Event::none;
    }
    return Event::none;
}

IdleMachine::Event IdleMachine::tick(Millis now) {
    if (state_ == State::active && now - last_input_ >= idle_timeout()) {
        state_ = State::countdown;
        countdown_start_ = last_input_ + idle_timeout();
        if (now - countdown_start_ < cfg_.countdown) return Event::countdown_started;
    }
    if (state_ == State::countdown && now - countdown_start_ >= cfg_.countdown) {
        state_ = State::attract;
        return Event::session_reset;
    }
    return Event::none;
}

IdleMachine::Event IdleMachine::reset(Millis) {
    touring_ = false;
    if (state_ == State::attract) return Event::none;
    state_ = State::attract;
    return Event::session_reset;
}

Millis IdleMachine::countdown_left(Millis now) const {
    if (state_ != State::countdown) return 0;
    return std::max<Millis>(0, cfg_.countdown - (now - countdown_start_));
}

Millis IdleMachine::next_deadline(Millis now) const {
    switch (state_) {
        case State::attract: return -1;
        case State::active: return last_input_ + idle_timeout();
        case State::countdown: {
            // Wake at each whole second so the displayed number changes, and at the end.
            Millis left = countdown_left(now);
            Millis to_next_second = left % 1000 == 0 ? 1000 : left % 1000;
            return now + std::min(left, to_next_second);
        }
    }
    return -1;
}

}  // namespace lianxin
