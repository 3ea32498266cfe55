// QR codes (core/tokens/qr_code.h): texts of several lengths up to the version-11 limit at level Q
// are encoded, drawn at the kiosk's module sizes, saved as PNG and read back exactly by zbarimg;
// longer texts are refused with the limit in the message.
#include <catch2/catch.hpp>

#include <string>

#include "core/tokens/qr_code.h"
#include "tests/support/png_probe.h"
#include "tests/support/qr_decode.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using lianxin::test::TempDir;
using lianxin::test::zbar_decode;

namespace {

// A certificate URL as core/tokens/token.h makes them: upper-case scheme and host, "/C/", the
// prefix, then Base45 with its space escaped as %20. Deterministic, `length` characters.
std::string certificate_like_url(std::size_t length) {
    static const std::string kBase45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    std::string s = "HTTPS://LIANXIN.EXAMPLE.ORG/C/LXC1:";
    unsigned x = 20261220;
    while (s.size() < length) {
        x = x * 1103515245u + 12345u;
        char c = kBase45[(x >> 16) % kBase45.size()];
        s += c == ' ' ? std::string("%20") : std::string(1, c);
    }
    s.resize(length);
    return s;
}

}  // namespace

TEST_CASE("the largest upper-case URL that fits version 10 at level Q is 221 characters", "[qr]") {
    auto url210 = certificate_like_url(210);
    REQUIRE(url210.find("%20") != std::string::npos);
    auto fits = encode_qr(url210, kQrPreferredVersion);
    REQUIRE(fits.ok());
    CHECK(fits->version == 10);
    CHECK(fits->size == 57);

    auto limit = encode_qr(certificate_like_url(221), kQrPreferredVersion);
    REQUIRE(limit.ok());
    CHECK(limit->version == 10);
    CHECK(encode_qr(std::string(221, 'A'), kQrPreferredVersion).ok());

    auto over = encode_qr(certificate_like_url(222), kQrPreferredVersion);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().code == ErrorCode::too_large);
    CHECK_THAT(over.error().detail, Catch::Contains("222 characters"));
    CHECK_THAT(over.error().detail, Catch::Contains("version 11"));
    CHECK_THAT(over.error().detail, Catch::Contains("221 characters"));
    CHECK_FALSE(encode_qr(std::string(222, 'A'), kQrPreferredVersion).ok());
    // A lower-case text needs byte mode: 151 bytes at most.
    CHECK(encode_qr(std::string(151, 'a'), kQrPreferredVersion).ok());
    CHECK(encode_qr(std::string(152, 'a'), kQrPreferredVersion).error().code == ErrorCode::too_large);
}

TEST_CASE("by default a text may take version 11 (259 characters at level Q), and no more", "[qr]") {
    auto eleven = encode_qr(certificate_like_url(259));
    REQUIRE(eleven.ok());
    CHECK(eleven->version == 11);
    CHECK(eleven->size == 61);
    auto over = encode_qr(certificate_like_url(260));
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().code == ErrorCode::too_large);
    CHECK_THAT(over.error().detail, Catch::Contains("needs QR version 12"));
    CHECK_THAT(over.error().detail, Catch::Contains("259 characters"));
}

TEST_CASE("a smaller max_version is honoured, and empty text is refused", "[qr]") {
    auto r = encode_qr(certificate_like_url(100), 4);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::too_large);
    CHECK_THAT(r.error().detail, Catch::Contains("version 4"));
    CHECK(encode_qr("", 10).error().code == ErrorCode::invalid_input);
    CHECK(encode_qr(std::string_view("A\0B", 3)).error().code == ErrorCode::invalid_input);
}

TEST_CASE("QR codes at 4, 6, 8 and 10 px a module read back exactly with zbarimg", "[qr]") {
    TempDir tmp;
    const std::string texts[] = {
        "K7Q4MX29ABC",
        "https://lianxin.example.org/p/Mixed-Case?x=1",  // case is kept (byte mode)
        certificate_like_url(60),
        certificate_like_url(140),
        certificate_like_url(210),
        certificate_like_url(221),
        certificate_like_url(259),  // version 11, the most a certificate may take
    };
    for (const auto& text : texts) {
        auto qr = encode_qr(text);
        REQUIRE(qr.ok());
        for (int px : {4, 6, 8, 10}) {
            INFO("text of " << text.size() << " characters, version " << qr->version << ", " << px << " px a module");
            auto img = render_qr(*qr, px);
            CHECK(img.width == (qr->size + 2 * kQrQuietModules) * px);
            CHECK(img.height == img.width);
            // Pure black and white, and a white quiet zone of 4 modules all round.
            bool two_tone = true, quiet_white = true;
            const int q = kQrQuietModules * px;
            for (int y = 0; y < img.height; ++y)
                for (int x = 0; x < img.width; ++x) {
                    auto v = img.pixels[static_cast<std::size_t>(y) * img.width + x];
                    if (v != 0 && v != 255) two_tone = false;
                    bool in_quiet = x < q || y < q || x >= img.width - q || y >= img.height - q;
                    if (in_quiet && v != 255) quiet_white = false;
                }
            CHECK(two_tone);
            CHECK(quiet_white);
            auto png = tmp / ("qr-" + std::to_string(text.size()) + "-" + std::to_string(px) + ".png");
            REQUIRE(write_gray_png(png, img).ok());
            auto back = zbar_decode(png);
            CHECK(back.ok);
            CHECK(back.text == text);
        }
    }
}

TEST_CASE("a QR PNG that cannot be written is an io error", "[qr]") {
    auto qr = encode_qr("LXP1:TEST");
    REQUIRE(qr.ok());
    auto st = write_gray_png("/nonexistent-dir/qr.png", render_qr(*qr, 4));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::io);
    CHECK(write_gray_png("/tmp/never.png", GrayImage{}).error().code == ErrorCode::invalid_input);
}
