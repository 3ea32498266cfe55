// The whole loop the demo shows, through the real programs: a kiosk (under Xvfb) takes an opinion
// and a passport and syncs them to a real lianxin-hub over loopback; staff mark the opinion
// partly adopted with lianxin-admin; the kiosk syncs again and the visitor's passport holds the
// certificate, whose QR code on screen reads back with zbarimg and verifies.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "core/tokens/token.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"
#include "tests/support/qr_decode.h"

using namespace lianxin;
using namespace lianxin::test;


TEST_CASE("an opinion synced to the hub and adopted there comes back to the passport with its certificate and the law",
          "[gui][hub][passport]") {
    TempDir dir;
    HubProcess hub(dir);
    auto demo = demo_dir();
    register_demo_kiosk(hub, dir);
    REQUIRE(hub.admin("content publish " + (demo / "demo.lxb").string()).exit_code == 0);

    // The kiosk's own public URL is longer than the hub's, with a path QR codes hold byte by
    // byte: the certificate is drawn on the hub's, where the hub fitted it, and staff are told.
    const std::string kiosk_url = "http://x/lianxin-public-pages/verify/abc";
    std::string config = kiosk_config_for(dir, hub, kiosk_url);

    auto bundle = demo_bundle();
    std::string s = "tap 500 500\ntap-text 征求意见\ntap-text " + bundle.content.consultations.front().title.zh + "\nwait 300\n";
    s += "tap-text 对这一条提意见\ntap-text 建议修改\ntap-text 拼音\ntype lifa\ntap-text 立法\n";
    s += "tap-text 下一步\ntap-text 不留联系方式\ntap-text 提交意见\nexpect-screen opinion-thanks\n";
    s += "tap-text 领取参与护照\nexpect-screen passport\nsync-wait 30000\n";
    auto first = run_kiosk(dir, s, 1920, 1080, config, "hub-sync-1");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);

    // At the hub: the opinion, and staff adopt it in part.
    auto listed = hub.admin("opinions list");
    INFO(listed.output);
    std::smatch m;
    REQUIRE(std::regex_search(listed.output, m, std::regex("([0-9a-f-]{36})  property-rules")));
    std::string opinion = m[1];
    auto adopted = hub.admin("adopt " + opinion + " --partly --reply 第一条已吸收您的意见。");
    INFO(adopted.output);
    REQUIRE(adopted.exit_code == 0);
    REQUIRE(std::regex_search(adopted.output, m, std::regex("certificate ([0-9a-f]{16}): ")));
    std::string serial = m[1];
    // The regulation as adopted, and the opinion traced to the article it changed.
    auto law = dir / "law.zh.txt";
    write_text(law, "锦江区住宅小区物业管理若干规定\n第一条　为了规范物业管理，制定本规定。\n"
                    "第五条　物业服务企业应当每季度公示公共收益收支情况。\n");
    auto fin = hub.admin("consultation final property-rules --zh " + law.string());
    INFO(fin.output);
    REQUIRE(fin.exit_code == 0);
    auto traced = hub.admin("opinions trace " + opinion + " 5");
    INFO(traced.output);
    REQUIRE(traced.exit_code == 0);

    // Back at the kiosk: the next sync brings the status, the reply and the certificate.
    std::string token = kiosk_passport_token(dir);
    std::string s2 = "sync-wait 30000\nscan " + passport_url("http://localhost:8470", token) + "\nexpect-screen passport\n";
    s2 += "shot passport\ntap-text certificate-" + serial + "\nexpect-screen certificate\ntap-text certificate-valid\nshot certificate\n";
    s2 += "tap-text 首页\nexpect-screen home\n";
    for (int i = 0; i < 5; ++i) s2 += "tap 88 56\n";
    s2 += "expect-screen pin\ntap-text 2\ntap-text 4\ntap-text 6\ntap-text 8\ntap-text 确定\nexpect-screen maintenance\nshot maintenance\n";
    auto report = dir / "layout.jsonl";
    auto second = run_kiosk(dir, s2, 1920, 1080, config + " --layout-report " + report.string(), "hub-sync-2");
    INFO(second.output);
    REQUIRE(second.exit_code == 0);
    auto qr = zbar_decode(second.shots / "certificate.png");
    REQUIRE(qr.ok);
    CHECK(qr.text.rfind(certificate_url("http://localhost:8470", ""), 0) == 0);
    auto shown = shown_by_shot(report);
    // The passport shows where the opinion went into the law, beside the visitor's words.
    CHECK(shown["passport"].find("您的意见 → 第五条（通过稿）") != std::string::npos);
    CHECK(shown["passport"].find("物业服务企业应当每季度公示公共收益收支情况。") != std::string::npos);

    // In English on a portrait screen, scrolled to the stamps: the law's words stay Chinese until
    // staff enter a translation, and the panel passes the layout check.
    std::string s3 = "scan " + passport_url("http://localhost:8470", token) + "\nexpect-screen passport\ntap-text EN\n";
    s3 += "drag 540 1500 540 700 400\nwait 1500\nshot passport-en\n";
    auto portrait_report = dir / "layout-portrait.jsonl";
    auto third = run_kiosk(dir, s3, 1080, 1920, config + " --layout-report " + portrait_report.string(), "hub-sync-3");
    INFO(third.output);
    REQUIRE(third.exit_code == 0);
    auto shown_en = shown_by_shot(portrait_report);
    CHECK(shown_en["passport-en"].find("Your opinion → 第五条 (as adopted)") != std::string::npos);
    std::ifstream faults(portrait_report);
    for (std::string line; std::getline(faults, line);) {
        auto j = nlohmann::json::parse(line);
        if (j.value("kind", "") == "checked") continue;
        INFO(line);
        CHECK(j.value("element", "").find("第五条") == std::string::npos);
        CHECK(j.value("element", "").find("物业服务企业") == std::string::npos);
    }
    CHECK(shown["maintenance"].find("本机参与护照的二维码指向 " + kiosk_url) != std::string::npos);
    CHECK(shown["maintenance"].find("中心服务器的公开网址是 http://localhost:8470。") != std::string::npos);
    auto hub_key = load_public_key(demo / "hub-certificate.pub");
    REQUIRE(hub_key.ok());
    auto v = verify_token(qr.text, {*hub_key});
    REQUIRE(v.ok());
    CHECK(serial_text(v->certificate->serial) == serial);
    CHECK(v->certificate->adoption == Adoption::partly_adopted);
}

