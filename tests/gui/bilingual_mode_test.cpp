// The bilingual mode (中英) on a real kiosk under Xvfb: chosen on the attract loop, it shows every
// label and text in both languages (home, a section, an exhibit's title, subtitle and body side by
// side or one block after the other); EN leaves it and 中英 comes back to it; the end of the visit
// returns the next visitor to the hall's one language. What is shown is read from the layout
// report's record of every piece of text drawn.
#include <catch2/catch.hpp>

#include "core/i18n/bilingual_text.h"
#include "core/i18n/string_table.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("the bilingual mode shows both languages on every screen it reaches and ends with the visit",
          "[gui][bilingual]") {
    auto bundle = demo_bundle();
    auto strings = StringTable::load(std::string(LIANXIN_SOURCE_DIR) + "/assets/strings");
    REQUIRE(strings.ok());
    const ContentSet& c = bundle.content;
    const Section& sec = c.sections.front();
    const Exhibit& ex = *c.exhibits_in(sec.id).front();
    auto zh = [&](const char* key) { return strings->get(Lang::zh, key); };
    auto en = [&](const char* key) { return strings->get(Lang::en, key); };
    auto both = [](const LocalizedText& t) { return target_name(both_texts(t.zh, t.en)); };

    auto [w, h] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920));
    INFO(w << "x" << h);
    TempDir dir;
    auto report = dir / "layout.jsonl";
    std::string s = "expect-screen attract\ntap-text 中英\nexpect-screen home\nshot home\n";
    s += "tap-text " + both(sec.title) + "\nexpect-screen section\nshot section\n";
    s += "tap-text " + both(ex.title) + "\nexpect-screen exhibit\nshot exhibit\n";
    // On a portrait screen the English block follows the whole Chinese one: read on down to it.
    for (int i = 0; i < 8; ++i) s += "drag 540 900 540 500 250\nwait 1200\nshot exhibit-" + std::to_string(i) + "\n";
    s += "tap-text EN\nshot exhibit-en\ntap-text 中英\n";
    s += "idle 91000\nexpect-screen countdown\nidle 21000\nexpect-screen attract\ntap 540 900\nexpect-screen home\nshot next-visitor\n";
    auto run = run_kiosk(dir, s, w, h, "--lang zh --layout-report " + report.string(), "bilingual-" + std::to_string(w));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto shown = shown_by_shot(report);

    // Home: the tiles' names in both languages.
    for (const char* key : {"home.timeline", "home.figures", "home.station"}) {
        CHECK(shown["home"].find(zh(key)) != std::string::npos);
        CHECK(shown["home"].find(en(key)) != std::string::npos);
    }
    // A section's introduction and an exhibit's words in both (the report has a line at a time,
    // so longer texts are looked for by their beginning).
    CHECK(shown["section"].find(sec.intro.zh.substr(0, 30)) != std::string::npos);
    CHECK(shown["section"].find(sec.intro.en.substr(0, 30)) != std::string::npos);
    std::string read_down = shown["exhibit"];
    for (int i = 0; i < 8; ++i) read_down += shown["exhibit-" + std::to_string(i)];
    CHECK(shown["exhibit"].find(ex.title.zh) != std::string::npos);
    CHECK(read_down.find(ex.subtitle.zh.substr(0, 18)) != std::string::npos);
    CHECK(read_down.find(ex.title.en) != std::string::npos);
    CHECK(read_down.find(ex.subtitle.en.substr(0, 20)) != std::string::npos);
    if (w > h) CHECK(shown["exhibit"].find(ex.title.en) != std::string::npos);  // side by side: both at once
    // EN is English alone; the top bar's own words say which language was chosen.
    CHECK(shown["exhibit-en"].find(ex.title.zh) == std::string::npos);
    // The next visitor starts in the hall's language alone.
    CHECK(shown["next-visitor"].find(zh("home.timeline")) != std::string::npos);
    CHECK(shown["next-visitor"].find(en("home.timeline")) == std::string::npos);

    std::vector<std::string> langs;
    for (auto& e : run.all("language")) langs.push_back(e.value("lang", ""));
    CHECK(langs == std::vector<std::string>{"zh+en", "en", "zh+en"});
    // Screens are logged with what they were shown in.
    bool exhibit_both = false;
    for (auto& e : run.all("screen"))
        exhibit_both = exhibit_both || (e.value("screen", "") == "exhibit" && e.value("lang", "") == "zh+en");
    CHECK(exhibit_both);
}
