// Guided tours on the real kiosk under Xvfb: a guide starts a tour from home and drives it by
// swipe, by each key a presenter remote sends (PageDown, PageUp, Right, Left, B, F5, Shift+F5) and
// by the progress strip, each stop change read back from the kiosk's log with its index; the
// overview jumps to any stop; the idle wait is the tour's longer one while a tour is on screen;
// a tour walked to its end stamps the passport open in the visit, and the booklet shows it.
#include <catch2/catch.hpp>

#include "core/i18n/bilingual_text.h"
#include "core/i18n/string_table.h"
#include "core/passports/passport_book.h"
#include "core/tokens/token.h"
#include "tests/gui/kiosk_run.h"
#include "tests/gui/passport_seed.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

const char* kHomeScroll = "drag 540 1000 540 300 250\nwait 1200\n";

struct TourWords {
    StringTable strings;
    // A label on a tour's pages: always in both languages (the tour screen speaks both).
    std::string both(const char* key) const {
        return target_name(both_languages(strings.get(Lang::zh, key), strings.get(Lang::en, key)));
    }
    std::string zh(const char* key) const { return strings.get(Lang::zh, key); }
};

TourWords words() {
    auto strings = StringTable::load(std::string(LIANXIN_SOURCE_DIR) + "/assets/strings");
    REQUIRE(strings.ok());
    return {std::move(*strings)};
}

// From the attract loop to the first stop of the demo's first tour, in Chinese. On a portrait
// screen the tours' tile is below the fold: home scrolls to it.
std::string start_tour(const TourWords& w, const Tour& t) {
    return "tap 500 500\nexpect-screen home\n" + std::string(kHomeScroll) + "tap-text " + w.zh("tour.home") + "\nexpect-screen tours\n" +
           "tap-text " + t.title.zh + "\nexpect-screen tour\n";
}

struct StopEvent {
    int stop;
    std::string how;
};
// The stops the log says were shown, in order, with what moved there.
std::vector<StopEvent> stops_of(const KioskRun& run) {
    std::vector<StopEvent> out;
    for (auto& e : run.all("tour"))
        if (e.value("event", "") == "stop") out.push_back({e.value("stop", -1), e.value("how", "")});
    return out;
}

}  // namespace

TEST_CASE("a guide drives a tour by swipe, by each presenter remote key and by the progress strip", "[gui][tour]") {
    auto bundle = demo_bundle();
    REQUIRE_FALSE(bundle.content.tours.empty());
    const Tour& tour = bundle.content.tours.front();
    const int n = static_cast<int>(tour.stops.size());
    REQUIRE(n >= 5);
    auto w = words();
    auto [width, height] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920));
    INFO(width << "x" << height);
    // A horizontal drag across the middle of the stop's page, either way.
    std::string y = std::to_string(height / 2);
    std::string left = "drag " + std::to_string(width * 3 / 4) + " " + y + " " + std::to_string(width / 6) + " " + y + " 300\nwait 800\n";
    std::string right = "drag " + std::to_string(width / 6) + " " + y + " " + std::to_string(width * 3 / 4) + " " + y + " 300\nwait 800\n";

    std::string s = start_tour(w, tour) + "shot stop-1\n";
    s += "key PageDown\nwait 800\nshot stop-2\n";  // 1
    s += "key Right\nwait 800\n";                    // 2
    s += "key PageUp\nwait 800\n";                   // 1
    s += "key Left\nwait 800\n";                     // 0
    s += "key Left\nwait 300\n";                     // stays at the first stop: nothing logged
    s += left;                                       // 1 by swipe
    s += right;                                      // 0 by swipe
    s += "key B\nexpect-screen tour-blank\nshot blank\n";
    s += "key B\nexpect-screen tour\n";
    s += "key B\nexpect-screen tour-blank\ntap 300 300\nexpect-screen tour\n";  // a touch brings it back too
    s += "key PageDown\nwait 800\nkey PageDown\nwait 800\n";                     // 1, 2
    s += "key F5\nwait 800\n";                                                   // 0: restart
    s += "tap-text strip-stop-4\nwait 800\n";                                    // 3 by the strip
    s += "key Shift+F5\nwait 300\n";                                             // stays
    s += "tap-text " + w.both("tour.next") + "\nwait 800\n";                     // 4 by the button
    s += "key Escape\nexpect-screen tours\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, width, height, "", "tour-keys-" + std::to_string(width));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    auto stops = stops_of(run);
    std::vector<std::pair<int, std::string>> got, want = {{0, "start"}, {1, "key"}, {2, "key"}, {1, "key"},
                                                         {0, "key"},   {1, "swipe"}, {0, "swipe"}, {1, "key"},
                                                         {2, "key"},   {0, "restart"}, {3, "strip"}, {4, "tap"}};
    for (auto& e : stops) got.emplace_back(e.stop, e.how);
    CHECK(got == want);
    for (auto& e : run.all("tour"))
        if (e.value("event", "") == "stop") CHECK(e.value("of", 0) == n);
    // B blanked and brought back by B, and by a touch.
    int blanks = 0, unblanks = 0;
    for (auto& e : run.all("tour")) {
        blanks += e.value("event", "") == "blank";
        unblanks += e.value("event", "") == "unblank";
    }
    CHECK(blanks == 2);
    CHECK(unblanks == 2);
    // The blank screen is black: nothing of the stop shows through.
    auto blank = run.shot("blank");
    REQUIRE(blank.ok());
    CHECK(blank.colour_count() == 1);
    CHECK(blank.rgba[0] == 0);
    CHECK(blank.rgba[1] == 0);
    CHECK(blank.rgba[2] == 0);
    // No passport open in this visit: nothing was stamped.
    CHECK_FALSE(run.has_event("tour", "stamped"));
}

