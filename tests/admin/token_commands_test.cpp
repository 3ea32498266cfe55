// The real lianxin-admin binary: `certificate issue` makes a token or QR URL that `verify`
// accepts, and `verify` refuses untrusted, altered and revoked tokens with exit status 1 and
// the reason, and usage errors with 2.
#include <catch2/catch.hpp>
#include <string>

#include "core/crypto/signing_keys.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using lianxin::test::run_command;
using lianxin::test::RunResult;
using lianxin::test::TempDir;
using lianxin::test::write_text;

namespace {

std::string q(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

RunResult admin(const std::string& args) {
    return run_command(q(LIANXIN_ADMIN) + " " + args);
}

// Just the standard output: `certificate issue` reports the serial on standard error.
RunResult admin_stdout(const std::string& args) {
    return run_command(q(LIANXIN_ADMIN) + " " + args + " 2>/dev/null");
}

std::string first_line(const std::string& s) {
    return s.substr(0, s.find('\n'));
}

const std::string kPassportHex = "00112233445566778899aabbccddeeff";

struct Keys {
    TempDir tmp;
    SecretKey hub = generate_key(), other = generate_key();
    std::string hub_key = (tmp / "hub.key").string(), hub_pub = (tmp / "hub.pub").string();
    std::string other_pub = (tmp / "other.pub").string();
    Keys() {
        REQUIRE(save_key_pair(hub, tmp / "hub").ok());
        REQUIRE(save_key_pair(other, tmp / "other").ok());
    }
    std::string issue(const std::string& extra = "") {
        auto r = admin_stdout(
            "certificate issue --key " + q(hub_key) + " --passport " + kPassportHex +
            " --consultation shenzhen-housing --article 12 --adoption partly_adopted"
            " --date 2027-03-15 " +
            extra);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        return first_line(r.output);
    }
};

}  // namespace

TEST_CASE("certificate issue makes a token that verify accepts, printing its claims",
          "[admin][tokens]") {
    Keys k;
    auto token = k.issue();
    CHECK_THAT(token, Catch::StartsWith("LXC1:"));
    auto r = admin("verify " + q(token) + " --key " + q(k.other_pub) + " --key " + q(k.hub_pub));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::StartsWith("valid\n"));
    CHECK_THAT(r.output, Catch::Contains("kind: certificate\n"));
    CHECK_THAT(r.output, Catch::Contains("key id: " + k.hub.pub.id + "\n"));
    PassportId id{};
    REQUIRE(parse_passport_id(kPassportHex, id));
    auto ref = passport_ref_of(id);
    std::string ref_hex;
    for (unsigned b : ref)
        ref_hex += "0123456789abcdef"[b >> 4], ref_hex += "0123456789abcdef"[b & 15];
    CHECK_THAT(r.output, Catch::Contains("passport ref: " + ref_hex + "\n"));
    CHECK_THAT(r.output, !Catch::Contains(kPassportHex));  // a certificate never shows the id
    CHECK_THAT(r.output, Catch::Contains("consultation: shenzhen-housing\n"));
    CHECK_THAT(r.output, Catch::Contains("article: 12\n"));
    CHECK_THAT(r.output, Catch::Contains("adoption: partly_adopted\n"));
    CHECK_THAT(r.output, Catch::Contains("decided: 2027-03-15\n"));
    CHECK_THAT(r.output, Catch::Contains("serial: "));
}

TEST_CASE("certificate issue --public-url prints the QR code's URL, which verifies",
          "[admin][tokens]") {
    Keys k;
    auto url = k.issue("--public-url https://lianxin.example.org/");
    CHECK_THAT(url, Catch::StartsWith("HTTPS://LIANXIN.EXAMPLE.ORG/C/LXC1:"));
    CHECK(url.find(' ') == std::string::npos);
    auto r = admin("verify " + q(url) + " --key " + q(k.hub_pub));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::StartsWith("valid\n"));
}

