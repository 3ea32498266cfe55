// Markdown → blocks with md4c. Soft line breaks join without a space between CJK characters
// (Chinese has no spaces between words) and with one space elsewhere.
#include "core/markdown/markdown_doc.h"

#include <md4c.h>

#include <cstdlib>

#include "core/text/utf8.h"

namespace lianxin {

namespace {

bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x3000 && c <= 0x303F);
}

char32_t last_code_point(const std::string& s) {
    if (s.empty()) return 0;
    std::size_t i = utf8::last_start(s);
    return utf8::next(s, i);
}

struct Builder {
    MarkdownDoc doc;
    std::size_t input_size = 0;  // no text md4c hands back can be longer than what it was given
    int strong = 0, em = 0, list_depth = 0, quote_depth = 0, in_image = 0;
    std::vector<int> ordered_next;  // per list level: next number, 0 for bullets
    bool in_block = false;
    bool pending_soft_break = false;
    MdBlock current;

    void open(MdBlock::Kind kind, int level = 0, int number = 0) {
        current = MdBlock{};
        current.kind = kind;
        current.level = level;
        current.number = number;
        in_block = true;
    }
    void close() {
        if (in_block && !current.spans.empty()) doc.blocks.push_back(std::move(current));
        current = MdBlock{};
        in_block = false;
    }
    void add_text(std::string_view text) {
        if (in_image) { current_image_alt += text; return; }
        if (!in_block) open(quote_depth ? MdBlock::Kind::quote : MdBlock::Kind::paragraph);
        std::string t(text);
        if (pending_soft_break) {
            pending_soft_break = false;
            std::size_t i = 0;
            char32_t next_cp = t.empty() ? 0 : utf8::next(t, i);
            char32_t prev_cp = current.spans.empty() ? 0 : last_code_point(current.spans.back().text);
            if (!(is_cjk(prev_cp) && is_cjk(next_cp)) && prev_cp != 0) t.insert(0, " ");
        }
        bool s = strong > 0, e = em > 0;
        if (!current.spans.empty() && current.spans.back().strong == s && current.spans.back().em == e)
            current.spans.back().text += t;
        else
            current.spans.push_back(MdSpan{t, s, e});
    }
    std::string current_image_src, current_image_alt;
};

