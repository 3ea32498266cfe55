// Content checking (load_content_sources): the demo content passes, and each kind of broken
// source yields a Diagnostic naming the right file, field and line with a clear message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/content/content_sources.h"
#include "tests/support/content_copy.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using namespace lianxin::test;

namespace {

std::size_t count_occurrences(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("the demo content loads with no problems", "[core][content]") {
    auto dir = lianxin::test::demo_content_dir();
    auto load = load_content_sources(dir);
    INFO(all_problems(load));
    REQUIRE(load.ok());

    auto& c = load.content;
    using lianxin::test::read_text;
    CHECK(c.slides.size() == count_occurrences(read_text(dir / "slides.toml"), "[[slide]]"));
    CHECK(c.timeline.size() == count_occurrences(read_text(dir / "timeline.toml"), "[[event]]"));
    CHECK(c.sections.size() == count_occurrences(read_text(dir / "sections.toml"), "[[section]]"));
    CHECK(c.figures.size() == count_occurrences(read_text(dir / "figures.toml"), "[[figure]]"));
    std::size_t exhibit_files = 0;
    for (auto& e : fs::directory_iterator(dir / "exhibits")) exhibit_files += e.path().extension() == ".toml";
    CHECK(c.exhibits.size() == exhibit_files);
    CHECK(c.slides.size() > 0);
    CHECK(c.timeline.size() > 0);
    CHECK(c.sections.size() > 0);
    CHECK(c.exhibits.size() > 0);
    CHECK(c.figures.size() > 0);
    CHECK(!load.media.empty());

    CHECK(c.hall.id == "jinjiang-demo");
    CHECK(c.hall.version == "2026.11.1");
    CHECK(c.hall.name.zh == "锦江区全过程人民民主基层实践基地");
    CHECK_FALSE(c.hall.name.en.empty());

    // Every exhibit has both bodies, a known section, and its images loaded with sizes.
    for (auto& e : c.exhibits) {
        INFO(e.id);
        CHECK(c.find_section(e.section) != nullptr);
        CHECK_FALSE(e.body.zh.empty());
        CHECK_FALSE(e.body.en.empty());
        if (!e.image.empty()) {
            REQUIRE(load.media.count(e.image) == 1);
            CHECK(load.media.at(e.image).width > 0);
            CHECK(load.media.at(e.image).height > 0);
        }
    }
    for (auto& s : c.slides) CHECK(load.media.count(s.image) == 1);
    // Exhibit images are media names relative to the content folder, not to the manifest.
    auto* futian = c.find_exhibit("futian");
    REQUIRE(futian != nullptr);
    CHECK(futian->image == "images/futian-network.png");
    CHECK(futian->year == 2019);
    // Timeline is sorted by year; exhibits by section order, then `order`.
    for (std::size_t i = 1; i < c.timeline.size(); ++i) CHECK(c.timeline[i - 1].year <= c.timeline[i].year);
    for (std::size_t i = 1; i < c.exhibits.size(); ++i) {
        auto rank = [&](const std::string& id) {
            for (std::size_t k = 0; k < c.sections.size(); ++k)
                if (c.sections[k].id == id) return k;
            return c.sections.size();
        };
        auto& a = c.exhibits[i - 1];
        auto& b = c.exhibits[i];
        CHECK((rank(a.section) < rank(b.section) || (a.section == b.section && a.order <= b.order)));
    }
}

TEST_CASE("a diagnostic prints as file:line: field: message", "[core][content]") {
    CHECK(Diagnostic{"timeline.toml", 12, "event[2].year", "must be between 1949 and 2100"}.to_string() ==
          "timeline.toml:12: event[2].year: must be between 1949 and 2100");
    CHECK(Diagnostic{"hall.toml", 0, "", "is missing"}.to_string() == "hall.toml: is missing");
}

TEST_CASE("a TOML syntax error names the file and line", "[core][content]") {
    ContentCopy c;
    c.replace("hall.toml", "version = \"2026.11.1\"", "version = \"2026.11.1");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    auto& p = load.problems[0];
    CHECK(p.file == "hall.toml");
    CHECK(p.line == c.line_of("hall.toml", "version = "));
    CHECK(p.field.empty());
    CHECK_THAT(p.message, Catch::StartsWith("TOML syntax: "));
}

TEST_CASE("a visible string without its English is refused", "[core][content]") {
    ContentCopy c;
    c.replace("slides.toml", "title.en = \"Democracy on your doorstep\"\n", "");
    auto load = c.load();
    CHECK(load.problems.size() == 1);
    expect_problem(load, "slides.toml", "slide[1].title.en", c.line_of("slides.toml", "title.zh = \"家门口的民主\""),
                   "is missing: every visible string needs Chinese and English");
}

TEST_CASE("an empty or blank Chinese string is refused", "[core][content]") {
    ContentCopy c;
    c.replace("figures.toml", "label.zh = \"福田区的社区立法联系点\"", "label.zh = \"   \"");
    c.replace("sections.toml", "title.zh = \"五点启示\"", "title.zh = \"\"");
    auto load = c.load();
    CHECK(load.problems.size() == 2);
    expect_problem(load, "figures.toml", "figure[1].label.zh", c.line_of("figures.toml", "label.zh = \"   \""), "is empty");
    expect_problem(load, "sections.toml", "section[2].title.zh", c.line_of("sections.toml", "title.zh = \"\""), "is empty");
}

TEST_CASE("an unknown key (a typo) is refused with the allowed keys", "[core][content]") {
    ContentCopy c;
    c.replace("exhibits/futian.toml", "year = 2019", "yaer = 2019");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian.toml", "yaer", c.line_of("exhibits/futian.toml", "yaer"),
                   "unknown key (allowed: id, section, order, title, subtitle, place, year, image, body, translation)");
}

TEST_CASE("a typo in a language key is reported and the language counted missing", "[core][content]") {
    ContentCopy c;
    c.replace("sections.toml", "title.en = \"Five lessons\"", "title.eng = \"Five lessons\"");
    auto load = c.load();
    CHECK(load.problems.size() == 2);
    expect_problem(load, "sections.toml", "section[2].title.eng", c.line_of("sections.toml", "title.eng"),
                   "unknown key (allowed: zh, en)");
    expect_problem(load, "sections.toml", "section[2].title.en", c.line_of("sections.toml", "title.zh = \"五点启示\""),
                   "is missing");
}

TEST_CASE("a malformed id is refused", "[core][content]") {
    ContentCopy c;
    c.replace("hall.toml", "id = \"jinjiang-demo\"", "id = \"Jinjiang Demo\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "hall.toml", "id", c.line_of("hall.toml", "id = "),
                   "'Jinjiang Demo' is not a valid id (lowercase letters, digits and '-', at most 64)");
}

TEST_CASE("an exhibit whose id differs from its file name is refused", "[core][content]") {
    ContentCopy c;
    fs::rename(c.dir / "exhibits/futian.toml", c.dir / "exhibits/futian-old.toml");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian-old.toml", "id", c.line_of("exhibits/futian-old.toml", "id = \"futian\""),
                   "'futian' must match the file name 'futian-old'");
}

