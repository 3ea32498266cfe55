// The end of a visit attacked at its edges: the timeout in the middle of a pinyin composition or
// while the keep-or-discard question is up, "Finish" while a card is printing, a scan during the
// countdown, a language switch mid-visit (which must not end it).
#include <catch2/catch.hpp>

#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/storage/kiosk_db.h"
#include "tests/gui/kiosk_run.h"
#include "tests/gui/passport_seed.h"
#include "tests/support/qr_decode.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// A passport from an earlier visit, as the demo kiosk issues them.
Passport seed_blank_passport(const TempDir& dir) {
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    PassportBook book(**db, PassportSettings{"demo-kiosk", "JJ1", demo_key("kiosk.key"), {}, {demo_key("hub-certificate.key").pub},
                                             "http://localhost:8470"});
    auto p = book.issue(Moment{1799544600250, {2027, 1, 10}});
    REQUIRE(p.ok());
    return *p;
}

std::string to_writing() {
    std::string title = demo_bundle().content.consultations.front().title.zh;
    return "tap-text 征求意见\ntap-text " + title + "\nexpect-screen draft\nwait 300\n"
           "tap-text 对这一条提意见\ntap-text 建议修改\nexpect-screen opinion-write\ntap-text 拼音\n";
}

// Visitor B writes 好 and submits it.
const char* kB = "expect-screen attract\ntap 500 500\nexpect-screen home\n";
const char* kSubmitHao = "type hao\ntap-text 好\ntap-text 下一步\ntap-text 不留联系方式\ntap-text 提交意见\nexpect-screen opinion-thanks\n";

}  // namespace

TEST_CASE("the idle timeout in the middle of a pinyin composition leaves none of it", "[gui][session][visit][hostile]") {
    TempDir dir;
    // A leaves "lifa" composed but not chosen: librime still holds it and its candidates.
    std::string s = "shot ready\ntap 500 500\n" + to_writing() + "type lifa\nwait 100\nidle 120000\n";
    s += std::string(kB) + to_writing() + kSubmitHao;
    auto run = run_kiosk(dir, s, 1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 1);
    CHECK(opinions[0].text == "好");
}

TEST_CASE("the idle timeout while the keep-or-discard question is up ends the visit and the question", "[gui][session][visit][hostile]") {
    TempDir dir;
    std::string s = "shot ready\ntap 500 500\n" + to_writing() + "type lifa\ntap-text 立法\ntap-text 首页\nexpect-screen leave-question\n";
    // The countdown comes over the question; continuing brings the question back, unanswered.
    s += "idle 91000\nexpect-screen countdown\ntap-text 继续浏览\nexpect-screen leave-question\n";
    s += "idle 120000\n" + std::string(kB) + to_writing() + kSubmitHao;
    auto run = run_kiosk(dir, s, 1080, 1920);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 1);
    CHECK(opinions[0].text == "好");
}

TEST_CASE("switching language mid-visit keeps the visit, its words and its passport", "[gui][session][visit]") {
    TempDir dir;
    std::string s = "shot ready\ntap 500 500\ntap-text 我的参与护照\ntap-text 领取护照\nexpect-screen passport\ntap-text 首页\n";
    s += to_writing() + "type lifa\ntap-text 立法\ntap-text EN\nexpect-screen opinion-write\n";
    s += "tap-text Next\ntap-text No, thank you\ntap-text Submit my opinion\nexpect-screen opinion-thanks\n";
    auto run = run_kiosk(dir, s, 1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 1);
    CHECK(opinions[0].text == "立法");
    CHECK(opinions[0].lang == Lang::en);
    CHECK_FALSE(opinions[0].passport_id.empty());  // stamped into the passport still open
    for (auto& e : run.all("session")) CHECK(e.value("event", "") != "reset");
}

TEST_CASE("a scan during the countdown continues the visit, and the end of it closes that passport", "[gui][session][visit][hostile]") {
    TempDir dir;
    auto seeded = seed_blank_passport(dir);
    std::string url = passport_url("http://localhost:8470", seeded.token);
    std::string s = "shot ready\ntap 500 500\nidle 91000\nexpect-screen countdown\nscan " + url + "\nexpect-screen passport\n";
    s += "idle 120000\n" + std::string(kB) + "tap-text 我的参与护照\nexpect-screen passport-desk\n";
    auto run = run_kiosk(dir, s, 1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.all("passport_opened").size() == 1);
}

// A card printing when the visit ends still comes out (lp has it), but it reports to nobody, and
// the next visitor's card is printed after it instead of being dropped.
TEST_CASE("Finish while a card prints: the next visitor's card still prints", "[gui][session][visit][print][hostile]") {
    TempDir dir;
    auto seeded = seed_blank_passport(dir);
    std::string url = passport_url("http://localhost:8470", seeded.token);
    std::filesystem::create_directories(dir / "cfg");
    for (const char* f : {"demo.lxb", "demo.lxb.sig", "publisher.pub", "kiosk.key", "hub-certificate.pub", "rime"})
        std::filesystem::create_symlink(demo_dir() / f, dir / "cfg" / f);
    // The first job is slow (a printer warming up); each job's card is kept in order.
    write_text(dir / "lp", "#!/bin/sh\nd='" + dir.path().string() + "'\n"
                           "if [ ! -e \"$d/first\" ]; then touch \"$d/first\"; sleep 20; fi\n"
                           "for last; do :; done\nn=$(ls \"$d\" | grep -c '^printed-')\ncp \"$last\" \"$d/printed-$n.png\"\n"
                           "echo 'request id is hall-printer-1 (1 file(s))'\n");
    run_command("chmod +x '" + (dir / "lp").string() + "'");
    std::string toml = read_text(demo_dir() / "kiosk.toml");
    toml += "\n[print]\nprinter = \"hall-printer\"\ncommand = \"" + (dir / "lp").string() + "\"\nformat = \"receipt\"\n";
    write_text(dir / "cfg" / "kiosk.toml", toml);

    // A takes a new passport and prints it, then finishes at once.
    std::string s = "shot ready\ntap 500 500\ntap-text 我的参与护照\ntap-text 领取护照\nexpect-screen passport\ntap-text 打印卡片\n";
    s += "idle 91000\nexpect-screen countdown\ntap-text 结束浏览\n";
    // B brings their own passport and prints it while A's card is still with the printer.
    s += "expect-screen attract\nscan " + url + "\nexpect-screen passport\ntap-text 打印卡片\nwait 500\nshot b-printing\n";
    auto run = run_kiosk(dir, s, 1920, 1080, " --config " + (dir / "cfg" / "kiosk.toml").string(), "visit-end-print");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    // Both cards came out, A's first; B's is B's passport.
    REQUIRE(std::filesystem::exists(dir / "printed-0.png"));
    REQUIRE(std::filesystem::exists(dir / "printed-1.png"));
    auto b = verify_token(zbar_decode(dir / "printed-1.png").text, {demo_key("kiosk.key").pub});
    REQUIRE(b.ok());
    CHECK(passport_id_text(b->passport->id) == seeded.id);
}
