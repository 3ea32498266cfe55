// Line breaking (ICU UAX #14 opportunities + greedy fill_lines) with a fake width measure:
// Chinese wraps anywhere but keeps punctuation rules, English wraps at spaces, long words split.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/text/line_breaking.h"
#include "core/text/utf8.h"

using namespace lianxin;

namespace {

// Fake font: ASCII 5 units a code point, everything else (CJK, full-width punctuation) 10.
float fake_width(std::string_view text, std::size_t begin, std::size_t end) {
    float w = 0;
    for (std::size_t i = begin; i < end;) w += utf8::next(text, i) < 0x80 ? 5.0f : 10.0f;
    return w;
}

struct Wrapped {
    std::string text;
    float max_width;
    std::vector<LineSpan> spans;
    std::vector<std::string> lines;
};

Wrapped wrap(const std::string& text, float max_width) {
    Wrapped w{text, max_width, {}, {}};
    std::string_view t = w.text;
    auto measure = [t](std::size_t b, std::size_t e) { return fake_width(t, b, e); };
    w.spans = fill_lines(t, line_break_opportunities(t), max_width, measure);
    for (auto& s : w.spans) w.lines.emplace_back(t.substr(s.begin, s.end - s.begin));
    return w;
}

std::string concatenated(const Wrapped& w) {
    std::string s;
    for (auto& l : w.lines) s += l;
    return s;
}

std::string joined(const Wrapped& w) {
    std::string s;
    for (auto& l : w.lines) s += l + "|";
    return s;
}

// Invariants of every layout: spans in order, inside the text, on code point boundaries,
// measured correctly, and no wider than the line unless a single code point is.
void check_layout(const Wrapped& w) {
    INFO("lines: " << joined(w));
    std::size_t prev_end = 0;
    for (auto& s : w.spans) {
        CHECK(s.begin >= prev_end);
        CHECK(s.begin <= s.end);
        CHECK(s.end <= w.text.size());
        CHECK(utf8::is_valid(std::string_view(w.text).substr(s.begin, s.end - s.begin)));
        CHECK(s.width == fake_width(w.text, s.begin, s.end));
        if (utf8::count_code_points(std::string_view(w.text).substr(s.begin, s.end - s.begin)) > 1)
            CHECK(s.width <= w.max_width);
        prev_end = s.end;
    }
}

// Text with the line structure (spaces and newlines) removed, to compare content.
std::string without_spaces(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\r') out += c;
    return out;
}

bool starts_with_any(const std::string& line, std::initializer_list<const char*> marks) {
    for (auto* m : marks)
        if (line.rfind(m, 0) == 0) return true;
    return false;
}

bool ends_with_any(const std::string& line, std::initializer_list<const char*> marks) {
    for (std::string_view m : marks)
        if (line.size() >= m.size() && line.compare(line.size() - m.size(), m.size(), m) == 0) return true;
    return false;
}

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

TEST_CASE("break opportunities: after spaces in English, between Chinese characters", "[core][text]") {
    auto en = line_break_opportunities("hello big world");
    REQUIRE(en.size() == 3);
    CHECK(en[0].pos == 6);
    CHECK(en[1].pos == 10);
    CHECK(en[2].pos == 15);
    for (auto& b : en) CHECK_FALSE(b.mandatory);

    // 中，文: no break before the comma (it may not start a line).
    auto zh = line_break_opportunities("中，文");
    REQUIRE(zh.size() == 2);
    CHECK(zh[0].pos == 6);
    CHECK(zh[1].pos == 9);

    auto hard = line_break_opportunities("ab\ncd");
    REQUIRE(hard.size() == 2);
    CHECK(hard[0].pos == 3);
    CHECK(hard[0].mandatory);
    CHECK(hard[1].pos == 5);

    auto empty = line_break_opportunities("");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].pos == 0);
}

