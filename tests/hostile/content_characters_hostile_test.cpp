// Characters the kiosk cannot show, in every place content text comes from (TOML strings, multi-
// line strings, question lists, figures, Markdown bodies): scripts its font lacks, emoji, invisible
// and bidirectional controls, private-use code points and bytes that are not UTF-8. Each is refused
// by content check naming file, field, line and the character; the real lianxin-admin prints it.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/content_copy.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// Puts `text` into the English title of the first section (sections.toml) and checks the one
// problem reported there.
void expect_title_refused(const std::string& text, const std::string& message_part) {
    ContentCopy c;
    c.replace("sections.toml", "title.en = \"Four local models\"", "title.en = \"Four local models " + text + "\"");
    auto load = c.load();
    INFO("title: " << text);
    expect_only_problem(load, "sections.toml", "section[1].title.en", c.line_of("sections.toml", "Four local models"),
                        message_part);
}

}  // namespace

TEST_CASE("Uyghur, Tibetan and emoji in a title are refused, naming the character", "[hostile][text]") {
    expect_title_refused("ئۇيغۇرچە", "contains U+0626 'ئ' (ARABIC LETTER YEH WITH HAMZA ABOVE), a right-to-left letter");
    expect_title_refused("བོད་ཡིག", "contains U+0F56 'བ' (TIBETAN LETTER BA), which the kiosk's font cannot draw (and 6 other");
    expect_title_refused("\xE2\x9C\x85", "contains U+2705 '\xE2\x9C\x85' (WHITE HEAVY CHECK MARK), which the kiosk's font cannot draw");
    expect_title_refused("\xF0\x9F\x99\x82", "contains U+1F642 '\xF0\x9F\x99\x82' (SLIGHTLY SMILING FACE), which the kiosk cannot "
                                             "draw (characters above U+FFFF)");
    expect_title_refused("\xF0\xA0\x80\x80", "contains U+20000");  // CJK Extension B: above the 16-bit atlas too
}

TEST_CASE("invisible, bidirectional and control characters are refused, named but never printed", "[hostile][text]") {
    const std::pair<const char*, const char*> cases[] = {
        {"\\u200B", "contains U+200B (ZERO WIDTH SPACE), an invisible formatting character"},
        {"\\u200F", "contains U+200F (RIGHT-TO-LEFT MARK), an invisible formatting character"},
        {"\\u202E", "contains U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible formatting character"},
        {"\\u2066", "contains U+2066 (LEFT-TO-RIGHT ISOLATE)"},
        {"\\u00AD", "contains U+00AD (SOFT HYPHEN)"},
        {"\\uFEFF", "contains U+FEFF (ZERO WIDTH NO-BREAK SPACE)"},
        {"\\u2028", "contains U+2028 (LINE SEPARATOR)"},
        {"\\u0007", "contains U+0007, a control character"},
        {"\\u0085", "contains U+0085, a control character"},
        {"\\u007F", "contains U+007F, a control character"},
        {"\\uE000", "contains U+E000, a private-use or unassigned code point"},
        {"\\uFDD0", "contains U+FDD0, a private-use or unassigned code point"},
        {"\\u05D0", "contains U+05D0 '\xD7\x90' (HEBREW LETTER ALEF), a right-to-left letter"},
    };
    for (auto [escape, message] : cases) expect_title_refused(escape, message);
    // Written raw rather than escaped, the right-to-left mark is still found, on its own line.
    expect_title_refused("\xE2\x80\x8F", "contains U+200F (RIGHT-TO-LEFT MARK)");
    // The message never carries the invisible character itself.
    ContentCopy c;
    c.replace("sections.toml", "title.en = \"Four local models\"", "title.en = \"Four local \\u202Emodels\"");
    auto load = c.load();
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].message.find("\xE2\x80\xAE") == std::string::npos);
}

