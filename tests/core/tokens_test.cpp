// Passport and certificate tokens: issue → verify round trips, and refusal of every kind of
// damage — each byte of the binary and each character of the text altered, truncation, wrong
// prefixes and keys, revocation — with the reason docs/tokens.md says each one gets.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/tokens/base45.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"

using namespace lianxin;

namespace {

LocalDate day(const char* s) {
    LocalDate d;
    REQUIRE(parse_local_date(s, d));
    return d;
}

PassportClaims sample_passport() {
    PassportClaims c;
    c.id = new_passport_id();
    c.short_code = new_short_code("K7Q");
    c.issued = day("2026-11-29");
    return c;
}

CertificateClaims sample_certificate(std::string consultation = "shenzhen-rental") {
    CertificateClaims c;
    c.serial = new_certificate_serial();
    c.passport = passport_ref_of(new_passport_id());
    c.consultation_id = std::move(consultation);
    c.article = 12;
    c.adoption = Adoption::partly_adopted;
    c.decided = day("2027-03-15");
    return c;
}

std::vector<std::uint8_t> payload_of(const std::string& token) {
    auto b = base45_decode(std::string_view(token).substr(5));
    REQUIRE(b.ok());
    return *b;
}

std::string token_of(std::string_view prefix, const std::vector<std::uint8_t>& payload) {
    return std::string(prefix) + base45_encode(payload);
}

TokenProblem refusal(const std::string& text, const std::vector<PublicKey>& trusted,
                     const std::set<std::string>& revoked = {}) {
    auto r = verify_token(text, trusted, revoked);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(r.error().detail.empty());
    return r.error().problem;
}

bool consultation_char(std::uint8_t c) {
    return std::isalnum(c) || c == '-' || c == '_';
}

}  // namespace

TEST_CASE("a passport token verifies back to its claims", "[core][tokens]") {
    auto key = generate_key();
    auto claims = sample_passport();
    auto token = issue_passport_token(claims, key);
    REQUIRE(token.ok());
    CHECK_THAT(*token, Catch::StartsWith("LXP1:"));
    CHECK(token->size() == 5 + 140);  // 93 bytes → 46 groups of 3 + 2 characters
    CHECK(looks_like_token(*token));

    auto v = verify_token(*token, {generate_key().pub, key.pub});
    REQUIRE(v.ok());
    CHECK(v->kind == VerifiedToken::Kind::passport);
    CHECK(v->key_id == key.pub.id);
    REQUIRE(v->passport);
    CHECK_FALSE(v->certificate);
    CHECK(v->passport->id == claims.id);
    CHECK(v->passport->short_code == claims.short_code);
    CHECK(v->passport->issued == claims.issued);
}

TEST_CASE("a certificate token verifies back to its claims, at the edges of every range",
          "[core][tokens]") {
    auto key = generate_key();
    for (auto [consultation, article, adoption, decided] :
         {std::tuple{std::string("a"), 0, Adoption::adopted, "2020-01-01"},
          std::tuple{std::string(20, 'Z'), 65535, Adoption::partly_adopted, "2199-06-06"},
          std::tuple{std::string("Draft_2027-09"), 1, Adoption::adopted, "2028-02-29"}}) {
        auto claims = sample_certificate(consultation);
        claims.article = article;
        claims.adoption = adoption;
        claims.decided = day(decided);
        auto token = issue_certificate_token(claims, key);
        REQUIRE(token.ok());
        CHECK_THAT(*token, Catch::StartsWith("LXC1:"));
        auto v = verify_token(*token, {key.pub});
        REQUIRE(v.ok());
        CHECK(v->kind == VerifiedToken::Kind::certificate);
        CHECK(v->key_id == key.pub.id);
        REQUIRE(v->certificate);
        CHECK_FALSE(v->passport);
        auto& c = *v->certificate;
        CHECK(c.serial == claims.serial);
        CHECK(c.passport == claims.passport);
        CHECK(c.consultation_id == claims.consultation_id);
        CHECK(c.article == claims.article);
        CHECK(c.adoption == claims.adoption);
        CHECK(c.decided == claims.decided);
    }
}

