// A visit ends one way (kiosk/app/end_of_visit.cpp): visitor A opens a passport, writes an opinion by
// pinyin and by hand, or types a passport code, then the visit ends — by the idle timeout, by
// "Finish", by staff leaving maintenance (every way out of it) — and visitor B finds none of it:
// screens look exactly as a fresh kiosk's, the passport tile leads to the desk, B's opinion is
// stamped into no passport and holds only B's words, the language is the hall's again.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// A busy machine may still be building the full font atlas when the script starts; the attract
// loop hands over to home only once it is complete. A shot waits for it.
const char* kReady = "shot ready\n";

struct Words {
    std::string consult, comment_article, suggest, home, back, passport_tile, new_passport, finish, ok, back_to_exhibition,
        pinyin, handwriting;
};
Words words(Lang lang) {
    if (lang == Lang::zh)
        return {"征求意见", "对这一条提意见", "建议修改", "首页", "返回", "我的参与护照", "领取护照", "结束浏览", "确定", "返回展览", "拼音", "手写"};
    return {"Have your say", "Comment on this article", "Suggest a change", "Home", "Back", "My participation passport",
            "Get my passport", "Finish", "OK", "Back to the exhibition", "Pinyin", "Handwriting"};
}
Lang lang_of(const Setup& s) { return std::string(s.lang) == "zh" ? Lang::zh : Lang::en; }
std::string tag(const Setup& s) { return std::string(s.lang) + "-" + std::to_string(s.w) + "x" + std::to_string(s.h); }

// From home to the first article's opinion screen (stance "suggest"), in `lang`.
std::string to_opinion(Lang lang) {
    auto w = words(lang);
    std::string title = demo_bundle().content.consultations.front().title.in(lang);
    return "tap-text " + w.consult + "\nexpect-screen consultations\ntap-text " + title + "\nexpect-screen draft\nwait 300\n";
}
std::string write_step(Lang lang) {
    auto w = words(lang);
    return "tap-text " + w.comment_article + "\ntap-text " + w.suggest + "\nexpect-screen opinion-write\n";
}

// The screens B will be checked on, as a fresh visitor sees them (the hall's language is zh), shot
// with the prefix `p`. Ends on the opinion screen in handwriting mode.
std::string tour(const std::string& p) {
    auto w = words(Lang::zh);
    std::string s = "expect-screen home\nshot " + p + "home\n";
    s += "tap-text " + w.passport_tile + "\nexpect-screen passport-desk\nshot " + p + "desk\n";
    s += "tap-text " + w.home + "\n" + to_opinion(Lang::zh) + "shot " + p + "draft\n";
    s += write_step(Lang::zh) + "shot " + p + "write\ntap-text 手写\nshot " + p + "hw\n";
    return s;
}

// Visitor A, at home in `lang`. `on_desk`: A only types a passport code and stays on the desk;
// otherwise A takes a passport, scrolls the draft, writes 立法好 by pinyin and one stroke by hand.
std::string visitor_a(Lang lang, bool on_desk) {
    auto w = words(lang);
    std::string s = lang == Lang::en ? "tap-text EN\nexpect-screen home\n" : "";
    if (on_desk) return s + "tap-text " + w.passport_tile + "\nexpect-screen passport-desk\ntype JJ1A2B3\nshot a-desk\n";
    s += "tap-text " + w.passport_tile + "\nexpect-screen passport-desk\ntap-text " + w.new_passport + "\nexpect-screen passport\n";
    s += "tap-text " + w.home + "\nexpect-screen home\n" + to_opinion(lang);
    s += "drag 600 900 600 500 250\nwait 1500\ndrag 600 500 600 900 250\nwait 1500\ndrag 600 900 600 700 250\nwait 1500\n";
    s += write_step(lang) + "tap-text " + w.pinyin + "\ntype lifa\ntap-text 立法\ntype hao\ntap-text " + w.handwriting + "\n";
    s += "drag-in handwriting-pad 0.15 0.5 0.85 0.48 300\nwait 100\nshot a-write\n";
    return s;
}

// Visitor B: the same tour as the fresh visitor, then an opinion of B's own.
std::string visitor_b() {
    return "expect-screen attract\ntap 500 500\n" + tour("b-") + "tap-text 拼音\ntype hao\ntap-text 好\n"
           "tap-text 下一步\ntap-text 不留联系方式\ntap-text 提交意见\nexpect-screen opinion-thanks\n";
}

