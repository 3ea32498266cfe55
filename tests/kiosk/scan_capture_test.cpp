// ScanCapture: a scanner's burst ending in Return is one scan and reaches no screen as typing;
// people's typing, even of letters a code starts with, reaches the screen unchanged and in order.
#include "kiosk/input/scan_capture.h"

#include <catch2/catch.hpp>

using lianxin::Millis;
using lianxin::kiosk::ScanCapture;

namespace {

// Feeds `text` a character every `gap` ms from `t`; returns everything typed through.
std::string feed(ScanCapture& sc, const std::string& text, Millis& t, Millis gap, std::string* scanned = nullptr) {
    std::string typed;
    for (char c : text) {
        auto out = sc.on_tick(t);
        for (auto& s : out.typed) typed += s;
        out = sc.on_text(std::string(1, c), t);
        for (auto& s : out.typed) typed += s;
        if (scanned && !out.scanned.empty()) *scanned = out.scanned;
        t += gap;
    }
    return typed;
}

}  // namespace

TEST_CASE("a scanner burst ending in Return is one scan", "[kiosk][scan]") {
    ScanCapture sc;
    Millis t = 1000;
    std::string url = "HTTP://LOCALHOST:8470/P/LXP1:6BFOXN*TS0BI$ZDFRH%2042";
    CHECK(feed(sc, url, t, 4).empty());
    auto out = sc.on_return(t);
    CHECK(out.scanned == url);
    CHECK(out.swallow_return);
    CHECK(out.typed.empty());
    CHECK(sc.deadline() == -1);
}

TEST_CASE("a scanner that sends no Return still scans, after a pause", "[kiosk][scan]") {
    ScanCapture sc;
    Millis t = 0;
    std::string token = "LXC1:NCFOXN*TS0BI$ZDFRH%20";
    feed(sc, token, t, 3);
    CHECK(sc.on_tick(t).scanned.empty());  // not yet: the burst may go on
    CHECK(sc.on_tick(t + ScanCapture::kBurstGapMs + 1).scanned.empty());  // a prefix is held: wait longer
    auto out = sc.on_tick(t + ScanCapture::kCommittedGapMs + 1);
    CHECK(out.scanned == token);
}

TEST_CASE("a scan survives a slow frame once its prefix is complete", "[kiosk][scan]") {
    ScanCapture sc;
    Millis t = 0;
    std::string url = "HTTP://LOCALHOST:8470/P/LXP1:6BFOXN*TS0BI$ZDFRH%2042";
    feed(sc, url.substr(0, 20), t, 4);
    t += 200;  // the app was busy drawing; the scanner was not
    feed(sc, url.substr(20), t, 4);
    auto out = sc.on_return(t);
    CHECK(out.scanned == url);
    CHECK(out.swallow_return);
}

TEST_CASE("typing reaches the screen unchanged", "[kiosk][scan]") {
    ScanCapture sc;
    Millis t = 0;
    // Fast typing of ordinary words goes straight through.
    CHECK(feed(sc, "hao", t, 5) == "hao");
    // Slow typing of a code's first letters is held only briefly, then passed on in order.
    std::string typed = feed(sc, "http", t, 200);
    typed += [&] { std::string s; for (auto& x : sc.on_tick(t + 500).typed) s += x; return s; }();
    CHECK(typed == "http");
    // Return after ordinary typing is the screen's.
    feed(sc, "lx", t, 5);
    auto out = sc.on_return(t);
    CHECK_FALSE(out.swallow_return);
    CHECK(out.scanned.empty());
    REQUIRE(out.typed.size() == 2);
    CHECK(out.typed[0] + out.typed[1] == "lx");
}
