// The real lianxin-admin binary: `card render` writes a card whose QR code zbarimg reads back,
// prints it through a fake lp, and refuses a QR text over the version-11 limit.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <string>

#include "tests/support/png_probe.h"
#include "tests/support/qr_decode.h"
#include "tests/support/temp_dir.h"

using lianxin::test::read_text;
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

RunResult admin(const std::string& args) { return run_command(q(LIANXIN_ADMIN) + " " + args); }

const std::string kQr = "HTTPS://LIANXIN.EXAMPLE.ORG/C/LXC1:NCFOXN*TDOMCE:R-.8K%20Q:B.7$R2+V.PZ9YQ4LH3E0T";

std::string certificate_args(const std::string& format, const std::string& out) {
    return "card render --kind certificate --qr " + q(kQr) +
           " --heading-zh 意见采纳证书 --heading-en " + q("Certificate of Adoption") +
           " --hall-zh 晋江市人大常委会基层立法联系点 --hall-en " + q("Jinjiang Grassroots Legislative Liaison Point") +
           " --line " + q("《住宅小区物业管理条例（草案）》第五条 / Draft Residential Property Rules, Article 5") +
           " --line " + q("部分采纳 · 2026年12月20日 / Partly adopted · 20 December 2026") +
           " --code 3F9A-07C2-B41E-58D6 --format " + format + " -o " + q(out);
}

}  // namespace

TEST_CASE("card render writes a card whose QR code reads back", "[admin][cards]") {
    TempDir tmp;
    for (std::string format : {"screen", "a6", "receipt"}) {
        auto out = (tmp / ("card " + format + ".png")).string();
        auto r = admin(certificate_args(format, out));
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.output, Catch::StartsWith("wrote " + out + " (" + format));
        auto png = lianxin::test::load_png(out);
        REQUIRE(png.ok());
        CHECK(png.width == (format == "screen" ? 1200 : format == "a6" ? 1240 : 576));
        CHECK(lianxin::test::zbar_decode(out).text == kQr);
    }
}

TEST_CASE("card render --print sends the card to lp and reports the job", "[admin][cards]") {
    TempDir tmp;
    auto lp = tmp / "fake-lp";
    write_text(lp, "#!/bin/sh\nprintf '%s|' \"$@\" > '" + (tmp / "args").string() +
                       "'\necho 'request id is Hall-7 (1 file(s))'\n");
    ::chmod(lp.c_str(), 0755);
    auto out = (tmp / "card.png").string();
    auto r = admin(certificate_args("a6", out) + " --print Hall --lp-command " + q(lp.string()));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("printed on Hall: request id is Hall-7 (1 file(s))"));
    CHECK(read_text(tmp / "args") ==
          "-d|Hall|-t|意见采纳证书 Certificate of Adoption|-o|fit-to-page|" + out + "|");

    auto failing = tmp / "broken-lp";
    write_text(failing, "#!/bin/sh\necho 'lp: Error - scheduler not responding.' >&2\nexit 1\n");
    ::chmod(failing.c_str(), 0755);
    auto bad = admin(certificate_args("a6", out) + " --print Hall --lp-command " + q(failing.string()));
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.output, Catch::Contains("scheduler not responding"));
    CHECK_THAT(bad.output, Catch::Contains("lpstat -p"));
}

TEST_CASE("card render refuses a QR text that does not fit version 11", "[admin][cards]") {
    TempDir tmp;
    auto out = (tmp / "card.png").string();
    auto r = admin("card render --qr " + std::string(300, 'A') +
                   " --heading-zh 参与护照 --heading-en Passport --format screen -o " + q(out));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("version 11"));
    CHECK_FALSE(std::filesystem::exists(out));
    auto fmt = admin("card render --qr X --heading-zh a --heading-en b --format A4 -o " + q(out));
    CHECK(fmt.exit_code != 0);
}
