// Exhibit bodies through md4c (parse_markdown): headings, paragraphs, emphasis spans, lists,
// block quotes, images as blocks of their own, and soft line breaks in Chinese and English.
#include <catch2/catch.hpp>

#include <string>

#include "core/markdown/markdown_doc.h"
#include "core/base/files.h"
#include <filesystem>
#include "tests/support/temp_dir.h"

using namespace lianxin;
using Kind = MdBlock::Kind;

namespace {
std::string kinds(const MarkdownDoc& doc) {
    std::string s;
    for (auto& b : doc.blocks) {
        switch (b.kind) {
            case Kind::heading: s += "H" + std::to_string(b.level); break;
            case Kind::paragraph: s += "P"; break;
            case Kind::list_item: s += "L" + std::to_string(b.level) + "." + std::to_string(b.number); break;
            case Kind::quote: s += "Q"; break;
            case Kind::image: s += "I"; break;
        }
        s += " ";
    }
    return s;
}
}  // namespace

TEST_CASE("headings keep their level and paragraphs their text", "[core][markdown]") {
    auto doc = parse_markdown("# 福田\n\nFirst paragraph.\n\n## The \"five haves\"\n\nSecond one.\n\n### Third level\n");
    REQUIRE(doc.ok);
    INFO(kinds(doc));
    REQUIRE(doc.blocks.size() == 5);
    CHECK(doc.blocks[0].kind == Kind::heading);
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[0].plain() == "福田");
    CHECK(doc.blocks[1].kind == Kind::paragraph);
    CHECK(doc.blocks[1].plain() == "First paragraph.");
    CHECK(doc.blocks[2].kind == Kind::heading);
    CHECK(doc.blocks[2].level == 2);
    CHECK(doc.blocks[2].plain() == "The \"five haves\"");
    CHECK(doc.blocks[3].plain() == "Second one.");
    CHECK(doc.blocks[4].level == 3);
}

TEST_CASE("strong and emphasis become spans", "[core][markdown]") {
    auto doc = parse_markdown("A council of **9 to 13 people**, *chosen* with ***care***.");
    REQUIRE(doc.blocks.size() == 1);
    auto& spans = doc.blocks[0].spans;
    REQUIRE(spans.size() == 7);
    CHECK(spans[0].text == "A council of ");
    CHECK_FALSE(spans[0].strong);
    CHECK_FALSE(spans[0].em);
    CHECK(spans[1].text == "9 to 13 people");
    CHECK(spans[1].strong);
    CHECK_FALSE(spans[1].em);
    CHECK(spans[2].text == ", ");
    CHECK(spans[3].text == "chosen");
    CHECK(spans[3].em);
    CHECK_FALSE(spans[3].strong);
    CHECK(spans[5].text == "care");
    CHECK(spans[5].em);
    CHECK(spans[5].strong);
    CHECK(spans[6].text == ".");
    CHECK(doc.blocks[0].plain() == "A council of 9 to 13 people, chosen with care.");
}

TEST_CASE("bullet and numbered lists become list items with depth and numbers", "[core][markdown]") {
    auto doc = parse_markdown("- procedures\n- a venue\n  - nested\n\n3. third\n4. fourth\n");
    INFO(kinds(doc));
    REQUIRE(doc.blocks.size() == 5);
    CHECK(doc.blocks[0].kind == Kind::list_item);
    CHECK(doc.blocks[0].number == 0);  // bullet
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[0].plain() == "procedures");
    CHECK(doc.blocks[1].plain() == "a venue");
    CHECK(doc.blocks[2].level == 2);
    CHECK(doc.blocks[2].number == 0);
    CHECK(doc.blocks[2].plain() == "nested");
    CHECK(doc.blocks[3].kind == Kind::list_item);
    CHECK(doc.blocks[3].number == 3);  // an ordered list keeps its start number
    CHECK(doc.blocks[3].level == 1);
    CHECK(doc.blocks[3].plain() == "third");
    CHECK(doc.blocks[4].number == 4);

    // A loose list (blank lines between items) gives the same items.
    auto loose = parse_markdown("1. one\n\n2. **two**\n");
    INFO(kinds(loose));
    REQUIRE(loose.blocks.size() == 2);
    CHECK(loose.blocks[0].kind == Kind::list_item);
    CHECK(loose.blocks[0].number == 1);
    CHECK(loose.blocks[1].number == 2);
    CHECK(loose.blocks[1].spans.at(0).strong);
}

TEST_CASE("block quotes become quote blocks", "[core][markdown]") {
    auto doc = parse_markdown("Before.\n\n> Consultation and everyday talks\n> strengthen each other.\n\nAfter.");
    INFO(kinds(doc));
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].kind == Kind::paragraph);
    CHECK(doc.blocks[1].kind == Kind::quote);
    CHECK(doc.blocks[1].plain() == "Consultation and everyday talks strengthen each other.");
    CHECK(doc.blocks[2].kind == Kind::paragraph);
    CHECK(doc.blocks[2].plain() == "After.");
}