TEST_CASE("content published at the hub reaches the kiosk and is swapped in while idle",
          "[gui][hub][content]") {
    TempDir dir;
    HubProcess hub(dir);
    auto demo = demo_dir();
    register_demo_kiosk(hub, dir);
    std::string config = kiosk_config_for(dir, hub);

    // 1. A newer version signed by the publisher the kiosk trusts.
    auto v2 = build_bundle(dir, "v2", "2026.12.1", demo / "publisher.key");
    auto published = hub.admin("content publish " + v2.string());
    INFO(published.output);
    REQUIRE(published.exit_code == 0);
    auto run = run_kiosk(dir, "sync-wait 30000\nwait 1000\nsync-wait 30000\nwait 1000\nshot attract\n", 1920, 1080, config,
                         "hub-content");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto swapped = run.all("content_swapped");
    REQUIRE(swapped.size() == 1);
    CHECK(swapped[0]["from"] == "2026.11.1");
    CHECK(swapped[0]["to"] == "2026.12.1");
    CHECK(std::filesystem::exists(dir / "data" / "bundles" / "2026.12.1.lxb"));
    CHECK(run.shot("attract").width == 1920);

}

TEST_CASE("a bundle the kiosk cannot trust is refused and the current content stays", "[gui][hub][content]") {
    TempDir dir;
    auto stranger = dir / "stranger";
    REQUIRE(run_command(std::string(LIANXIN_ADMIN) + " keys new " + stranger.string()).exit_code == 0);
    // The hub accepts this publisher; the kiosk trusts only the demo's.
    HubProcess hub(dir, stranger.string() + ".pub");
    auto demo = demo_dir();
    register_demo_kiosk(hub, dir);
    std::string config = kiosk_config_for(dir, hub);
    auto bad = build_bundle(dir, "v3", "2026.12.2", stranger.string() + ".key");
    REQUIRE(hub.admin("content publish " + bad.string()).exit_code == 0);
    auto run = run_kiosk(dir, "sync-wait 30000\nwait 1000\nsync-wait 30000\nwait 1000\n", 1920, 1080, config, "hub-content-refused");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.all("content_swapped").empty());
    CHECK(run.output.find("content 2026.12.2 refused") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "data" / "bundles" / "2026.12.2.lxb"));
}

