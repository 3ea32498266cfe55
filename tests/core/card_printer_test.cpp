// Printing cards (core/cards/card_printer.h) with fake `lp` scripts written into a temp folder:
// the exact arguments (no shell in between), the job line on success, lp's message and advice
// on failure, and a command that does not exist.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <string>

#include "core/cards/card_printer.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::read_text;
using lianxin::test::TempDir;
using lianxin::test::write_text;

namespace {

fs::path script(const TempDir& tmp, const std::string& name, const std::string& body) {
    auto path = tmp / name;
    write_text(path, "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), 0755);
    return path;
}

}  // namespace

TEST_CASE("a card is printed with lp -d PRINTER -t TITLE -o fit-to-page FILE", "[cards]") {
    TempDir tmp;
    auto dir = tmp.path().string();
    auto lp = script(tmp, "lp",
                     "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + dir + "/args.txt'\n"
                     "for last in \"$@\"; do :; done\n"
                     "cp \"$last\" '" + dir + "/printed.png'\n"
                     "echo 'request id is Front_Desk-42 (1 file(s))'\n");
    auto png = tmp / "card one.png";
    write_text(png, "not really a png");
    const std::string title = "参与护照 $(touch pwned); `id` 'quoted'";
    auto r = print_card_file({"Front_Desk", lp.string(), CardFormat::a6}, png, title);
    INFO((r.ok() ? *r : r.error().detail));
    REQUIRE(r.ok());
    CHECK(*r == "request id is Front_Desk-42 (1 file(s))");
    CHECK(read_text(tmp / "args.txt") ==
          "-d\nFront_Desk\n-t\n" + title + "\n-o\nfit-to-page\n" + png.string() + "\n");
    CHECK(read_text(tmp / "printed.png") == "not really a png");
    CHECK_FALSE(fs::exists(tmp / "pwned"));
}

TEST_CASE("lp's own message and what to check are reported when it fails", "[cards]") {
    TempDir tmp;
    auto lp = script(tmp, "lp", "echo 'lp: The printer or class does not exist.' >&2\nexit 1\n");
    auto png = tmp / "card.png";
    write_text(png, "x");
    auto r = print_card_file({"Nowhere", lp.string(), CardFormat::receipt}, png, "t");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::io);
    CHECK_THAT(r.error().detail, Catch::Contains("lp: The printer or class does not exist."));
    CHECK_THAT(r.error().detail, Catch::Contains("status 1"));
    CHECK_THAT(r.error().detail, Catch::Contains("lpstat -p"));
    CHECK_THAT(r.error().detail, Catch::Contains("CUPS"));
}

TEST_CASE("a print command that cannot be run, or a missing file, is an io error", "[cards]") {
    TempDir tmp;
    auto png = tmp / "card.png";
    write_text(png, "x");
    auto r = print_card_file({"Front", (tmp / "no-such-lp").string(), CardFormat::a6}, png, "t");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::io);
    CHECK_THAT(r.error().detail, Catch::Contains("cannot run"));
    CHECK_THAT(r.error().detail, Catch::Contains("no-such-lp"));

    auto missing = print_card_file({"Front", "lp", CardFormat::a6}, tmp / "gone.png", "t");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::io);
    CHECK(print_card_file({"", "lp", CardFormat::a6}, png, "t").error().code == ErrorCode::invalid_input);
}

TEST_CASE("lp that writes much output on both streams does not stall", "[cards]") {
    TempDir tmp;
    auto lp = script(tmp, "lp",
                     "i=0; while [ $i -lt 3000 ]; do echo \"noise line $i on stderr\" >&2; echo \"line $i\"; i=$((i+1)); done\n"
                     "echo 'request id is P-1 (1 file(s))'\n");
    auto png = tmp / "card.png";
    write_text(png, "x");
    auto r = print_card_file({"P", lp.string(), CardFormat::a6}, png, "t");
    REQUIRE(r.ok());
    CHECK_THAT(*r, Catch::EndsWith("request id is P-1 (1 file(s))"));
}
