// The station's visitor records through the real programs: at a kiosk (under Xvfb) a delegation
// signs the guestbook for the wall and a resident with a passport asks to meet a deputy; both
// reach a real lianxin-hub over loopback and the admin tool lists them; staff answer the request
// with lianxin-admin, and the next sync puts the answer in the resident's passport.
#include <catch2/catch.hpp>

#include <regex>

#include "core/tokens/token.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("a guestbook entry and a meeting request made at a kiosk reach the admin tool, and the answer comes back to the passport",
          "[gui][hub][station]") {
    TempDir dir;
    HubProcess hub(dir);
    register_demo_kiosk(hub, dir);
    REQUIRE(hub.admin("content publish " + (demo_dir() / "demo.lxb").string()).exit_code == 0);
    std::string config = kiosk_config_for(dir, hub);

    // A passport first, so the request is stamped into it; then the guestbook, then the request.
    std::string s = "tap 500 500\ntap-text 我的参与护照\ntap-text 领取护照\nexpect-screen passport\ntap-text 首页\n";
    s += "tap-text 团组参观\nexpect-screen tours\ntap-text 来访留言\nexpect-screen visitors-wall\nshot wall-before\ntap-text 签名留言\nexpect-screen guestbook-about\n";
    s += "type 四川省成都市人大常委会\ntap-text 来自哪里\ntype 成都\ntap-text 人数\ntype 12\ntap-text 下一步\n";
    s += "expect-screen guestbook-message\ntype 学到了很多，感谢！\ntap-text 展示在留言墙上\ntap-text 签名\n";
    s += "expect-screen guestbook-thanks\ntap-text 看留言墙\nexpect-screen visitors-wall\nshot wall\n";
    s += "tap-text 首页\ntap-text 见代表\ntap-text meet-he-jianguo\nexpect-screen meeting-topic\n";
    s += "type 老旧小区加装电梯的进展\ntap-text 下一步\nexpect-screen meeting-contact\ntap-text 提交\n";
    s += "expect-screen meeting-thanks\nshot meeting-thanks\nsync-wait 30000\n";
    auto report = dir / "layout-1.jsonl";
    auto first = run_kiosk(dir, s, 1920, 1080, config + " --layout-report " + report.string(), "station-records-1");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    auto shown = shown_by_shot(report);
    CHECK(shown["wall-before"].find("四川省成都市人大常委会") == std::string::npos);
    CHECK(shown["wall"].find("四川省成都市人大常委会") != std::string::npos);
    CHECK(shown["wall"].find("“学到了很多，感谢！”") != std::string::npos);
    CHECK(shown["wall"].find("本站已接待来访代表团：1 个") != std::string::npos);
    CHECK(shown["meeting-thanks"].find("已记入参与护照") != std::string::npos);

    // At the hub, through the admin tool: the entry and the request.
    auto guestbook = hub.admin("guestbook list");
    INFO(guestbook.output);
    REQUIRE(guestbook.exit_code == 0);
    CHECK(guestbook.output.find("四川省成都市人大常委会") != std::string::npos);
    CHECK(guestbook.output.find("学到了很多，感谢！") != std::string::npos);
    auto meetings = hub.admin("meetings list");
    INFO(meetings.output);
    REQUIRE(meetings.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(meetings.output, m, std::regex("([0-9a-f-]{36})  .*→ he-jianguo")));
    std::string request = m[1];
    CHECK(meetings.output.find("老旧小区加装电梯的进展") != std::string::npos);
    auto answered = hub.admin("meetings answer " + request + " --status arranged --reply 十二月十五日上午九点在站里见面。");
    INFO(answered.output);
    REQUIRE(answered.exit_code == 0);

    // Back at the kiosk: the next sync brings the answer into the passport.
    std::string token = kiosk_passport_token(dir);
    std::string s2 = "sync-wait 30000\nscan " + passport_url("http://localhost:8470", token) + "\nexpect-screen passport\nshot passport\n";
    s2 += "tap-text EN\nshot passport-en\n";
    auto report2 = dir / "layout-2.jsonl";
    auto second = run_kiosk(dir, s2, 1920, 1080, config + " --layout-report " + report2.string(), "station-records-2");
    INFO(second.output);
    REQUIRE(second.exit_code == 0);
    auto shown2 = shown_by_shot(report2);
    INFO(shown2["passport"]);
    CHECK(shown2["passport"].find("约见何建国") != std::string::npos);
    CHECK(shown2["passport"].find("已安排见面") != std::string::npos);
    CHECK(shown2["passport"].find("十二月十五日上午九点在站里见面。") != std::string::npos);
    CHECK(shown2["passport-en"].find("Meeting with He Jianguo") != std::string::npos);
    CHECK(shown2["passport-en"].find("Meeting arranged") != std::string::npos);
}
