// The real lianxin-admin binary's `consultation import|list|stage|open|close` on a copy of the
// demo content: a 32-article draft in both languages imported, moved through its stages, and
// every refusal leaving the sources as they were.
#include <catch2/catch.hpp>

#include "tests/support/content_copy.h"

using namespace lianxin;
using lianxin::test::ContentCopy;
using lianxin::test::read_text;
using lianxin::test::run_command;
using lianxin::test::RunResult;
using lianxin::test::write_text;

namespace {

std::string q(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

RunResult admin(const std::string& content, const std::string& args, const std::string& lang = "C") {
    return run_command("LC_ALL= LC_MESSAGES= LANG=" + lang + " " + q(LIANXIN_ADMIN) + " consultation --content " +
                       q(content) + " " + args);
}

std::string draft(const std::string& name) { return std::string(LIANXIN_FIXTURES_DIR) + "/drafts/" + name; }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("consultation import makes a 32-article consultation and says what is left to write", "[admin][consultation]") {
    ContentCopy c;
    auto r = admin(c.dir.string(), "import --id community-care --zh " + q(draft("community-care.zh.txt")) + " --en " +
                                       q(draft("community-care.en.md")) + " --deadline 2027-03-31");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.output, "community-care.toml: 32 articles"));
    // What the drafts lacked: plain explanations, named by file, line and field.
    CHECK(contains(r.output, "article[2].plain.zh: is empty"));
    CHECK_FALSE(contains(r.output, "article[1].plain.zh"));
    auto listed = admin(c.dir.string(), "list");
    CHECK(contains(listed.output, "community-care        draft_published     2027-03-31  32 articles  Provisions on "
                                  "Community and Home-Based Elderly Care"));
    // A Chinese operator reads Chinese.
    auto zh = admin(c.dir.string(), "list", "zh_CN.UTF-8");
    CHECK(contains(zh.output, "32 条  锦江区社区居家养老服务若干规定（征求意见稿）"));

    // Its stages: open, next, a named one, close; each rewrites only the stage line.
    const auto file = c.dir / "consultations/community-care.toml";
    std::string before = read_text(file);
    auto open = admin(c.dir.string(), "open community-care");
    INFO(open.output);
    CHECK(open.exit_code == 0);
    CHECK(contains(open.output, "draft_published → collecting"));
    std::string after = read_text(file);
    CHECK(after.size() == before.size() + std::string("collecting").size() - std::string("draft_published").size());
    CHECK(contains(after, "\nstage = \"collecting\"\n"));
    CHECK(contains(admin(c.dir.string(), "stage community-care next").output, "collecting → refining"));
    CHECK(contains(admin(c.dir.string(), "stage community-care feedback").output, "refining → feedback"));
    CHECK(contains(admin(c.dir.string(), "close community-care").output, "feedback → archived"));
    CHECK(admin(c.dir.string(), "stage community-care next").exit_code == 1);  // at its last stage
}

TEST_CASE("consultation commands refuse, changing nothing, with what to do", "[admin][consultation]") {
    ContentCopy c;
    const auto dir = c.dir.string();
    const auto existing = read_text(c.dir / "consultations/property-rules.toml");
    auto taken = admin(dir, "import --id property-rules --zh " + q(draft("community-care.zh.txt")) + " --deadline 2027-03-31");
    CHECK(taken.exit_code == 1);
    CHECK(contains(taken.output, "exists already; choose another --id or pass --replace"));
    CHECK(read_text(c.dir / "consultations/property-rules.toml") == existing);

    auto gbk = c.tmp.path() / "gbk.txt";
    write_text(gbk, "\xb5\xda\xd2\xbb\xcc\xf5\n");
    auto not_utf8 = admin(dir, "import --id fresh --zh " + q(gbk.string()) + " --deadline 2027-03-31", "zh_CN.UTF-8");
    CHECK(not_utf8.exit_code == 1);
    CHECK(contains(not_utf8.output, "没有导入"));
    CHECK(contains(not_utf8.output, "UTF-8"));
    CHECK_FALSE(std::filesystem::exists(c.dir / "consultations/fresh.toml"));

    CHECK(contains(admin(dir, "import --id fresh --zh /no/such.txt --deadline 2027-03-31").output, "/no/such.txt"));
    CHECK(contains(admin(dir, "import --id fresh --deadline 2027-03-31").output, "give the draft"));
    CHECK(contains(admin(dir, "import --id 'Bad Id' --zh " + q(draft("community-care.zh.txt")) + " --deadline 2027-03-31").output,
                   "not a consultation id"));
    CHECK(contains(admin(dir, "import --id fresh --zh " + q(draft("community-care.zh.txt")) + " --deadline 2027-02-30").output,
                   "not a day"));
    CHECK(admin(dir, "import --id fresh --zh x.txt").exit_code == 2);  // --deadline is required
    CHECK_FALSE(std::filesystem::exists(c.dir / "consultations/fresh.toml"));

    auto unknown = admin(dir, "open no-such");
    CHECK(unknown.exit_code == 1);
    CHECK(contains(unknown.output, "no consultation 'no-such'"));
    auto bad_stage = admin(dir, "stage property-rules voting");
    CHECK(bad_stage.exit_code == 1);
    CHECK(contains(bad_stage.output, "'voting' is not one of property-rules's stages (draft_published, collecting"));
    CHECK(read_text(c.dir / "consultations/property-rules.toml") == existing);
}
