// Exhibit bodies: Markdown (md4c) parsed into a flat list of blocks the kiosk lays out.
// Only what exhibits use: headings, paragraphs, emphasis, lists, block quotes, images.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lianxin {

struct MdSpan {
    std::string text;
    bool strong = false;
    bool em = false;
};

struct MdBlock {
    enum class Kind { heading, paragraph, list_item, quote, image };
    Kind kind = Kind::paragraph;
    int level = 0;        // heading level 1..6; list nesting depth (1 = top)
    int number = 0;       // ordered list item number; 0 = bullet
    std::vector<MdSpan> spans;
    std::string image;    // image src, for Kind::image
    std::string alt;      // image alt text
    std::string plain() const;
};

struct MarkdownDoc {
    std::vector<MdBlock> blocks;
    bool ok = true;  // false when md4c refused the input
};

MarkdownDoc parse_markdown(std::string_view text);
// Image sources referenced by a document, in order.
std::vector<std::string> markdown_images(const MarkdownDoc& doc);

}  // namespace lianxin