// Fraction of pixels that differ between two screenshots of the same size.
double difference(const Png& a, const Png& b) {
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    std::size_t differ = 0;
    for (std::size_t i = 0; i + 3 < a.rgba.size(); i += 4)
        for (int c = 0; c < 3; ++c)
            if (std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])) > 8) { ++differ; break; }
    return static_cast<double>(differ) / (static_cast<double>(a.width) * a.height);
}

// Runs fresh tour → A → `ending` → B and checks that B inherited nothing.
void check_visit_ends(const Setup& setup, bool on_desk, const std::string& ending, const std::string& how) {
    Lang lang = lang_of(setup);
    INFO("A in " << tag(setup) << (on_desk ? ", on the passport desk" : ", writing an opinion") << ", the visit ends: " << how);
    std::string s = std::string(kReady) + "tap 500 500\n" + tour("fresh-") + "tap-text 首页\nexpect-screen home\n";
    s += visitor_a(lang, on_desk) + ending + visitor_b();
    TempDir dir;
    auto run = run_kiosk(dir, s, setup.w, setup.h, "", "visit-end-" + how + "-" + tag(setup) + (on_desk ? "-desk" : ""));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    // The visit ended the way it was meant to.
    bool ended = false;
    for (auto& e : run.all("session")) ended = ended || e.value("event", "") == how;
    CHECK(ended);
    // B sees exactly what a fresh visitor saw: no typed code, no words or strokes, scrolled to the
    // top, in the hall's language.
    for (const char* name : {"home", "desk", "draft", "write", "hw"}) {
        INFO("screen " << name);
        CHECK(difference(run.shot(std::string("fresh-") + name), run.shot(std::string("b-") + name)) < 0.0002);
    }
    // ...and the comparison sees what A left on screen when A wrote in the same size.
    if (lang == Lang::zh && !on_desk) CHECK(difference(run.shot("fresh-hw"), run.shot("a-write")) > 0.0008);
    if (lang == Lang::zh && on_desk) CHECK(difference(run.shot("fresh-desk"), run.shot("a-desk")) > 0.0008);
    // B's opinion holds B's words only and went into no passport.
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 1);
    CHECK(opinions[0].text == "好");
    CHECK(opinions[0].passport_id.empty());
    CHECK(opinions[0].lang == Lang::zh);
    // Only A's passport was ever opened, and it was closed by the end of the visit.
    CHECK(run.all("passport_opened").size() == (on_desk ? 0u : 1u));
}

std::string pin_to_maintenance(Lang lang) {
    std::string s;
    for (int i = 0; i < 5; ++i) s += "tap 88 56\n";
    s += "expect-screen pin\n";
    for (const char* d : {"2", "4", "6", "8"}) s += std::string("tap-text ") + d + "\n";
    return s + "tap-text " + words(lang).ok + "\nexpect-screen maintenance\n";
}

}  // namespace

TEST_CASE("a visit ended by the idle timeout leaves the next visitor nothing", "[gui][session][visit]") {
    auto [setup, on_desk] = GENERATE(std::make_pair(Setup{"zh", 1920, 1080}, false), std::make_pair(Setup{"en", 1080, 1920}, false),
                                     std::make_pair(Setup{"en", 1920, 1080}, true));
    check_visit_ends(setup, on_desk, "idle 120000\n", "reset");
}

TEST_CASE("a visit ended by Finish on the countdown leaves the next visitor nothing", "[gui][session][visit]") {
    auto [setup, on_desk] = GENERATE(std::make_pair(Setup{"zh", 1920, 1080}, false), std::make_pair(Setup{"en", 1080, 1920}, false),
                                     std::make_pair(Setup{"zh", 1080, 1920}, true));
    std::string finish = "idle 91000\nexpect-screen countdown\ntap-text " + words(lang_of(setup)).finish + "\n";
    check_visit_ends(setup, on_desk, finish, "finished");
}