TEST_CASE("passport ids, refs and serials", "[core][tokens]") {
    auto id = new_passport_id();
    CHECK(new_passport_id() != id);
    auto text = passport_id_text(id);
    CHECK(text.size() == 32);
    CHECK(text.find_first_not_of("0123456789abcdef") == std::string::npos);
    PassportId back{};
    REQUIRE(parse_passport_id(text, back));
    CHECK(back == id);
    CHECK_FALSE(parse_passport_id(text.substr(1), back));
    CHECK_FALSE(parse_passport_id(text.substr(1) + "g", back));
    // The ref is a keyed hash: stable, different per id, and not a slice of the id.
    CHECK(passport_ref_of(id) == passport_ref_of(id));
    CHECK(passport_ref_of(id) != passport_ref_of(new_passport_id()));
    PassportRef head{};
    std::copy_n(id.begin(), head.size(), head.begin());
    CHECK(passport_ref_of(id) != head);
    // The documented construction: BLAKE2b-64 keyed with "lianxin passport ref".
    PassportRef expected{};
    const std::string k = "lianxin passport ref";
    crypto_generichash(expected.data(), expected.size(), id.data(), id.size(),
                       reinterpret_cast<const unsigned char*>(k.data()), k.size());
    CHECK(passport_ref_of(id) == expected);
    CHECK(serial_text(CertificateSerial{0, 1, 2, 3, 0xab, 0xcd, 0xef, 0xff}) == "00010203abcdefff");
    Adoption a{};
    CHECK((parse_adoption("partly_adopted", a) && a == Adoption::partly_adopted));
    CHECK((parse_adoption("adopted", a) && a == Adoption::adopted));
    CHECK_FALSE(parse_adoption("partly", a));
    CHECK(std::string(adoption_code(Adoption::partly_adopted)) == "partly_adopted");
}

TEST_CASE("altering any bit of a certificate's bytes is refused for the expected reason",
          "[core][tokens]") {
    auto key = generate_key();
    auto claims = sample_certificate();
    auto token = issue_certificate_token(claims, key);
    REQUIRE(token.ok());
    auto payload = payload_of(*token);
    const std::size_t L = claims.consultation_id.size();
    REQUIRE(payload.size() == 26 + L + 64);

    const std::size_t id_at = 21, article_at = 21 + L, adoption_at = 23 + L;
    int refused = 0;
    for (std::size_t pos = 0; pos < payload.size(); ++pos) {
        for (int bit = 0; bit < 8; ++bit) {
            auto altered = payload;
            altered[pos] ^= static_cast<std::uint8_t>(1u << bit);
            auto p = refusal(token_of(kCertificatePrefix, altered), {key.pub});
            ++refused;
            INFO("byte " << pos << " bit " << bit << ": " << token_problem_name(p));
            if (pos < 4) {
                CHECK(p == TokenProblem::unknown_key);
            } else if (pos == 20) {  // the consultation id's length
                CHECK(p == (altered[pos] > L ? TokenProblem::truncated : TokenProblem::malformed));
            } else if (pos >= id_at && pos < article_at) {
                CHECK(p == (consultation_char(altered[pos]) ? TokenProblem::bad_signature
                                                            : TokenProblem::malformed));
            } else if (pos == adoption_at) {
                CHECK(p == TokenProblem::malformed);  // 1 with one bit flipped is never 2
            } else {
                // serial, ref, article, day and signature: any value parses
                CHECK(p == TokenProblem::bad_signature);
            }
        }
    }
    CHECK(refused == static_cast<int>(payload.size()) * 8);
}

TEST_CASE("altering any character of a token's text is refused", "[core][tokens]") {
    auto key = generate_key();
    for (const std::string& token :
         {*issue_certificate_token(sample_certificate(std::string(20, 'q')), key),
          *issue_passport_token(sample_passport(), key)}) {
        for (std::size_t pos = 0; pos < token.size(); ++pos) {
            for (char c : kBase45Alphabet) {
                if (c == token[pos]) continue;
                auto altered = token;
                altered[pos] = c;
                auto p = refusal(altered, {key.pub});
                INFO("position " << pos << " → '" << c << "': " << token_problem_name(p));
                bool kind_swapped = pos == 2 && (c == 'P' || c == 'C');
                if (pos < 5 && !kind_swapped) CHECK(p == TokenProblem::wrong_prefix);
                // With the other kind's prefix the bytes may even parse, but the prefix is
                // signed, so the token still never verifies.
            }
        }
    }
}

