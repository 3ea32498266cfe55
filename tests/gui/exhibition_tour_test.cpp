// Scripted visits of every exhibition screen under Xvfb, in Chinese and English, landscape and
// portrait: asserts on the screens visited, font coverage, frames on a static screen, and the
// screenshots themselves (not blank, text where text belongs).
#include <catch2/catch.hpp>

#include "core/content/bundle.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// A whole visit, built from the demo content so labels match the language.
std::string tour_script(const LoadedBundle& b, Lang lang) {
    auto pick = [&](const LocalizedText& t) { return t.in(lang); };
    auto& c = b.content;
    const std::string practices = pick(c.find_section("practices")->title);
    const std::string first_practice = pick(c.exhibits_in("practices").front()->title);
    std::string s;
    s += "expect-screen attract\nshot attract\n";
    s += lang == Lang::en ? "tap-text EN\n" : "tap 500 500\n";
    s += "expect-screen home\nwait 300\nshot home\n";
    // A static screen: after the few frames that settle an event, 5 s must cost no frame at all.
    s += "idle 1000\nidle 5000\n";
    s += std::string("tap-text ") + (lang == Lang::en ? "Timeline" : "履职历程") + "\nexpect-screen timeline\nwait 400\nshot timeline\n";
    s += "key Right\nwait 600\nshot timeline-next\n";
    s += std::string("tap-text ") + (lang == Lang::en ? "Home" : "首页") + "\nexpect-screen home\n";
    s += "tap-text " + practices + "\nexpect-screen section\nwait 300\nshot section\n";
    s += "tap-text " + first_practice + "\nexpect-screen exhibit\nwait 300\nshot exhibit\n";
    s += "drag 700 1000 700 350 250\nwait 1500\nshot exhibit-scrolled\n";
    s += std::string("tap-text ") + (lang == Lang::en ? "Back" : "返回") + "\nexpect-screen section\n";
    s += std::string("tap-text ") + (lang == Lang::en ? "Home" : "首页") + "\nexpect-screen home\n";
    s += std::string("tap-text ") + (lang == Lang::en ? "In numbers" : "数说实践") + "\nexpect-screen figures\nwait 300\nshot figures\n";
    s += "idle 91000\nexpect-screen countdown\nshot countdown\n";
    s += "idle 21000\nexpect-screen attract\n";
    // Maintenance: five taps on the logo, then the PIN.
    // The reset brought back the hall's language; choose English again where needed.
    s += lang == Lang::en ? "tap-text EN\n" : "tap 500 500\n";
    s += "expect-screen home\n";
    for (int i = 0; i < 5; ++i) s += "tap 88 56\n";
    s += "expect-screen pin\nshot pin\n";
    for (const char* d : {"2", "4", "6", "8"}) s += std::string("tap-text ") + d + "\n";
    s += std::string("tap-text ") + (lang == Lang::en ? "OK" : "确定") + "\nexpect-screen maintenance\nshot maintenance\n";
    return s;
}

// The whole tour in one language and orientation, with every check.
void tour(const Setup& setup) {
    auto bundle = demo_bundle();
    Lang lang = std::string(setup.lang) == "zh" ? Lang::zh : Lang::en;
    INFO("language " << setup.lang << ", " << setup.w << "x" << setup.h);
    TempDir dir;
    auto run = run_kiosk(dir, tour_script(bundle, lang), setup.w, setup.h, "",
                         std::string(setup.lang) + "-" + std::to_string(setup.w) + "x" + std::to_string(setup.h));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("script_done"));

    auto screens = run.screens();
    for (const char* s : {"attract", "home", "timeline", "section", "exhibit", "figures", "maintenance"})
        CHECK(std::find(screens.begin(), screens.end(), s) != screens.end());
    auto langs = run.all("screen");
    CHECK(langs.back().value("lang", "") == setup.lang);

    // No boxes: every character the kiosk may draw has a glyph at each size it is drawn.
    auto fonts = run.first("fonts_ready");
    REQUIRE(fonts);
    for (auto& [role, missing] : (*fonts)["missing"].items()) {
        INFO("font role " << role << " lacks: " << missing.get<std::string>());
        CHECK(missing.get<std::string>().empty());
    }

    // A static screen draws nothing: the 5 s idle on the home screen cost no frames.
    auto idles = run.all("idle");
    REQUIRE(idles.size() >= 2);
    CHECK(idles[1].value("frames", -1) == 0);

    // The session reset happened after the countdown.
    bool reset = false;
    for (auto& e : run.all("session")) reset |= e.value("event", "") == "reset";
    CHECK(reset);

    for (const char* name : {"attract", "home", "timeline", "timeline-next", "section", "exhibit", "exhibit-scrolled",
                             "figures", "countdown", "pin", "maintenance"}) {
        INFO("screenshot " << name);
        auto png = run.shot(name);
        REQUIRE(png.ok());
        CHECK(png.width == setup.w);
        CHECK(png.height == setup.h);
        CHECK(png.colour_count() > 40);  // drawn, not blank
    }
    // Text where text belongs: the top bar carries the hall's name or buttons; the home
    // screen's tiles carry titles.
    auto home = run.shot("home");
    CHECK(home.ink_fraction(0, 0, setup.w, 112) > 0.02);
    CHECK(home.ink_fraction(setup.w / 2, 200, setup.w / 2 - 48, setup.h / 3) > 0.05);
    // Scrolling moved the exhibit; swiping moved the timeline.
    auto a = run.shot("exhibit"), b = run.shot("exhibit-scrolled");
    CHECK(a.rgba != b.rgba);
    CHECK(run.shot("timeline").rgba != run.shot("timeline-next").rgba);
}

}  // namespace

// Two cases, one a language: the sanitizer stage of deploy/run-tests.sh runs the Chinese tour
// (the code paths are the same in English; what differs is the text's layout, a matter for the
// normal build, which runs the English tour).
TEST_CASE("a visitor tours every exhibition screen in Chinese, landscape and portrait", "[gui][exhibition]") {
    tour(GENERATE(Setup{"zh", 1920, 1080}, Setup{"zh", 1080, 1920}));
}

TEST_CASE("a visitor tours every exhibition screen in English, landscape and portrait", "[gui][exhibition]") {
    tour(GENERATE(Setup{"en", 1920, 1080}, Setup{"en", 1080, 1920}));
}

TEST_CASE("a drag across a tile scrolls or does nothing, but never opens it", "[gui][touch]") {
    TempDir dir;
    auto run = run_kiosk(dir,
                         "tap 500 500\nexpect-screen home\n"
                         "drag 1300 300 1300 600 300\nwait 500\nexpect-screen home\n"
                         "drag 900 1100 900 500 300\nwait 500\nexpect-screen home\n",
                         1920, 1080);
    INFO(run.output);
    CHECK(run.exit_code == 0);
}

TEST_CASE("a script that expects the wrong screen fails with exit code 3", "[gui][script]") {
    TempDir dir;
    auto run = run_kiosk(dir, "expect-screen home\n", 1920, 1080);
    CHECK(run.exit_code == 3);
    REQUIRE(run.first("expect_failed"));
    CHECK(run.first("expect_failed")->value("message", "").find("expected screen 'home', on 'attract'") != std::string::npos);
}

TEST_CASE("a script tapping a label that is not on screen says what is there", "[gui][script]") {
    TempDir dir;
    auto run = run_kiosk(dir, "tap-text Nothing-like-this\n", 1920, 1080);
    CHECK(run.exit_code == 2);
    CHECK(run.output.find("no tappable 'Nothing-like-this' on screen 'attract'") != std::string::npos);
}
