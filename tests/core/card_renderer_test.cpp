// Take-home cards (core/cards/card_renderer.h): every format renders at its size with readable
// text, its QR code read back by zbarimg to the exact text, the receipt in pure black and white;
// over-long QR texts, missing fonts and characters the font lacks are handled.
#include <catch2/catch.hpp>

#include <string>

#include "core/cards/card_renderer.h"
#include "core/tokens/qr_code.h"
#include "tests/support/png_probe.h"
#include "tests/support/qr_decode.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using lianxin::test::TempDir;
using lianxin::test::zbar_decode;

namespace {

const char* kPassportUrl =
    "HTTPS://LIANXIN.EXAMPLE.ORG/P/LXP1:6BF%20T2K8QX:OA4D-7N0$W9FZ2J/E%20J6L8K0VRT6.X5L9MG/N4%20*W7SAX3KD-"
    "N7Y3A+O.CE9$3E1N6DPL%20P:Z*8H3Q1R5JIB$Y4A5TO-QK.WEXS4/2V*9R3Q6M%20FJ0$RMZ5C0FXI6NP/VEO";

CardContent passport() {
    CardContent c;
    c.kind = CardContent::Kind::passport;
    c.heading_zh = "参与护照";
    c.heading_en = "Participation Passport";
    c.hall_zh = "晋江市人大常委会基层立法联系点";
    c.hall_en = "Jinjiang Grassroots Legislative Liaison Point";
    c.code = "K7Q-4MX2-9ABC";
    c.qr_text = kPassportUrl;
    return c;
}

CardContent certificate() {
    CardContent c = passport();
    c.kind = CardContent::Kind::certificate;
    c.heading_zh = "意见采纳证书";
    c.heading_en = "Certificate of Adoption";
    c.lines = {"《住宅小区物业管理条例（草案）》第五条 / Draft Residential Property Rules, Article 5",
               "部分采纳 · 2026年12月20日 / Partly adopted · 20 December 2026"};
    c.code = "3F9A-07C2-B41E-58D6";
    // 221 characters: the longest upper-case URL a version-10 code holds.
    c.qr_text = std::string("HTTPS://LIANXIN.EXAMPLE.ORG/C/LXC1:") + std::string(221 - 35, 'Q');
    c.qr_text.replace(60, 3, "%20");
    return c;
}

bool black_or_white(const RgbImage& img, CardBox b) {
    for (int y = b.y; y < b.y + b.h; ++y)
        for (int x = b.x; x < b.x + b.w; ++x)
            for (int k = 0; k < 3; ++k) {
                auto v = img.pixels[(static_cast<std::size_t>(y) * img.width + x) * 3 + k];
                if (v != 0 && v != 255) return false;
            }
    return true;
}

}  // namespace

TEST_CASE("card formats have names", "[cards]") {
    for (auto f : {CardFormat::screen, CardFormat::a6, CardFormat::receipt}) {
        CardFormat back = CardFormat::screen;
        REQUIRE(parse_card_format(card_format_name(f), back));
        CHECK(back == f);
    }
    CardFormat f;
    CHECK_FALSE(parse_card_format("A4", f));
}

