// Splitting a real-looking draft (a 32-article Word export in Chinese, its Markdown translation)
// into articles, and the consultation source file made of them read back by `content check`'s
// own loader.
#include <catch2/catch.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <vector>

#include "core/content/draft_import.h"
#include "tests/support/content_copy.h"

using namespace lianxin;
using lianxin::test::ContentCopy;
using lianxin::test::read_text;
using lianxin::test::write_text;

namespace {

std::string fixture(const std::string& name) { return read_text(std::string(LIANXIN_FIXTURES_DIR) + "/drafts/" + name); }

const DraftArticle& article(const DraftDocument& d, int number) {
    auto it = std::find_if(d.articles.begin(), d.articles.end(), [&](auto& a) { return a.number == number; });
    REQUIRE(it != d.articles.end());
    return *it;
}

}  // namespace

TEST_CASE("Chinese numerals read as laws write article numbers", "[core][draft]") {
    CHECK(parse_chinese_number("一") == 1);
    CHECK(parse_chinese_number("十") == 10);
    CHECK(parse_chinese_number("十一") == 11);
    CHECK(parse_chinese_number("二十") == 20);
    CHECK(parse_chinese_number("三十二") == 32);
    CHECK(parse_chinese_number("一百零二") == 102);
    CHECK(parse_chinese_number("一百一十") == 110);
    CHECK(parse_chinese_number("两千") == 2000);
    CHECK(parse_chinese_number("一二") == 0);
    CHECK(parse_chinese_number("条") == 0);
    CHECK(parse_chinese_number("") == 0);
}

TEST_CASE("a Word-exported Chinese draft of 32 articles splits into its articles", "[core][draft]") {
    auto doc = parse_draft(fixture("community-care.zh.txt"));
    REQUIRE(doc.ok());
    CHECK(doc->title == "锦江区社区居家养老服务若干规定（征求意见稿）");
    CHECK(doc->preamble.find("区民政局起草了本规定") != std::string::npos);
    REQUIRE(doc->articles.size() == 32);
    for (int i = 0; i < 32; ++i) CHECK(doc->articles[static_cast<std::size_t>(i)].number == i + 1);
    CHECK(doc->warnings.empty());
    // The article's text starts on its heading's line, after a full-width space.
    CHECK(article(*doc, 1).title == "第一条");
    CHECK(article(*doc, 1).text.rfind("为了规范本区社区居家养老服务", 0) == 0);
    CHECK(article(*doc, 1).plain.rfind("这一条说明", 0) == 0);
    CHECK(article(*doc, 1).questions == std::vector<std::string>{"您或家里的老人目前最需要哪一类养老服务？"});
    // Two paragraphs; CR/LF and indentation gone.
    CHECK(article(*doc, 3).text.find("\n街道办事处负责") != std::string::npos);
    CHECK(article(*doc, 3).text.find('\r') == std::string::npos);
    // A paragraph citing an earlier article stays text, and chapter lines are not text at all.
    CHECK(article(*doc, 8).text.find("\n第五条规定的社会力量") != std::string::npos);
    CHECK(article(*doc, 5).text.find("第二章") == std::string::npos);
    CHECK(article(*doc, 10).questions ==
          std::vector<std::string>{"您觉得长者食堂一餐收费多少比较合适？", "步行多远以内的食堂，您愿意经常去？"});
    CHECK(article(*doc, 11).plain.empty());
    CHECK(article(*doc, 32).title == "第三十二条");
}

TEST_CASE("a Markdown English draft splits into the same articles, wrapped lines joined", "[core][draft]") {
    auto doc = parse_draft(fixture("community-care.en.md"));
    REQUIRE(doc.ok());
    CHECK(doc->title == "Provisions on Community and Home-Based Elderly Care in Jinjiang District (Draft for Public Comment)");
    REQUIRE(doc->articles.size() == 32);
    CHECK(doc->warnings.empty());
    CHECK(article(*doc, 1).title == "Article 1 \u2014 Purpose");
    CHECK(article(*doc, 1).text.find("District, to protect the lawful") != std::string::npos);
    CHECK(article(*doc, 1).text.find('\n') == std::string::npos);
    CHECK(article(*doc, 1).plain.find("health and daily care") != std::string::npos);
    CHECK(article(*doc, 10).questions ==
          std::vector<std::string>{"What would be a fair price for a meal?", "How far would you walk to eat there often?"});
    CHECK(article(*doc, 18).text.find("bookings.\nTelephone") != std::string::npos);
    CHECK(article(*doc, 2).text.find("Chapter") == std::string::npos);
}