// New content is swapped in only on the attract loop (before A's visit or after it, as the sync
// timing falls), through the same end-of-visit path as "Finish" (kiosk/app/end_of_visit.cpp); either
// way the next visitor finds nothing of the last one.
TEST_CASE("a content swap takes the end-of-visit path and the next visitor finds nothing of the last", "[gui][hub][content][visit]") {
    TempDir dir;
    HubProcess hub(dir);
    auto demo = demo_dir();
    register_demo_kiosk(hub, dir);
    std::string config = kiosk_config_for(dir, hub);
    auto v2 = build_bundle(dir, "v2", "2026.12.1", demo / "publisher.key");
    REQUIRE(hub.admin("content publish " + v2.string()).exit_code == 0);
    std::string title = demo_bundle().content.consultations.front().title.zh;
    // A takes a passport, switches to English and starts writing; the new content arrives meanwhile.
    std::string s = "shot ready\ntap 500 500\ntap-text 我的参与护照\ntap-text 领取护照\nexpect-screen passport\ntap-text 首页\n";
    s += "tap-text 征求意见\ntap-text " + title + "\nexpect-screen draft\nwait 300\ntap-text 对这一条提意见\n";
    s += "tap-text 建议修改\nexpect-screen opinion-write\ntap-text 拼音\ntype lifa\ntap-text 立法\ntap-text EN\n";
    s += "sync-wait 30000\nwait 1000\nsync-wait 30000\nexpect-screen opinion-write\n";
    s += "idle 91000\nexpect-screen countdown\ntap-text Finish\nwait 1000\nexpect-screen attract\n";
    // B: in the hall's language, no passport open.
    s += "tap 500 500\nexpect-screen home\ntap-text 我的参与护照\nexpect-screen passport-desk\n";
    auto run = run_kiosk(dir, s, 1920, 1080, config, "hub-content-visit");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto swapped = run.all("content_swapped");
    REQUIRE(swapped.size() == 1);
    CHECK(swapped[0]["to"] == "2026.12.1");
    std::vector<std::string> ends;
    for (auto& e : run.all("session"))
        if (e.value("event", "") == "finished" || e.value("event", "") == "content") ends.push_back(e.value("event", ""));
    CHECK(std::count(ends.begin(), ends.end(), "finished") == 1);
    CHECK(std::count(ends.begin(), ends.end(), "content") == 1);
    CHECK(run.all("passport_opened").size() == 1);
    auto screens = run.all("screen");
    REQUIRE_FALSE(screens.empty());
    CHECK(screens.back().value("screen", "") == "passport-desk");
    CHECK(screens.back().value("lang", "") == "zh");
}

// A trailing slash or the case of the host changes no QR code (token_url drops one and upper-cases
// the other): staff are not told to change kiosk.toml for it. Without a public_url there, the
// notice says so and names the hub's, rather than an empty URL.
TEST_CASE("staff are told of a public URL mismatch only when the QR codes differ", "[gui][hub]") {
    // Both differences in one URL, and none at all: two kiosk runs.
    for (std::string kiosk_url : {std::string("http://LOCALHOST:8470/"), std::string()}) {
        CAPTURE(kiosk_url);
        TempDir dir;
        HubProcess hub(dir);
        auto demo = demo_dir();
        register_demo_kiosk(hub, dir);
        std::string config = kiosk_config_for(dir, hub, kiosk_url.empty() ? "http://localhost:8470" : kiosk_url);
        if (kiosk_url.empty()) {
            auto toml = read_text(dir / "cfg" / "kiosk.toml");
            write_text(dir / "cfg" / "kiosk.toml", std::regex_replace(toml, std::regex("public_url = \"[^\"]*\"\n"), ""));
        } else {
            REQUIRE_FALSE(public_url_problem(kiosk_url));
            CHECK(certificate_url(kiosk_url, "LXC1:A") == certificate_url("http://localhost:8470", "LXC1:A"));
            CHECK(passport_url(kiosk_url, "LXP1:A") == passport_url("http://localhost:8470", "LXP1:A"));
        }
        std::string s = "tap 500 500\nwait 300\nsync-wait 30000\nexpect-screen home\n";
        for (int i = 0; i < 5; ++i) s += "tap 88 56\n";
        s += "expect-screen pin\ntap-text 2\ntap-text 4\ntap-text 6\ntap-text 8\ntap-text 确定\nexpect-screen maintenance\n"
             "shot maintenance\ntap-text EN\nshot maintenance-en\n";
        // The notice with no public_url, in portrait (the others in landscape): it must fit both.
        bool portrait = kiosk_url.empty();
        auto report = dir / "layout.jsonl";
        auto run = run_kiosk(dir, s, portrait ? 1080 : 1920, portrait ? 1920 : 1080,
                             config + " --layout-report " + report.string(), portrait ? "url-notice-missing" : "url-notice");
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        auto shown = shown_by_shot(report);
        INFO(shown["maintenance"]);
        CHECK(shown["maintenance"].find("本机参与护照的二维码指向") == std::string::npos);
        CHECK(shown["maintenance-en"].find("This kiosk's passports point phones at") == std::string::npos);
        if (kiosk_url.empty()) {
            CHECK(shown["maintenance"].find("kiosk.toml 中没有 public_url") != std::string::npos);
            CHECK(shown["maintenance-en"].find("kiosk.toml has no public_url") != std::string::npos);
        }
    }
}
