// The station's content (core/content/station_model.h): the demo's deputies, schedule and tours
// read from their files, checked field by field with file and line, written back, and carried
// through a bundle, which a kiosk reads back the same; a bundle without the tables reads empty.
#include <catch2/catch.hpp>

#include "core/content/bundle.h"
#include "core/content/content_writer.h"
#include "core/storage/sqlite_db.h"
#include "tests/support/content_copy.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

bool same_station(const ContentSet& a, const ContentSet& b) {
    auto texts = [](const std::vector<LocalizedText>& v) {
        std::string s;
        for (auto& t : v) s += t.zh + "|" + t.en + ";";
        return s;
    };
    if (a.deputies.size() != b.deputies.size() || a.schedule.size() != b.schedule.size() || a.tours.size() != b.tours.size())
        return false;
    for (std::size_t i = 0; i < a.deputies.size(); ++i) {
        auto &x = a.deputies[i], &y = b.deputies[i];
        if (x.id != y.id || x.level != y.level || x.name.zh != y.name.zh || x.name.en != y.name.en ||
            x.reception.en != y.reception.en || x.portrait != y.portrait || texts(x.topics) != texts(y.topics) ||
            x.english_pending != y.english_pending)
            return false;
    }
    for (std::size_t i = 0; i < a.schedule.size(); ++i) {
        auto &x = a.schedule[i], &y = b.schedule[i];
        if (x.id != y.id || x.kind != y.kind || x.date != y.date || x.time != y.time || x.title.zh != y.title.zh ||
            x.place.en != y.place.en || x.deputies != y.deputies || x.link != y.link || x.outcome.zh != y.outcome.zh)
            return false;
    }
    for (std::size_t i = 0; i < a.tours.size(); ++i) {
        auto &x = a.tours[i], &y = b.tours[i];
        if (x.id != y.id || x.title.en != y.title.en || x.intro.zh != y.intro.zh || x.stops.size() != y.stops.size())
            return false;
        for (std::size_t k = 0; k < x.stops.size(); ++k)
            if (x.stops[k].exhibit != y.stops[k].exhibit || x.stops[k].figure != y.stops[k].figure ||
                texts(x.stops[k].points) != texts(y.stops[k].points))
                return false;
    }
    for (std::size_t i = 0; i < a.figures.size() && i < b.figures.size(); ++i)
        if (a.figures[i].id != b.figures[i].id) return false;
    return true;
}

}  // namespace

TEST_CASE("the demo station's deputies, schedule and tours are read, sorted and linked", "[core][content][station]") {
    ContentCopy src;
    auto loaded = src.load();
    INFO(all_problems(loaded));
    REQUIRE(loaded.ok());
    const ContentSet& c = loaded.content;
    REQUIRE(c.deputies.size() >= 5);
    // Every level has someone, as a station hosting "five levels of deputies" does.
    for (DeputyLevel l : kDeputyLevels)
        CHECK(std::any_of(c.deputies.begin(), c.deputies.end(), [&](const Deputy& d) { return d.level == l; }));
    const Deputy* chen = c.find_deputy("chen-lan");
    REQUIRE(chen);
    CHECK(chen->name.zh == "陈兰");
    REQUIRE(chen->topics.size() == 3);
    CHECK(chen->topics[0].en == "Property management");
    // The schedule by date and time, whatever order the file gives.
    REQUIRE(c.schedule.size() >= 5);
    for (std::size_t i = 1; i < c.schedule.size(); ++i)
        CHECK(std::tie(c.schedule[i - 1].date, c.schedule[i - 1].time) <= std::tie(c.schedule[i].date, c.schedule[i].time));
    auto live = std::find_if(c.schedule.begin(), c.schedule.end(), [](auto& s) { return s.kind == ScheduleKind::livestream; });
    REQUIRE(live != c.schedule.end());
    CHECK(live->link.rfind("https://", 0) == 0);
    CHECK(live->place.empty());  // online
    for (auto& s : c.schedule)
        for (auto& d : s.deputies) CHECK(c.find_deputy(d));
    // A tour's stops are exhibits and figures that exist.
    REQUIRE_FALSE(c.tours.empty());
    for (auto& t : c.tours) {
        REQUIRE_FALSE(t.stops.empty());
        for (auto& s : t.stops) CHECK((s.exhibit.empty() ? c.find_figure(s.figure) != nullptr : c.find_exhibit(s.exhibit) != nullptr));
    }
    CHECK(c.find_figure("five-levels"));
    CHECK_FALSE(c.find_figure(""));  // figures without ids are never found by an empty one
    // Their words are in the text the kiosk's atlas covers.
    CHECK(c.all_text().find("王德福") != std::string::npos);
    CHECK(c.all_text().find("Coordination meeting") != std::string::npos);
}