TEST_CASE("a token signed by an untrusted key, or by another key under a trusted id, is refused",
          "[core][tokens]") {
    auto trusted = generate_key();
    auto stranger = generate_key();
    auto claims = sample_certificate();
    auto token = issue_certificate_token(claims, stranger);
    REQUIRE(token.ok());
    CHECK(refusal(*token, {trusted.pub}) == TokenProblem::unknown_key);
    CHECK(refusal(*token, {}) == TokenProblem::unknown_key);

    // The stranger signs claims that name the trusted key's id.
    auto payload = payload_of(*token);
    payload.resize(payload.size() - 64);
    unsigned char kid[4];
    REQUIRE(sodium_hex2bin(kid, 4, trusted.pub.id.data(), 8, nullptr, nullptr, nullptr) == 0);
    std::copy_n(kid, 4, payload.begin());
    std::vector<std::uint8_t> message(kCertificatePrefix.begin(), kCertificatePrefix.end());
    message.insert(message.end(), payload.begin(), payload.end());
    std::uint8_t sig[64];
    crypto_sign_detached(sig, nullptr, message.data(), message.size(), stranger.bytes.data());
    payload.insert(payload.end(), sig, sig + 64);
    auto forged = token_of(kCertificatePrefix, payload);
    CHECK(refusal(forged, {trusted.pub}) == TokenProblem::bad_signature);

    // Two trusted keys whose ids share the 4-byte prefix: each is tried.
    PublicKey lookalike = trusted.pub;
    lookalike.bytes = generate_key().pub.bytes;
    lookalike.id = trusted.pub.id.substr(0, 8) + "00000000";
    auto genuine = issue_certificate_token(claims, trusted);
    REQUIRE(genuine.ok());
    auto v = verify_token(*genuine, {lookalike, trusted.pub});
    REQUIRE(v.ok());
    CHECK(v->key_id == trusted.pub.id);
    CHECK(refusal(*genuine, {lookalike}) == TokenProblem::bad_signature);
}

TEST_CASE("truncated tokens are refused as truncated at every length", "[core][tokens]") {
    auto key = generate_key();
    auto cert = issue_certificate_token(sample_certificate(), key);
    auto pass = issue_passport_token(sample_passport(), key);
    REQUIRE(cert.ok());
    REQUIRE(pass.ok());
    for (auto [prefix, token] :
         {std::pair{kCertificatePrefix, *cert}, std::pair{kPassportPrefix, *pass}}) {
        auto payload = payload_of(token);
        for (std::size_t n = 0; n < payload.size(); ++n) {
            std::vector<std::uint8_t> cut(payload.begin(), payload.begin() + static_cast<long>(n));
            auto r = verify_token(token_of(prefix, cut), {key.pub});
            INFO(n << " of " << payload.size() << " bytes");
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().problem == TokenProblem::truncated);
        }
        // Cut text at a group boundary is truncated too; a dangling character is bad Base45.
        std::size_t groups = (token.size() - 5) / 3;
        CHECK(refusal(token.substr(0, 5 + (groups - 1) * 3), {key.pub}) == TokenProblem::truncated);
        auto dangling = token.substr(0, 5 + (groups - 1) * 3 + 1);
        CHECK(refusal(dangling, {key.pub}) == TokenProblem::bad_encoding);
        // And extra bytes after the signature are malformed.
        payload.push_back(0);
        CHECK(refusal(token_of(prefix, payload), {key.pub}) == TokenProblem::malformed);
    }
}

