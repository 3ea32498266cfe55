// Walk-up opinions through the real kiosk under Xvfb: typed in pinyin (librime) and written by
// hand (zinnia), in both languages and orientations, read back from kiosk.db; and every kind of
// bad input refused with its message while nothing is stored.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "core/content/bundle.h"
#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// Labels the scripts tap, in the visitor's language.
struct Labels {
    std::string consult, comment_article, comment_whole, suggest, support, next, skip, submit, back_to_draft, pinyin,
        handwriting;
};
Labels labels(Lang lang) {
    if (lang == Lang::zh)
        return {"征求意见", "对这一条提意见", "对整部草案提意见", "建议修改", "赞成", "下一步", "不留联系方式", "提交意见", "返回草案", "拼音", "手写"};
    return {"Have your say", "Comment on this article", "Comment on the whole draft", "Suggest a change", "I support it",
            "Next", "No, thank you", "Submit my opinion", "Back to the draft", "Pinyin", "Handwriting"};
}

std::string open_first_article(const LoadedBundle& b, Lang lang) {
    auto l = labels(lang);
    std::string s = lang == Lang::en ? "tap-text EN\n" : "tap 500 500\n";
    s += "tap-text " + l.consult + "\nexpect-screen consultations\n";
    s += "tap-text " + b.content.consultations.front().title.in(lang) + "\nexpect-screen draft\nwait 300\n";
    return s;
}

}  // namespace

TEST_CASE("a visitor submits one opinion typed in pinyin and one written by hand", "[gui][opinion]") {
    auto bundle = demo_bundle();
    auto setup = GENERATE(Setup{"zh", 1920, 1080}, Setup{"en", 1920, 1080}, Setup{"zh", 1080, 1920}, Setup{"en", 1080, 1920});
    Lang lang = std::string(setup.lang) == "zh" ? Lang::zh : Lang::en;
    INFO("language " << setup.lang << ", " << setup.w << "x" << setup.h);
    auto l = labels(lang);
    std::string s = open_first_article(bundle, lang) + "shot draft\n";
    // 1. Pinyin: l-i-f-a offers 立法; h-a-o offers 好.
    s += "tap-text " + l.comment_article + "\nexpect-screen opinion-stance\nshot stance\n";
    s += "tap-text " + l.suggest + "\nexpect-screen opinion-write\n";
    s += "tap-text " + l.pinyin + "\ntype lifa\nwait 100\nshot pinyin-candidates\ntap-text 立法\ntype hao\ntap-text 好\nshot pinyin-typed\n";
    s += "tap-text " + l.next + "\nexpect-screen opinion-contact\nshot contact\n";
    s += "tap-text " + l.skip + "\nexpect-screen opinion-review\nshot review\n";
    s += "tap-text " + l.submit + "\nexpect-screen opinion-thanks\nshot thanks\n";
    // 2. Handwriting: 十, drawn across the pad, horizontal stroke first.
    s += "tap-text " + l.back_to_draft + "\nexpect-screen draft\n";
    s += "tap-text " + l.comment_whole + "\ntap-text " + l.support + "\nexpect-screen opinion-write\n";
    s += "tap-text " + l.handwriting + "\ndrag-in handwriting-pad 0.15 0.5 0.85 0.48 300\ndrag-in handwriting-pad 0.5 0.12 0.52 0.88 300\n";
    // Then the words that most often start with 十 (rime-essay): 十分 writes 分 without a stroke.
    s += "wait 100\nshot handwriting\ntap-text 十\nshot handwriting-words\ntap-text 十分\n";
    s += "tap-text " + l.next + "\ntap-text " + l.skip + "\ntap-text " + l.submit + "\nexpect-screen opinion-thanks\n";

    TempDir dir;
    auto run = run_kiosk(dir, s, setup.w, setup.h, "",
                         std::string("opinion-") + setup.lang + "-" + std::to_string(setup.w) + "x" + std::to_string(setup.h));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    auto records = run.all("record");
    REQUIRE(records.size() == 2);
    auto opinions = stored_opinions(dir);
    REQUIRE(opinions.size() == 2);
    auto& typed = opinions[0].text == "立法好" ? opinions[0] : opinions[1];  // the other is 十分
    auto& drawn = opinions[0].text == "立法好" ? opinions[1] : opinions[0];
    CHECK(typed.text == "立法好");
    CHECK(typed.stance == Stance::suggest);
    CHECK(typed.article == bundle.content.consultations.front().articles.front().number);
    CHECK(typed.lang == lang);
    CHECK(drawn.text == "十分");
    CHECK(drawn.stance == Stance::support);
    CHECK_FALSE(drawn.article.has_value());
    for (auto& r : records) {
        std::string id = r.value("detail", "");
        CHECK((id == opinions[0].id || id == opinions[1].id));
    }
    for (const char* name : {"draft", "stance", "pinyin-candidates", "pinyin-typed", "contact", "review", "thanks", "handwriting"}) {
        INFO("screenshot " << name);
        CHECK(run.shot(name).colour_count() > 30);
    }
}

