// How labels and texts read in the kiosk's bilingual mode: a short label on one line, a long one
// and every content text a line per language, one language alone when they match or one is empty.
#include <catch2/catch.hpp>

#include "core/i18n/bilingual_text.h"

using namespace lianxin;

TEST_CASE("both languages of a label or a text are joined by one rule", "[i18n][bilingual]") {
    CHECK(both_languages("返回", "Back") == "返回 Back");
    CHECK(both_languages("请核对后提交", "Please check, then submit") == "请核对后提交\nPlease check, then submit");
    CHECK(both_languages("ABC", "ABC") == "ABC");
    CHECK(both_languages("中文", "") == "中文");
    CHECK(both_languages("", "English") == "English");
    // A Chinese label of two lines keeps the English off its last line.
    CHECK(both_languages("第一行\n第二行", "Short") == "第一行\n第二行\nShort");
    CHECK(both_texts("标题", "Title") == "标题\nTitle");
    CHECK(both_texts("同一", "同一") == "同一");
    CHECK(target_name("标题\nTitle") == "标题 Title");
    CHECK(target_name("no break") == "no break");
}
