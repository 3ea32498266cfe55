// The kiosk's faces as FreeType reads them: which characters they draw, that the rules for
// drawable text hold, and that the kiosk's own UI strings (assets/strings) pass the same check
// content check applies to exhibition text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/i18n/string_table.h"
#include "core/text/kiosk_fonts.h"

using namespace lianxin;

namespace {
const GlyphCoverage& kiosk_coverage() {
    auto& c = GlyphCoverage::kiosk();
    INFO((c.ok() ? std::string() : c.error().detail));
    REQUIRE(c.ok());
    return c.value();
}
}  // namespace

TEST_CASE("the kiosk's faces cover Chinese, English and common punctuation, and not Tibetan or Arabic", "[core][text]") {
    auto& cov = kiosk_coverage();
    CHECK(cov.size() > 40000);  // Noto Sans CJK SC maps most of the BMP's CJK
    for (char32_t c : {U'中', U'A', U'z', U'，', U'“', U'—', U'￥', U'é', U'é', U'Ω'}) {
        INFO(static_cast<unsigned>(c));
        CHECK(cov.has(c));
    }
    for (char32_t c : {U'\u0F40', U'\u0626', U'\u05D0', U'\u2705', U'\u0E01', U'\U0001F642'}) {
        INFO(static_cast<unsigned>(c));
        CHECK_FALSE(cov.has(c));
    }
}

TEST_CASE("a face that cannot be opened is an io error naming the file", "[core][text]") {
    auto r = GlyphCoverage::of_faces({FontFace{"/nonexistent/NotoSansCJK-Regular.ttc", 2}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::io);
    CHECK_THAT(r.error().detail, Catch::Contains("/nonexistent/NotoSansCJK-Regular.ttc"));
    CHECK_THAT(r.error().detail, Catch::Contains("fonts-noto-cjk"));
}

TEST_CASE("find_undrawable reports the first character with its offset and counts the rest", "[core][text]") {
    auto& cov = kiosk_coverage();
    CHECK_FALSE(find_undrawable("立法联系点 Legislative liaison, 2019—2026（试行）", &cov, false));
    CHECK_FALSE(find_undrawable("第一行\n第二行\tTab", &cov, true));
    auto nl = find_undrawable("第一行\n第二行", &cov, false);  // a single-line field
    REQUIRE(nl);
    CHECK(nl->kind == UndrawableKind::control);
    CHECK(nl->byte_offset == 9);

    auto bad = find_undrawable("ab ཀཀཁ", &cov, false);
    REQUIRE(bad);
    CHECK(bad->kind == UndrawableKind::no_glyph);
    CHECK(bad->code_point == 0x0F40);
    CHECK(bad->byte_offset == 3);
    CHECK(bad->distinct_others == 1);
    CHECK(bad->describe() == "contains U+0F40 'ཀ' (TIBETAN LETTER KA), which the kiosk's font cannot draw "
                             "(and 1 other character it cannot show)");
    // Without coverage (faces unreadable, reported elsewhere) only the other rules apply.
    CHECK_FALSE(find_undrawable("ab ཀ", nullptr, false));
    CHECK(find_undrawable("ab \xE2\x80\x8F", nullptr, false)->kind == UndrawableKind::invisible);
}

TEST_CASE("the kiosk's own UI strings pass the content character check", "[core][text][i18n]") {
    auto& cov = kiosk_coverage();
    auto dir = std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets/strings";
    auto table = StringTable::load(dir);
    REQUIRE(table.ok());
    for (auto& key : table->keys())
        for (auto lang : {Lang::zh, Lang::en}) {
            auto& text = table->get(lang, key);
            auto bad = find_undrawable(text, &cov, true);
            INFO(key << " (" << (lang == Lang::zh ? "zh" : "en") << "): " << (bad ? bad->describe() : ""));
            CHECK_FALSE(bad);
        }
}