TEST_CASE("wrong prefixes and non-Base45 text are refused with a reason", "[core][tokens]") {
    auto key = generate_key();
    auto token = issue_certificate_token(sample_certificate(), key);
    REQUIRE(token.ok());
    auto body = token->substr(5);
    // Without the prefix's colon: the body must not bring one of its own (':' is a Base45 digit).
    std::string colonless = body;
    while (!colonless.empty() && colonless.front() == ':') colonless.erase(colonless.begin());
    for (std::string text :
         {"LXC2:" + body, "lxc1:" + body, std::string(), std::string("hello world"), "LXQ1:" + body,
          "LXC1" + colonless, "XLXC1:" + body, std::string("K7Q-AMX2-9ABC"),
          std::string("https://lianxin.example.org/about"), std::string(1001, 'A'),
          "LXC1:" + body + std::string(1000, '0')}) {
        INFO(text);
        CHECK(refusal(text, {key.pub}) == TokenProblem::wrong_prefix);
    }
    auto v2 = verify_token("LXC2:" + body, {key.pub});
    CHECK_THAT(v2.error().detail, Catch::Contains("version 2"));
    auto lower = verify_token("lxc1:" + body, {key.pub});
    CHECK_THAT(lower.error().detail, Catch::Contains("upper case"));
    auto long_text = verify_token(std::string(1001, 'A'), {key.pub});
    CHECK_THAT(long_text.error().detail, Catch::Contains("too long"));

    auto bad = [&](std::string text) {
        auto r = verify_token(text, {key.pub});
        INFO(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().problem == TokenProblem::bad_encoding);
        return r.error().detail;
    };
    CHECK_THAT(bad("LXC1:" + body.substr(0, 30) + "a" + body.substr(31)),
               Catch::Contains("position 31"));
    bad("LXC1:" + body.substr(0, 30) + "#" + body.substr(31));
    bad("LXC1:GGW" + body.substr(3));
    bad("LXC1:" + body.substr(0, 30) + "\xE4\xB8\xAD" + body.substr(33));
    // A broken escape that is not a valid token read literally either (158 + 2 characters
    // leave a dangling one; a final '%' is worth more than a group of Base45 can hold).
    REQUIRE(body.size() == 158);
    CHECK_THAT(bad("https://x.org/C/LXC1:" + body + "%G"), Catch::Contains("percent escape"));
    CHECK_THAT(bad("https://x.org/C/LXC1:" + body + "%"), Catch::Contains("percent escape"));
}

TEST_CASE("a revoked certificate is refused only once it is otherwise valid", "[core][tokens]") {
    auto key = generate_key();
    auto claims = sample_certificate();
    auto token = issue_certificate_token(claims, key);
    REQUIRE(token.ok());
    std::set<std::string> revoked{serial_text(claims.serial), "0000000000000000"};
    CHECK(refusal(*token, {key.pub}, revoked) == TokenProblem::revoked);
    CHECK(verify_token(*token, {key.pub}, {"0000000000000000"}).ok());
    // An unknown key is reported first: the revocation list only speaks for genuine tokens.
    CHECK(refusal(*token, {generate_key().pub}, revoked) == TokenProblem::unknown_key);
}

TEST_CASE("tokens in URLs verify in every case and escaping a scanner may produce",
          "[core][tokens]") {
    auto key = generate_key();
    // Draw certificates until one holds both characters that need escaping.
    std::string token;
    for (int i = 0;
         i < 500 && (token.find(' ') == std::string::npos || token.find('%') == std::string::npos);
         ++i)
        token = *issue_certificate_token(sample_certificate(), key);
    REQUIRE(token.find(' ') != std::string::npos);
    REQUIRE(token.find('%') != std::string::npos);

    auto url = certificate_url("https://lianxin.example.org/", token);
    CHECK_THAT(url, Catch::StartsWith("HTTPS://LIANXIN.EXAMPLE.ORG/C/LXC1:"));
    CHECK(url.find(' ') == std::string::npos);
    CHECK(url.find("%20") != std::string::npos);
    CHECK(url.find("%25") != std::string::npos);
    for (char c : url)
        CHECK(kBase45Alphabet.find(c) != std::string_view::npos);  // all QR alphanumeric
    CHECK(looks_like_token(url));
    CHECK(certificate_url("https://lianxin.example.org", token) == url);
    CHECK_THAT(certificate_url("https://Lianxin.Example.org/hub", token),
               Catch::StartsWith("HTTPS://LIANXIN.EXAMPLE.ORG/hub/C/LXC1:"));

    std::string lower_host = "https://lianxin.example.org/c/" + url.substr(url.find("/C/") + 3);
    std::string unescaped = "https://lianxin.example.org/C/" + token;
    std::string escaped_more = url;  // a phone may escape more than needed, e.g. ':' and '+'
    for (auto [from, to] : {std::pair{":", "%3A"}, std::pair{"+", "%2B"}, std::pair{"$", "%24"}}) {
        for (auto at = escaped_more.find(from, escaped_more.find("/C/")); at != std::string::npos;
             at = escaped_more.find(from, at + 3))
            escaped_more.replace(at, 1, to);
    }
    for (const auto& form : {url, lower_host, unescaped, escaped_more, url + "\r\n",
                             "hTTps://LIANXIN.example.ORG/hub/C/" + token}) {
        INFO(form);
        auto v = verify_token(form, {key.pub});
        REQUIRE(v.ok());
        CHECK(v->kind == VerifiedToken::Kind::certificate);
    }
    // '+' in a path is a plus, not a space.
    auto pass = *issue_passport_token(sample_passport(), key);
    auto purl = passport_url("http://kiosk.local", pass);
    CHECK_THAT(purl, Catch::StartsWith("HTTP://KIOSK.LOCAL/P/LXP1:"));
    CHECK(verify_token(purl, {key.pub}).ok());
    CHECK(looks_like_token(purl));
    // A passport under /C/ is not what the URL says it is.
    CHECK(refusal("https://x.org/C/" + pass, {key.pub}) == TokenProblem::wrong_prefix);
    auto wrong_path = purl;
    wrong_path.replace(wrong_path.find("/P/"), 3, "/C/");
    CHECK(refusal(wrong_path, {key.pub}) == TokenProblem::wrong_prefix);
}