TEST_CASE("every card format renders, at its size, with text and a QR code zbarimg reads", "[cards]") {
    TempDir tmp;
    for (const auto& card : {passport(), certificate()}) {
        for (auto format : {CardFormat::screen, CardFormat::a6, CardFormat::receipt}) {
            INFO(card.heading_en << " as " << card_format_name(format));
            CardLayout layout;
            auto img = render_card(card, format, {}, &layout);
            REQUIRE(img.ok());
            switch (format) {
                case CardFormat::screen: CHECK((img->width == 1200 && img->height == 750)); break;
                case CardFormat::a6: CHECK((img->width == 1240 && img->height == 1748)); break;
                case CardFormat::receipt: CHECK(img->width == 576); CHECK(img->height > 600); break;
            }
            // The QR code: inside the card, whole pixels a module, pure black on white.
            auto qr = encode_qr(card.qr_text);
            REQUIRE(qr.ok());
            CHECK(layout.qr_version == qr->version);
            CHECK(layout.qr.w == (qr->size + 2 * kQrQuietModules) * layout.module_px);
            CHECK(layout.qr.x >= 0);
            CHECK(layout.qr.y >= 0);
            CHECK(layout.qr.x + layout.qr.w <= img->width);
            CHECK(layout.qr.y + layout.qr.h <= img->height);
            CHECK(black_or_white(*img, layout.qr));
            const int symbol = qr->size * layout.module_px;
            const int target = format == CardFormat::a6 ? 590 : format == CardFormat::receipt ? 360 : 420;
            CHECK(symbol <= target);
            CHECK(symbol + qr->size > target);  // one more pixel a module would pass the target

            auto png = tmp / (std::string(card_format_name(format)) + "-" + std::to_string(static_cast<int>(card.kind)) + ".png");
            REQUIRE(write_card_png(png, *img).ok());
            auto back = zbar_decode(png);
            CHECK(back.ok);
            CHECK(back.text == card.qr_text);

            auto probe = lianxin::test::load_png(png.string());
            REQUIRE(probe.ok());
            REQUIRE(layout.heading.w > 0);
            CHECK(probe.ink_fraction(layout.heading.x, layout.heading.y, layout.heading.w, layout.heading.h) > 0.08);
            REQUIRE(layout.code.w > 0);
            CHECK(probe.ink_fraction(layout.code.x, layout.code.y, layout.code.w, layout.code.h) > 0.05);
            if (format == CardFormat::receipt) {
                CHECK(black_or_white(*img, {0, 0, img->width, img->height}));  // a thermal printer has no grey
            } else {
                CHECK(probe.colour_count() > 8);  // the red frame and anti-aliased text
            }
        }
    }
}

TEST_CASE("a card whose QR text is over the version-11 limit is refused", "[cards]") {
    auto card = passport();
    card.qr_text = std::string("HTTPS://LIANXIN.EXAMPLE.ORG/P/LXP1:") + std::string(225, 'Q');  // 260 characters
    auto img = render_card(card, CardFormat::a6);
    REQUIRE_FALSE(img.ok());
    CHECK(img.error().code == ErrorCode::too_large);
    CHECK_THAT(img.error().detail, Catch::Contains("version 11"));
    CHECK_THAT(img.error().detail, Catch::Contains("shorten"));
}

TEST_CASE("a font that cannot be opened is an io error that says what to install", "[cards]") {
    CardFonts fonts;
    fonts.bold = "/nonexistent/NotoSansCJK-Bold.ttc";
    auto img = render_card(passport(), CardFormat::screen, fonts);
    REQUIRE_FALSE(img.ok());
    CHECK(img.error().code == ErrorCode::io);
    CHECK_THAT(img.error().detail, Catch::Contains("/nonexistent/NotoSansCJK-Bold.ttc"));
    CHECK_THAT(img.error().detail, Catch::Contains("fonts-noto-cjk"));
}

TEST_CASE("characters the font lacks draw nothing, long text wraps and is cut with an ellipsis", "[cards]") {
    auto card = passport();
    card.heading_zh = "\U000F0001\U000F0002";  // private use, plane 15: not in any Noto font
    card.heading_en = "";
    card.hall_en = "Emoji \U0001F600 and a private \uE000 character";
    card.lines.assign(40, "一条很长的意见正文，会被自动换行；A long line that wraps at word boundaries and again and again.");
    for (auto format : {CardFormat::screen, CardFormat::a6, CardFormat::receipt}) {
        INFO(card_format_name(format));
        CardLayout layout;
        auto img = render_card(card, format, {}, &layout);
        REQUIRE(img.ok());
        CHECK(layout.heading.w == 0);  // nothing was drawn for the missing characters
        if (format != CardFormat::receipt) CHECK(img->height == (format == CardFormat::screen ? 750 : 1748));
        // The QR code is still whole and clear of the text.
        CHECK(black_or_white(*img, layout.qr));
    }
}

TEST_CASE("a card without hall, lines or code still renders", "[cards]") {
    CardContent bare;
    bare.heading_zh = "参与护照";
    bare.heading_en = "Participation Passport";
    bare.qr_text = "HTTPS://LIANXIN.EXAMPLE.ORG/P/LXP1:ABC";
    TempDir tmp;
    for (auto format : {CardFormat::screen, CardFormat::a6, CardFormat::receipt}) {
        CardLayout layout;
        auto img = render_card(bare, format, {}, &layout);
        REQUIRE(img.ok());
        CHECK(layout.code.w == 0);
        auto png = tmp / "bare.png";
        REQUIRE(write_card_png(png, *img).ok());
        CHECK(zbar_decode(png).text == bare.qr_text);
    }
}