TEST_CASE("the overview shows every stop and jumps to the one tapped", "[gui][tour]") {
    auto bundle = demo_bundle();
    const Tour& tour = bundle.content.tours.front();
    auto w = words();
    auto [width, height] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920));
    INFO(width << "x" << height);
    std::string s = start_tour(w, tour);
    s += "key PageDown\nwait 800\n";
    s += "tap-text " + w.both("tour.overview") + "\nexpect-screen tour-overview\nshot overview\n";
    // Remote keys that move between stops wait while the overview is up; F5 closes it and restarts.
    s += "key PageDown\nexpect-screen tour-overview\n";
    s += "tap-text overview-stop-5\nexpect-screen tour\nwait 800\nshot stop-5\n";
    s += "tap-text " + w.both("tour.overview") + "\nexpect-screen tour-overview\nkey F5\nexpect-screen tour\nwait 800\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, width, height, "", "tour-overview-" + std::to_string(width));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto stops = stops_of(run);
    REQUIRE(stops.size() == 4);
    CHECK(stops[1].stop == 1);
    CHECK(stops[2].stop == 4);
    CHECK(stops[2].how == "overview");
    CHECK(stops[3].stop == 0);
    CHECK(stops[3].how == "restart");
}

TEST_CASE("the visit waits longer before its countdown while a tour is on screen", "[gui][tour][session]") {
    auto bundle = demo_bundle();
    const Tour& tour = bundle.content.tours.front();
    auto w = words();
    // The demo kiosk.toml: 90 s browsing, 600 s on a tour (deploy/make-demo.sh).
    std::string s = start_tour(w, tour);
    s += "idle 91000\nexpect-screen tour\n";       // a visitor alone would see the countdown now
    s += "idle 500000\nexpect-screen tour\n";      // 591 s: still the tour
    s += "idle 10000\nexpect-screen countdown\n";  // 601 s: the countdown, over the tour
    s += "tap-text " + w.zh("idle.continue") + "\nexpect-screen tour\n";
    s += "key Escape\nexpect-screen tours\n";      // off the tour: the visitor's wait again
    s += "idle 91000\nexpect-screen countdown\nidle 21000\nexpect-screen attract\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.has_event("session", "resumed"));
    CHECK(run.has_event("session", "reset"));
    // A stop standing still costs no frames while the guide talks.
    auto idles = run.all("idle");
    REQUIRE(idles.size() >= 2);
    CHECK(idles[1].value("frames", -1) == 0);
}

TEST_CASE("a tour walked to its end stamps the open passport once and the booklet shows it", "[gui][tour][passport]") {
    auto bundle = demo_bundle();
    const Tour& tour = bundle.content.tours.front();
    const int n = static_cast<int>(tour.stops.size());
    auto w = words();
    auto [width, height] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920));
    INFO(width << "x" << height);
    TempDir dir;
    auto seeded = seed_passport(dir);
    std::string s = "scan " + passport_url("http://localhost:8470", seeded.passport.token) + "\nexpect-screen passport\n";
    s += "key Escape\nexpect-screen home\n" + std::string(kHomeScroll);
    s += "tap-text " + w.zh("tour.home") + "\nexpect-screen tours\ntap-text " + tour.title.zh + "\nexpect-screen tour\n";
    for (int i = 1; i < n; ++i) s += "key PageDown\nwait 800\n";
    s += "shot last-stop\n";
    s += "tap-text " + w.both("tour.finish") + "\nwait 800\nexpect-screen tour-end\nshot end\n";
    // Walking it again stamps nothing more.
    s += "tap-text " + w.both("tour.again") + "\nwait 800\nexpect-screen tour\n";
    for (int i = 1; i < n; ++i) s += "key PageDown\nwait 800\n";
    s += "key PageDown\nwait 800\nexpect-screen tour-end\n";
    s += "tap-text " + w.both("tour.to_home") + "\nexpect-screen home\n";
    s += "tap-text " + w.zh("home.passport") + "\nexpect-screen passport\nshot passport\n";
    s += "drag 1000 900 1000 300 250\nwait 1200\nshot passport-scrolled\n";
    auto run = run_kiosk(dir, s, width, height, "", "tour-stamp-" + std::to_string(width));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    int stamped = 0;
    for (auto& e : run.all("tour")) stamped += e.value("event", "") == "stamped" ? 1 : 0;
    CHECK(stamped == 1);  // walked twice, stamped once
    auto ends = 0;
    for (auto& e : run.all("tour")) ends += e.value("event", "") == "end" ? 1 : 0;
    CHECK(ends == 2);

    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    auto book = demo_book(**db);
    auto view = book->booklet(seeded.passport.id);
    REQUIRE(view.ok());
    int tours = 0;
    for (auto& st : view->stamps)
        if (st.kind == StampKind::tour) {
            ++tours;
            CHECK(st.ref == tour.id);
        }
    CHECK(tours == 1);
}