TEST_CASE("the keyboard opens in the visitor's language: English is typed as English, Chinese in pinyin", "[gui][opinion]") {
    auto bundle = demo_bundle();
    struct Case {
        Lang lang;
        std::string keys, expected;
    };
    // No mode key tapped: the keyboard is as the visitor found it. Then, in English, the mode key
    // named in English ("Pinyin") switches to pinyin for a Chinese word.
    for (const Case& c : {Case{Lang::en, "type good idea\ntap-text Pinyin\ntype hao\ntap-text 好\n", "good idea好"},
                          Case{Lang::zh, "type lifa\ntap-text 立法\n", "立法"}}) {
        auto l = labels(c.lang);
        INFO(lang_code(c.lang));
        std::string s = open_first_article(bundle, c.lang) + "tap-text " + l.comment_article + "\ntap-text " + l.suggest + "\n";
        s += "expect-screen opinion-write\n" + c.keys;
        s += "tap-text " + l.next + "\ntap-text " + l.skip + "\ntap-text " + l.submit + "\nexpect-screen opinion-thanks\n";
        TempDir dir;
        auto run = run_kiosk(dir, s, 1920, 1080, "", std::string("keyboard-language-") + lang_code(c.lang));
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        auto opinions = stored_opinions(dir);
        REQUIRE(opinions.size() == 1);
        CHECK(opinions[0].text == c.expected);
    }
}

TEST_CASE("an emoji typed into an opinion is left out as it is typed and the rest is kept", "[gui][opinion][validation]") {
    auto bundle = demo_bundle();
    for (Lang lang : {Lang::en, Lang::zh}) {
        auto l = labels(lang);
        INFO(lang_code(lang));
        std::string s = open_first_article(bundle, lang) + "tap-text " + l.comment_article + "\ntap-text " + l.suggest + "\n";
        // In Chinese the keyboard is in pinyin: the letters compose, the emoji ends nothing.
        s += "expect-screen opinion-write\n" + std::string(lang == Lang::en ? "tap-text ABC\n" : "tap-text ABC\n");
        s += "type good \xF0\x9F\x98\x80idea\xE2\x80\x8B!\nshot left-out\n";
        s += "tap-text " + l.next + "\nexpect-screen opinion-contact\n";
        s += "tap-text " + l.skip + "\ntap-text " + l.submit + "\nexpect-screen opinion-thanks\n";
        TempDir dir;
        auto run = run_kiosk(dir, s, 1920, 1080, "", std::string("emoji-left-out-") + lang_code(lang));
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        auto opinions = stored_opinions(dir);
        REQUIRE(opinions.size() == 1);
        CHECK(opinions[0].text == "good idea!");  // the emoji and the zero-width space are gone
    }
}

TEST_CASE("the words offered after a handwritten character stay with the field it was written in",
          "[gui][opinion]") {
    // 十 is written and picked in the opinion, then the visitor goes on to the name field, still
    // writing by hand: the bar there offered 十分, and a tap appended 分 to the name.
    auto bundle = demo_bundle();
    auto l = labels(Lang::zh);
    std::string s = open_first_article(bundle, Lang::zh) + "tap-text " + l.comment_article + "\ntap-text " + l.suggest + "\n";
    s += "tap-text " + l.handwriting + "\ndrag-in handwriting-pad 0.15 0.5 0.85 0.48 300\n";
    s += "drag-in handwriting-pad 0.5 0.12 0.52 0.88 300\nwait 100\ntap-text 十\nshot words\n";
    s += "tap-text 下一步\nexpect-screen opinion-contact\ntap-text 留下联系方式\ntap-text 姓名或称呼\nshot name\ntap-text 十分\n";
    TempDir dir;
    auto run = run_kiosk(dir, s, 1920, 1080, "", "words-stay-in-field");
    INFO(run.output);
    CHECK(run.exit_code == 2);  // the script could not tap 十分 on the contact step
    CHECK(run.output.find("十分") != std::string::npos);
    auto shots = run.all("shot");
    REQUIRE(shots.size() == 2);  // both steps were reached: the words were offered in the opinion
}

