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

std::string q(const std::string& s) { return lianxin::test::shell_quoted(s); }

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

TEST_CASE("consultation stage finds the one stage line whatever the text around it holds", "[admin][consultation]") {
    ContentCopy c;
    const auto dir = c.dir.string();
    // An imported preamble with a footnote line starting with '[', written before the stage line:
    // it is text in a multi-line string, not a [table].
    auto md = c.tmp.path() / "footnote.md";
    write_text(md, "Rules\n\n[1] See the district notice of 2026.\n\nArticle 1 Purpose\nThis regulates things.\n");
    REQUIRE(admin(dir, "import --id footnote --en " + q(md.string()) + " --deadline 2027-03-31").exit_code == 0);
    auto open = admin(dir, "open footnote");
    INFO(open.output);
    CHECK(open.exit_code == 0);
    CHECK(contains(read_text(c.dir / "consultations/footnote.toml"), "\nstage = \"collecting\"\n"));

    // A hand-written file: a `stage = "…"` line inside a summary before the real one stays text;
    // CR/LF line ends and the line's comment are kept, a literal string is read too.
    const auto file = c.dir / "consultations/property-rules.toml";
    std::string text = read_text(file);
    auto at = text.find("summary.zh = \"\"\"\n");
    REQUIRE(at != std::string::npos);
    text.insert(at + 17, "stage = \"archived\"\n");
    auto stage_line = text.find("\nstage = \"collecting\"\n");
    REQUIRE(stage_line != std::string::npos);
    text.replace(stage_line, 22, "\nstage = 'collecting'  # opened 2026-11-02\n");
    std::string crlf;
    for (char ch : text) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    write_text(file, crlf);
    auto next = admin(dir, "stage property-rules next");
    INFO(next.output);
    CHECK(next.exit_code == 0);
    CHECK(contains(next.output, "collecting → refining"));
    std::string after = read_text(file);
    CHECK(contains(after, "summary.zh = \"\"\"\r\nstage = \"archived\"\r\n"));
    CHECK(contains(after, "\r\nstage = \"refining\"  # opened 2026-11-02\r\n"));
    CHECK(after.size() == crlf.size() - 2);  // only 'collecting' became "refining"

    // A file whose id is another's is not the one changed: alpha.toml says it is "beta", and
    // beta.toml, which says it is "gamma", is left as it is.
    std::string source = read_text(c.dir / "consultations/elderly-meals.toml");
    auto renamed = [&](const std::string& id) {
        std::string t = source;
        const std::string old_id = "id = \"elderly-meals\"";
        t.replace(t.find(old_id), old_id.size(), "id = \"" + id + "\"");
        return t;
    };
    write_text(c.dir / "consultations/alpha.toml", renamed("beta"));
    write_text(c.dir / "consultations/beta.toml", renamed("gamma"));
    auto wrong = admin(dir, "stage beta next");
    CHECK(wrong.exit_code == 1);
    CHECK(contains(wrong.output, "its id and file name differ"));
    CHECK(read_text(c.dir / "consultations/beta.toml") == renamed("gamma"));
}