TEST_CASE("staff leaving maintenance by any way out end the visit it interrupted", "[gui][session][visit][maintenance]") {
    struct Exit { Setup setup; bool on_desk; const char* way; };
    // The maintenance screen's own buttons are in view in portrait (landscape: below the fold).
    auto exit = GENERATE(Exit{{"zh", 1080, 1920}, false, "button"}, Exit{{"en", 1080, 1920}, false, "escape"},
                         Exit{{"en", 1920, 1080}, false, "top-bar-back"}, Exit{{"zh", 1920, 1080}, true, "top-bar-home"});
    Lang lang = lang_of(exit.setup);
    auto w = words(lang);
    std::string out = exit.way == std::string("button")         ? "tap-text " + w.back_to_exhibition + "\n"
                      : exit.way == std::string("escape")       ? "key Escape\n"
                      : exit.way == std::string("top-bar-back") ? "tap-text " + w.back + "\n"
                                                                : "tap-text " + w.home + "\n";
    INFO("out of maintenance by " << exit.way);
    check_visit_ends(exit.setup, exit.on_desk, pin_to_maintenance(lang) + out, "maintenance");
}

// Leaving the opinion flow with words typed asks first, in the visitor's language; each answer
// does what it says, and a touch beside the question keeps the words.
TEST_CASE("leaving an opinion with typed words asks to keep writing or discard", "[gui][opinion][visit]") {
    struct Case { Setup setup; bool home, keep; };
    auto c = GENERATE(Case{{"zh", 1920, 1080}, false, true}, Case{{"en", 1080, 1920}, false, false},
                      Case{{"en", 1920, 1080}, true, true}, Case{{"zh", 1080, 1920}, true, false});
    Lang lang = lang_of(c.setup);
    auto w = words(lang);
    bool zh = lang == Lang::zh;
    std::string leave = "tap-text " + (c.home ? w.home : w.back) + "\n";
    std::string keep = zh ? "继续填写" : "Keep writing", discard = zh ? "放弃并离开" : "Discard and leave";
    INFO(tag(c.setup) << (c.home ? ", Home" : ", Back") << (c.keep ? ", keep writing" : ", discard"));

    std::string s = std::string(kReady) + (zh ? "tap 500 500\n" : "tap-text EN\n") + to_opinion(lang) + write_step(lang) + "shot empty\n";
    // Nothing typed yet: Back leaves at once, no question.
    s += "tap-text " + w.back + "\nexpect-screen draft\n" + write_step(lang);
    s += "tap-text " + w.pinyin + "\ntype lifa\ntap-text 立法\n";
    // A touch beside the question keeps the words, and so does Escape.
    s += leave + "expect-screen leave-question\ntap 20 " + std::to_string(c.setup.h - 20) + "\nexpect-screen opinion-write\n";
    s += "key Escape\nexpect-screen leave-question\nkey Escape\nexpect-screen opinion-write\n";
    s += leave + "expect-screen leave-question\nshot question\n";
    if (c.keep) {
        s += "tap-text " + keep + "\nexpect-screen opinion-write\nshot kept\n";
        s += std::string("tap-text ") + (zh ? "下一步" : "Next") + "\ntap-text " + (zh ? "不留联系方式" : "No, thank you") +
             "\ntap-text " + (zh ? "提交意见" : "Submit my opinion") + "\nexpect-screen opinion-thanks\n";
    } else {
        s += "tap-text " + discard + "\nexpect-screen " + (c.home ? "home" : "draft") + "\n";
        if (c.home) s += to_opinion(lang);
        s += write_step(lang) + "shot again\n";
    }
    TempDir dir;
    auto run = run_kiosk(dir, s, c.setup.w, c.setup.h, "", "leave-question-" + tag(c.setup));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto opinions = stored_opinions(dir);
    std::vector<std::string> answers;
    for (auto& e : run.all("leave")) answers.push_back(e.value("event", ""));
    if (c.keep) {
        REQUIRE(opinions.size() == 1);
        CHECK(opinions[0].text == "立法");
        CHECK(answers == std::vector<std::string>{"asked", "kept", "asked", "kept", "asked", "kept"});
        CHECK(difference(run.shot("empty"), run.shot("kept")) > 0.0005);  // the words are still there
    } else {
        CHECK(opinions.empty());
        CHECK(answers == std::vector<std::string>{"asked", "kept", "asked", "kept", "asked", "discarded"});
        CHECK(difference(run.shot("empty"), run.shot("again")) < 0.0005);
    }
    // The question is drawn over the screen (a person looks at these shots: tests/README.md).
    CHECK(difference(run.shot("empty"), run.shot("question")) > 0.2);
}