TEST_CASE("an exhibit in a section that does not exist is refused", "[core][content]") {
    ContentCopy c;
    c.replace("exhibits/futian.toml", "section = \"practices\"", "section = \"practises\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian.toml", "section", c.line_of("exhibits/futian.toml", "section = "),
                   "'practises' is not a section in sections.toml");
}

TEST_CASE("a timeline event linking to a missing exhibit is refused", "[core][content]") {
    ContentCopy c;
    // The first event in the file; the field counts events in the order they are written.
    c.replace("timeline.toml", "exhibit = \"huangpu\"", "exhibit = \"huangpoo\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "timeline.toml", "event[1].exhibit", c.line_of("timeline.toml", "huangpoo"),
                   "'huangpoo' is not an exhibit");
}

TEST_CASE("a broken timeline link names the event as written, not as sorted by year", "[core][content]") {
    ContentCopy c;
    // The first event in the file moves to the end once sorted by year.
    c.replace("timeline.toml", "year = 1999", "year = 2100");
    c.replace("timeline.toml", "exhibit = \"huangpu\"", "exhibit = \"huangpoo\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "timeline.toml", "event[1].exhibit", c.line_of("timeline.toml", "huangpoo"),
                   "'huangpoo' is not an exhibit");
    CHECK(load.content.timeline.back().year == 2100);
}

