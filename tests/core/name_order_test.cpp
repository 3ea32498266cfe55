// Names in a reader's order (core/i18n/name_order.h): Chinese by pinyin through ICU's collation,
// English by letters with case set aside, ties in the order given.
#include <catch2/catch.hpp>

#include "core/i18n/name_order.h"

using namespace lianxin;

namespace {

std::vector<std::string> ordered(const std::vector<std::string>& names, Lang lang) {
    std::vector<std::string> out;
    for (std::size_t i : name_order(names, lang)) out.push_back(names[i]);
    return out;
}

}  // namespace

TEST_CASE("Chinese names sort by pinyin, not by code point", "[core][i18n]") {
    // Code-point order would give 何 (U+4F55) 张 (U+5F20) 李 (U+674E) 王 (U+738B) 罗 (U+7F57) 陈 (U+9648).
    std::vector<std::string> names = {"张伟", "陈兰", "王德福", "李芳", "何建国", "罗晓梅"};
    CHECK(ordered(names, Lang::zh) == std::vector<std::string>{"陈兰", "何建国", "李芳", "罗晓梅", "王德福", "张伟"});
    // The same family name: by the given name's pinyin (德 de before 红 hong before 小 xiao).
    CHECK(ordered({"王小明", "王红", "王德福"}, Lang::zh) == std::vector<std::string>{"王德福", "王红", "王小明"});
}

TEST_CASE("English names sort by their letters, case aside, ties as given", "[core][i18n]") {
    std::vector<std::string> names = {"Zhang Wei", "chen Lan", "Wang Defu", "Li Fang", "He Jianguo", "Luo Xiaomei"};
    CHECK(ordered(names, Lang::en) ==
          std::vector<std::string>{"chen Lan", "He Jianguo", "Li Fang", "Luo Xiaomei", "Wang Defu", "Zhang Wei"});
    CHECK(name_order({"Li", "li", "Li"}, Lang::en) == std::vector<std::size_t>{0, 1, 2});
    CHECK(name_order({}, Lang::zh).empty());
}
