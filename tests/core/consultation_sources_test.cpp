// Consultation sources (content/consultations/*.toml): the demo drafts load completely, and every
// kind of mistake is reported with file, field and line, all of them in one pass.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "core/content/content_sources.h"
#include "tests/support/content_copy.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using namespace lianxin::test;

namespace {

constexpr const char* kProperty = "consultations/property-rules.toml";
constexpr const char* kMeals = "consultations/elderly-meals.toml";

}  // namespace

TEST_CASE("the demo consultations load with every article, question and stage",
          "[core][consultation]") {
    auto load = load_content_sources(lianxin::test::demo_content_dir());
    INFO(all_problems(load));
    REQUIRE(load.ok());
    auto& cs = load.content.consultations;
    REQUIRE(cs.size() == 2);
    // Sorted by `order`: the property rules first.
    CHECK(cs[0].id == "property-rules");
    CHECK(cs[1].id == "elderly-meals");
    CHECK(load.content.find_consultation("elderly-meals") == &cs[1]);
    CHECK(load.content.find_consultation("nothing") == nullptr);

    auto& p = cs[0];
    CHECK(p.order == 1);
    CHECK(p.title.zh == "锦江区住宅小区物业管理若干规定（征求意见稿）");
    CHECK_FALSE(p.title.en.empty());
    CHECK(p.deadline == LocalDate{2027, 1, 31});
    CHECK(cs[1].deadline == LocalDate{2027, 3, 15});
    CHECK(p.stage_id == "collecting");
    CHECK(p.is_collecting());
    REQUIRE(p.current_stage() != nullptr);
    CHECK(p.current_stage()->name.zh == "征集意见");
    // No [[stages]] in the file: the eight default stages, in the documented order.
    REQUIRE(p.stages.size() == 8);
    CHECK(p.stages.front().id == "draft_published");
    CHECK(p.stages.back().id == "archived");
    CHECK(p.stages[3].name.en == "Submitted to the legislature");

    CHECK(p.articles.size() == 7);
    CHECK(cs[1].articles.size() == 5);
    for (auto& c : cs) {
        int previous = 0;
        for (auto& a : c.articles) {
            INFO(c.id << " article " << a.number);
            CHECK(a.number > previous);
            previous = a.number;
            for (auto* t : {&a.title, &a.text, &a.plain}) {
                CHECK_FALSE(t->zh.empty());
                CHECK_FALSE(t->en.empty());
            }
            CHECK(a.questions.size() >= 1);
            CHECK(a.questions.size() <= 2);
            for (auto& q : a.questions) {
                CHECK_FALSE(q.zh.empty());
                CHECK_FALSE(q.en.empty());
            }
            // Multi-line strings keep their paragraphs but lose the newline after the opening
            // quotes.
            CHECK(a.text.zh.front() != '\n');
        }
    }
    auto* a6 = p.find_article(6);
    REQUIRE(a6 != nullptr);
    CHECK_THAT(a6->text.zh, Catch::Contains("电动自行车"));
    CHECK(a6->text.zh.find('\n') != std::string::npos);  // two paragraphs
    CHECK(p.find_article(8) == nullptr);

    // Everything a consultation shows is in the text the kiosk's font atlas is built from.
    auto text = load.content.all_text();
    CHECK_THAT(text, Catch::Contains(p.articles[4].plain.zh));
    CHECK_THAT(text, Catch::Contains(p.articles[1].questions[1].en));
    CHECK_THAT(text, Catch::Contains(cs[1].summary.zh));
    CHECK_THAT(text, Catch::Contains("报送立法机关"));
    CHECK_THAT(text, Catch::Contains("2027-03-15"));
}

TEST_CASE("the consultations folder is optional, and may be empty", "[core][consultation]") {
    ContentCopy c;
    SECTION("no folder") {
        fs::remove_all(c.dir / "consultations");
    }
    SECTION("an empty folder") {
        fs::remove_all(c.dir / "consultations");
        fs::create_directories(c.dir / "consultations");
    }
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.ok());
    CHECK(load.content.consultations.empty());
}

TEST_CASE("a consultation string without its English or Chinese is refused",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty, "title.en = \"Article 3 — Openness about property fees\"\n", "");
    c.replace(kMeals, "summary.zh = \"\"\"", "summary.cn = \"\"\"");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.problems.size() == 3);
    expect_problem(load, kProperty, "article[3].title.en",
                   c.line_of(kProperty, "title.zh = \"第三条"),
                   "is missing: every visible string needs Chinese and English");
    expect_problem(load, kMeals, "summary.cn", c.line_of(kMeals, "summary.cn"),
                   "unknown key (allowed: zh, en)");
    expect_problem(load, kMeals, "summary.zh", c.line_of(kMeals, "summary.cn"), "is missing");
}

