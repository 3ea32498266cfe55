// UTF-8 helpers (validation, astral detection, decoding, encoding) and the GB2312 character
// set decoded through glibc's iconv.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/text/gb2312.h"
#include "core/text/utf8.h"

using namespace lianxin;

TEST_CASE("utf8::is_valid accepts well-formed text and refuses malformed bytes", "[core][utf8]") {
    CHECK(utf8::is_valid(""));
    CHECK(utf8::is_valid("plain ASCII"));
    CHECK(utf8::is_valid("立法联系点 — “家门口”"));
    CHECK(utf8::is_valid("\xF0\x9F\x98\x80"));          // U+1F600 is valid UTF-8 (refused elsewhere)
    CHECK(utf8::is_valid("\xEF\xBF\xBD"));              // a real U+FFFD is fine
    CHECK(utf8::is_valid("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point

    CHECK_FALSE(utf8::is_valid("\x80"));                // stray continuation byte
    CHECK_FALSE(utf8::is_valid("abc\xC3"));             // cut off at the end
    CHECK_FALSE(utf8::is_valid("\xE4\xB8"));            // 中 missing its last byte
    CHECK_FALSE(utf8::is_valid("\xE4\x41\xAD"));        // continuation replaced by ASCII
    CHECK_FALSE(utf8::is_valid("\xC0\xAF"));            // overlong '/'
    CHECK_FALSE(utf8::is_valid("\xE0\x80\xAF"));        // overlong, three bytes
    CHECK_FALSE(utf8::is_valid("\xED\xA0\x80"));        // UTF-16 surrogate D800
    CHECK_FALSE(utf8::is_valid("\xF4\x90\x80\x80"));    // above U+10FFFF
    CHECK_FALSE(utf8::is_valid("\xFF"));
    CHECK_FALSE(utf8::is_valid("\xFE\xFF"));
    CHECK_FALSE(utf8::is_valid("GB2312 bytes: \xD6\xD0\xCE\xC4"));  // 中文 in GB2312, not UTF-8
}

TEST_CASE("utf8::next decodes code points and skips one byte of garbage", "[core][utf8]") {
    std::string s = "a中\x80\xF0\x9F\x98\x80";
    std::size_t i = 0;
    CHECK(utf8::next(s, i) == U'a');
    CHECK(i == 1);
    CHECK(utf8::next(s, i) == U'中');
    CHECK(i == 4);
    CHECK(utf8::next(s, i) == utf8::kInvalid);
    CHECK(i == 5);
    CHECK(utf8::next(s, i) == U'\U0001F600');
    CHECK(i == s.size());
}

TEST_CASE("utf8::first_astral finds the first character above U+FFFF", "[core][utf8]") {
    CHECK(utf8::first_astral("") == 0);
    CHECK(utf8::first_astral("中文 English ￥") == 0);  // U+FFE5 is still in the BMP
    CHECK(utf8::first_astral("smile \xF0\x9F\x99\x82 and \xF0\x9F\x98\x80") == 0x1F642);
    CHECK(utf8::first_astral("罕见字\xF0\xA0\x80\x80") == 0x20000);  // CJK Extension B
    CHECK(utf8::first_astral("\xF4\x90\x80\x80") == 0);  // malformed, not a code point at all
}

TEST_CASE("utf8::append encodes every length and round trips", "[core][utf8]") {
    std::string s;
    for (char32_t cp : {U'A', U'\u00E9', U'中', U'\uFFFD', U'\U0001F600', U'\U0010FFFF'}) utf8::append(s, cp);
    CHECK(s == "A\xC3\xA9\xE4\xB8\xAD\xEF\xBF\xBD\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF");
    CHECK(utf8::is_valid(s));
    CHECK(utf8::count_code_points(s) == 6);
    CHECK(utf8::count_code_points("中文abc") == 5);
    CHECK(utf8::unique_code_points("banana 香蕉蕉") == std::vector<char32_t>{U' ', U'a', U'b', U'n', U'蕉', U'香'});
}

TEST_CASE("GB2312 has 7445 characters including 中 and 立法", "[core][gb2312]") {
    const auto& all = gb2312_characters();
    REQUIRE(utf8::is_valid(all));
    CHECK(utf8::count_code_points(all) == 7445);  // 6763 hanzi + 682 symbols
    auto unique = utf8::unique_code_points(all);
    CHECK(unique.size() == 7445);
    CHECK(utf8::first_astral(all) == 0);
    auto has = [&](char32_t c) { return std::binary_search(unique.begin(), unique.end(), c); };
    CHECK(has(U'中'));
    CHECK(has(U'立'));
    CHECK(has(U'法'));
    CHECK(has(U'龙'));
    CHECK(has(U'。'));
    CHECK(has(U'\u3000'));   // ideographic space, the first code (A1A1)
    CHECK_FALSE(has(U'龍'));  // traditional form: not in GB2312
    CHECK_FALSE(has(U'A'));   // ASCII is single-byte, not part of the two-byte set
    CHECK(&gb2312_characters() == &all);  // cached
}
