// The sources written back from the model (core/content/content_writer.h) read back as the same
// model, through the real loader and its checks; only changed files are written.
#include "core/content/content_writer.h"

#include <catch2/catch.hpp>

#include "tests/support/content_copy.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// Every field the kiosk shows, compared through the files' own text form.
void require_same(const ContentSet& a, const ContentSet& b) {
    auto fa = content_source_files(a), fb = content_source_files(b);
    REQUIRE(fa.size() == fb.size());
    for (auto& [rel, text] : fa) {
        INFO(rel);
        REQUIRE(fb.count(rel));
        CHECK(fb[rel] == text);
    }
    CHECK(a.all_text() == b.all_text());
}

}  // namespace

TEST_CASE("the demo content written back from its model reads back the same, with no problems",
          "[core][content][writer]") {
    ContentCopy src;
    auto first = src.load();
    INFO(all_problems(first));
    REQUIRE(first.ok());

    // Into an empty folder with the images: every file comes from the model.
    TempDir out;
    auto dir = out.path() / "content";
    std::filesystem::create_directories(dir);
    copy_tree(src.dir / "images", dir / "images");
    auto saved = save_content_sources(dir, ContentSet{}, first.content);
    REQUIRE(saved.ok());
    CHECK(saved->written.size() == content_source_files(first.content).size());
    auto second = load_content_sources(dir);
    INFO(all_problems(second));
    REQUIRE(second.ok());
    require_same(first.content, second.content);
    REQUIRE(second.content.exhibits.size() == first.content.exhibits.size());
    CHECK(second.content.exhibits[0].body.zh == first.content.exhibits[0].body.zh);
    REQUIRE_FALSE(second.content.consultations.empty());
    CHECK(second.content.consultations[0].articles.size() == first.content.consultations[0].articles.size());
    CHECK(second.content.consultations[0].deadline == first.content.consultations[0].deadline);
}

TEST_CASE("saving an edit writes only the files it changed, and keeps quotes and new lines",
          "[core][content][writer]") {
    ContentCopy src;
    auto loaded = src.load();
    REQUIRE(loaded.ok());
    auto hall_before = read_text(src.dir / "hall.toml");
    ContentSet edited = loaded.content;
    REQUIRE_FALSE(edited.exhibits.empty());
    Exhibit& e = edited.exhibits[0];
    e.title.zh = "福田：“直通车”\\开到家门口";
    e.subtitle.en = "Quotes \"here\" and a backslash \\";
    e.body.en = "# A heading\n\nA paragraph with **strong** words.\tA tab.\n";
    auto saved = save_content_sources(src.dir, loaded.content, edited);
    REQUIRE(saved.ok());
    std::vector<std::string> want = {"exhibits/" + e.id + ".en.md", "exhibits/" + e.id + ".toml"};
    CHECK(saved->written == want);
    CHECK(read_text(src.dir / "hall.toml") == hall_before);  // untouched: its comments stay

    auto again = src.load();
    INFO(all_problems(again));
    REQUIRE(again.ok());
    const Exhibit* back = again.content.find_exhibit(e.id);
    REQUIRE(back);
    CHECK(back->title.zh == e.title.zh);
    CHECK(back->subtitle.en == e.subtitle.en);
    CHECK(back->body.en == e.body.en);

    // An exhibit taken out: its three files go.
    ContentSet fewer = again.content;
    std::string gone = fewer.exhibits.back().id;
    // Nothing may point at it any more.
    for (auto& ev : fewer.timeline)
        if (ev.exhibit == gone) ev.exhibit.clear();
    for (auto& f : fewer.figures)
        if (f.exhibit == gone) f.exhibit.clear();
    fewer.exhibits.pop_back();
    auto removed = save_content_sources(src.dir, again.content, fewer);
    REQUIRE(removed.ok());
    CHECK(removed->removed.size() == 3);
    CHECK_FALSE(std::filesystem::exists(src.dir / "exhibits" / (gone + ".toml")));
    auto last = src.load();
    INFO(all_problems(last));
    CHECK(last.ok());
    CHECK_FALSE(last.content.find_exhibit(gone));
}

TEST_CASE("a TOML string escapes quotes, backslashes and control characters", "[core][content][writer]") {
    CHECK(toml_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(toml_string("line\nnext\ttab") == "\"line\\nnext\\ttab\"");
    CHECK(toml_string(std::string("bell\x07") + "\x7f") == "\"bell\\u0007\\u007F\"");
    CHECK(toml_string("中文“引号”") == "\"中文“引号”\"");
}

TEST_CASE("a file rewritten keeps its permissions, and a new one is readable by all", "[core][content][writer]") {
    namespace fs = std::filesystem;
    ContentCopy src;
    auto loaded = src.load();
    REQUIRE(loaded.ok());
    // A folder staff share: group-writable.
    const auto shared = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write;
    fs::permissions(src.dir / "sections.toml", shared);
    ContentSet edited = loaded.content;
    edited.sections[0].title.zh += "（修订）";
    Slide extra = edited.slides.front();
    edited.slides.push_back(extra);
    Exhibit copy = edited.exhibits.front();
    copy.id = "a-new-exhibit";
    edited.exhibits.push_back(copy);
    auto saved = save_content_sources(src.dir, loaded.content, edited);
    REQUIRE(saved.ok());
    CHECK((fs::status(src.dir / "sections.toml").permissions() & fs::perms::mask) == shared);
    CHECK((fs::status(src.dir / "exhibits" / "a-new-exhibit.toml").permissions() & fs::perms::mask) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
    CHECK(src.load().ok());
}