// An HTML entity as md4c reports it ("&amp;", "&#20013;", "&#x4E2D;") → its text; unknown
// names stay as written, so an author sees the mistake.
std::string decode_entity(std::string_view e) {
    static const std::pair<std::string_view, const char*> named[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
        {"&nbsp;", "\xC2\xA0"}, {"&mdash;", "\xE2\x80\x94"}, {"&ndash;", "\xE2\x80\x93"},
        {"&hellip;", "\xE2\x80\xA6"}, {"&ldquo;", "\xE2\x80\x9C"}, {"&rdquo;", "\xE2\x80\x9D"},
        {"&lsquo;", "\xE2\x80\x98"}, {"&rsquo;", "\xE2\x80\x99"}, {"&middot;", "\xC2\xB7"},
        {"&times;", "\xC3\x97"}, {"&copy;", "\xC2\xA9"}};
    for (auto& [name, text] : named)
        if (e == name) return text;
    if (e.size() > 3 && e[1] == '#' && e.back() == ';') {
        bool hex = e[2] == 'x' || e[2] == 'X';
        std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
        char* end = nullptr;
        unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (!digits.empty() && end && *end == '\0' && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            std::string out;
            utf8::append(out, static_cast<char32_t>(cp));
            return out;
        }
    }
    return std::string(e);
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* ud) {
    auto& b = *static_cast<Builder*>(ud);
    switch (type) {
        case MD_BLOCK_H: b.close(); b.open(MdBlock::Kind::heading, static_cast<MD_BLOCK_H_DETAIL*>(detail)->level); break;
        case MD_BLOCK_P:
            if (!b.in_block || b.current.kind != MdBlock::Kind::list_item || !b.current.spans.empty()) {
                b.close();
                b.open(b.quote_depth ? MdBlock::Kind::quote : MdBlock::Kind::paragraph);
            }
            break;
        case MD_BLOCK_UL: b.close(); ++b.list_depth; b.ordered_next.push_back(0); break;
        case MD_BLOCK_OL:
            b.close(); ++b.list_depth;
            b.ordered_next.push_back(static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start));
            break;
        case MD_BLOCK_LI: {
            b.close();
            int number = b.ordered_next.empty() ? 0 : b.ordered_next.back();
            if (number) ++b.ordered_next.back();
            b.open(MdBlock::Kind::list_item, b.list_depth, number);
            break;
        }
        case MD_BLOCK_QUOTE: b.close(); ++b.quote_depth; break;
        default: break;
    }
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* ud) {
    auto& b = *static_cast<Builder*>(ud);
    switch (type) {
        case MD_BLOCK_H: case MD_BLOCK_P: case MD_BLOCK_LI: b.close(); break;
        case MD_BLOCK_UL: case MD_BLOCK_OL: b.close(); --b.list_depth; b.ordered_next.pop_back(); break;
        case MD_BLOCK_QUOTE: b.close(); --b.quote_depth; break;
        default: break;
    }
    return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* ud) {
    auto& b = *static_cast<Builder*>(ud);
    if (type == MD_SPAN_STRONG) ++b.strong;
    else if (type == MD_SPAN_EM) ++b.em;
    else if (type == MD_SPAN_IMG) {
        auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        b.current_image_src.assign(d->src.text, d->src.size);
        b.current_image_alt.clear();
        ++b.in_image;
    }
    return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* ud) {
    auto& b = *static_cast<Builder*>(ud);
    if (type == MD_SPAN_STRONG) --b.strong;
    else if (type == MD_SPAN_EM) --b.em;
    else if (type == MD_SPAN_IMG) {
        --b.in_image;
        // An image becomes a block of its own; the paragraph around it continues after it.
        MdBlock::Kind resume = b.in_block ? b.current.kind : MdBlock::Kind::paragraph;
        int level = b.current.level;
        bool was_open = b.in_block;
        b.close();
        MdBlock img;
        img.kind = MdBlock::Kind::image;
        img.image = b.current_image_src;
        img.alt = b.current_image_alt;
        img.spans.push_back(MdSpan{b.current_image_alt});
        b.doc.blocks.push_back(std::move(img));
        if (was_open) b.open(resume, level);
    }
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size, void* ud) {
    auto& b = *static_cast<Builder*>(ud);
    // md4c 0.4.8 has handed back a length of ~3 GB for a 141-byte body of invalid UTF-8 (found by
    // fuzz/markdown_fuzz.cpp; the input is in its corpus): stop rather than read past the input.
    if (size > b.input_size) return 1;
    std::string_view s(t, size);
    switch (type) {
        case MD_TEXT_SOFTBR: b.pending_soft_break = true; break;
        case MD_TEXT_BR: b.add_text("\n"); break;
        case MD_TEXT_NULLCHAR: break;
        case MD_TEXT_ENTITY: b.add_text(decode_entity(s)); break;
        default: b.add_text(s); break;
    }
    return 0;
}

}  // namespace

std::string MdBlock::plain() const {
    std::string s;
    for (auto& sp : spans) s += sp.text;
    return s;
}

MarkdownDoc parse_markdown(std::string_view text_in) {
    Builder b;
    b.input_size = text_in.size();
    // Bodies are UTF-8 (content check refuses anything else); md4c misreads other bytes.
    if (!utf8::is_valid(text_in)) {
        b.doc.ok = false;
        return std::move(b.doc);
    }
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_NOHTML;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    if (md_parse(text_in.data(), static_cast<MD_SIZE>(text_in.size()), &parser, &b) != 0) b.doc.ok = false;
    b.close();
    return std::move(b.doc);
}

std::vector<std::string> markdown_images(const MarkdownDoc& doc) {
    std::vector<std::string> out;
    for (auto& blk : doc.blocks)
        if (blk.kind == MdBlock::Kind::image) out.push_back(blk.image);
    return out;
}

}  // namespace lianxin