TEST_CASE("a step's message stays behind when the visitor moves on", "[gui][opinion][validation]") {
    // Next without the consent ticked says to tick it; ticked, Next leads to the review, which
    // showed the same words under the card. The layout report lists what each shot showed.
    auto bundle = demo_bundle();
    auto l = labels(Lang::zh);
    const std::string refusal = "留下联系方式需要先勾选同意";
    std::string s = open_first_article(bundle, Lang::zh) + "tap-text " + l.comment_article + "\ntap-text " + l.suggest + "\n";
    s += "tap-text ABC\ntype fine\ntap-text " + l.next + "\nexpect-screen opinion-contact\n";
    s += "tap-text 留下联系方式\ntap-text 电话\ntype 13812345678\ntap-text " + l.next + "\nshot refused\n";
    s += "tap-text consent\ntap-text " + l.next + "\nexpect-screen opinion-review\nshot review\n";
    TempDir dir;
    auto report = dir / "layout.jsonl";
    auto run = run_kiosk(dir, s, 1920, 1080, "--layout-report " + report.string(), "message-stays-behind");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto shown = shown_by_shot(report);
    REQUIRE(shown.count("refused") == 1);
    REQUIRE(shown.count("review") == 1);
    CHECK(shown["refused"].find(refusal) != std::string::npos);
    CHECK(shown["review"].find(refusal) == std::string::npos);
}

TEST_CASE("bad input gets its own message and nothing is stored", "[gui][opinion][validation]") {
    auto bundle = demo_bundle();
    auto l = labels(Lang::zh);
    std::string start = open_first_article(bundle, Lang::zh) + "tap-text " + l.comment_article + "\ntap-text " + l.suggest + "\n";
    struct Case {
        const char* name;
        std::string steps, problem, env;
    };
    std::string too_long(1001, 'a');
    std::vector<Case> cases = {
        {"empty", "tap-text " + l.next + "\n", "text_empty", ""},
        {"only spaces", "tap-text ABC\ntype    \ntap-text " + l.next + "\n", "text_empty", ""},
        {"too long", "tap-text ABC\ntype " + too_long + "\ntap-text " + l.next + "\n", "text_too_long", ""},
        // Characters the kiosk cannot draw are left out as they are typed (the test above): typed
        // alone, nothing is left to send.
        {"control character alone", "tap-text ABC\ntype \x07\ntap-text " + l.next + "\n", "text_empty", ""},
        {"emoji alone", "tap-text ABC\ntype \xF0\x9F\x98\x80\ntap-text " + l.next + "\n", "text_empty", ""},
        {"bad phone", "tap-text ABC\ntype fine\ntap-text " + l.next + "\ntap-text 留下联系方式\ntap-text consent\ntap-text 电话\n"
                      "type 12345\ntap-text " + l.next + "\n", "phone_invalid", ""},
        {"no consent", "tap-text ABC\ntype fine\ntap-text " + l.next + "\ntap-text 留下联系方式\ntap-text 电话\n"
                       "type 13812345678\ntap-text " + l.next + "\n", "contact_without_consent", ""},
        // The deadline passes (midnight of the last day) while the visitor writes.
        {"deadline passed while writing", "tap-text ABC\ntype late\nwait 80000\ntap-text " + l.next + "\n", "deadline_passed",
         "LIANXIN_TODAY=" + bundle.content.consultations.front().deadline.to_string() + "T23:59 "},
    };
    for (auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            TempDir dir;
            std::string script = start + c.steps + "shot message\n";
            std::string prefix = c.env.empty() ? "" : c.env;
            if (!prefix.empty()) setenv("LIANXIN_TODAY", prefix.substr(14, prefix.size() - 15).c_str(), 1);
            auto run = run_kiosk(dir, script, 1920, 1080, "", std::string("bad-input-") + c.problem);
            unsetenv("LIANXIN_TODAY");
            INFO(run.output);
            REQUIRE(run.exit_code == 0);
            bool seen = false;
            for (auto& v : run.all("validation")) seen |= v.value("detail", "") == c.problem;
            CHECK(seen);
            CHECK(run.all("record").empty());
            CHECK(stored_opinions(dir).empty());
            // The message is on screen, in red, above the keyboard or the fields.
            auto png = run.shot("message");
            REQUIRE(png.ok());
        }
    }
}