TEST_CASE("what is not a draft is refused with what to do, and gaps are named", "[core][draft]") {
    auto not_utf8 = parse_draft("\xb5\xda\xd2\xbb\xcc\xf5 GBK text\n");
    REQUIRE_FALSE(not_utf8.ok());
    CHECK(not_utf8.error().detail.find("UTF-8") != std::string::npos);
    auto none = parse_draft("A letter\n\nDear residents, thank you.\n");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().detail.find("第一条") != std::string::npos);
    REQUIRE_FALSE(parse_draft(std::string(kDraftMaxBytes + 1, 'a')).ok());

    auto gap = parse_draft("标题\n第1条　一。\n第2条　二。\n第4条　四。\n第三条　倒退的编号是正文。\n");
    REQUIRE(gap.ok());
    REQUIRE(gap->articles.size() == 3);
    CHECK(gap->articles[2].number == 4);
    CHECK(gap->articles[2].text == "四。\n第三条　倒退的编号是正文。");
    REQUIRE(gap->warnings.size() == 1);
    CHECK(gap->warnings[0].find("line 4: article 4 follows article 2") != std::string::npos);

    auto bracket = parse_draft("# 标题\n第一条【立法目的】为了什么，制定本规定。\n第二条（适用范围）本规定适用于本区。\n第三条\n");
    REQUIRE(bracket.ok());
    CHECK(bracket->articles[0].title == "第一条\u3000立法目的");
    CHECK(bracket->articles[0].text == "为了什么，制定本规定。");
    CHECK(bracket->articles[1].title == "第二条\u3000适用范围");
    REQUIRE(bracket->warnings.size() == 1);
    CHECK(bracket->warnings[0].find("第三条 has no text") != std::string::npos);
}

TEST_CASE("any text survives the trip through a TOML multi-line string", "[core][draft]") {
    for (std::string s : {std::string("plain"), std::string("quotes \"\"\" and \\ backslash \\\"\"\""),
                          std::string("ends with a quote\""), std::string("tab\there\nnew line"),
                          std::string("bell\x07 and del\x7f"), std::string("\n leading new line")}) {
        auto t = toml::parse("v = " + toml_multiline(s));
        // A multi-line string drops a new line right after its opening quotes: ours always writes one.
        CHECK(t["v"].value<std::string>() == s);
    }
}

TEST_CASE("an imported consultation is one content check reads, with only the unwritten left to do", "[core][draft]") {
    auto zh = parse_draft(fixture("community-care.zh.txt"));
    auto en = parse_draft(fixture("community-care.en.md"));
    REQUIRE(zh.ok());
    REQUIRE(en.ok());
    auto toml_text = consultation_source_toml({"community-care", &*zh, &*en, "2027-03-31", 3});
    REQUIRE(toml_text.ok());

    ContentCopy copy;
    write_text(copy.dir / "consultations/community-care.toml", *toml_text);
    auto load = load_content_sources(copy.dir);
    auto& cs = load.content.consultations;
    auto it = std::find_if(cs.begin(), cs.end(), [](auto& c) { return c.id == "community-care"; });
    REQUIRE(it != cs.end());
    REQUIRE(it->articles.size() == 32);
    CHECK(it->title.zh == zh->title);
    CHECK(it->articles[7].text.zh == article(*zh, 8).text);
    CHECK(it->articles[0].title.en == "Article 1 \u2014 Purpose");
    CHECK(it->articles[9].questions.size() == 2);
    CHECK(it->stage_id == "draft_published");
    // What is left is what the drafts did not hold: plain explanations and questions missing in
    // one language, each named by content check.
    REQUIRE_FALSE(load.problems.empty());
    for (auto& p : load.problems) {
        INFO(p.to_string());
        CHECK(p.file == "consultations/community-care.toml");
        CHECK((p.field.find(".plain.") != std::string::npos || p.field.find(".questions.") != std::string::npos));
        CHECK(p.message == "is empty");
    }
    auto plain_missing = std::count_if(load.problems.begin(), load.problems.end(),
                                       [](auto& p) { return p.field == "article[11].plain.zh"; });
    CHECK(plain_missing == 1);

    // Drafts whose articles differ are not merged.
    zh->articles.pop_back();
    auto mismatch = consultation_source_toml({"community-care", &*zh, &*en, "2027-03-31", 3});
    REQUIRE_FALSE(mismatch.ok());
    CHECK(mismatch.error().detail.find("article 32") != std::string::npos);
    CHECK_FALSE(consultation_source_toml({"Bad Id", &*zh, nullptr, "2027-03-31", 3}).ok());
    CHECK_FALSE(consultation_source_toml({"ok", &*zh, nullptr, "2027-02-30", 3}).ok());
}