TEST_CASE("bytes that are not UTF-8 and surrogates are refused in TOML and Markdown", "[hostile][text]") {
    SECTION("a raw 0xFF byte in a TOML string is a syntax error on its line") {
        ContentCopy c;
        c.replace("sections.toml", "title.en = \"Four local models\"", "title.en = \"Four local \xFF models\"");
        auto load = c.load();  // (the exhibits then name a section that is not there)
        expect_problem(load, "sections.toml", "", c.line_of("sections.toml", "Four local"), "TOML syntax");
    }
    SECTION("an escaped lone surrogate in TOML") {
        ContentCopy c;
        c.replace("sections.toml", "title.en = \"Four local models\"", "title.en = \"Four local \\uD800 models\"");
        auto load = c.load();  // (the exhibits then name a section that is not there)
        expect_problem(load, "sections.toml", "", c.line_of("sections.toml", "Four local"), "TOML syntax");
    }
    SECTION("a 0xFF byte in Markdown names the file and line") {
        ContentCopy c;
        c.replace("exhibits/futian.en.md", "## ", "## \xFF");
        auto load = c.load();
        expect_only_problem(load, "exhibits/futian.en.md", "body.en", c.line_of("exhibits/futian.en.md", "## "),
                            "is not valid UTF-8 (byte 0xFF)");
    }
    SECTION("a surrogate encoded as UTF-8 (CESU-8) in Markdown") {
        ContentCopy c;
        c.replace("exhibits/futian.en.md", "## ", "## \xED\xA0\x80\xED\xB0\x80");
        auto load = c.load();
        expect_only_problem(load, "exhibits/futian.en.md", "body.en", c.line_of("exhibits/futian.en.md", "## "),
                            "is not valid UTF-8 (byte 0xED)");
    }
}

TEST_CASE("a character the font lacks is found on its own line of a multi-line string or Markdown body", "[hostile][text]") {
    SECTION("the second line of a multi-line article text") {
        ContentCopy c;
        c.replace("consultations/property-rules.toml", "本区行政区域内住宅小区", "本区ཀ行政区域内住宅小区");
        auto load = c.load();
        expect_only_problem(load, "consultations/property-rules.toml", "article[1].text.zh",
                            c.line_of("consultations/property-rules.toml", "本区ཀ"),
                            "contains U+0F40 'ཀ' (TIBETAN LETTER KA), which the kiosk's font cannot draw");
    }
    SECTION("a line deep in a Markdown body") {
        ContentCopy c;
        c.replace("exhibits/futian.zh.md", "有稳定的工作队伍", "有稳定的工作队伍ئ");
        auto load = c.load();
        expect_only_problem(load, "exhibits/futian.zh.md", "body.zh", c.line_of("exhibits/futian.zh.md", "工作队伍ئ"),
                            "contains U+0626 'ئ'");
    }
    SECTION("a figure's value") {
        ContentCopy c;
        c.replace("figures.toml", "value = \"", "value = \"\\u200B");
        auto load = c.load();
        expect_problem(load, "figures.toml", "figure[1].value", c.line_of("figures.toml", "value = "), "contains U+200B");
    }
}

TEST_CASE("a Markdown body saved with a byte-order mark is read without it", "[hostile][text]") {
    ContentCopy c;
    write_text(c.dir / "exhibits/futian.en.md", "\xEF\xBB\xBF" + read_text(c.dir / "exhibits/futian.en.md"));
    auto load = c.load();
    INFO(all_problems(load));
    REQUIRE(load.ok());
    auto* futian = load.content.find_exhibit("futian");
    REQUIRE(futian != nullptr);
    CHECK(futian->body.en.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
}

TEST_CASE("lianxin-admin content check prints the character, its file, field and line", "[hostile][text][admin]") {
    ContentCopy c;
    c.replace("sections.toml", "title.en = \"Four local models\"", "title.en = \"Four local models བོད\"");
    auto r = run_command(shell_quoted(LIANXIN_ADMIN) + " content check " + shell_quoted(c.dir.string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("sections.toml:" + std::to_string(c.line_of("sections.toml", "Four local models")) +
                                         ": section[1].title.en: contains U+0F56 'བ' (TIBETAN LETTER BA), which the "
                                         "kiosk's font cannot draw (and 2 other characters it cannot show)"));
    CHECK_THAT(r.output, Catch::Contains("1 problem"));
}
