// Words offered after a handwritten character (core/input/word_suggestions.h): rime-essay as
// Debian installs it, made simplified by OpenCC, most frequent first; and small essays of our own
// for the merging, the limits and the refusals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "core/input/word_suggestions.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using lianxin::test::TempDir;

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("rime-essay offers simplified words that start with a handwritten character, most frequent first",
          "[core][input]") {
    auto words = WordSuggestions::load();
    INFO((words ? std::string() : words.error().detail));
    REQUIRE(words.ok());
    CHECK(words->first_characters() > 3000);
    const auto& ten = words->after("十");
    REQUIRE_FALSE(ten.empty());
    CHECK(ten.front() == "十分");
    CHECK(ten.size() <= 8);
    CHECK(has(ten, "十几"));          // 十幾 in the essay, simplified
    CHECK_FALSE(has(ten, "十幾"));
    CHECK(has(words->after("立"), "立法"));
    CHECK(has(words->after("国"), "国家"));  // 國家 in the essay, listed under the simplified 国
    CHECK(words->after("國").empty());
    for (const auto& w : ten) CHECK(w.rfind("十", 0) == 0);
    CHECK(words->after("x").empty());
    CHECK(words->after("十分").empty());  // one character, not a word
    CHECK(words->after("").empty());
}

TEST_CASE("an essay's traditional and simplified spellings of one word are counted together, and the list is capped",
          "[core][input]") {
    TempDir tmp;
    auto essay = tmp / "essay.txt";
    std::ofstream(essay) << "國家\t10\n国家\t5\n国际\t12\n国\t99\n国立大学堂里\t50\n国王\t1\n国旗\t2\n"
                         << "no tab here\n\t7\n国歌\t-3\n";
    auto words = WordSuggestions::load(essay, 2);
    REQUIRE(words.ok());
    // 国家 is 10 + 5 = 15 and so ahead of 国际 (12); single characters and words over four
    // characters are not offered; two per character were asked for.
    CHECK(words->after("国") == std::vector<std::string>{"国家", "国际"});
}

TEST_CASE("a missing essay names its package, and one with no words is refused", "[core][input]") {
    TempDir tmp;
    auto missing = WordSuggestions::load(tmp / "none.txt");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::io);
    CHECK_THAT(missing.error().detail, Catch::Contains("rime-essay"));
    auto empty = tmp / "empty.txt";
    std::ofstream(empty) << "一\t5\n";
    auto none = WordSuggestions::load(empty);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::invalid_input);
}

TEST_CASE("a reading asked to stop ends with cancelled and offers nothing", "[core][input]") {
    // The kiosk sets the flag on its way out so that exit never waits for the whole file.
    std::atomic<bool> stop{true};
    auto stopped = WordSuggestions::load(kRimeEssayPath, 8, &stop);
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().code == ErrorCode::cancelled);
    stop = false;
    CHECK(WordSuggestions::load(kRimeEssayPath, 8, &stop).ok());
}