TEST_CASE("a consultation without a required field names the field", "[core][consultation]") {
    ContentCopy c;
    c.replace(kMeals, "deadline = 2027-03-15\n", "");
    c.replace(kMeals, "number = 4\n", "");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.problems.size() == 2);
    expect_problem(load, kMeals, "deadline", 1,
                   "is missing (a date such as deadline = 2027-01-31)");
    expect_problem(load, kMeals, "article[4].number", c.line_of(kMeals, "[[article]]", 4),
                   "is missing");
}

TEST_CASE("a deadline that is not a calendar day is refused", "[core][consultation]") {
    ContentCopy c;
    SECTION("written as text") {
        c.replace(kProperty, "deadline = 2027-01-31", "deadline = \"2027-01-31\"");
        expect_only_problem(c.load(), kProperty, "deadline", c.line_of(kProperty, "deadline = "),
                            "must be a date without quotes, e.g. deadline = 2027-01-31");
    }
    SECTION("with a time of day") {
        c.replace(kProperty, "deadline = 2027-01-31", "deadline = 2027-01-31T18:00:00");
        expect_only_problem(c.load(), kProperty, "deadline", c.line_of(kProperty, "deadline = "),
                            "must be a calendar day without a time of day");
    }
    SECTION("a day that does not exist") {
        c.replace(kProperty, "deadline = 2027-01-31", "deadline = 2027-02-30");
        auto load = c.load();
        INFO(all_problems(load));
        REQUIRE(load.problems.size() == 1);
        CHECK(load.problems[0].file == kProperty);
        CHECK(load.problems[0].line == c.line_of(kProperty, "deadline = "));
        CHECK_THAT(load.problems[0].message,
                   Catch::StartsWith("TOML syntax: ") && Catch::Contains("day"));
    }
    SECTION("out of range") {
        c.replace(kProperty, "deadline = 2027-01-31", "deadline = 1927-01-31");
        expect_only_problem(c.load(), kProperty, "deadline", c.line_of(kProperty, "deadline = "),
                            "must be a date between 2000-01-01 and 2100-12-31");
    }
    SECTION("a number") {
        c.replace(kProperty, "deadline = 2027-01-31", "deadline = 20270131");
        expect_only_problem(c.load(), kProperty, "deadline", c.line_of(kProperty, "deadline = "),
                            "must be a date");
    }
}

TEST_CASE("a current stage that is not among the stages is refused, listing them",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kMeals, "stage = \"collecting\"", "stage = \"colecting\"");
    expect_only_problem(c.load(), kMeals, "stage", c.line_of(kMeals, "stage = "),
                        "'colecting' is not one of this consultation's stages (draft_published, "
                        "collecting, refining, "
                        "submitted, feedback, results_published, adopted, archived)");
}

TEST_CASE("a consultation's own stages replace the default eight", "[core][consultation]") {
    ContentCopy c;
    c.replace(
        kMeals, "stage = \"collecting\"\n",
        "stage = \"hearing\"\n\n"
        "[[stages]]\nid = \"published\"\nname.zh = \"草案公布\"\nname.en = \"Draft published\"\n\n"
        "[[stages]]\nid = \"hearing\"\nname.zh = \"听证\"\nname.en = \"Public hearing\"\n");
    SECTION("and the current stage is one of them") {
        auto load = c.load();
        INFO(all_problems(load));
        REQUIRE(load.ok());
        auto* m = load.content.find_consultation("elderly-meals");
        REQUIRE(m != nullptr);
        REQUIRE(m->stages.size() == 2);
        CHECK(m->stages[1].id == "hearing");
        CHECK(m->stages[1].name.en == "Public hearing");
        CHECK(m->current_stage() == &m->stages[1]);
        CHECK_FALSE(m->is_collecting());  // not "collecting": the kiosk takes no opinions
    }
    SECTION("a default stage id is no longer valid") {
        c.replace(kMeals, "stage = \"hearing\"", "stage = \"collecting\"");
        expect_only_problem(
            c.load(), kMeals, "stage", c.line_of(kMeals, "stage = "),
            "'collecting' is not one of this consultation's stages (published, hearing)");
    }
    SECTION("a stage without its English name, or an id used twice") {
        c.replace(kMeals, "name.en = \"Draft published\"\n", "");
        c.replace(kMeals, "id = \"published\"", "id = \"hearing\"");
        auto load = c.load();
        INFO(all_problems(load));
        CHECK(load.problems.size() == 2);
        expect_problem(load, kMeals, "stages[1].name.en",
                       c.line_of(kMeals, "name.zh = \"草案公布\""), "is missing");
        expect_problem(load, kMeals, "stages[2].id", c.line_of(kMeals, "id = \"hearing\"", 2),
                       "'hearing' is used twice");
    }
}