TEST_CASE("looks_like_token tells scanned codes from typing", "[core][tokens]") {
    CHECK(looks_like_token("LXP1:ABC"));
    CHECK(looks_like_token("LXC1:"));
    CHECK(looks_like_token("LXC2:whatever"));  // a newer version: still a token, refused by name
    CHECK(looks_like_token("https://lianxin.example.org/p/LXP1:AB\n"));
    CHECK(looks_like_token("HTTPS://X/C/LXC1:%20"));
    CHECK_FALSE(looks_like_token("lxp1:ABC"));
    CHECK_FALSE(looks_like_token("K7Q-AMX2-9ABC"));
    CHECK_FALSE(looks_like_token("LXP:"));
    CHECK_FALSE(looks_like_token("https://lianxin.example.org/P/"));
    CHECK_FALSE(looks_like_token(""));
    CHECK_FALSE(looks_like_token("/C/"));
}

TEST_CASE("claims out of range are refused at issue", "[core][tokens]") {
    auto key = generate_key();
    auto refused = [&](const CertificateClaims& c, const char* says) {
        auto r = issue_certificate_token(c, key);
        INFO(says);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK_THAT(r.error().detail, Catch::Contains(says));
    };
    auto c = sample_certificate();
    c.article = 70000;
    refused(c, "article 70000");
    c.article = -1;
    refused(c, "article -1");
    c = sample_certificate(std::string(21, 'a'));
    refused(c, "21 bytes");
    c = sample_certificate("has space");
    refused(c, "consultation id 'has space'");
    c = sample_certificate("");
    refused(c, "consultation id ''");
    c = sample_certificate("\xE4\xB8\xAD");
    refused(c, "ASCII letters");
    c = sample_certificate();
    c.decided = day("2019-12-31");
    refused(c, "2019-12-31 is outside 2020-01-01");
    c.decided = day("2199-06-07");
    refused(c, "outside 2020-01-01 … 2199-06-06");
    c.decided = LocalDate{2027, 2, 30};
    refused(c, "not a real day");
    c = sample_certificate();
    c.adoption = static_cast<Adoption>(3);
    refused(c, "adoption");

    auto p = sample_passport();
    p.short_code = "K7Q-AMX2-9ABC";
    REQUIRE_FALSE(issue_passport_token(p, key).ok());
    p = sample_passport();
    p.short_code[4] = p.short_code[4] == '0' ? '1' : '0';  // a bad check character
    REQUIRE_FALSE(issue_passport_token(p, key).ok());
    p = sample_passport();
    p.issued = day("2019-06-01");
    auto r = issue_passport_token(p, key);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().detail, Catch::Contains("issue date 2019-06-01"));

    auto broken_key = key;
    broken_key.pub = generate_key().pub;
    REQUIRE_FALSE(issue_passport_token(sample_passport(), broken_key).ok());
}

TEST_CASE("verify survives arbitrary bytes", "[core][tokens]") {
    auto key = generate_key();
    auto token = *issue_certificate_token(sample_certificate(), key);
    // Random text after a valid prefix, and random bytes of every length, never crash or pass.
    for (int i = 0; i < 3000; ++i) {
        std::string junk(randombytes_uniform(260), '\0');
        randombytes_buf(junk.data(), junk.size());
        if (i % 2) {
            for (auto& ch : junk) ch = kBase45Alphabet[static_cast<unsigned char>(ch) % 45];
            junk = (i % 4 == 1 ? "LXC1:" : "LXP1:") + junk;
        }
        CHECK_FALSE(verify_token(junk, {key.pub}).ok());
        (void)looks_like_token(junk);
    }
    CHECK(verify_token(token, {key.pub}).ok());
}
