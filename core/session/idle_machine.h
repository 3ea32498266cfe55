// The kiosk's visitor session over time: attract loop → active → "still there?" countdown →
// reset. Pure logic on a millisecond clock the caller supplies (real or the script's virtual one).
#pragma once

#include <cstdint>

#include "core/base/millis.h"

namespace lianxin {

// kiosk.toml's idle.tour_timeout_seconds, in seconds: a guide talks at a stop for minutes with
// nobody touching the screen, yet a tour left standing must still end within the hour.
inline constexpr int kTourIdleSecondsMin = 60;
inline constexpr int kTourIdleSecondsMax = 3600;

struct IdleConfig {
    Millis idle_timeout = 90'000;  // no touch for this long → countdown
    Millis countdown = 20'000;     // countdown length before the session resets
    // The same wait while a guided tour is on screen; never shorter than idle_timeout.
    Millis tour_idle_timeout = 600'000;
};

class IdleMachine {
public:
    enum class State { attract, active, countdown };
    enum class Event { none, session_started, countdown_started, resumed, session_reset };

    explicit IdleMachine(IdleConfig cfg = {}) : cfg_(cfg) {}

    // A touch, key or scan at `now`. From attract it starts a session; in the countdown it resumes.
    Event on_input(Millis now);
    // Advances time; reports the transition that happened, if any.
    Event tick(Millis now);
    // Ends the session at once (e.g. the visitor tapped "finish").
    Event reset(Millis now);
    // While a guided tour is on screen the wait before the countdown is the tour's (longer) one.
    void set_touring(bool on) { touring_ = on; }
    bool touring() const { return touring_; }
    Millis idle_timeout() const { return touring_ ? cfg_.tour_idle_timeout : cfg_.idle_timeout; }

    State state() const { return state_; }
    Millis countdown_left(Millis now) const;  // ms, for the countdown's display
    // When tick() must next run for a transition or a visible countdown second; -1 = never.
    Millis next_deadline(Millis now) const;
    const IdleConfig& config() const { return cfg_; }

private:
    IdleConfig cfg_;
    State state_ = State::attract;
    Millis last_input_ = 0;
    Millis countdown_start_ = 0;
    bool touring_ = false;
};

}  // namespace lianxin
