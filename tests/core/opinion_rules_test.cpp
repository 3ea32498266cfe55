// Opinion rules (check_opinion): each broken rule is reported as its own OpinionProblem, limits
// count characters (code points), and accepted input is normalized the way it will be stored.
#include "core/opinions/opinion_rules.h"

#include <filesystem>

#include "core/base/uuid.h"
#include "core/i18n/string_table.h"
#include "core/opinions/opinion_problem_text.h"
#include "tests/support/test_consultation.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace lianxin;

namespace {

Consultation draft_under_consultation() {
    Consultation c;
    c.id = "test-draft";
    c.title = {"测试草案", "Test draft"};
    c.deadline = {2027, 1, 31};
    c.stage_id = kCollectingStage;
    c.stages = default_consultation_stages();
    for (int n : {1, 2, 5})
        c.articles.push_back(Article{n, {"条", "Article"}, {"文", "text"}, {"白话", "plain"}, {}});
    return c;
}

OpinionDraft good_draft() {
    OpinionDraft d;
    d.article = 2;
    d.stance = Stance::suggest;
    d.text = "建议把公示期延长到十五天。";
    return d;
}

const LocalDate kToday{2027, 1, 10};

std::vector<OpinionProblem> problems(const OpinionDraft& d,
                                     const Consultation& c = draft_under_consultation(),
                                     LocalDate today = kToday) {
    return check_opinion(d, c, today);
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

using P = OpinionProblem;
using Problems = std::vector<OpinionProblem>;

}  // namespace

TEST_CASE("a plain opinion passes every rule", "[core][opinions]") {
    CHECK(problems(good_draft()).empty());
    auto d = good_draft();
    d.article.reset();  // on the whole draft
    d.stance = Stance::oppose;
    d.lang = Lang::en;
    d.text = "I oppose this.\n\tSecond line, indented.";
    CHECK(problems(d).empty());
}

TEST_CASE("the opinion text rules", "[core][opinions]") {
    auto d = good_draft();
    SECTION("empty") {
        d.text = "";
        CHECK(problems(d) == Problems{P::text_empty});
    }
    SECTION("only white space, full-width spaces included") {
        d.text = " \n\t\u3000\u00A0 ";
        CHECK(problems(d) == Problems{P::text_empty});
    }
    SECTION("1000 Chinese characters fit; 1001 do not") {
        d.text = repeat("意", kOpinionTextMaxChars);
        CHECK(problems(d).empty());
        d.text += "见";
        CHECK(problems(d) == Problems{P::text_too_long});
    }
    SECTION("the limit counts characters after trimming, not bytes") {
        d.text = "  " + repeat("a", kOpinionTextMaxChars) + "\n\n";
        CHECK(problems(d).empty());
    }
    SECTION("control characters other than newline and tab") {
        for (std::string bad :
             {"\x01", "\r", "\x1B", "\x7F", "\xC2\x85" /* U+0085, a C1 control */}) {
            INFO("control " << static_cast<int>(static_cast<unsigned char>(bad.back())));
            d.text = "前" + bad + "后";
            CHECK(problems(d) == Problems{P::text_control_character});
        }
    }
    SECTION("invalid UTF-8") {
        d.text = "abc\xE6\x84";  // cut in the middle of a character
        CHECK(problems(d) == Problems{P::text_invalid_utf8});
        d.text = "\xC0\xAF";  // overlong '/'
        CHECK(problems(d) == Problems{P::text_invalid_utf8});
    }
    SECTION("characters above U+FFFF") {
        d.text = "好\xF0\x9F\x91\x8D";  // U+1F44D
        CHECK(problems(d) == Problems{P::text_unsupported_character});
        d.text = "\xF0\xA0\x80\x80";  // U+20000, CJK extension B
        CHECK(problems(d) == Problems{P::text_unsupported_character});
    }
}

TEST_CASE("the contact rules", "[core][opinions]") {
    auto d = good_draft();
    SECTION("a phone with consent passes, with or without a name") {
        d.contact_phone = "13812345678";
        d.contact_consent = true;
        CHECK(problems(d).empty());
        d.contact_name = "王阿姨";
        CHECK(problems(d).empty());
    }
    SECTION("contact without consent") {
        d.contact_phone = "13812345678";
        CHECK(problems(d) == Problems{P::contact_without_consent});
    }
    SECTION("consent without contact") {
        d.contact_consent = true;
        CHECK(problems(d) == Problems{P::consent_without_contact});
        d.contact_name = "  ";
        d.contact_phone = " ";
        CHECK(problems(d) == Problems{P::consent_without_contact});
    }
    SECTION("a name alone") {
        d.contact_name = "李大爷";
        d.contact_consent = true;
        CHECK(problems(d) == Problems{P::name_without_phone});
    }
    SECTION("name length: 20 characters fit, 21 do not") {
        d.contact_phone = "13812345678";
        d.contact_consent = true;
        d.contact_name = repeat("张", kContactNameMaxChars);
        CHECK(problems(d).empty());
        d.contact_name += "三";
        CHECK(problems(d) == Problems{P::name_too_long});
    }
    SECTION("a name with a control character or an emoji") {
        d.contact_phone = "13812345678";
        d.contact_consent = true;
        d.contact_name = "王\n阿姨";
        CHECK(problems(d) == Problems{P::name_invalid});
        d.contact_name = "王\xF0\x9F\x98\x80";
        CHECK(problems(d) == Problems{P::name_invalid});
        d.contact_name = "\xFF";
        CHECK(problems(d) == Problems{P::name_invalid});
    }
    SECTION("a phone that is neither mobile nor landline") {
        d.contact_consent = true;
        for (std::string bad :
             {"12812345678", "1381234567", "138123456789", "phone", "028-1234567-8", "28-12345678",
              "000-12345678", "028-02345678", "+8613812345678"}) {
            INFO(bad);
            d.contact_phone = bad;
            CHECK(problems(d) == Problems{P::phone_invalid});
        }
    }
}

TEST_CASE("accepted phone numbers", "[core][opinions]") {
    for (std::string ok : {"13012345678", "19987654321", "028-12345678", "02812345678",
                           "010-62345678", "0755-2345678", "075523456789"}) {
        INFO(ok);
        CHECK(is_valid_phone(ok));
    }
    CHECK_FALSE(is_valid_phone(""));
    CHECK_FALSE(is_valid_phone("138 1234 5678"));  // spaces are removed by normalize_opinion first
    OpinionDraft d = good_draft();
    d.contact_phone = " 138 1234\u30005678 ";
    d.contact_consent = true;
    CHECK(problems(d).empty());
    CHECK(normalize_opinion(d).contact_phone == "13812345678");
}

TEST_CASE("the passport rule", "[core][opinions]") {
    auto d = good_draft();
    // Only the passport book's id form, the one a push carries (32 lower-case hex digits).
    d.passport_id = "0123456789abcdef0123456789abcdef";
    CHECK(problems(d).empty());
    d.passport_id = "LX7K2M9Q4R";
    CHECK(problems(d) == Problems{P::passport_invalid});
    d.passport_id = "0190f5e2-7c1a-7b3d-9e4f-0123456789ab";
    CHECK(problems(d) == Problems{P::passport_invalid});
    d.passport_id = "bad passport";
    CHECK(problems(d) == Problems{P::passport_invalid});
    d.passport_id = std::string(kPassportIdHexDigits + 1, 'a');
    CHECK(problems(d) == Problems{P::passport_invalid});
    d.passport_id = "0123456789ABCDEF0123456789ABCDEF";
    CHECK(problems(d) == Problems{P::passport_invalid});
}

TEST_CASE("the consultation rules: collecting, deadline, article", "[core][opinions]") {
    auto c = draft_under_consultation();
    auto d = good_draft();
    SECTION("the deadline day itself still counts; the day after does not") {
        CHECK(problems(d, c, {2027, 1, 31}).empty());
        CHECK(problems(d, c, {2027, 2, 1}) == Problems{P::deadline_passed});
        CHECK(problems(d, c, {2028, 1, 1}) == Problems{P::deadline_passed});
    }
    SECTION("another stage") {
        c.stage_id = "refining";
        CHECK(problems(d, c) == Problems{P::consultation_not_collecting});
        // Not collecting is what the visitor needs to hear, even when the deadline has passed too.
        CHECK(problems(d, c, {2027, 6, 1}) == Problems{P::consultation_not_collecting});
    }
    SECTION("an article the consultation does not have") {
        d.article = 3;
        CHECK(problems(d, c) == Problems{P::article_not_found});
        d.article = 5;
        CHECK(problems(d, c).empty());
    }
}

TEST_CASE("every broken rule is listed, one per field, in form order", "[core][opinions]") {
    auto c = draft_under_consultation();
    c.stage_id = "archived";
    OpinionDraft d;
    d.article = 9;
    d.text = "   ";
    d.passport_id = "#";
    d.contact_name = repeat("名", 21);
    d.contact_phone = "12345";
    CHECK(problems(d, c) == Problems{P::consultation_not_collecting, P::article_not_found,
                                     P::text_empty, P::passport_invalid, P::contact_without_consent,
                                     P::name_too_long, P::phone_invalid});
}

TEST_CASE("normalizing trims text and name but keeps inner white space", "[core][opinions]") {
    OpinionDraft d = good_draft();
    d.text = "\u3000 第一段\n\n第二段 \n";
    d.contact_name = " 王阿姨\u3000";
    d.passport_id = " 0123456789abcdef0123456789abcdef ";
    auto n = normalize_opinion(d);
    CHECK(n.text == "第一段\n\n第二段");
    CHECK(n.contact_name == "王阿姨");
    CHECK(n.passport_id == "0123456789abcdef0123456789abcdef");
    CHECK(n.article == d.article);
    CHECK(n.stance == d.stance);
}

TEST_CASE("every problem and stance has a stable name", "[core][opinions]") {
    CHECK(std::string(opinion_problem_name(P::text_too_long)) == "text_too_long");
    CHECK(std::string(opinion_problem_name(P::not_stored)) == "not_stored");
    for (int k = 0; k <= static_cast<int>(P::not_stored); ++k)
        CHECK(std::string(opinion_problem_name(static_cast<P>(k))) != "unknown");
    for (Stance s : {Stance::support, Stance::oppose, Stance::suggest}) {
        Stance back = Stance::suggest;
        REQUIRE(parse_stance(stance_code(s), back));
        CHECK(back == s);
    }
    Stance unused;
    CHECK_FALSE(parse_stance("maybe", unused));
}

TEST_CASE("one constructor makes an opinion record for kiosk and phone alike and refuses with every problem",
          "[core][opinion]") {
    auto c = lianxin::test::draft_under_consultation();
    Moment now{1'790'000'000'000, {2026, 12, 1}};
    OpinionDraft d;
    d.article = 2;
    d.text = "  楼道照明应当由物业负责。\u3000";
    auto made = make_opinion(d, c, now, "phone");
    REQUIRE(made.ok());
    CHECK(made->text == "楼道照明应当由物业负责。");  // normalised once, here
    CHECK(made->consultation_id == c.id);
    CHECK(made->kiosk == "phone");
    CHECK(made->created_at_ms == now.utc_ms);
    CHECK(is_uuid_v7(made->id));
    d.text = "";
    d.contact_name = "张老师";
    auto refused = make_opinion(d, c, now, "hall-1");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == OpinionProblem::text_empty);
    CHECK(refused.error().problems ==
          std::vector<OpinionProblem>{OpinionProblem::text_empty, OpinionProblem::contact_without_consent,
                                      OpinionProblem::name_without_phone});
}

TEST_CASE("a text or name over its limit is told in words that say how many characters to cut", "[core][opinion]") {
    auto strings = StringTable::load(std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets" / "strings");
    REQUIRE(strings.ok());
    OpinionDraft d;
    for (std::size_t i = 0; i < kOpinionTextMaxChars + 7; ++i) d.text += "字";
    d.text += "  ";  // trimmed before counting, as the rules count
    CHECK(opinion_problem_text(*strings, Lang::en, OpinionProblem::text_too_long, d) ==
          "Please cut 7 characters: an opinion can have at most 1000.");
    CHECK(opinion_problem_text(*strings, Lang::zh, OpinionProblem::text_too_long, d) == "请删去 7 字：意见最多 1000 字。");
    d.contact_name = std::string(kContactNameMaxChars + 2, 'n');
    CHECK(opinion_problem_text(*strings, Lang::en, OpinionProblem::name_too_long, d) ==
          "Please cut 2 characters: a name can have at most 20.");
    // Other problems are the table's sentence as written.
    CHECK(opinion_problem_text(*strings, Lang::en, OpinionProblem::text_empty, d) ==
          strings->get(Lang::en, "opinion.problem.text_empty"));
}