TEST_CASE("the station's content goes through the writer and a bundle unchanged", "[core][content][station]") {
    ContentCopy src;
    auto loaded = src.load();
    REQUIRE(loaded.ok());
    // Written back from the model into an empty folder's files, read again: the same.
    ContentSet none = loaded.content;
    none.deputies.clear();
    none.schedule.clear();
    none.tours.clear();
    std::filesystem::remove(src.dir / "deputies.toml");
    std::filesystem::remove(src.dir / "schedule.toml");
    std::filesystem::remove(src.dir / "tours.toml");
    REQUIRE(save_content_sources(src.dir, none, loaded.content).ok());
    auto again = src.load();
    INFO(all_problems(again));
    REQUIRE(again.ok());
    CHECK(same_station(again.content, loaded.content));

    TempDir out;
    REQUIRE(write_bundle(again, out / "b.lxb", nullptr).ok());
    auto bundle = load_bundle(out / "b.lxb", {});
    REQUIRE(bundle.ok());
    CHECK(same_station(bundle->content, loaded.content));

    // A bundle built before the station's tables existed reads as a hall without a station.
    {
        SqliteDb db((out / "b.lxb").string(), SqliteDb::Mode::read_write_create);
        for (const char* t : {"figure_ids", "deputies", "deputy_topics", "schedule", "schedule_deputies", "tours",
                              "tour_stops", "tour_points"})
            db.exec(std::string("DROP TABLE ") + t);
    }
    auto older = load_bundle(out / "b.lxb", {});
    REQUIRE(older.ok());
    CHECK(older->content.deputies.empty());
    CHECK(older->content.schedule.empty());
    CHECK(older->content.tours.empty());
    CHECK(older->content.figures.size() == loaded.content.figures.size());
    // And a hall without a station writes none of the three files.
    auto files = content_source_files(none);
    CHECK_FALSE(files.count("deputies.toml"));
    CHECK_FALSE(files.count("tours.toml"));
}

