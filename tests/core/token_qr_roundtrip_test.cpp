// The whole way a passport or certificate travels: sign → token URL → QR code → PNG (bare at the
// kiosk's module sizes, and on every card format) → read back by the real zbarimg → verified.
// Also: certificates are issued so their URL fits QR version 10 (11 when the token's fixed part leaves
// no room in 10), or refused when it cannot.
#include <catch2/catch.hpp>

#include <string>

#include "core/cards/card_renderer.h"
#include "core/tokens/qr_code.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "tests/support/qr_decode.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

struct Issued {
    std::string url;
    SecretKey key;
    bool passport;
};

Issued issue(bool passport, const std::string& public_url) {
    SecretKey key = generate_key();
    if (passport) {
        PassportClaims c{new_passport_id(), new_short_code("JJ1"), {2026, 11, 29}};
        auto t = issue_passport_token(c, key);
        REQUIRE(t.ok());
        return {passport_url(public_url, *t), key, true};
    }
    CertificateClaims c;
    c.serial = new_certificate_serial();
    c.passport = passport_ref_of(new_passport_id());
    c.consultation_id = "property-rules-2026";  // 19 bytes, near the 20-byte limit
    c.article = 12;
    c.adoption = Adoption::partly_adopted;
    c.decided = {2027, 3, 1};
    auto t = issue_certificate_for_url(c, key, public_url);
    REQUIRE(t.ok());
    return {certificate_url(public_url, *t), key, false};
}

void expect_verifies(const std::string& read, const Issued& i) {
    INFO("read back: " << read);
    CHECK(read == i.url);
    auto v = verify_token(read, {i.key.pub});
    REQUIRE(v.ok());
    CHECK((v->kind == VerifiedToken::Kind::passport) == i.passport);
}

}  // namespace

TEST_CASE("passport and certificate QR codes read back from PNGs and verify, at every kiosk size", "[tokens][qr]") {
    auto passport = GENERATE(true, false);
    auto public_url = GENERATE(std::string("http://localhost:8470"), std::string("https://lianxin.jinjiang.example.gov.cn"));
    INFO((passport ? "passport" : "certificate") << " on " << public_url);
    TempDir tmp;
    auto issued = issue(passport, public_url);
    auto qr = encode_qr(issued.url);
    REQUIRE(qr.ok());
    CHECK(qr->version <= kQrMaxVersion);
    for (int px : {4, 6, 8, 10}) {
        INFO(px << " px a module");
        auto png = tmp / ("qr-" + std::to_string(px) + ".png");
        REQUIRE(write_gray_png(png, render_qr(*qr, px)).ok());
        auto d = zbar_decode(png);
        REQUIRE(d.ok);
        expect_verifies(d.text, issued);
    }
}

TEST_CASE("the QR code on every card format reads back and verifies", "[tokens][cards]") {
    auto passport = GENERATE(true, false);
    auto format = GENERATE(CardFormat::screen, CardFormat::a6, CardFormat::receipt);
    INFO((passport ? "passport" : "certificate") << " card, " << card_format_name(format));
    TempDir tmp;
    auto issued = issue(passport, "https://lianxin.example.org");
    CardContent card;
    card.kind = passport ? CardContent::Kind::passport : CardContent::Kind::certificate;
    card.heading_zh = passport ? "参与护照" : "意见采纳证书";
    card.heading_en = passport ? "Participation Passport" : "Certificate of Adoption";
    card.hall_zh = "锦江区全过程人民民主基层实践基地";
    card.hall_en = "Jinjiang Grassroots Practice Base for Whole-Process People's Democracy";
    card.lines = {"2026年11月29日发放 · Issued 29 November 2026"};
    card.code = "JJ1-D535-E0WN";
    card.qr_text = issued.url;
    auto image = render_card(card, format);
    REQUIRE(image.ok());
    auto png = tmp / "card.png";
    REQUIRE(write_card_png(png, *image).ok());
    auto d = zbar_decode(png);
    REQUIRE(d.ok);
    expect_verifies(d.text, issued);
}

TEST_CASE("a certificate's serial is redrawn until its URL fits version 10, a far too long public URL is refused",
          "[tokens][qr]") {
    SecretKey key = generate_key();
    CertificateClaims c;
    c.serial = new_certificate_serial();
    c.passport = passport_ref_of(new_passport_id());
    c.consultation_id = std::string(kMaxConsultationIdBytes, 'a');
    c.article = 1;
    c.decided = {2027, 1, 1};
    // 40 characters: the documented limit for public URLs.
    std::string url40 = "https://lianxin.jinjiang-district.gov.cn";
    REQUIRE(url40.size() == 40);
    for (int i = 0; i < 20; ++i) {
        auto t = issue_certificate_for_url(c, key, url40);
        INFO((t ? std::string() : t.error().detail));
        REQUIRE(t.ok());
        CHECK(encode_qr(certificate_url(url40, *t)).ok());
        auto v = verify_token(*t, {key.pub});
        REQUIRE(v.ok());
        CHECK(v->certificate->serial == c.serial);  // the serial it settled on is reported back
        c.serial = new_certificate_serial();
    }
    auto too_long = issue_certificate_for_url(c, key, "https://" + std::string(100, 'x') + ".example.org");
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().code == ErrorCode::too_large);
    CHECK_THAT(too_long.error().detail, Catch::Contains("at most 40 characters"));
}

