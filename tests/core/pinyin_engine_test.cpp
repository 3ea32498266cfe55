// PinyinEngine through the real librime against build/demo/rime (deployed by the build): typing,
// candidates, paging, commits, ignored keys, the undeployed-folder error, and deployment itself.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string_view>

#include "core/input/pinyin_engine.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using Key = PinyinEngine::Key;
namespace fs = std::filesystem;

namespace {

fs::path demo_rime_dir() { return test::demo_dir() / "rime"; }

std::unique_ptr<PinyinEngine> open_demo() {
    auto r = PinyinEngine::open({kRimeSharedDataDir, demo_rime_dir()});
    INFO((r ? std::string() : r.error().detail));
    REQUIRE(r.ok());
    return std::move(*r);
}

void type_all(PinyinEngine& e, std::string_view letters) {
    for (char c : letters) e.type(c);
}

std::vector<std::string> texts(const PinyinState& s) {
    std::vector<std::string> out;
    for (const auto& c : s.candidates) out.push_back(c.text);
    return out;
}

}  // namespace

TEST_CASE("typing l i f a offers 立法 first on a page of five", "[core][pinyin]") {
    auto e = open_demo();
    CHECK_FALSE(e->state().composing());
    type_all(*e, "lifa");
    const auto& s = e->state();
    CHECK(s.preedit == "li fa");
    REQUIRE(s.candidates.size() == std::size_t(kPinyinPageSize));
    CHECK(s.candidates[0].text == "立法");
    CHECK(s.page == 0);
    CHECK_FALSE(s.last_page);
    CHECK(s.highlighted == 0);
    CHECK(e->take_commit().empty());
}

TEST_CASE("typing zhongguo offers 中国 first", "[core][pinyin]") {
    auto e = open_demo();
    type_all(*e, "zhongguo");
    CHECK(e->state().preedit == "zhong guo");
    REQUIRE_FALSE(e->state().candidates.empty());
    CHECK(e->state().candidates[0].text == "中国");
}

TEST_CASE("space commits the first candidate", "[core][pinyin]") {
    auto e = open_demo();
    CHECK_FALSE(e->key(Key::space));  // nothing composed: the text field's own space
    type_all(*e, "lifa");
    CHECK(e->key(Key::space));
    CHECK(e->take_commit() == "立法");
    CHECK(e->take_commit().empty());  // taken once
    CHECK_FALSE(e->state().composing());
    CHECK(e->state().candidates.empty());
}

TEST_CASE("selecting a candidate commits that candidate", "[core][pinyin]") {
    auto e = open_demo();
    type_all(*e, "lifa");
    CHECK_FALSE(e->select(-1));
    CHECK_FALSE(e->select(kPinyinPageSize));
    CHECK(e->take_commit().empty());
    const std::string third = e->state().candidates.at(2).text;
    CHECK(third != "立法");
    CHECK(e->select(2));
    CHECK(e->take_commit() == third);
    CHECK_FALSE(e->state().composing());

    // The kiosk does not learn: the next visitor still gets 立法 first.
    type_all(*e, "lifa");
    CHECK(e->state().candidates.at(0).text == "立法");
    CHECK_FALSE(fs::exists(demo_rime_dir() / "luna_pinyin.userdb"));
}

