// The station's screens with the demo content on a real kiosk under Xvfb: the deputies by level
// from national to township, in pinyin order in Chinese and by letters in English, narrowed by a
// topic; what is on, coming up and already held on a fixed day, the livestream's QR code read
// back by zbarimg as a phone would.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/i18n/string_table.h"
#include "tests/gui/kiosk_run.h"
#include "tests/support/qr_decode.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// Where `needle` is in `haystack`, or npos; for "this before that" checks.
std::size_t at(const std::string& haystack, const std::string& needle) { return haystack.find(needle); }

}  // namespace

TEST_CASE("the station's deputies by level and name, a topic narrowing them, and what is on before and after a day",
          "[gui][station]") {
    auto bundle = demo_bundle();
    auto strings = StringTable::load(std::string(LIANXIN_SOURCE_DIR) + "/assets/strings");
    REQUIRE(strings.ok());
    const ContentSet& c = bundle.content;
    const ScheduleItem* live = nullptr;
    for (auto& s : c.schedule)
        if (s.kind == ScheduleKind::livestream) live = &s;
    REQUIRE(live);
    // The day before the livestream: it is coming up, and some items are already held.
    setenv("LIANXIN_TODAY", add_days(live->date, -1).to_string().c_str(), 1);

    for (std::string lang : {"zh", "en"}) {
        Lang l = lang == "zh" ? Lang::zh : Lang::en;
        auto t = [&](const char* key) { return strings->get(l, key); };
        TempDir dir;
        auto report = dir / "layout.jsonl";
        std::string topic = c.find_deputy("chen-lan")->topics.front().in(l);  // property management
        std::string s = "tap 960 540\nexpect-screen home\nshot home\ntap-text " + t("home.station") + "\nexpect-screen deputies\n";
        s += "shot deputies\ntap-text " + topic + "\nshot deputies-topic\ntap-text " + t("deputies.all_topics") + "\n";
        s += "drag 960 1000 960 300 250\nwait 1200\nshot deputies-2\ndrag 960 1000 960 300 250\nwait 1200\nshot deputies-3\n";
        s += "drag 960 300 960 1000 250\nwait 1200\ndrag 960 300 960 1000 250\nwait 1200\ntap-text " + t("home.schedule") +
             "\nexpect-screen schedule\nshot schedule\n";
        auto run = run_kiosk(dir, s, 1920, 1080, "--lang " + lang + " --layout-report " + report.string(),
                             "station-" + lang);
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        auto shown = shown_by_shot(report);

        // Every level, national first, township last, down the page.
        const std::string all = shown["deputies"] + shown["deputies-2"] + shown["deputies-3"];
        INFO(all);
        std::size_t previous = 0;
        for (const char* level : {"national", "provincial", "city", "district", "town"}) {
            std::size_t p = at(all, t((std::string("deputies.level.") + level).c_str()));
            REQUIRE(p != std::string::npos);
            CHECK(p > previous);
            previous = p;
        }
        // Within the district's deputies, 陈兰 (Chen) before 王德福 (Wang): pinyin, not code points.
        auto chen = at(all, c.find_deputy("chen-lan")->name.in(l)), wang = at(all, c.find_deputy("wang-defu")->name.in(l));
        REQUIRE(chen != std::string::npos);
        REQUIRE(wang != std::string::npos);
        CHECK(chen < wang);
        // A topic keeps only those who work on it.
        const std::string& narrowed = shown["deputies-topic"];
        CHECK(at(narrowed, c.find_deputy("chen-lan")->name.in(l)) != std::string::npos);
        CHECK(at(narrowed, c.find_deputy("he-jianguo")->name.in(l)) == std::string::npos);

        // Coming up before held; the livestream among the first, its QR code a phone can read.
        const std::string& on = shown["schedule"];
        INFO(on);
        auto upcoming = at(on, t("schedule.upcoming"));
        REQUIRE(upcoming != std::string::npos);
        CHECK(at(on, live->title.in(l)) > upcoming);
        CHECK(at(on, t("schedule.scan_to_watch")) != std::string::npos);
        auto qr = zbar_decode(run.shots / "schedule.png");
        CHECK(qr.ok);
        CHECK(qr.text == live->link);
    }
    unsetenv("LIANXIN_TODAY");
}