TEST_CASE("mistakes in the station's files are named with file, field and line", "[core][content][station]") {
    SECTION("an unknown level") {
        ContentCopy c;
        c.replace("deputies.toml", "level = \"city\"", "level = \"county\"");
        expect_only_problem(c.load(), "deputies.toml", "deputy[3].level", c.line_of("deputies.toml", "level = \"county\""),
                            "'county' is not a level: national, provincial, city, district or town");
    }
    SECTION("a deputy's id used twice") {
        ContentCopy c;
        c.replace("deputies.toml", "id = \"wang-defu\"", "id = \"chen-lan\"");
        auto load = c.load();
        INFO(all_problems(load));
        expect_problem(load, "deputies.toml", "deputy[5].id", c.line_of("deputies.toml", "[[deputy]]", 5),
                       "'chen-lan' is used twice");
        // And the schedule's items that named the deputy whose id was lost say so.
        CHECK(load.problems.size() == 3);
        expect_problem(load, "schedule.toml", "item[4].deputies[1]", c.line_of("schedule.toml", "deputies = [\"wang-defu\"]"),
                       "'wang-defu' is not a deputy in deputies.toml");
    }
    SECTION("topics of different lengths") {
        ContentCopy c;
        c.replace("deputies.toml", "topics.en = [\"Small shops\", \"Noise at night\"]", "topics.en = [\"Small shops\"]");
        expect_only_problem(c.load(), "deputies.toml", "deputy[5].topics.en", c.line_of("deputies.toml", "topics.en = [\"Small shops\"]"),
                            "has 1 topics but deputy[5].topics.zh has 2");
    }
    SECTION("a schedule item names a deputy who is not there") {
        ContentCopy c;
        c.replace("schedule.toml", "deputies = [\"wang-defu\"]", "deputies = [\"wang-de\"]");
        expect_only_problem(c.load(), "schedule.toml", "item[4].deputies[1]", c.line_of("schedule.toml", "deputies = [\"wang-de\"]"),
                            "'wang-de' is not a deputy in deputies.toml");
    }
    SECTION("an unknown kind, a bad time, a livestream without its link") {
        ContentCopy c;
        c.replace("schedule.toml", "kind = \"hearing\"", "kind = \"meeting\"");
        c.replace("schedule.toml", "time = \"15:00\"", "time = \"3pm\"");
        c.replace("schedule.toml", "link = \"https://live.lianxin.example.org/jinjiang/2026-12\"\n", "");
        auto load = c.load();
        INFO(all_problems(load));
        CHECK(load.problems.size() == 3);
        expect_problem(load, "schedule.toml", "item[2].kind", c.line_of("schedule.toml", "kind = \"meeting\""),
                       "'meeting' is not a kind");
        expect_problem(load, "schedule.toml", "item[4].time", c.line_of("schedule.toml", "time = \"3pm\""),
                       "'3pm' is not a time of day such as \"09:30\"");
        expect_problem(load, "schedule.toml", "item[3].link", c.line_of("schedule.toml", "[[item]]", 3), "is missing");
    }
    SECTION("a link that is no web address, or too long for a QR code") {
        ContentCopy c;
        c.replace("schedule.toml", "https://live.lianxin.example.org/jinjiang/2026-12", "javascript:alert(1)");
        expect_only_problem(c.load(), "schedule.toml", "item[3].link", c.line_of("schedule.toml", "javascript:alert(1)"),
                            "must be a web address");
        ContentCopy d;
        d.replace("schedule.toml", "https://live.lianxin.example.org/jinjiang/2026-12",
                  "https://live.lianxin.example.org/" + std::string(kScheduleLinkMaxBytes, 'x'));
        expect_only_problem(d.load(), "schedule.toml", "item[3].link", d.line_of("schedule.toml", "https://live.lianxin"),
                            "at most 200 bytes");
    }
    SECTION("a tour stop that is both, neither, or names what is not there") {
        ContentCopy c;
        c.replace("tours.toml", "figure = \"five-levels\"", "figure = \"five-levels\"\nexhibit = \"futian\"");
        c.replace("tours.toml", "exhibit = \"changning\"", "exhibit = \"nowhere\"");
        c.replace("tours.toml", "figure = \"futian-suggestions\"", "figure = \"nothing\"");
        auto load = c.load();
        INFO(all_problems(load));
        CHECK(load.problems.size() == 3);
        expect_problem(load, "tours.toml", "tour[1].stop[4].figure", c.line_of("tours.toml", "[[tour.stop]]", 4),
                       "a stop is an exhibit or a figure, not both");
        expect_problem(load, "tours.toml", "tour[1].stop[6].exhibit", c.line_of("tours.toml", "exhibit = \"nowhere\""),
                       "'nowhere' is not an exhibit");
        expect_problem(load, "tours.toml", "tour[1].stop[2].figure", c.line_of("tours.toml", "figure = \"nothing\""),
                       "'nothing' is not the id of a figure in figures.toml");
        ContentCopy d;
        d.replace("tours.toml", "figure = \"five-levels\"\n", "");
        expect_only_problem(d.load(), "tours.toml", "tour[1].stop[4].exhibit", d.line_of("tours.toml", "[[tour.stop]]", 4),
                            "is missing: name the exhibit");
    }
    SECTION("a figure id used twice") {
        ContentCopy c;
        c.replace("figures.toml", "id = \"three-meetings-years\"", "id = \"five-levels\"");
        expect_only_problem(c.load(), "figures.toml", "figure[9].id", c.line_of("figures.toml", "[[figure]]", 9),
                            "'five-levels' is used twice");
    }
    SECTION("English pending lets a deputy's English wait, and only theirs") {
        ContentCopy c;
        c.replace("deputies.toml", "reception.en = \"Third Tuesday afternoon of each month\"",
                  "reception.en = \"\"\ntranslation = \"pending\"");
        c.replace("deputies.toml", "reception.en = \"Second Thursday morning of each month\"", "reception.en = \"\"");
        expect_only_problem(c.load(), "deputies.toml", "deputy[3].reception.en",
                            c.line_of("deputies.toml", "reception.en = \"\"", 1), "is empty");
    }
}