TEST_CASE("a draft's control characters never make the consultation file unreadable TOML", "[core][draft]") {
    // Word's plain-text export writes a page break as a form feed and a manual line break as a
    // vertical tab; a pasted title may carry an escape or DEL. The title is also written as the
    // file's first comment, where TOML allows no control character but tab.
    for (std::string title : std::vector<std::string>{"社区养老规定\f", "Draft\vRules", "Rules\x1b[1m", "Rules\x7f",
                                                      "Rules\x01 of 2027"}) {
        INFO(title);
        auto doc = parse_draft(title + "\n第一条　为了规范服务，制定本规定。\n");
        REQUIRE(doc.ok());
        auto text = consultation_source_toml({"care", &*doc, nullptr, "2027-03-31", 1});
        REQUIRE(text.ok());
        toml::table t;
        REQUIRE_NOTHROW(t = toml::parse(*text));
        CHECK(t["article"][0]["number"].value<int>() == 1);
    }
}

TEST_CASE("a draft with old Mac line ends, or Word's page and line breaks, splits like one with new lines",
          "[core][draft]") {
    auto cr = parse_draft("标题\r第一条　一。\r第二条　二。\r第三条　三。\r");
    REQUIRE(cr.ok());
    REQUIRE(cr->articles.size() == 3);
    CHECK(cr->articles[1].text == "二。");
    CHECK(cr->articles[2].line == 4);
    auto crlf = parse_draft("标题\r\n第一条　一。\r\n\r\n第二条　二。\r\n");
    REQUIRE(crlf.ok());
    REQUIRE(crlf->articles.size() == 2);
    CHECK(crlf->articles[1].line == 4);  // a CR LF is one line end, not two
    auto word = parse_draft("标题\n第一条　一。\f第二条　第一段。\v第二段。\n");
    REQUIRE(word.ok());
    REQUIRE(word->articles.size() == 2);
    CHECK(word->articles[1].text == "第一段。\n第二段。");
}

TEST_CASE("an article number is written one way and fits the consultation file", "[core][draft]") {
    // Each unit at most once, larger before smaller: "十十" and "一千千" are not numbers, and a
    // run of units as long as a draft may be does not overflow.
    CHECK(parse_chinese_number("十十") == 0);
    CHECK(parse_chinese_number("一千千") == 0);
    CHECK(parse_chinese_number("一百一千") == 0);
    CHECK(parse_chinese_number("九千九百九十九") == 9999);
    std::string run;
    for (int i = 0; i < 600'000; ++i) run += "九千";
    CHECK(parse_chinese_number(run) == 0);
    auto tenten = parse_draft("标题\n第一条　一。\n第十十条　不是条文标题。\n");
    REQUIRE(tenten.ok());
    REQUIRE(tenten->articles.size() == 1);
    CHECK(tenten->articles[0].text == "一。\n第十十条　不是条文标题。");

    // The consultation file takes article numbers up to 9999: a larger one is text, never a
    // heading content check then refuses.
    auto huge = parse_draft("Rules\nArticle 1. One.\nArticle 99999999999. Not an article.\nArticle 10000 Nor this.\n"
                            "Article 9999. The last.\n");
    REQUIRE(huge.ok());
    REQUIRE(huge->articles.size() == 2);
    CHECK(huge->articles[1].number == 9999);
    CHECK(huge->articles[0].text == "One.\nArticle 99999999999. Not an article.\nArticle 10000 Nor this.");
    CHECK_FALSE(parse_draft("Rules\nArticle 12345 Only this.\n").ok());
}