TEST_CASE("Page_Down shows page 2 with other candidates and Page_Up returns", "[core][pinyin]") {
    auto e = open_demo();
    type_all(*e, "lifa");
    const auto first_page = texts(e->state());
    CHECK(e->key(Key::page_up));  // already on the first page: stays there
    CHECK(e->state().page == 0);
    CHECK(texts(e->state()) == first_page);

    CHECK(e->key(Key::page_down));
    CHECK(e->state().page == 1);
    const auto second_page = texts(e->state());
    REQUIRE_FALSE(second_page.empty());
    for (const auto& t : second_page)
        CHECK(std::find(first_page.begin(), first_page.end(), t) == first_page.end());
    // Paging leaves the letters alone (librime drops the syllable spaces while the highlighted
    // candidate covers only "li").
    std::string letters = e->state().preedit;
    std::erase(letters, ' ');
    CHECK(letters == "lifa");

    CHECK(e->key(Key::page_up));
    CHECK(e->state().page == 0);
    CHECK(texts(e->state()) == first_page);

    // Page 2 holds single characters for "li": picking one keeps "fa" composing, and the
    // commit comes when the whole input is converted.
    CHECK(e->key(Key::page_down));
    CHECK(e->select(0));
    CHECK(e->take_commit().empty());
    CHECK(e->state().preedit == second_page[0] + "fa");
    CHECK(e->state().page == 0);
    REQUIRE_FALSE(e->state().candidates.empty());
    const std::string fa = e->state().candidates[0].text;
    CHECK(e->select(0));
    CHECK(e->take_commit() == second_page[0] + fa);
    CHECK_FALSE(e->state().composing());
}

TEST_CASE("BackSpace removes the last letter", "[core][pinyin]") {
    auto e = open_demo();
    CHECK_FALSE(e->key(Key::backspace));  // nothing composed: the text field deletes
    type_all(*e, "lifa");
    CHECK(e->key(Key::backspace));
    CHECK(e->state().preedit == "li f");
    CHECK_FALSE(e->state().candidates.empty());
    type_all(*e, "a");
    CHECK(e->state().candidates.at(0).text == "立法");
    for (int i = 0; i < 4; ++i) CHECK(e->key(Key::backspace));
    CHECK_FALSE(e->state().composing());
    CHECK(e->state().candidates.empty());
    CHECK_FALSE(e->key(Key::backspace));
    CHECK(e->take_commit().empty());

    // After picking a character for "li" alone, BackSpace takes the pick back first.
    type_all(*e, "lifa");
    e->key(Key::page_down);
    const std::string li = e->state().candidates.at(0).text;
    CHECK(e->select(0));
    CHECK(e->state().preedit == li + "fa");
    CHECK(e->key(Key::backspace));
    std::string letters = e->state().preedit;
    std::erase(letters, ' ');
    CHECK(letters == "lifa");
    CHECK(e->take_commit().empty());
}

TEST_CASE("Escape drops the composition without committing", "[core][pinyin]") {
    auto e = open_demo();
    type_all(*e, "lifa");
    CHECK(e->key(Key::escape));
    CHECK_FALSE(e->state().composing());
    CHECK(e->state().candidates.empty());
    CHECK(e->take_commit().empty());
    CHECK_FALSE(e->key(Key::escape));
}

TEST_CASE("Return commits the raw letters", "[core][pinyin]") {
    auto e = open_demo();
    CHECK_FALSE(e->key(Key::enter));  // nothing composed: the form's own submit
    type_all(*e, "lifa");
    CHECK(e->key(Key::enter));
    CHECK(e->take_commit() == "lifa");
    CHECK_FALSE(e->state().composing());
}

TEST_CASE("clear drops the composition and any untaken commit", "[core][pinyin]") {
    auto e = open_demo();
    type_all(*e, "lifa");
    e->key(Key::space);
    type_all(*e, "zhong");
    e->clear();
    CHECK_FALSE(e->state().composing());
    CHECK(e->take_commit().empty());
    type_all(*e, "zhongguo");
    CHECK(e->state().candidates.at(0).text == "中国");
}

TEST_CASE("anything but a-z and keys is ignored", "[core][pinyin]") {
    auto e = open_demo();
    for (char c : std::string("A1 ,.;/\n\t\x7f\x01\xe4'Z")) CHECK_FALSE(e->type(c));
    CHECK_FALSE(e->state().composing());
    CHECK(e->take_commit().empty());

    type_all(*e, "li");
    for (char c : std::string("7.,L-")) CHECK_FALSE(e->type(c));
    type_all(*e, "fa");
    CHECK(e->state().preedit == "li fa");
    CHECK(e->state().candidates.at(0).text == "立法");
    CHECK(e->take_commit().empty());

    // An apostrophe inside a composition separates syllables.
    e->clear();
    type_all(*e, "xi");
    CHECK(e->type('\''));
    type_all(*e, "an");
    CHECK(e->state().preedit == "xi'an");
    CHECK(e->state().candidates.at(0).text == "西安");
}