TEST_CASE("stages written as [[stage]] are explained", "[core][consultation]") {
    ContentCopy c;
    c.replace(kMeals, "stage = \"collecting\"\n",
              "[[stage]]\nid = \"collecting\"\nname.zh = \"征集意见\"\nname.en = \"Collecting\"\n");
    auto load = c.load();
    INFO(all_problems(load));
    // [[stage]] is the last table before [[article]] here, so only the stage key is wrong.
    expect_only_problem(load, kMeals, "stage", c.line_of(kMeals, "[[stage]]"),
                        "is the current stage's id (stage = \"collecting\"); write the "
                        "consultation's own stages as "
                        "[[stages]] tables");
}

TEST_CASE("an article number used twice is refused, naming the first", "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty, "number = 3", "number = 2");
    expect_only_problem(c.load(), kProperty, "article[3].number",
                        c.line_of(kProperty, "number = 2", 2), "2 is used twice (also article[2])");
}

TEST_CASE("article numbers that go down are refused, once per misplaced number",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty, "number = 4", "number = 9");
    // 1 2 3 9 5 6 7: only the step from 9 to 5 is wrong.
    expect_only_problem(c.load(), kProperty, "article[5].number",
                        c.line_of(kProperty, "number = 5"),
                        "5 comes after 9: article numbers must increase");
}

TEST_CASE("gaps in article numbers are allowed (a draft may renumber later)",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty, "number = 4", "number = 40");
    c.replace(kProperty, "number = 5", "number = 50");
    c.replace(kProperty, "number = 6", "number = 60");
    c.replace(kProperty, "number = 7", "number = 70");
    auto load = c.load();
    INFO(all_problems(load));
    REQUIRE(load.ok());
    CHECK(load.content.find_consultation("property-rules")->find_article(40) != nullptr);
}

TEST_CASE("an article number out of range is refused", "[core][consultation]") {
    ContentCopy c;
    c.replace(kMeals, "number = 1", "number = 0");
    expect_only_problem(c.load(), kMeals, "article[1].number", c.line_of(kMeals, "number = 0"),
                        "must be between 1 and 9999");
}

TEST_CASE("question lists of different lengths are refused", "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty,
              "questions.zh = [\"您是否愿意用手机等电子方式参加业主大会投票？您有什么顾虑？\", ",
              "questions.zh = [");
    expect_only_problem(
        c.load(), kProperty, "article[2].questions.en", c.line_of(kProperty, "questions.en", 2),
        "has 2 questions but article[2].questions.zh has 1: each question needs both languages, "
        "in the same order");
}

TEST_CASE("questions in one language only, or of the wrong shape, are refused",
          "[core][consultation]") {
    ContentCopy c;
    SECTION("English missing") {
        c.replace(
            kMeals,
            "questions.en = [\"How would you prefer to give your views on your meal point?\"]\n",
            "");
        expect_only_problem(c.load(), kMeals, "article[5].questions.en",
                            c.line_of(kMeals, "questions.zh", 5),
                            "is missing: every question needs Chinese and English");
    }
    SECTION("a single string instead of a list") {
        c.replace(
            kMeals,
            "questions.en = [\"How would you prefer to give your views on your meal point?\"]",
            "questions.en = \"How would you prefer to give your views on your meal point?\"");
        expect_only_problem(c.load(), kMeals, "article[5].questions.en",
                            c.line_of(kMeals, "questions.en", 5), "must be a list of strings");
    }
    SECTION("an empty list") {
        c.replace(
            kMeals,
            "questions.en = [\"How would you prefer to give your views on your meal point?\"]",
            "questions.en = []");
        expect_only_problem(c.load(), kMeals, "article[5].questions.en",
                            c.line_of(kMeals, "questions.en", 5),
                            "is empty: give at least one question or leave questions out");
    }
    SECTION("an emoji in a question names the question") {
        c.replace(kMeals, "\"您希望用什么方式给助餐点提意见？\"",
                  "\"您希望用什么方式给助餐点提意见？\xF0\x9F\x99\x82\"");
        expect_only_problem(
            c.load(), kMeals, "article[5].questions.zh[1]", c.line_of(kMeals, "questions.zh", 5),
            "contains U+1F642 '\xF0\x9F\x99\x82' (SLIGHTLY SMILING FACE), which the kiosk cannot draw (characters above U+FFFF)");
    }
    SECTION("a number among the questions") {
        c.replace(
            kMeals,
            "questions.en = [\"How would you prefer to give your views on your meal point?\"]",
            "questions.en = [42]");
        expect_only_problem(c.load(), kMeals, "article[5].questions.en[1]",
                            c.line_of(kMeals, "questions.en", 5), "must be a string");
    }
    SECTION("questions written as a list instead of .zh/.en") {
        c.replace(kMeals, "questions.zh = [\"您希望用什么方式给助餐点提意见？\"]\n", "");
        c.replace(
            kMeals,
            "questions.en = [\"How would you prefer to give your views on your meal point?\"]",
            "questions = [\"How?\"]");
        expect_only_problem(c.load(), kMeals, "article[5].questions",
                            c.line_of(kMeals, "questions = "),
                            "must be written as article[5].questions.zh = [\"…\"] and "
                            "article[5].questions.en = [\"…\"]");
    }
}