TEST_CASE("a figure linking to a missing exhibit names the figure as written", "[core][content]") {
    ContentCopy c;
    c.replace("figures.toml", "exhibit = \"futian\"", "exhibit = \"futain\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "figures.toml", "figure[1].exhibit", c.line_of("figures.toml", "futain"),
                   "'futain' is not an exhibit");
}

TEST_CASE("a timeline year out of range is refused", "[core][content]") {
    ContentCopy c;
    c.replace("timeline.toml", "year = 1999", "year = 1848");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "timeline.toml", "event[1].year", c.line_of("timeline.toml", "year = 1848"),
                   "must be between 1949 and 2100");
}

TEST_CASE("a year written as text is refused", "[core][content]") {
    ContentCopy c;
    c.replace("exhibits/futian.toml", "year = 2019", "year = \"2019\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian.toml", "year", c.line_of("exhibits/futian.toml", "year = "),
                   "must be a whole number");
}

TEST_CASE("a missing image file is refused", "[core][content]") {
    ContentCopy c;
    c.replace("slides.toml", "image = \"images/slide-welcome.png\"", "image = \"images/slide-welcom.png\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "slides.toml", "slide[1].image", c.line_of("slides.toml", "slide-welcom.png"),
                   "image 'images/slide-welcom.png' cannot be read");
}

TEST_CASE("a text file named .png is refused as an image", "[core][content]") {
    ContentCopy c;
    lianxin::test::write_text(c.dir / "images/notes.png", "this is not a picture\n");
    c.replace("slides.toml", "image = \"images/slide-welcome.png\"", "image = \"images/notes.png\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "slides.toml", "slide[1].image", c.line_of("slides.toml", "notes.png"),
                   "image 'images/notes.png' is refused: not a PNG or JPEG file");
    CHECK(load.media.count("images/notes.png") == 0);
}

TEST_CASE("an image path leaving the content folder is refused", "[core][content]") {
    ContentCopy c;
    c.replace("exhibits/futian.toml", "image = \"../images/futian-network.png\"", "image = \"../../etc/passwd\"");
    c.replace("sections.toml", "image = \"images/lessons.png\"", "image = \"/etc/passwd\"");
    auto load = c.load();
    CHECK(load.problems.size() == 2);
    expect_problem(load, "exhibits/futian.toml", "image", c.line_of("exhibits/futian.toml", "etc/passwd"),
                   "'../../etc/passwd' points outside the content folder");
    expect_problem(load, "sections.toml", "section[2].image", c.line_of("sections.toml", "/etc/passwd"),
                   "'/etc/passwd' must be a relative path to an image in the content folder");
    for (auto& [name, m] : load.media) CHECK(name.find("passwd") == std::string::npos);
}

TEST_CASE("an exhibit whose Markdown body file is missing is refused", "[core][content]") {
    ContentCopy c;
    fs::remove(c.dir / "exhibits/futian.en.md");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian.toml", "body.en", c.line_of("exhibits/futian.toml", "body.en"),
                   "Markdown file 'futian.en.md' cannot be read");
}

TEST_CASE("an exhibit without body lines is refused", "[core][content]") {
    ContentCopy c;
    c.replace("exhibits/futian.toml", "body.zh = \"futian.zh.md\"\n", "");
    c.replace("exhibits/futian.toml", "body.en = \"futian.en.md\"\n", "");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    auto* p = find_problem(load, "exhibits/futian.toml", "body");
    REQUIRE(p != nullptr);
    CHECK_THAT(p->message, Catch::Contains("is missing: body.zh and body.en name the Markdown files"));
}

TEST_CASE("an empty Markdown body is refused", "[core][content]") {
    ContentCopy c;
    lianxin::test::write_text(c.dir / "exhibits/futian.zh.md", "  \n\n");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian.zh.md", "", 0, "body is empty");
}

TEST_CASE("an image missing from a Markdown body names the Markdown line", "[core][content]") {
    ContentCopy c;
    c.replace("exhibits/futian.en.md", "(../images/futian-network.png)", "(../images/futian-netwrok.png)");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "exhibits/futian.en.md", "image", c.line_of("exhibits/futian.en.md", "futian-netwrok"),
                   "image '../images/futian-netwrok.png' cannot be read");
}

