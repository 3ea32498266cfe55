// The visitor forms of the station (the guestbook, a request to meet a deputy) on the real kiosk
// under Xvfb, against what an outsider tried: keys typed while staff's PIN pad is up, a party
// size typed with leading zeros.
#include <catch2/catch.hpp>

#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {
const char* kToGuestbook =
    "tap 960 540\nexpect-screen home\ntap-text 团组参观\nexpect-screen tours\ntap-text 来访留言\nexpect-screen visitors-wall\n"
    "tap-text 签名留言\nexpect-screen guestbook-about\n";
}  // namespace

TEST_CASE("keys typed while the PIN pad is up do not reach the form beneath it", "[gui][guestbook][maintenance]") {
    TempDir dir;
    std::string s = std::string(kToGuestbook) + "type 成都\n";
    for (int i = 0; i < 5; ++i) s += "tap 88 56\n";
    s += "expect-screen pin\ntype 乐山\nkey BackSpace\nkey BackSpace\nkey Escape\nexpect-screen guestbook-about\nshot after-pin\n";
    auto report = dir / "layout.jsonl";
    auto run = run_kiosk(dir, s, 1920, 1080, "--layout-report " + report.string());
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto shown = shown_by_shot(report);
    INFO(shown["after-pin"]);
    CHECK(shown["after-pin"].find("成都") != std::string::npos);  // what was typed before, whole
    CHECK(shown["after-pin"].find("乐山") == std::string::npos);
}

TEST_CASE("a party typed with leading zeros is its number, and a count past the largest party is refused", "[gui][guestbook]") {
    TempDir dir;
    std::string s = std::string(kToGuestbook) + "type 成都市人大常委会\ntap-text 来自哪里\ntype 成都\ntap-text 人数\n";
    s += "type 99999999999999999999\ntap-text 下一步\nexpect-screen guestbook-about\nshot too-many\n";
    for (int i = 0; i < 20; ++i) s += "key BackSpace\n";
    s += "type 00012\ntap-text 下一步\nexpect-screen guestbook-message\ntap-text 签名\nexpect-screen guestbook-thanks\n";
    auto report = dir / "layout.jsonl";
    auto run = run_kiosk(dir, s, 1920, 1080, "--layout-report " + report.string());
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(shown_by_shot(report)["too-many"].find("人数应在 1 到 500 之间。") != std::string::npos);
    CHECK(run.all("record").size() == 1);
}
