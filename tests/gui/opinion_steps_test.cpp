// The opinion flow's steps and fields (kiosk/screens/opinion_screen.cpp, go()): what was typed,
// composed, drawn or refused at one step or field never lands in another, outlives its language,
// or is lost without the keep-or-discard question; and a kiosk stopped while the word list is
// still being read exits at once.
#include <catch2/catch.hpp>

#include <chrono>

#include "core/content/bundle.h"
#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// The first article's opinion screen in Chinese, stance "建议修改" taken: the write step.
std::string to_write_step(const LoadedBundle& b) {
    return "tap 500 500\ntap-text 征求意见\nexpect-screen consultations\ntap-text " +
           b.content.consultations.front().title.in(Lang::zh) +
           "\nexpect-screen draft\nwait 300\ntap-text 对这一条提意见\ntap-text 建议修改\nexpect-screen opinion-write\n";
}


// The rest of a visit that gives its phone number: consent, Next, submit.
const char* const kPhoneAndSubmit = "tap-text 电话\ntype 13812345678\ntap-text consent\ntap-text 下一步\n"
                                    "expect-screen opinion-review\ntap-text 提交意见\nexpect-screen opinion-thanks\n";

// The script tapped `word` in the name box: the run must have stopped there, as nothing was on
// offer (had it gone on, the name stored would say what was taken).
void expect_not_offered(const TempDir& dir, const KioskRun& run, const std::string& word) {
    if (run.exit_code == 0) {
        auto opinions = stored_opinions(dir);
        REQUIRE(opinions.size() == 1);
        INFO("stored name '" << opinions[0].contact_name << "'");
        CHECK(opinions[0].contact_name.empty());
    }
    CHECK(run.exit_code == 2);
    CHECK(run.output.find("no tappable '" + word + "'") != std::string::npos);
}

}  // namespace

TEST_CASE("back from the review to the contact form, the keys do not type into the opinion", "[gui][opinion]") {
    // The contact form comes back with no box chosen (Back set the field to the opinion's text),
    // yet its keyboard is up: the letters a visitor taps to correct a name went into the opinion.
    auto bundle = demo_bundle();
    std::string s = to_write_step(bundle) + "tap-text ABC\ntype fine\ntap-text 下一步\nexpect-screen opinion-contact\n";
    s += "tap-text 留下联系方式\ntap-text 电话\ntype 13812345678\ntap-text consent\ntap-text 下一步\n";
    s += "expect-screen opinion-review\ntap-text 上一步\nexpect-screen opinion-contact\nshot contact-again\n";
    s += "tap-text w\ntap-text a\ntap-text n\ntap-text g\n";
    s += "tap-text 下一步\nexpect-screen opinion-review\nshot review\ntap-text 提交意见\nexpect-screen opinion-thanks\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080, "", "steps-review-back-keys");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 1);
    CHECK(opinions[0].text == "fine");
}

TEST_CASE("letters still composing in the opinion do not become the visitor's name", "[gui][opinion]") {
    // 你 is committed, h-a-o still composing when Next is tapped; the contact step's name box
    // showed 'hao' and the next tap (the phone box) committed 好 as the name.
    auto bundle = demo_bundle();
    std::string s = to_write_step(bundle) + "type ni \ntype hao\nshot composing\ntap-text 下一步\n";
    s += "expect-screen opinion-contact\ntap-text 留下联系方式\nshot name\ntap-text 电话\ntype 13812345678\n";
    s += "tap-text consent\ntap-text 下一步\nexpect-screen opinion-review\nshot review\ntap-text 提交意见\n";
    s += "expect-screen opinion-thanks\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080, "", "steps-composing-to-name");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 1);
    INFO("text '" << opinions[0].text << "', name '" << opinions[0].contact_name << "'");
    CHECK(opinions[0].contact_name.empty());  // nothing was typed into the name box
}

