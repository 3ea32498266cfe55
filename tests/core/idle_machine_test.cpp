// The visitor session state machine (IdleMachine) on a test clock: attract → active →
// countdown → reset, resuming on input, big time jumps, and when tick() must next run.
#include <catch2/catch.hpp>

#include "core/session/idle_machine.h"

using namespace lianxin;
using State = IdleMachine::State;
using Event = IdleMachine::Event;

namespace {
constexpr IdleConfig kConfig{60'000, 10'000};  // 60 s idle, then a 10 s countdown
}

TEST_CASE("the machine starts in the attract loop and input starts a session", "[core][session]") {
    IdleMachine m(kConfig);
    CHECK(m.state() == State::attract);
    CHECK(m.next_deadline(0) == -1);  // nothing to wake up for
    CHECK(m.tick(1'000'000) == Event::none);
    CHECK(m.state() == State::attract);

    CHECK(m.on_input(5'000) == Event::session_started);
    CHECK(m.state() == State::active);
    CHECK(m.on_input(6'000) == Event::none);  // more input keeps it active
    CHECK(m.state() == State::active);
}

TEST_CASE("the countdown starts after idle_timeout without input", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(1'000);
    CHECK(m.next_deadline(1'000) == 61'000);
    CHECK(m.tick(60'999) == Event::none);
    CHECK(m.state() == State::active);
    CHECK(m.countdown_left(60'999) == 0);  // no countdown while active

    CHECK(m.tick(61'000) == Event::countdown_started);
    CHECK(m.state() == State::countdown);
    CHECK(m.countdown_left(61'000) == 10'000);
    CHECK(m.countdown_left(64'500) == 6'500);
    CHECK(m.tick(64'500) == Event::none);
}

TEST_CASE("input during the session pushes the countdown back", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(0);
    m.on_input(50'000);
    CHECK(m.tick(60'000) == Event::none);
    CHECK(m.next_deadline(60'000) == 110'000);
    CHECK(m.tick(110'000) == Event::countdown_started);
}

TEST_CASE("input during the countdown resumes the session", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(0);
    REQUIRE(m.tick(60'000) == Event::countdown_started);
    CHECK(m.on_input(65'000) == Event::resumed);
    CHECK(m.state() == State::active);
    CHECK(m.countdown_left(65'000) == 0);
    // The idle time counts again from the resuming touch.
    CHECK(m.tick(70'000) == Event::none);
    CHECK(m.next_deadline(70'000) == 125'000);
    CHECK(m.tick(124'999) == Event::none);
    CHECK(m.tick(125'000) == Event::countdown_started);
}

TEST_CASE("the session resets when the countdown runs out", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(0);
    REQUIRE(m.tick(60'000) == Event::countdown_started);
    CHECK(m.tick(69'999) == Event::none);
    CHECK(m.countdown_left(69'999) == 1);
    CHECK(m.tick(70'000) == Event::session_reset);
    CHECK(m.state() == State::attract);
    CHECK(m.next_deadline(70'000) == -1);
    CHECK(m.tick(80'000) == Event::none);  // reported once
    // The next touch starts a fresh session.
    CHECK(m.on_input(90'000) == Event::session_started);
    CHECK(m.next_deadline(90'000) == 150'000);
}

TEST_CASE("a late tick still shows the countdown from where it should have started", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(0);
    // The first tick after the timeout comes 4 s late: the countdown began at 60 s.
    CHECK(m.tick(64'000) == Event::countdown_started);
    CHECK(m.countdown_left(64'000) == 6'000);
    CHECK(m.tick(70'000) == Event::session_reset);
}

TEST_CASE("a big time jump goes straight to reset", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(0);
    // E.g. the machine was suspended: idle timeout and countdown both passed unseen.
    CHECK(m.tick(70'000) == Event::session_reset);
    CHECK(m.state() == State::attract);

    IdleMachine n(kConfig);
    n.on_input(1'000);
    CHECK(n.tick(1'000 + 3'600'000) == Event::session_reset);
    CHECK(n.state() == State::attract);
}

TEST_CASE("reset() ends a session at once, and does nothing in the attract loop", "[core][session]") {
    IdleMachine m(kConfig);
    CHECK(m.reset(0) == Event::none);
    m.on_input(1'000);
    CHECK(m.reset(2'000) == Event::session_reset);
    CHECK(m.state() == State::attract);

    m.on_input(3'000);
    REQUIRE(m.tick(63'000) == Event::countdown_started);
    CHECK(m.reset(64'000) == Event::session_reset);
    CHECK(m.state() == State::attract);
    CHECK(m.countdown_left(64'000) == 0);
}

TEST_CASE("during the countdown tick() is due at each whole second and at the end", "[core][session]") {
    IdleMachine m(kConfig);
    m.on_input(0);
    REQUIRE(m.tick(60'000) == Event::countdown_started);
    CHECK(m.next_deadline(60'000) == 61'000);  // 10 s left → the display changes to 9 at 61 s
    CHECK(m.next_deadline(60'250) == 61'000);  // 9.75 s left
    CHECK(m.next_deadline(61'000) == 62'000);
    CHECK(m.next_deadline(69'400) == 70'000);  // the final deadline is the reset
    CHECK(m.countdown_left(69'400) == 600);
    CHECK(m.countdown_left(75'000) == 0);  // never negative
    CHECK(m.next_deadline(75'000) == 75'000);  // overdue: tick now
}

TEST_CASE("the defaults are 90 s idle and a 20 s countdown", "[core][session]") {
    IdleMachine m;
    CHECK(m.config().idle_timeout == 90'000);
    CHECK(m.config().countdown == 20'000);
    m.on_input(0);
    CHECK(m.next_deadline(0) == 90'000);
    CHECK(m.tick(90'000) == Event::countdown_started);
    CHECK(m.countdown_left(90'000) == 20'000);
    CHECK(m.tick(110'000) == Event::session_reset);
}

TEST_CASE("while a guided tour is on screen the wait before the countdown is the tour's", "[core][session][tour]") {
    IdleMachine m(IdleConfig{60'000, 10'000, 300'000});
    m.on_input(0);
    m.set_touring(true);
    CHECK(m.idle_timeout() == 300'000);
    CHECK(m.next_deadline(0) == 300'000);
    CHECK(m.tick(60'000) == Event::none);  // a visitor alone would see the countdown now
    CHECK(m.tick(299'999) == Event::none);
    CHECK(m.tick(300'000) == Event::countdown_started);
    CHECK(m.on_input(301'000) == Event::resumed);
    // Off the tour the visitor's own wait again, counted from the last input.
    m.set_touring(false);
    CHECK(m.next_deadline(301'000) == 361'000);
    CHECK(m.tick(361'000) == Event::countdown_started);
    CHECK(m.tick(371'000) == Event::session_reset);
    // The visit's end leaves the tour's wait behind.
    m.on_input(400'000);
    m.set_touring(true);
    m.reset(401'000);
    CHECK_FALSE(m.touring());
}