TEST_CASE("unknown keys in a consultation are refused with the allowed keys",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty, "order = 1", "oder = 1");
    c.replace(kProperty, "plain.zh = \"\"\"\n这一条说明", "plian.zh = \"\"\"\n这一条说明");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.problems.size() == 4);
    expect_problem(
        load, kProperty, "oder", c.line_of(kProperty, "oder"),
        "unknown key (allowed: id, order, title, summary, deadline, stage, stages, article, translation)");
    expect_problem(load, kProperty, "order", 1, "is missing");
    expect_problem(load, kProperty, "article[1].plian", c.line_of(kProperty, "plian"),
                   "unknown key (allowed: number, title, text, plain, questions)");
    // plain.en is still there, so it is plain.zh that is missing.
    expect_problem(load, kProperty, "article[1].plain.zh", c.line_of(kProperty, "plain.en"),
                   "is missing");
}

TEST_CASE("a consultation whose id differs from its file name is refused", "[core][consultation]") {
    ContentCopy c;
    fs::rename(c.dir / kMeals, c.dir / "consultations/meals.toml");
    expect_only_problem(c.load(), "consultations/meals.toml", "id",
                        c.line_of("consultations/meals.toml", "id = "),
                        "'elderly-meals' must match the file name 'meals'");
}

TEST_CASE("a consultation without articles is refused", "[core][consultation]") {
    ContentCopy c;
    auto text = lianxin::test::read_text(c.dir / kMeals);
    lianxin::test::write_text(c.dir / kMeals, text.substr(0, text.find("[[article]]")));
    auto load = c.load();
    INFO(all_problems(load));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].file == kMeals);
    CHECK(load.problems[0].field == "article");
    CHECK(load.problems[0].line == 0);
    CHECK_THAT(load.problems[0].message, Catch::Contains("add at least one [[article]]"));
}

TEST_CASE("a control character in legal text is refused, newlines are not",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kMeals, "本办法所称社区老年助餐服务", "本办法所称\\u0007社区老年助餐服务");
    expect_only_problem(c.load(), kMeals, "article[1].text.zh", c.line_of(kMeals, "text.zh"),
                        "contains U+0007, a control character the kiosk cannot draw");
}

TEST_CASE("a TOML syntax error in a consultation names its line", "[core][consultation]") {
    ContentCopy c;
    c.replace(kMeals, "order = 2", "order = = 2");
    auto load = c.load();
    INFO(all_problems(load));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].file == kMeals);
    CHECK(load.problems[0].line == c.line_of(kMeals, "order = = 2"));
    CHECK_THAT(load.problems[0].message, Catch::StartsWith("TOML syntax: "));
}

TEST_CASE("problems in several consultations are all reported in one pass",
          "[core][consultation]") {
    ContentCopy c;
    c.replace(kProperty, "stage = \"collecting\"", "stage = \"Collecting\"");
    c.replace(kProperty, "number = 6", "number = 5");
    c.replace(kMeals, "title.en = \"Article 2 — Who may dine, and meal subsidies\"",
              "title.en = \"  \"");
    c.append(kMeals, "\n[[article]]\nnumber = 6\ntitle.zh = \"第六条　附则\"\n");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.problems.size() == 6);
    expect_problem(load, kProperty, "stage", c.line_of(kProperty, "stage = "),
                   "is not a valid stage id");
    expect_problem(load, kProperty, "article[6].number", c.line_of(kProperty, "number = 5", 2),
                   "5 is used twice");
    expect_problem(load, kMeals, "article[2].title.en", c.line_of(kMeals, "title.en = \"  \""),
                   "is empty");
    int added = c.line_of(kMeals, "[[article]]", 6);
    expect_problem(load, kMeals, "article[6].title.en", added + 2, "is missing");
    expect_problem(load, kMeals, "article[6].text", added, "is missing");
    expect_problem(load, kMeals, "article[6].plain", added, "is missing");
}