TEST_CASE("words after a character written in the name are not offered once the name is gone",
          "[gui][opinion]") {
    // 十 written as the name; the visitor goes back, then declines contact (the name is cleared),
    // then changes their mind: the empty name box offered 十分 again, and a tap made the name 分.
    auto bundle = demo_bundle();
    std::string s = to_write_step(bundle) + "tap-text ABC\ntype fine\ntap-text 下一步\nexpect-screen opinion-contact\n";
    s += "tap-text 留下联系方式\ntap-text 手写\ndrag-in handwriting-pad 0.15 0.5 0.85 0.48 300\n";
    s += "drag-in handwriting-pad 0.5 0.12 0.52 0.88 300\nwait 100\ntap-text 十\nshot name-words\n";
    s += "tap-text 上一步\nexpect-screen opinion-write\ntap-text 下一步\nexpect-screen opinion-contact\n";
    s += "tap-text 不留联系方式\nexpect-screen opinion-review\ntap-text 上一步\nexpect-screen opinion-contact\n";
    s += "tap-text 留下联系方式\nshot name-again\ntap-text 十分\n";
    s += kPhoneAndSubmit;
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080, "", "steps-words-after-cleared-name");
    INFO(run.output);
    expect_not_offered(dir, run, "十分");  // the empty name box offered nothing
}

TEST_CASE("Home asks before discarding an opinion the visitor took back to the stance step",
          "[gui][opinion]") {
    // Written, then 上一步 to change the stance: the words are kept for the write step, and the
    // stance step counts them (it did not: Home threw them away without asking).
    auto bundle = demo_bundle();
    std::string s = to_write_step(bundle) + "tap-text ABC\ntype a long considered opinion\n";
    s += "tap-text 上一步\nexpect-screen opinion-stance\nshot stance\ntap-text 首页\nshot asked\n";
    s += "expect-screen leave-question\ntap-text 继续填写\nexpect-screen opinion-stance\ntap-text 赞成\n"
         "expect-screen opinion-write\nshot kept\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080, "", "steps-home-from-stance");
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK(run.first("leave") != nullptr);  // the keep-or-discard question was asked
}

TEST_CASE("a refusal does not stay in the language the visitor has just left", "[gui][opinion]") {
    // Next on an empty opinion says, in Chinese, to write it first; EN turns the screen to
    // English but the refusal stayed in Chinese.
    auto bundle = demo_bundle();
    const std::string refusal = "请先写下您的意见";
    std::string s = to_write_step(bundle) + "tap-text 下一步\nexpect-screen opinion-write\nshot refused-zh\n";
    s += "tap-text EN\nwait 100\nshot refused-en\nexpect-screen opinion-write\n";
    TempDir dir;
    auto report = dir / "layout.jsonl";
    auto run = run_kiosk(dir, s, 1920, 1080, "--layout-report " + report.string(), "steps-refusal-language");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto shown = shown_by_shot(report);
    REQUIRE(shown.count("refused-zh") == 1);
    REQUIRE(shown.count("refused-en") == 1);
    CHECK(shown["refused-zh"].find(refusal) != std::string::npos);
    INFO(shown["refused-en"]);
    CHECK(shown["refused-en"].find(refusal) == std::string::npos);
}

TEST_CASE("a character drawn but not picked in the opinion is not offered for the name", "[gui][opinion]") {
    // 十 drawn on the opinion's pad, not picked, then Next: the name box's pad kept the strokes
    // and the bar offered 十, which a tap wrote as the name.
    auto bundle = demo_bundle();
    std::string s = to_write_step(bundle) + "tap-text ABC\ntype fine\ntap-text 手写\n";
    s += "drag-in handwriting-pad 0.15 0.5 0.85 0.48 300\ndrag-in handwriting-pad 0.5 0.12 0.52 0.88 300\nwait 100\n";
    s += "shot drawn\ntap-text 下一步\nexpect-screen opinion-contact\ntap-text 留下联系方式\nshot name\ntap-text 十\n";
    s += kPhoneAndSubmit;
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080, "", "steps-pad-to-name");
    INFO(run.output);
    expect_not_offered(dir, run, "十");  // not on offer in the name box
}

TEST_CASE("a kiosk stopped right after a first stroke exits while the word list is read", "[gui][opinion]") {
    auto bundle = demo_bundle();
    std::string s = to_write_step(bundle) + "tap-text 手写\ndrag-in handwriting-pad 0.15 0.5 0.85 0.48 30\n";
    s += "expect-screen opinion-write\n";
    TempDir dir;
    auto t0 = std::chrono::steady_clock::now();
    auto run = run_kiosk(dir, s, 1920, 1080, "", "steps-exit-while-reading");
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK(secs < 30);
}
