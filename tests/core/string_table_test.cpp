// UI strings (StringTable) from assets/strings/zh.toml and en.toml: the real files load with
// every key in both languages; a key in only one file, or a broken file, is refused by name.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/i18n/string_table.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::read_text;
using lianxin::test::TempDir;
using lianxin::test::write_text;

namespace {

fs::path real_strings_dir() { return fs::path(LIANXIN_SOURCE_DIR) / "assets" / "strings"; }

// Keys as written at the start of `key = "…"` lines, read without TOML, to cross-check the loader.
std::set<std::string> keys_written_in(const fs::path& file) {
    std::set<std::string> keys;
    std::istringstream in(read_text(file));
    static const std::regex key_line(R"(^([A-Za-z0-9_.-]+)\s*=)");
    std::smatch m;
    for (std::string line; std::getline(in, line);)
        if (std::regex_search(line, m, key_line)) keys.insert(m[1]);
    return keys;
}

std::string error_of(const Result<StringTable>& r) { return r ? std::string("(loaded)") : r.error().detail; }

}  // namespace

TEST_CASE("the real UI strings load and every key has Chinese and English", "[core][i18n]") {
    auto table = StringTable::load(real_strings_dir());
    INFO(error_of(table));
    REQUIRE(table.ok());

    auto zh_keys = keys_written_in(real_strings_dir() / "zh.toml");
    auto en_keys = keys_written_in(real_strings_dir() / "en.toml");
    CHECK(zh_keys == en_keys);
    auto loaded = table->keys();
    CHECK(std::set<std::string>(loaded.begin(), loaded.end()) == zh_keys);
    REQUIRE(loaded.size() > 10);

    for (auto& key : loaded) {
        INFO(key);
        auto& zh = table->get(Lang::zh, key);
        auto& en = table->get(Lang::en, key);
        CHECK_FALSE(zh.empty());
        CHECK_FALSE(en.empty());
        CHECK(zh != key);
        CHECK(en != key);
    }
    CHECK(table->get(Lang::zh, "nav.back") == "返回");
    CHECK(table->get(Lang::en, "nav.back") == "Back");
    CHECK(table->get(Lang::en, "idle.still_there") == "Are you still there?");

    auto all = table->all_text();
    CHECK(all.find("返回") != std::string::npos);
    CHECK(all.find("Back") != std::string::npos);
}

TEST_CASE("a key missing from the table shows as the key itself", "[core][i18n]") {
    auto table = StringTable::load(real_strings_dir());
    REQUIRE(table.ok());
    CHECK(table->get(Lang::zh, "no.such.key") == "no.such.key");
    CHECK(table->get(Lang::en, "other.missing") == "other.missing");
}

TEST_CASE("nested tables flatten to dotted keys", "[core][i18n]") {
    TempDir tmp;
    write_text(tmp / "zh.toml", "top = \"顶\"\n[screen.exhibit]\nnext = \"下一个\"\n");
    write_text(tmp / "en.toml", "top = \"Top\"\nscreen.exhibit.next = \"Next\"\n");
    auto table = StringTable::load(tmp.path());
    INFO(error_of(table));
    REQUIRE(table.ok());
    CHECK(table->keys() == std::vector<std::string>{"screen.exhibit.next", "top"});
    CHECK(table->get(Lang::zh, "screen.exhibit.next") == "下一个");
    CHECK(table->get(Lang::en, "screen.exhibit.next") == "Next");
}

TEST_CASE("a key in only one language file is refused, naming the key and the files", "[core][i18n]") {
    TempDir tmp;
    SECTION("only in zh.toml") {
        write_text(tmp / "zh.toml", "nav.back = \"返回\"\nnav.help = \"帮助\"\n");
        write_text(tmp / "en.toml", "nav.back = \"Back\"\n");
        auto r = StringTable::load(tmp.path());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK(r.error().detail == "UI string 'nav.help' is in zh.toml but not en.toml");
    }
    SECTION("only in en.toml") {
        write_text(tmp / "zh.toml", "nav.back = \"返回\"\n");
        write_text(tmp / "en.toml", "nav.back = \"Back\"\nnav.hlep = \"Help\"\n");
        auto r = StringTable::load(tmp.path());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().detail == "UI string 'nav.hlep' is in en.toml but not zh.toml");
    }
    SECTION("the real files with one key dropped from en.toml") {
        fs::copy(real_strings_dir(), tmp.path(), fs::copy_options::recursive);
        auto en = read_text(tmp / "en.toml");
        auto pos = en.find("nav.home = ");
        REQUIRE(pos != std::string::npos);
        en.erase(pos, en.find('\n', pos) - pos + 1);
        write_text(tmp / "en.toml", en);
        auto r = StringTable::load(tmp.path());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().detail == "UI string 'nav.home' is in zh.toml but not en.toml");
    }
}

TEST_CASE("a broken or missing strings file is refused with its name", "[core][i18n]") {
    TempDir tmp;
    write_text(tmp / "zh.toml", "nav.back = \"返回\"\nnav.home = \"首页\n");
    write_text(tmp / "en.toml", "nav.back = \"Back\"\nnav.home = \"Home\"\n");
    auto syntax = StringTable::load(tmp.path());
    REQUIRE_FALSE(syntax.ok());
    CHECK(syntax.error().code == ErrorCode::invalid_input);
    CHECK_THAT(syntax.error().detail, Catch::StartsWith((tmp / "zh.toml").string() + ":2: "));

    fs::remove(tmp / "en.toml");
    write_text(tmp / "zh.toml", "nav.back = \"返回\"\n");
    auto missing = StringTable::load(tmp.path());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::io);
    CHECK_THAT(missing.error().detail, Catch::StartsWith("UI strings: "));
    CHECK_THAT(missing.error().detail, Catch::Contains("en.toml"));
}

TEST_CASE("format_text fills {} in order", "[core][i18n]") {
    CHECK(format_text("第{}条，共{}条", {"3", "12"}) == "第3条，共12条");
    CHECK(format_text("{} of {}", {"3"}) == "3 of {}");              // too few arguments: visible
    CHECK(format_text("no placeholders", {"x"}) == "no placeholders");  // too many: ignored
    CHECK(format_text("{}{}", {"{}", "a"}) == "{}a");                   // arguments are not re-read
}