TEST_CASE("a character above U+FFFF (emoji) in a title is refused", "[core][content]") {
    ContentCopy c;
    c.replace("sections.toml", "title.en = \"Five lessons\"", "title.en = \"Five lessons \xF0\x9F\x99\x82\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "sections.toml", "section[2].title.en", c.line_of("sections.toml", "Five lessons"),
                   "contains U+1F642 '\xF0\x9F\x99\x82' (SLIGHTLY SMILING FACE), which the kiosk cannot draw "
                   "(characters above U+FFFF)");
}

TEST_CASE("a control character in a title is refused", "[core][content]") {
    ContentCopy c;
    c.replace("sections.toml", "title.en = \"Four local models\"", "title.en = \"Four local\\u0007 models\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    expect_problem(load, "sections.toml", "section[1].title.en", c.line_of("sections.toml", "Four local"),
                   "contains U+0007, a control character the kiosk cannot draw");
}

TEST_CASE("a section id used twice is refused", "[core][content]") {
    ContentCopy c;
    c.replace("sections.toml", "id = \"plan\"", "id = \"lessons\"");
    auto load = c.load();
    INFO(all_problems(load));
    expect_problem(load, "sections.toml", "section[3].id", c.line_of("sections.toml", "[[section]]", 3),
                   "'lessons' is used twice");
}

TEST_CASE("an exhibit id used twice is refused, naming both files", "[core][content]") {
    ContentCopy c;
    fs::copy_file(c.dir / "exhibits/futian.toml", c.dir / "exhibits/futian-2.toml");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.problems.size() == 2);
    expect_problem(load, "exhibits/futian-2.toml", "id", c.line_of("exhibits/futian-2.toml", "id = "),
                   "'futian' must match the file name 'futian-2'");
    // The later file (in name order) is the duplicate; the message names the first.
    expect_problem(load, "exhibits/futian.toml", "id", c.line_of("exhibits/futian.toml", "id = "),
                   "'futian' is used twice (also in exhibits/futian-2.toml)");
}

TEST_CASE("a missing hall.toml is reported as a whole-file problem", "[core][content]") {
    ContentCopy c;
    fs::remove(c.dir / "hall.toml");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    auto& p = load.problems[0];
    CHECK(p.file == "hall.toml");
    CHECK(p.line == 0);
    CHECK(p.field.empty());
    CHECK_THAT(p.message, Catch::StartsWith("is missing"));
}

TEST_CASE("a folder that does not exist is reported, not thrown", "[core][content]") {
    TempDir tmp;
    auto load = load_content_sources(tmp.path() / "nowhere");
    REQUIRE(load.problems.size() == 1);
    CHECK_THAT(load.problems[0].message, Catch::Contains("is not a folder of content sources"));
}

TEST_CASE("several problems in several files are all reported", "[core][content]") {
    ContentCopy c;
    c.replace("hall.toml", "id = \"jinjiang-demo\"", "id = \"Bad Id\"");
    c.replace("timeline.toml", "year = 1999", "year = 3000");
    c.replace("slides.toml", "title.en = \"Democracy on your doorstep\"\n", "");
    c.replace("exhibits/futian.toml", "year = 2019", "yaer = 2019");
    c.replace("exhibits/futian.en.md", "(../images/futian-network.png)", "(../images/gone.png)");
    c.replace("figures.toml", "exhibit = \"futian\"", "exhibit = \"nowhere\"");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.problems.size() == 6);
    CHECK(find_problem(load, "hall.toml", "id") != nullptr);
    CHECK(find_problem(load, "timeline.toml", "event[1].year") != nullptr);
    CHECK(find_problem(load, "slides.toml", "slide[1].title.en") != nullptr);
    CHECK(find_problem(load, "exhibits/futian.toml", "yaer") != nullptr);
    CHECK(find_problem(load, "exhibits/futian.en.md", "image") != nullptr);
    CHECK(find_problem(load, "figures.toml", "figure[1].exhibit") != nullptr);
    CHECK_FALSE(load.ok());
}

TEST_CASE("a number too large for a whole number is refused by its kind, never converted", "[core][content]") {
    // A float such as 2e19 (found by fuzz/manifest_fuzz.cpp) would overflow the conversion to an
    // integer that toml++ offers: its kind is judged first.
    ContentCopy c;
    c.replace("timeline.toml", "year = 1999", "year = 2e19");
    expect_only_problem(c.load(), "timeline.toml", "event[1].year", c.line_of("timeline.toml", "year = 2e19"),
                        "must be a whole number");
}