TEST_CASE("verify refuses with status 1 and the reason", "[admin][tokens]") {
    Keys k;
    auto token = k.issue();

    auto untrusted = admin("verify " + q(token) + " --key " + q(k.other_pub));
    INFO(untrusted.output);
    CHECK(untrusted.exit_code == 1);
    CHECK_THAT(untrusted.output, Catch::StartsWith("refused: unknown_key: signed by key " +
                                                   k.hub.pub.id.substr(0, 8)));

    // One character of the signature changed.
    auto altered = token;
    altered[altered.size() - 4] = altered[altered.size() - 4] == '0' ? '1' : '0';
    auto bad = admin("verify " + q(altered) + " --key " + q(k.hub_pub));
    INFO(bad.output);
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.output, Catch::StartsWith("refused: "));
    CHECK_THAT(bad.output, !Catch::Contains("valid\n"));

    auto wrong = admin("verify 'hello' --key " + q(k.hub_pub));
    CHECK(wrong.exit_code == 1);
    CHECK_THAT(wrong.output, Catch::StartsWith("refused: wrong_prefix: "));

    // Revocation: the serial issue reported, in a list with comments and other serials.
    auto issued = admin("certificate issue --key " + q(k.hub_key) + " --passport " + kPassportHex +
                        " --consultation c1 --article 0 --adoption adopted --date 2027-01-02");
    REQUIRE(issued.exit_code == 0);
    auto revoked_token = first_line(issued.output);
    auto serial_at = issued.output.find("certificate ");
    REQUIRE(serial_at != std::string::npos);
    auto serial = issued.output.substr(serial_at + 12, 16);
    auto list = k.tmp / "revoked.txt";
    write_text(list, "# revoked at the hub\n0000000000000000\n  " + serial + "  # withdrawn\n\n");
    auto rev = admin("verify " + q(revoked_token) + " --key " + q(k.hub_pub) + " --revoked " +
                     q(list.string()));
    INFO(rev.output);
    CHECK(rev.exit_code == 1);
    CHECK(first_line(rev.output) ==
          "refused: revoked: certificate " + serial + " has been revoked");
    auto other =
        admin("verify " + q(token) + " --key " + q(k.hub_pub) + " --revoked " + q(list.string()));
    CHECK(other.exit_code == 0);
}

TEST_CASE("verify shows a passport's claims", "[admin][tokens]") {
    Keys k;
    PassportClaims p;
    p.id = new_passport_id();
    p.short_code = new_short_code("K7Q");
    REQUIRE(parse_local_date("2026-11-29", p.issued));
    auto token = issue_passport_token(p, k.other);
    REQUIRE(token.ok());
    auto r = admin("verify " + q(passport_url("https://lianxin.example.org", *token)) + " --key " +
                   q(k.other_pub));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("kind: passport\n"));
    CHECK_THAT(r.output, Catch::Contains("passport id: " + passport_id_text(p.id) + "\n"));
    CHECK_THAT(r.output, Catch::Contains("short code: " + format_short_code(p.short_code) + "\n"));
    CHECK_THAT(r.output, Catch::Contains("issued: 2026-11-29\n"));
}

TEST_CASE("token commands report usage errors with status 2", "[admin][tokens]") {
    Keys k;
    auto token = k.issue();
    CHECK(admin("verify " + q(token)).exit_code == 2);  // no --key
    auto missing = admin("verify " + q(token) + " --key " + q((k.tmp / "nope.pub").string()));
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("cannot use key"));
    auto list = k.tmp / "bad-list.txt";
    write_text(list, "0000000000000000\nnot-a-serial\n");
    auto bad_list =
        admin("verify " + q(token) + " --key " + q(k.hub_pub) + " --revoked " + q(list.string()));
    CHECK(bad_list.exit_code == 2);
    CHECK_THAT(bad_list.output,
               Catch::Contains("bad-list.txt:2: 'not-a-serial' is not a certificate serial"));

    auto issue = [&](const std::string& args) {
        return admin("certificate issue --key " + q(k.hub_key) + " " + args);
    };
    const std::string ok_rest = " --consultation c1 --adoption adopted --date 2027-01-02";
    auto r = issue("--passport " + kPassportHex + " --article 70000" + ok_rest);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("article 70000 is outside"));
    r = issue("--passport 0011 --article 1" + ok_rest);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("not 32 hex digits"));
    r = issue("--passport " + kPassportHex +
              " --article 1 --consultation 'has space' --adoption adopted --date 2027-01-02");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("consultation id 'has space'"));
    r = issue("--passport " + kPassportHex +
              " --article 1 --consultation c1 --adoption partly --date 2027-01-02");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("neither adopted nor partly_adopted"));
    r = issue("--passport " + kPassportHex +
              " --article 1 --consultation c1 --adoption adopted --date 2019-12-31");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("outside 2020-01-01"));
    r = issue("--passport " + kPassportHex + " --article 1" +
              ok_rest.substr(0, ok_rest.find(" --date")));
    CHECK(r.exit_code == 2);  // --date missing
}
