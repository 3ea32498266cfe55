// The visitor session on the virtual clock: the countdown counts down on screen, "Finish" ends
// the visit, a touch on the countdown continues it without reaching the screen below, and
// stray input on the attract loop never starts a visit.
#include <catch2/catch.hpp>

#include "tests/gui/kiosk_run.h"

using namespace lianxin::test;

TEST_CASE("Finish on the countdown ends the visit at once", "[gui][session]") {
    TempDir dir;
    auto run = run_kiosk(dir,
                         "tap 500 500\nexpect-screen home\nidle 91000\nexpect-screen countdown\n"
                         "idle 3000\ntap-text 结束浏览\nexpect-screen attract\n",
                         1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.has_event("session", "finished"));
    CHECK_FALSE(run.has_event("session", "resumed"));
    // The number on the countdown changed while it ran: frames were drawn in those 3 s.
    auto idles = run.all("idle");
    REQUIRE(idles.size() == 2);
    CHECK(idles[1].value("frames", 0) >= 3);
}

TEST_CASE("a touch on the countdown continues the visit and does not reach the screen below", "[gui][session]") {
    TempDir dir;
    // The home screen's tiles lie under the countdown; tapping there must not open one.
    auto run = run_kiosk(dir,
                         "tap 500 500\nexpect-screen home\nidle 91000\nexpect-screen countdown\n"
                         "tap 1500 900\nexpect-screen home\nidle 30000\nexpect-screen home\n"
                         "idle 61000\nexpect-screen countdown\ntap-text 继续浏览\nexpect-screen home\n",
                         1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.has_event("session", "resumed"));
}

TEST_CASE("a swipe on the attract loop starts no visit and no countdown", "[gui][session]") {
    TempDir dir;
    // A small window: two minutes of attract-loop cross-fades are many frames.
    auto run = run_kiosk(dir, "drag 100 250 600 250 300\nkey Right\nidle 120000\nexpect-screen attract\n", 800, 600);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK_FALSE(run.has_event("session", "countdown"));
    CHECK_FALSE(run.has_event("session", "started"));
}
