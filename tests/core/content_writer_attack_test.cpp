// What the content editor's save (core/content/content_writer.h) must not lose: an edit saved into
// a file the loader does not read, and what a folder held that failed a check when it was opened
// (an unreadable image, a character the kiosk cannot draw), which the operator never touched.
#include "core/content/content_writer.h"

#include <catch2/catch.hpp>

#include "tests/support/content_copy.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("an edited body of an exhibit whose Markdown file has its own name is the body read back",
          "[core][content][writer]") {
    ContentCopy src;
    // body.zh may name any file in the exhibits folder (docs/content-format.md).
    std::filesystem::rename(src.dir / "exhibits" / "futian.zh.md", src.dir / "exhibits" / "futian-story.md");
    src.replace("exhibits/futian.toml", "body.zh = \"futian.zh.md\"", "body.zh = \"futian-story.md\"");
    auto loaded = src.load();
    INFO(all_problems(loaded));
    REQUIRE(loaded.ok());
    ContentSet edited = loaded.content;
    Exhibit* e = nullptr;
    for (auto& x : edited.exhibits)
        if (x.id == "futian") e = &x;
    REQUIRE(e);
    e->body.zh = "# 福田\n\n这是保存后的新正文。\n";
    REQUIRE(save_content_sources(src.dir, loaded.content, edited).ok());

    auto again = src.load();
    INFO(all_problems(again));
    REQUIRE(again.ok());
    const Exhibit* back = again.content.find_exhibit("futian");
    REQUIRE(back);
    CHECK(back->body.zh == e->body.zh);
}

TEST_CASE("an exhibit whose image could not be read keeps its image when another of its fields is saved",
          "[core][content][writer]") {
    ContentCopy src;
    const auto png = src.dir / "images" / "futian-network.png";
    std::string good = read_text(png);
    write_text(png, "not a PNG yet: the designer is still exporting it");
    auto loaded = src.load();
    REQUIRE_FALSE(loaded.ok());  // the folder says so: image refused
    ContentSet edited = loaded.content;
    Exhibit* e = nullptr;
    for (auto& x : edited.exhibits)
        if (x.id == "futian") e = &x;
    REQUIRE(e);
    e->title.en = "Futian: consultation on laws, at your door";
    REQUIRE(save_content_sources(src.dir, loaded.content, edited).ok());
    // Still named where it was: the only change is the title's.
    CHECK_THAT(read_text(src.dir / "exhibits" / "futian.toml"), Catch::Contains("futian-network.png"));

    write_text(png, good);  // the image arrives
    auto again = src.load();
    INFO(all_problems(again));
    REQUIRE(again.ok());
    const Exhibit* back = again.content.find_exhibit("futian");
    REQUIRE(back);
    CHECK(back->image == "images/futian-network.png");
}

TEST_CASE("a text that failed a check when the folder was opened is not blanked by saving another field",
          "[core][content][writer]") {
    ContentCopy src;
    // A Tibetan letter the kiosk's font lacks: the folder's check says so, with the line.
    src.replace("hall.toml", "district.en = \"Jinjiang District, Chengdu, Sichuan\"",
                "district.en = \"Jinjiang District, Chengdu, Sichuan \xE0\xBD\x80\"");
    auto loaded = src.load();
    REQUIRE_FALSE(loaded.ok());
    ContentSet edited = loaded.content;
    edited.hall.welcome.zh += "欢迎再来！";
    REQUIRE(save_content_sources(src.dir, loaded.content, edited).ok());
    // The operator changed the welcome, not the district: its words are still there to correct.
    CHECK_THAT(read_text(src.dir / "hall.toml"), Catch::Contains("Jinjiang District, Chengdu, Sichuan"));
}