TEST_CASE("images are blocks of their own with src and alt", "[core][markdown]") {
    auto doc = parse_markdown(
        "## Network\n\n![The 1+3+N network](../images/futian-network.png)\n\nText after.\n\n"
        "Inline ![second](../images/b.png) inside a paragraph.");
    INFO(kinds(doc));
    REQUIRE(doc.blocks.size() == 6);
    CHECK(doc.blocks[1].kind == Kind::image);
    CHECK(doc.blocks[1].image == "../images/futian-network.png");
    CHECK(doc.blocks[1].alt == "The 1+3+N network");
    CHECK(doc.blocks[2].plain() == "Text after.");
    // The paragraph around an inline image is split around it.
    CHECK(doc.blocks[3].kind == Kind::paragraph);
    CHECK(doc.blocks[3].plain() == "Inline ");
    CHECK(doc.blocks[4].kind == Kind::image);
    CHECK(doc.blocks[4].alt == "second");
    CHECK(doc.blocks[5].kind == Kind::paragraph);
    CHECK(doc.blocks[5].plain() == " inside a paragraph.");

    auto images = markdown_images(doc);
    REQUIRE(images.size() == 2);
    CHECK(images[0] == "../images/futian-network.png");
    CHECK(images[1] == "../images/b.png");
}

TEST_CASE("soft line breaks join Chinese without a space and English with one", "[core][markdown]") {
    auto zh = parse_markdown("深圳福田区出台\n社区立法联系点规范化建设方案。");
    REQUIRE(zh.blocks.size() == 1);
    CHECK(zh.blocks[0].plain() == "深圳福田区出台社区立法联系点规范化建设方案。");

    auto zh_punct = parse_markdown("每个联系点有制度、\n有场所。");
    REQUIRE(zh_punct.blocks.size() == 1);
    CHECK(zh_punct.blocks[0].plain() == "每个联系点有制度、有场所。");

    auto en = parse_markdown("Residents no longer learn\nabout a regulation.");
    REQUIRE(en.blocks.size() == 1);
    CHECK(en.blocks[0].plain() == "Residents no longer learn about a regulation.");

    // Chinese next to a Latin word keeps a space: only CJK on both sides joins tightly.
    auto mixed = parse_markdown("考察组到了\nShenzhen 和珠海");
    REQUIRE(mixed.blocks.size() == 1);
    CHECK(mixed.blocks[0].plain() == "考察组到了 Shenzhen 和珠海");

    // A hard break (two trailing spaces) stays a newline.
    auto hard = parse_markdown("line one  \nline two");
    REQUIRE(hard.blocks.size() == 1);
    CHECK(hard.blocks[0].plain() == "line one\nline two");
}

TEST_CASE("entities are decoded and raw HTML is not interpreted", "[core][markdown]") {
    auto doc = parse_markdown("Tom &amp; Jerry &lt;b&gt; <b>bold?</b>");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].plain() == "Tom & Jerry <b> <b>bold?</b>");
}

TEST_CASE("an empty document has no blocks", "[core][markdown]") {
    CHECK(parse_markdown("").blocks.empty());
    CHECK(parse_markdown("\n\n   \n").blocks.empty());
}

TEST_CASE("every demo exhibit body parses into headings, paragraphs and its images", "[core][markdown]") {
    auto dir = lianxin::test::demo_content_dir() / "exhibits";
    auto futian = parse_markdown(lianxin::test::read_text(dir / "futian.en.md"));
    REQUIRE(futian.ok);
    INFO(kinds(futian));
    bool has_heading = false, has_list = false, has_quote = false, has_strong = false;
    for (auto& b : futian.blocks) {
        has_heading |= b.kind == Kind::heading;
        has_list |= b.kind == Kind::list_item;
        has_quote |= b.kind == Kind::quote;
        for (auto& s : b.spans) has_strong |= s.strong;
    }
    CHECK(has_heading);
    CHECK(has_list);
    CHECK(has_quote);
    CHECK(has_strong);
    CHECK(markdown_images(futian) == std::vector<std::string>{"../images/futian-network.png"});
}

TEST_CASE("a body that is not UTF-8 is refused before md4c reads it", "[core][markdown][hostile]") {
    // The fuzzer's reproducer: md4c 0.4.8 handed back a ~3 GB text length for these 141 bytes.
    auto bytes = lianxin::read_file(std::filesystem::path(LIANXIN_SOURCE_DIR) / "fuzz/corpus/markdown/oom-md4c-invalid-utf8-code-fence");
    REQUIRE(bytes.ok());
    REQUIRE(bytes->size() == 141);
    auto doc = lianxin::parse_markdown(*bytes);
    CHECK_FALSE(doc.ok);
    CHECK(doc.blocks.empty());
    // Valid UTF-8 around a fence still parses.
    CHECK(lianxin::parse_markdown("深\n```\ncode\n```\n").ok);
}