TEST_CASE("Chinese text wraps to the width, character by character", "[core][text]") {
    std::string text = "全过程人民民主是社会主义民主政治的本质属性是最广泛最真实最管用的民主";  // 34 characters
    auto w = wrap(text, 100);  // 10 characters a line
    check_layout(w);
    REQUIRE(w.lines.size() == 4);
    CHECK(w.lines[0] == "全过程人民民主是社会");
    CHECK(w.lines[1] == "主义民主政治的本质属");
    CHECK(w.lines[2] == "性是最广泛最真实最管");
    CHECK(w.lines[3] == "用的民主");
    CHECK(w.spans[0].width == 100);
    CHECK(w.spans[3].width == 40);

    auto narrow = wrap(text, 35);  // 3 characters a line
    check_layout(narrow);
    CHECK(narrow.lines.size() == 12);
    std::string all;
    for (auto& l : narrow.lines) all += l;
    CHECK(all == text);
}

TEST_CASE("English breaks only at spaces", "[core][text]") {
    auto w = wrap("The quick brown fox jumps over the lazy dog", 100);  // 20 characters a line
    check_layout(w);
    REQUIRE(w.lines.size() == 3);
    CHECK(w.lines[0] == "The quick brown fox");
    CHECK(w.lines[1] == "jumps over the lazy");
    CHECK(w.lines[2] == "dog");
    CHECK(w.spans[0].width == 95);  // the space at the break is not counted

    // At many widths, no line boundary falls inside a word.
    std::string text = "Residents no longer learn about a regulation only once it is passed: they can help "
                       "with research before drafting and comment while it is debated.";
    for (float width = 60; width <= 400; width += 15) {
        auto x = wrap(text, width);
        INFO("width " << width << ": " << joined(x));
        check_layout(x);
        for (auto& s : x.spans) {
            CHECK((s.begin == 0 || !is_word_char(text[s.begin - 1])));
            CHECK((s.end == text.size() || !is_word_char(text[s.end])));
            CHECK_FALSE(x.text[s.begin] == ' ');
        }
        CHECK(without_spaces(concatenated(x)) == without_spaces(text));
    }
}

TEST_CASE("mixed Chinese and English wraps between characters but not inside words", "[core][text]") {
    std::string text = "2023年5月，考察组在Shenzhen学习了legislative liaison points的做法，并带回了经验。";
    for (float width = 60; width <= 300; width += 10) {
        auto w = wrap(text, width);
        INFO("width " << width << ": " << joined(w));
        check_layout(w);
        for (auto& s : w.spans) {
            bool split_word = s.end < text.size() && s.end > 0 && is_word_char(text[s.end - 1]) && is_word_char(text[s.end]);
            CHECK_FALSE(split_word);
        }
        CHECK(without_spaces(concatenated(w)) == without_spaces(text));
    }
    auto w = wrap(text, 120);
    REQUIRE(w.lines.size() >= 2);
    CHECK(w.lines[0] == "2023年5月，考察组在");  // 30 + 90 = 120: "Shenzhen" goes to the next line
    CHECK_THAT(w.lines[1], Catch::StartsWith("Shenzhen"));
}

TEST_CASE("Chinese punctuation never starts a line and opening marks never end one", "[core][text]") {
    // Greedy filling without the rules would start line 2 with "，".
    auto comma = wrap("一二三四五，六七八九十。", 50);
    check_layout(comma);
    REQUIRE(comma.lines.size() >= 2);
    CHECK(comma.lines[0] == "一二三四");
    CHECK(comma.lines[1] == "五，六七八");

    // …and end line 1 with "（".
    auto paren = wrap("一二三四（五六）七八", 50);
    check_layout(paren);
    REQUIRE(paren.lines.size() >= 2);
    CHECK(paren.lines[0] == "一二三四");
    CHECK(paren.lines[1] == "（五六）七");

    std::string text =
        "他说：“我们一起商量。”居民们提出了意见（包括建议、批评），联系点整理后报送「立法机关」；结果如何？"
        "大家都很关心！这就是“家门口的民主”。";
    for (float width = 30; width <= 200; width += 10) {
        auto w = wrap(text, width);
        INFO("width " << width << ": " << joined(w));
        check_layout(w);
        for (std::size_t i = 0; i < w.lines.size(); ++i) {
            INFO("line " << i << ": " << w.lines[i]);
            if (i > 0) CHECK_FALSE(starts_with_any(w.lines[i], {"，", "。", "、", "；", "：", "？", "！", "）", "」", "”"}));
            if (i + 1 < w.lines.size()) CHECK_FALSE(ends_with_any(w.lines[i], {"（", "「", "“"}));
        }
        CHECK(without_spaces(concatenated(w)) == without_spaces(text));
    }
}