TEST_CASE("an undeployed folder is refused at once with a typed error", "[core][pinyin]") {
    test::TempDir dir;
    auto start = std::chrono::steady_clock::now();
    auto r = PinyinEngine::open({kRimeSharedDataDir, dir.path()});
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::not_found);
    CHECK_THAT(r.error().detail, Catch::Contains("not deployed") &&
                                     Catch::Contains("lianxin-rime-deploy " + dir.path().string()));
    CHECK(ms < 500);               // a deployment would take seconds
    CHECK(fs::is_empty(dir.path()));  // and nothing was compiled into it

    // A folder that does not exist, and one whose deployment never finished (no stamp).
    auto missing = PinyinEngine::open({kRimeSharedDataDir, dir / "nope"});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
    test::write_text(dir / "build" / "luna_pinyin_simp.schema.yaml", "schema: {}\n");
    test::write_text(dir / "build" / "default.yaml", "schema_list: []\n");
    auto half = PinyinEngine::open({kRimeSharedDataDir, dir.path()});
    REQUIRE_FALSE(half.ok());
    CHECK(half.error().code == ErrorCode::not_found);
    CHECK_THAT(half.error().detail, Catch::Contains(kRimeDeployedStamp));

    // Missing shared data names the package to install.
    auto no_shared = PinyinEngine::open({dir / "no-shared", demo_rime_dir()});
    REQUIRE_FALSE(no_shared.ok());
    CHECK(no_shared.error().code == ErrorCode::not_found);
    CHECK_THAT(no_shared.error().detail, Catch::Contains("rime-data-luna-pinyin"));
}

TEST_CASE("only one engine is open per process, and it can be reopened", "[core][pinyin]") {
    auto e = open_demo();
    auto second = PinyinEngine::open({kRimeSharedDataDir, demo_rime_dir()});
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == ErrorCode::invalid_input);
    test::TempDir dir;
    auto deploy = deploy_pinyin_data(kRimeSharedDataDir, dir / "rime");
    REQUIRE_FALSE(deploy.ok());
    CHECK(deploy.error().code == ErrorCode::invalid_input);

    e.reset();
    for (int round = 0; round < 2; ++round) {
        auto again = open_demo();
        type_all(*again, "lifa");
        CHECK(again->state().candidates.at(0).text == "立法");
    }
}

TEST_CASE("deploy_pinyin_data makes a fresh folder usable", "[core][pinyin]") {
    test::TempDir dir;
    const fs::path user = dir / "rime";
    REQUIRE(deploy_pinyin_data(kRimeSharedDataDir, user).ok());
    CHECK(fs::exists(user / "build" / kRimeDeployedStamp));
    CHECK_THAT(test::read_text(user / "default.custom.yaml"), Catch::Contains("page_size: 5"));
    REQUIRE(check_pinyin_deployment(kRimeSharedDataDir, user).ok());

    auto r = PinyinEngine::open({kRimeSharedDataDir, user});
    REQUIRE(r.ok());
    type_all(**r, "lifa");
    CHECK((*r)->state().candidates.at(0).text == "立法");
    r.value().reset();

    // Shared data without the schema: a typed error naming the package, and still undeployed.
    auto bad = deploy_pinyin_data(dir / "no-shared", dir / "other");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::not_found);
    CHECK_THAT(bad.error().detail, Catch::Contains("rime-data-luna-pinyin"));
    CHECK_FALSE(fs::exists(dir / "other" / "build" / kRimeDeployedStamp));
}