TEST_CASE("a certificate whose passport ref alone leaves no room in version 10 is issued in version 11 and scans",
          "[tokens][qr]") {
    // The ref sits at bytes 12–19 of the claims, four whole Base45 groups. 0x06D2 = 1746 =
    // 36 + 45 × 38 encodes as ' ', '%', '0': two escapes a group, eight in all, 16 characters that
    // no serial can take back. At a 40-character public URL version 10 needs at most 4 escapes, so
    // before version 11 was allowed this passport could never have had a certificate.
    SecretKey key = generate_key();
    CertificateClaims c;
    c.serial = new_certificate_serial();
    for (std::size_t i = 0; i < c.passport.size(); i += 2) {
        c.passport[i] = 0x06;
        c.passport[i + 1] = 0xD2;
    }
    c.consultation_id = std::string(kMaxConsultationIdBytes, 'a');
    c.article = 1;
    c.decided = {2027, 1, 1};
    std::string url40 = "https://lianxin.jinjiang-district.gov.cn";
    REQUIRE(url40.size() == kMaxPublicUrlChars);
    auto t = issue_certificate_for_url(c, key, url40);
    INFO((t ? std::string() : t.error().detail));
    REQUIRE(t.ok());
    std::string url = certificate_url(url40, *t);
    CHECK(url.find("%20%25") != std::string::npos);
    CHECK_FALSE(encode_qr(url, kQrPreferredVersion).ok());
    auto qr = encode_qr(url);
    REQUIRE(qr.ok());
    CHECK(qr->version == kQrMaxVersion);
    auto v = verify_token(*t, {key.pub});
    REQUIRE(v.ok());
    CHECK(v->certificate->passport == c.passport);
    // And a phone reads it: drawn at the kiosk's smallest module size, decoded by zbarimg.
    TempDir tmp;
    auto png = tmp / "certificate-v11.png";
    REQUIRE(write_gray_png(png, render_qr(*qr, 4)).ok());
    auto back = zbar_decode(png);
    CHECK(back.ok);
    CHECK(back.text == url);
}

TEST_CASE("a version-11 certificate prints on every card format and reads back and verifies", "[tokens][cards]") {
    // The card layouts were drawn for version 10 (57 modules); a version-11 code (61) gets fewer
    // pixels a module (5 on the 203-dpi receipt). It must still print and scan.
    auto format = GENERATE(CardFormat::screen, CardFormat::a6, CardFormat::receipt);
    INFO(card_format_name(format));
    SecretKey key = generate_key();
    CertificateClaims c;
    c.serial = new_certificate_serial();
    for (std::size_t i = 0; i < c.passport.size(); i += 2) {
        c.passport[i] = 0x06;  // two escapes a group: no serial gets this one into version 10
        c.passport[i + 1] = 0xD2;
    }
    c.consultation_id = std::string(kMaxConsultationIdBytes, 'a');
    c.article = 1;
    c.decided = {2027, 1, 1};
    std::string url40 = "https://lianxin.jinjiang-district.gov.cn";
    auto t = issue_certificate_for_url(c, key, url40);
    REQUIRE(t.ok());
    Issued issued{certificate_url(url40, *t), key, false};
    CardContent card;
    card.kind = CardContent::Kind::certificate;
    card.heading_zh = "意见采纳证书";
    card.heading_en = "Certificate of Adoption";
    card.hall_zh = "锦江区全过程人民民主基层实践基地";
    card.hall_en = "Jinjiang Grassroots Practice Base for Whole-Process People's Democracy";
    card.lines = {"2027年1月1日采纳 · Adopted 1 January 2027"};
    card.code = "3F9A-07C2-B41E-58D6";
    card.qr_text = issued.url;
    CardLayout layout;
    auto image = render_card(card, format, {}, &layout);
    REQUIRE(image.ok());
    CHECK(layout.qr_version == kQrMaxVersion);
    TempDir tmp;
    auto png = tmp / "card-v11.png";
    REQUIRE(write_card_png(png, *image).ok());
    auto d = zbar_decode(png);
    REQUIRE(d.ok);
    expect_verifies(d.text, issued);
}