TEST_CASE("a newline forces a line break", "[core][text]") {
    auto w = wrap("第一行\n第二行", 1000);
    check_layout(w);
    REQUIRE(w.lines.size() == 2);
    CHECK(w.lines[0] == "第一行");
    CHECK(w.lines[1] == "第二行");

    auto blank = wrap("first\n\nthird", 1000);
    REQUIRE(blank.lines.size() == 3);
    CHECK(blank.lines[0] == "first");
    CHECK(blank.lines[1].empty());
    CHECK(blank.spans[1].width == 0);
    CHECK(blank.lines[2] == "third");

    auto crlf = wrap("one\r\ntwo", 1000);
    REQUIRE(crlf.lines.size() == 2);
    CHECK(crlf.lines[0] == "one");
    CHECK(crlf.lines[1] == "two");

    // A trailing newline leaves no empty last line.
    auto trailing = wrap("only line\n", 1000);
    REQUIRE(trailing.lines.size() == 1);
    CHECK(trailing.lines[0] == "only line");

    // A hard break still wraps what does not fit before it.
    auto both = wrap("one two three four\nfive", 50);
    check_layout(both);
    REQUIRE(both.lines.size() == 3);
    CHECK(both.lines[0] == "one two");
    CHECK(both.lines[1] == "three four");
    CHECK(both.lines[2] == "five");
}

TEST_CASE("a word wider than the line is split between code points and never overflows", "[core][text]") {
    std::string word = "Pneumonoultramicroscopicsilicovolcanoconiosis";  // 45 letters
    auto w = wrap("a " + word + " b", 50);                                  // 10 letters a line
    check_layout(w);
    INFO(joined(w));
    REQUIRE(w.lines.size() == 6);
    CHECK(w.lines[0] == "a");
    CHECK(w.lines[1] == "Pneumonoul");
    for (std::size_t i = 1; i <= 4; ++i) CHECK(w.lines[i].size() == 10);
    CHECK(w.lines[5] == "iosis b");  // the rest of the word shares its line with what follows
    std::string rejoined;
    for (std::size_t i = 1; i <= 4; ++i) rejoined += w.lines[i];
    CHECK(rejoined + "iosis" == word);

    // Two-byte letters split on code points, never inside one.
    std::string umlauts = "ÄÖÜÄÖÜÄÖÜÄÖÜ";  // 12 letters of 10 units
    auto u = wrap(umlauts, 35);
    check_layout(u);
    REQUIRE(u.lines.size() == 4);
    for (auto& l : u.lines) CHECK(l == "ÄÖÜ");

    // A line narrower than one character still makes progress, one character a line.
    auto tiny = wrap("中文字", 3);
    check_layout(tiny);
    REQUIRE(tiny.lines.size() == 3);
    CHECK(tiny.lines[0] == "中");
    CHECK(tiny.lines[2] == "字");
}

TEST_CASE("an empty string is one empty line", "[core][text]") {
    auto w = wrap("", 100);
    REQUIRE(w.spans.size() == 1);
    CHECK(w.spans[0].begin == 0);
    CHECK(w.spans[0].end == 0);
    CHECK(w.spans[0].width == 0);
}
